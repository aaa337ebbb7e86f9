"""The supervisee's timeline: every step of the course in one list, with who and when, filterable by kind,
built with a fixed number of queries."""

from datetime import date, datetime, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sqjz.intake.models import LevelDecision, TeamMember
from sqjz.investigation.models import Investigation
from sqjz.oversight.models import CorrectionOpinion
from sqjz.supervisees.services import identity_index
from sqjz.supervision.models import AppEnrolment, CheckIn, ElectronicMonitoring, TravelLeave
from sqjz.timeline.registry import kinds, timeline_for

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


@time_machine.travel(TODAY)
def test_every_area_contributes_its_steps_to_the_timeline(world):
    """Travel, check-ins (one event a day), grades, monitoring, screenings and opinions, each from its own area."""
    a = world.people["A"]
    officer, head = world.users["office_officer"], world.users["county_head"]
    leave = TravelLeave.objects.create(
        supervisee=a,
        purpose="medical",
        reason="就医",
        destination="昆明市",
        start=date(2026, 11, 10),
        days=3,
        applied_on=date(2026, 11, 8),
        evidence="诊断证明",
        level="judicial_office",
        level_reasons="",
        lead_time_note="",
        status="returned",
        decided_by=officer,
        decided_at=timezone.now() - timedelta(days=18),
        returned_on=date(2026, 11, 12),
        recorded_by=officer,
    )
    AppEnrolment.objects.create(supervisee=a, enrolled_on=date(2026, 11, 1), enrolled_by=officer)
    for day, hour in ((25, 8), (25, 15), (26, 9)):
        CheckIn.objects.create(
            supervisee=a,
            checked_at=timezone.make_aware(datetime(2026, 11, day, hour)),
            checked_on=date(2026, 11, day),
            latitude=24.35,
            longitude=102.54,
            photo="x.jpg",
            photo_sha256="0" * 64,
            idempotency_key=f"key-{day}-{hour}",
        )
    ElectronicMonitoring.objects.create(
        supervisee=a,
        grounds=["left_without_approval"],
        facts="擅自离开",
        start=date(2026, 11, 20),
        months=1,
        end=date(2026, 12, 20),
        status="active",
        proposed_by=officer,
        decided_by=head,
        decided_at=timezone.now(),
    )
    CorrectionOpinion.objects.create(
        procuratorate=world.units["hongta_procuratorate"],
        issued_by=world.users["procurator"],
        kind="written",
        addressed_to=world.units["hongta_agency"],
        supervisee=a,
        matter="leave",
        facts="外出审批未附材料",
        opinion="请补齐",
        issued_on=date(2026, 11, 26),
        reply_by=date(2026, 12, 6),
        reply_due=date(2026, 12, 6),
    )
    titles = {e.title: e.kind for e in timeline_for(a)}
    assert titles["申请外出：昆明市3日（就医）"] == "travel"
    assert titles["司法所（受委托）批准外出：昆明市3日（就医）"] == "travel"
    assert titles["外出返回销假：昆明市"] == "travel"
    assert titles["开通手机签到"] == "checkin"
    assert titles["手机签到2次"] == "checkin" and "手机签到1次" in titles  # one event per day
    assert titles["提请使用电子定位装置（1个月）"] == "monitoring" and "批准使用电子定位装置" in titles
    assert titles["红塔区人民检察院提出书面纠正意见（外出、执行地变更审批）"] == "opinion"
    assert leave.pk


def test_the_timeline_kinds_follow_the_paperwork():
    codes = list(kinds())
    assert codes[:3] == ["investigation", "register", "handover"]
    assert codes.index("travel") < codes.index("document") < codes.index("closing") == len(codes) - 1
