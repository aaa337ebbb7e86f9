"""The health check load balancers and monitoring poll: no login, JSON, 503 when the database is down."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from sqjz.core import views


def test_health_check_reports_the_database_as_reachable(client, db):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": {"backend": connection.vendor, "reachable": True}}


def test_health_check_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", unreachable)
    response = client.get(reverse("core:healthz"))
    monkeypatch.undo()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["backend"] == connection.vendor
    assert body["database"]["reachable"] is False
    assert "connection refused" not in response.content.decode()  # no internals for anonymous callers


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_health_check_only_answers_get(client, db, method):
    assert getattr(client, method)(reverse("core:healthz")).status_code == 405
