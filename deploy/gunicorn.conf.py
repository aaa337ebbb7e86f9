"""gunicorn's settings for sqjz, used by scripts/demo.sh and in production (decision 0015):

    gunicorn -c deploy/gunicorn.conf.py sqjz.wsgi --bind 127.0.0.1:8000 --workers 4 --threads 4 --timeout 60

The access log names the path only: searches carry names, identity and phone numbers in their query strings
(/supervisees/?q=…), and so does the Referer of the page after a search; neither is ever written. Logs go to
standard output and error, which systemd's journal (or the demo's terminal) keeps.
"""

from gunicorn.glogging import Logger

accesslog = "-"
errorlog = "-"
# remote address, time, method, path without the query string (%(U)s), protocol, status, bytes, milliseconds.
# Never %(r)s or %(q)s (the query string), %(f)s (the Referer) or %({...}i)s of request headers that carry them.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


class PathOnlyLogger(Logger):
    """When a request fails outside Django, gunicorn's error log names its URI, query string included ("Error handling
    request GET /supervisees/?q=…"): the error log keeps the path only."""

    def exception(self, msg, *args, **kwargs):
        super().exception(msg, *(_path_only(arg) for arg in args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(msg, *(_path_only(arg) for arg in args), **kwargs)


def _path_only(arg):
    return arg.split("?", 1)[0] if isinstance(arg, str) else arg


logger_class = PathOnlyLogger
