"""PostgreSQL: with the grants of `manage.py audit_grants`, the application role appends to the access log but can
neither change nor delete nor truncate it (docs/security/postgresql-grants.md)."""

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import ProgrammingError, connection, transaction
from django.test import RequestFactory

from sqjz.audit.models import AccessLog, ChainHead
from sqjz.audit.services import access_log_verify, access_log_write
from sqjz.supervisees.models import Supervisee

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL privileges")


def _write(world) -> int:
    request = RequestFactory().get("/supervisees/", REMOTE_ADDR="10.1.2.3")
    return access_log_write(
        actor=world.users["office_officer"], action="view", supervisee_ids=[world.people["A"].pk], request=request
    )


def _refused(statement) -> None:
    with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
        statement()


@pytest.fixture
def app_role(db):
    """A fresh role (role names are cluster-wide: unique per run); the test's transaction rolls it back."""
    role = f"sqjz_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
    return role


@postgresql_only
def test_application_role_appends_to_the_log_but_cannot_change_delete_or_truncate_it(world, app_role):
    _write(world)
    ChainHead.objects.get_or_create(pk=1)  # the migration made it; a flush by an earlier test may have removed it
    call_command("audit_grants", app_role, "--apply", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role}")
    try:
        assert _write(world) == 1  # INSERT on the log, UPDATE on the head
        _refused(lambda: AccessLog.objects.filter(seq=1).update(ip_address="203.0.113.66"))
        _refused(lambda: AccessLog.objects.filter(seq=1).delete())
        _refused(lambda: connection.cursor().execute("TRUNCATE audit_accesslog"))
        _refused(lambda: ChainHead.objects.all().delete())
        _refused(lambda: ChainHead.objects.create(pk=2))
        Supervisee.objects.filter(pk=world.people["A"].pk).update(occupation="个体经营")  # ordinary records: as before
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert access_log_verify() == (2, None)


@postgresql_only
def test_grants_are_refused_for_a_superuser(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        me = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="超级用户"):
        call_command("audit_grants", me, "--apply", stdout=StringIO())


@postgresql_only
def test_grants_are_refused_for_a_role_that_does_not_exist(db):
    with pytest.raises(CommandError, match="不存在"):
        call_command("audit_grants", "no_such_role_here", "--apply", stdout=StringIO())


def test_grants_are_printed_naming_the_log_insert_only(db):
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="只适用于 PostgreSQL"):
            call_command("audit_grants", "sqjz_app", stdout=StringIO())
        return
    out = StringIO()
    call_command("audit_grants", "sqjz_app", stdout=out)
    assert 'GRANT SELECT, INSERT ON audit_accesslog TO "sqjz_app"' in out.getvalue()
    assert 'GRANT SELECT, UPDATE ON audit_chainhead TO "sqjz_app"' in out.getvalue()
