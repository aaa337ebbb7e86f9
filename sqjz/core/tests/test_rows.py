"""rows_update writes the named fields of many rows and nothing else; pg_execute sends array literals apart from the
statement (PostgreSQL)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from sqjz.core.rows import pg_array, pg_execute, rows_update
from sqjz.organisation.models import Division


@pytest.mark.django_db
def test_rows_update_writes_the_named_fields_of_each_row_only():
    top = Division.objects.create(code="990000", name="甲市", level=Division.Level.CITY)
    a = Division.objects.create(code="990101", name="乙区", level=Division.Level.COUNTY, parent=top)
    b = Division.objects.create(code="990102", name="丙县", level=Division.Level.COUNTY, parent=top)
    a.name, a.parent_id, a.code = "乙区（新）", None, "SHOULD-NOT"  # code is not among the fields written
    b.name = "丙县（新）"
    assert rows_update([a, b], ["name", "parent_id"]) == 2
    rows = dict(Division.objects.filter(pk__in=[a.pk, b.pk]).values_list("code", "name"))
    assert rows == {"990101": "乙区（新）", "990102": "丙县（新）"}
    assert Division.objects.get(code="990101").parent_id is None
    assert Division.objects.get(code="990102").parent_id == top.pk
    assert rows_update([], ["name"]) == 0


@pytest.mark.django_db
def test_rows_update_adapts_datetimes_and_text_keys():
    later = datetime(2031, 1, 2, 3, 4, 5, tzinfo=UTC)
    s = Session.objects.create(session_key="k" * 32, session_data="x", expire_date=later - timedelta(days=1))
    s.expire_date = later
    rows_update([s], ["expire_date"])
    assert Session.objects.get(pk=s.pk).expire_date == later


def test_pg_array_writes_literals():
    assert pg_array([1, None, 3]) == "{1,NULL,3}"
    assert pg_array([True, False], lambda b: "t" if b else "f") == "{t,f}"
    assert pg_array([]) == "{}"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_pg_execute_binds_array_literals_on_the_server():
    top = Division.objects.create(code="990000", name="甲市", level=Division.Level.CITY)
    pg_execute(
        "UPDATE organisation_division AS d SET name = v.name FROM unnest(%s::bigint[], %s::text[]) AS v(id, name) "
        "WHERE d.id = v.id",
        [pg_array([top.pk]), pg_array(["丁市"])],
    )
    assert Division.objects.get(pk=top.pk).name == "丁市"
