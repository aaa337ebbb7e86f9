"""gunicorn's settings for sqjz, used by scripts/demo.sh and in production (decision 0015):

    gunicorn -c deploy/gunicorn.conf.py sqjz.wsgi --bind 127.0.0.1:8000 --timeout 60

Workers and threads follow the database (DATABASE_URL, as sqjz.settings reads it); --workers and --threads on the
command line override them.

The access log names the path only: searches carry names, identity and phone numbers in their query strings
(/supervisees/?q=…), and so does the Referer of the page after a search; neither is ever written. Logs go to
standard output and error, which systemd's journal (or the demo's terminal) keeps.
"""

import os

from gunicorn.glogging import Logger

# Measured with bench/checkin_load.py (bench/RESULTS.md, 2026-11-30, 2 cores, two runs each, load average 4-8):
# - SQLite: threads only queue behind the one write lock and the GIL; processes serve. 2×1 gave 142-151 check-ins/s
#   (p99 99-107 ms), 2×4 177-238/s (p99 118-258 ms), 4×2 221/s (p99 117-157 ms), 4×1 206/s (p99 100 ms). So two
#   processes per core, one thread each.
# - PostgreSQL: a request waits on the database server's round trips, so threads pay: 2×1 gave 61/s, 2×4 135-169/s
#   (p99 169-203 ms), 4×2 101-122/s (more processes, more connections, more CPU per check-in), 4×4 162/s. So one
#   process per core, four threads each.
# Each worker holds about 150 MB resident after a run (the bare Django project: 45 MB).
_cores = os.cpu_count() or 1
if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    workers, threads = _cores, 4
else:
    workers, threads = 2 * _cores, 1

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
