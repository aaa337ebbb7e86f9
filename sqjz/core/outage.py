"""The database unavailable: PostgreSQL restarting or refusing connections, SQLite locked past its busy timeout.
Every request then fails fast with 503 and Retry-After — a Chinese page, JSON under /api/ — instead of a 500 with a
traceback; nothing was saved and the person can send the form again. Django closes the broken connection when the
request finishes (CONN_HEALTH_CHECKS), so the next request reconnects by itself once the database is back.

Three doors, one answer: `DatabaseUnavailableMiddleware` for errors a view raises; `server_error` (handler500) for
errors raised in a middleware (loading the session or the user), which Django turns into the 500 handler's response
before any middleware could see them; and `bad_request` (handler400), because the session store turns a database
error while saving the session into "session interrupted", a 400. Each looks through the chain of exceptions."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.views import defaults

from sqjz.core.middleware import refusal

logger = logging.getLogger(__name__)

# Long enough for PostgreSQL to restart or a writer to let go of SQLite; short enough for a person to wait.
RETRY_AFTER_SECONDS = 10
MESSAGE = "数据库暂时无法访问，请稍后重试。"
# SQLite reports mistakes in the code as OperationalError too: those are bugs (500), not an outage.
_SQLITE_CODE_ERRORS = ("no such table", "no such column", "syntax error", "has no column")


def database_unavailable(exception: BaseException | None) -> bool:
    """The exception, or one it was raised in handling, says the database cannot be reached."""
    for _ in range(5):
        if isinstance(exception, InterfaceError):
            return True
        if isinstance(exception, OperationalError):
            return not any(text in str(exception) for text in _SQLITE_CODE_ERRORS)
        if exception is None:
            return False
        exception = exception.__cause__ or exception.__context__
    return False


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """Rendered without the database: no session, no menu, no context processors."""
    advice = (
        f"您刚才的操作未能完成，已填写的内容未保存；请在约{RETRY_AFTER_SECONDS}秒后重新提交。"
        "如长时间无法使用，请联系系统管理员。"
    )
    response = refusal(request, 503, "系统暂时无法使用", MESSAGE, advice)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unavailable(exception):
            return None
        logger.warning("database unavailable: %s %s: %s", request.method, request.path, exception)
        return unavailable_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a session that could not be saved because the database is unavailable is an outage."""
    if database_unavailable(exception):
        return unavailable_response(request)
    return defaults.bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it inside the `except` that caught the error, so sys.exc_info() names it."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request)
