"""When the database cannot be reached (PostgreSQL restarting, connection refused, SQLite locked past the busy
timeout), every request fails fast with 503 and Retry-After — a Chinese page, JSON under /api/ — never a 500 with a
traceback; a programming error stays a 500. The drills in tests/test_drills.py cut a real database; here the driver's
own exception is raised from every query of the request (the session, the user, the view) by an execute wrapper."""

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError, connection
from django.test import Client
from django.urls import reverse

from sqjz.core.outage import RETRY_AFTER_SECONDS
from sqjz.settings import _database


def failing(exception):
    def wrapper(execute, sql, params, many, context):
        raise exception

    return wrapper


@pytest.fixture
def signed_in(world):
    """A signed-in officer whose client returns 5xx responses instead of raising (as a real server does)."""
    client = Client(raise_request_exception=False)
    client.force_login(world.users["office_officer"], backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(
    "exception",
    [
        OperationalError("database is locked"),
        OperationalError("connection failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_page_answers_503_with_retry_after_when_the_database_is_unavailable(signed_in, exception):
    with connection.execute_wrapper(failing(exception)):
        response = signed_in.get(reverse("supervisees:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "数据库暂时无法访问" in body and "Traceback" not in body and str(exception) not in body


def test_the_api_answers_503_with_json_when_the_database_is_unavailable(signed_in):
    with connection.execute_wrapper(failing(OperationalError("database is locked"))):
        response = signed_in.get(reverse("api:list_supervisees"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": "数据库暂时无法访问，请稍后重试。"}


def test_a_write_answers_503(signed_in, world):
    url = reverse("supervision:spot_check", args=[world.people["A"].pk])
    with connection.execute_wrapper(failing(OperationalError("server closed the connection unexpectedly"))):
        response = signed_in.post(url)
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_an_anonymous_request_answers_503_too(db):
    with connection.execute_wrapper(failing(OperationalError("database is locked"))):
        response = Client(raise_request_exception=False).post(
            reverse("accounts:login"), {"username": "lina", "password": "x"}
        )
    assert response.status_code == 503


def test_the_next_request_succeeds_when_the_database_is_back(signed_in):
    with connection.execute_wrapper(failing(OperationalError("database is locked"))):
        assert signed_in.get(reverse("supervisees:list")).status_code == 503
    assert signed_in.get(reverse("supervisees:list")).status_code == 200


def test_a_programming_error_is_still_a_500(signed_in):
    with connection.execute_wrapper(failing(ProgrammingError("column does not exist"))):
        response = signed_in.get(reverse("supervisees:list"))
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_sqlite_schema_errors_are_not_taken_for_an_outage(signed_in):
    with connection.execute_wrapper(failing(OperationalError("no such table: supervisees_supervisee"))):
        assert signed_in.get(reverse("supervisees:list")).status_code == 500


def test_postgresql_gives_up_connecting_after_a_few_seconds():
    config = _database("postgres://postgres@127.0.0.1:5432/sqjz")
    assert 1 <= config["OPTIONS"]["connect_timeout"] <= 5


def test_sqlite_busy_timeout_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SQJZ_DB_BUSY_TIMEOUT", "2")
    config = _database("sqlite:////tmp/x.sqlite3")
    assert config["OPTIONS"]["timeout"] == 2 and "busy_timeout=2000;" in config["OPTIONS"]["init_command"]


def test_a_session_that_cannot_be_saved_answers_503_not_400(signed_in):
    """Only the session's save fails (SQLite locked as the response goes out): Django's session store turns the
    database error into "session interrupted", a 400; it is an outage, not a bad request."""

    def session_update_fails(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE") and "django_session" in sql:
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(session_update_fails):
        response = signed_in.get(reverse("supervisees:list"))
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)
