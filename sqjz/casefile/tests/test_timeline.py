"""The supervisee's timeline: every step of the course in one list, with who and when, filterable by kind,
built with a fixed number of queries."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.casefile.timeline import timeline_for
from sqjz.intake.models import LevelDecision, TeamMember
from sqjz.investigation.models import Investigation
from sqjz.supervisees.services import identity_index

TODAY = date(2026, 11, 27)


@time_machine.travel(TODAY)
def test_timeline_joins_the_investigation_intake_and_registration(world, login):
    a = world.people["A"]
    inv = world.investigation
    Investigation.objects.filter(pk=inv.pk).update(id_number_index=identity_index(a.id_number), status="closed")
    officer = world.users["office_officer"]
    LevelDecision.objects.create(
        supervisee=a,
        level="strict",
        effective_from=date(2026, 11, 26),
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons="入矫不满2个月",
        decided_by=officer,
    )
    member = TeamMember(supervisee=a, kind="office", name="李强", gender="male", organisation="司法所", duties="监督")
    member._history_user = officer
    member.save()
    events = timeline_for(a)
    titles = [e.title for e in events]
    assert "收到红塔区人民法院委托调查评估" in titles
    assert "管理等级：严管" in titles
    assert "李强（司法所（社区矫正机构）工作人员）加入矫正小组" in titles
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert {e.kind for e in timeline_for(a, "level")} == {"level"}
    page = login(officer).get(reverse("supervisees:detail", args=[a.pk])).content.decode()
    assert 'data-kind="investigation"' in page and "加入矫正小组" in page


@time_machine.travel(TODAY)
def test_timeline_query_count_does_not_grow_with_the_events(world):
    a = world.people["A"]
    officer = world.users["office_officer"]

    def add_levels(n):
        for _ in range(n):
            LevelDecision.objects.create(
                supervisee=a,
                level="strict",
                effective_from=TODAY,
                rule="SUPERVISION_LEVEL",
                articles="",
                reasons="",
                decided_by=officer,
            )

    add_levels(1)
    with CaptureQueriesContext(connection) as small:
        timeline_for(a)
    add_levels(30)
    with CaptureQueriesContext(connection) as big:
        assert len(timeline_for(a, "level")) == 31
    assert len(big.captured_queries) == len(small.captured_queries)
