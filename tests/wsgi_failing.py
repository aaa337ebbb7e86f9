"""A WSGI application that fails outside Django, where gunicorn itself logs the request (tests/test_logs.py)."""


def application(environ, start_response):
    raise RuntimeError("failed outside Django")
