"""考核奖惩 through the pages and services officers use: facts, proposals checked against the statute's grounds,
decisions by the county agency with numbered documents, counts and the escalation duties they raise, meritorious
acts, and the quarterly level review taking effect from the next day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from sqjz.documents.models import Document
from sqjz.enforcement import services
from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.enforcement.selectors import DisciplineCounts, discipline_counts, evidence
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.models import LevelDecision
from sqjz.intake.selectors import level_history
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CorrectionType, Supervisee
from tests.factories import SuperviseeFactory, jpeg

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
TERM = {
    "offence_date": date(2025, 6, 1),
    "judgment_effective_date": date(2026, 1, 15),
    "term_start": date(2026, 1, 15),
    "term_end": date(2028, 1, 14),
}
ENDS = ["2026-04-15", "2026-07-15", "2026-10-15"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def person(world, correction_type=CorrectionType.PROBATION, *, levels=(("2026-01-15", "strict"),)) -> Supervisee:
    authority = world.units["prison" if correction_type == CorrectionType.TEMPORARY_RELEASE else "hongta_court"]
    s = SuperviseeFactory(
        name="奖惩对象",
        correction_type=correction_type,
        temporary_release_ground="serious_illness" if correction_type == CorrectionType.TEMPORARY_RELEASE else "",
        judicial_office=world.units["yuxing"],
        deciding_authority=authority,
        **TERM,
    )
    for day, level in levels:
        LevelDecision.objects.create(
            supervisee=s,
            level=level,
            effective_from=date.fromisoformat(day),
            rule="SUPERVISION_LEVEL",
            articles="社区矫正法第三条",
            reasons="入矫",
            decided_by=world.users["office_officer"],
        )
    return s


def fact(world, s, kind="supervision_breach", severity="minor", **extra) -> Fact:
    return services.fact_record(
        actor=world.users["office_officer"],
        supervisee=s,
        fact=Fact(
            occurred_on=extra.pop("occurred_on", date(2026, 11, 20)),
            kind=kind,
            severity=severity,
            source="observation",
            description="未经批准会见同案人员。",
            **extra,
        ),
    )


def issue(world, s, kind="admonition", facts=None) -> Measure:
    facts = (
        facts if facts is not None else [fact(world, s, severity="minor" if kind == "admonition" else "more_serious")]
    )
    m = services.measure_propose(
        actor=world.users["office_officer"], supervisee=s, kind=kind, fact_ids=[f.pk for f in facts], proposal="建议。"
    )
    return services.measure_decide(actor=world.users["county_officer"], measure_id=m.pk, approve=True, reason="")


def open_kinds(s) -> set[str]:
    return set(InboxItem.objects.filter(supervisee=s, state=InboxItem.State.OPEN).values_list("kind", flat=True))


# ------------------------------------------------------------------------------------------ proposals and decisions


@pytest.mark.django_db
def test_an_admonition_is_proposed_by_the_office_and_decided_by_the_county_with_a_numbered_document(world, login):
    s = person(world)
    f = fact(world, s)
    client = login(world.users["office_officer"])
    response = client.post(
        reverse("enforcement:propose", args=[s.pk]), {"kind": "admonition", "facts": [f.pk], "proposal": "建议训诫。"}
    )
    assert response.status_code == 302, response.content.decode()
    m = Measure.objects.get(supervisee=s)
    assert m.status == "proposed" and m.grounds == ["minor_supervision_breach"]
    assert "实施办法第三十四条" in m.grounds_articles
    assert client.post(reverse("enforcement:decide", args=[m.pk]), {"decision": "approve"}).status_code == 403

    county = login(world.users["county_officer"])
    response = county.post(reverse("enforcement:decide", args=[m.pk]), {"decision": "approve", "reason": "同意。"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.status == "approved" and m.decided_on == TODAY
    assert m.document.kind == Document.Kind.ADMONITION_DECISION and m.document.agency == world.units["hongta_agency"]
    assert m.document.number and m.document.supervisee == s
    page = county.get(reverse("enforcement:case", args=[s.pk])).content.decode()
    assert m.document.number in page and "训诫" in page
    assert discipline_counts(s.pk) == DisciplineCounts(admonitions=1, admonitions_uncorrected=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "fact_kwargs", "article"),
    [
        ("commendation", {"kind": "supervision_breach", "severity": "minor"}, "社区矫正法第二十八条"),
        ("admonition", {"kind": "supervision_breach", "severity": "more_serious"}, "实施办法第三十四条"),
        ("warning", {"kind": "supervision_breach", "severity": "minor"}, "实施办法第三十五条"),
    ],
)
def test_a_proposal_without_a_ground_the_rules_allow_cannot_be_saved(world, login, kind, fact_kwargs, article):
    s = person(world)
    f = fact(world, s, **fact_kwargs)
    response = login(world.users["office_officer"]).post(
        reverse("enforcement:propose", args=[s.pk]), {"kind": kind, "facts": [f.pk], "proposal": "建议。"}
    )
    assert response.status_code == 400
    assert article in response.content.decode()
    assert not Measure.objects.filter(supervisee=s).exists()


@pytest.mark.django_db
def test_only_the_county_agency_decides_as_the_rule_says(world):
    s = person(world)
    m = services.measure_propose(
        actor=world.users["office_officer"], supervisee=s, kind="admonition", fact_ids=[fact(world, s).pk], proposal="x"
    )
    with pytest.raises(services.EnforcementError, match="县级社区矫正机构决定"):
        services.measure_decide(actor=world.users["office_officer"], measure_id=m.pk, approve=True, reason="")
    with pytest.raises(services.EnforcementError, match="司法所"):
        services.measure_propose(
            actor=world.users["county_officer"], supervisee=s, kind="warning", fact_ids=[], proposal="x"
        )
    refused = services.measure_decide(
        actor=world.users["county_head"], measure_id=m.pk, approve=False, reason="事实不清"
    )
    assert refused.status == "refused" and refused.document is None


@pytest.mark.django_db
def test_a_refusal_needs_a_reason_and_a_decision_is_taken_once(world):
    s = person(world)
    m = services.measure_propose(
        actor=world.users["office_officer"], supervisee=s, kind="admonition", fact_ids=[fact(world, s).pk], proposal="x"
    )
    with pytest.raises(services.EnforcementError, match="理由"):
        services.measure_decide(actor=world.users["county_officer"], measure_id=m.pk, approve=False, reason=" ")
    services.measure_decide(actor=world.users["county_officer"], measure_id=m.pk, approve=True, reason="")
    with pytest.raises(services.EnforcementError, match="不能重复决定"):
        services.measure_decide(actor=world.users["county_head"], measure_id=m.pk, approve=True, reason="")


@pytest.mark.django_db
def test_prohibition_orders_and_re_examination_reports_are_refused_for_the_wrong_type(world, login):
    parolee = person(world, CorrectionType.PAROLE)
    response = login(world.users["office_officer"]).post(
        reverse("enforcement:fact", args=[parolee.pk]),
        {
            "occurred_on": "2026-11-20",
            "kind": "prohibition_breach",
            "severity": "minor",
            "source": "observation",
            "description": "进入酒吧。",
        },
    )
    assert response.status_code == 400 and "禁止令只适用于管制、缓刑对象" in response.content.decode()
    with pytest.raises(services.EnforcementError, match="病情复查"):
        fact(world, parolee, kind="reexamination_missed", severity="")


@pytest.mark.django_db
def test_a_fact_keeps_re_encoded_photos_and_the_service_date_is_recorded(world, login):
    s = person(world)
    client = login(world.users["office_officer"])
    photo = jpeg()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("enforcement:fact", args=[s.pk]),
        {
            "occurred_on": "2026-11-20",
            "kind": "supervision_breach",
            "severity": "minor",
            "source": "report",
            "description": "邻居反映夜不归宿。",
            "photos": [SimpleUploadedFile("a.jpg", photo, content_type="image/jpeg")],
        },
    )
    assert response.status_code == 302, response.content.decode()
    f = Fact.objects.get(supervisee=s)
    assert len(f.attachments) == 1
    assert client.get(reverse("enforcement:attachment", args=[f.pk, 1])).status_code == 200
    m = issue(world, s, facts=[f])
    assert client.post(reverse("enforcement:serve", args=[m.pk]), {"served_on": "2026-11-26"}).status_code == 400
    assert client.post(reverse("enforcement:serve", args=[m.pk]), {"served_on": "2026-11-27"}).status_code == 302
    m.refresh_from_db()
    assert m.served_on == TODAY


# ---------------------------------------------------------------------------------------------- counts, escalation


@pytest.mark.django_db
def test_two_admonitions_not_corrected_raise_the_warning_ground_for_the_office(world):
    s = person(world)
    issue(world, s)
    assert "enforcement_warning_ground" not in open_kinds(s)
    second = issue(world, s)
    inbox_refresh(area="enforcement", ids=[s.pk])
    assert "enforcement_warning_ground" in open_kinds(s)
    item = InboxItem.objects.get(supervisee=s, kind="enforcement_warning_ground")
    assert item.actor_unit_id == world.units["yuxing"].pk
    # the warning on that ground can now be proposed on the counts alone
    w = services.measure_propose(
        actor=world.users["office_officer"], supervisee=s, kind="warning", fact_ids=[], proposal="两次训诫仍不改正。"
    )
    assert w.grounds == ["admonitions_uncorrected"]
    assert "enforcement_warning_ground" not in open_kinds(s)
    services.measure_correct(
        actor=world.users["office_officer"], measure_id=second.pk, corrected_on=TODAY, finding="已改正"
    )
    assert discipline_counts(s.pk).admonitions_uncorrected == 1


@pytest.mark.django_db
def test_two_warnings_not_corrected_raise_the_revocation_ground_for_the_county_and_show_it(world, login):
    s = person(world)
    issue(world, s, "warning")
    issue(world, s, "warning")
    kinds = open_kinds(s)
    assert "enforcement_revocation_ground" in kinds
    item = InboxItem.objects.get(supervisee=s, kind="enforcement_revocation_ground")
    assert item.actor_unit_id == world.units["hongta_agency"].pk
    page = login(world.users["procurator"]).get(reverse("enforcement:case", args=[s.pk])).content.decode()
    assert "最高法解释第五百四十三条" in page and "提出纠正意见" in page
    assert discipline_counts(s.pk) == DisciplineCounts(warnings=2, warnings_uncorrected=2)
    assert [e.source for e in evidence(s.pk)].count("县级社区矫正机构决定") == 2


@pytest.mark.django_db
def test_a_meritorious_act_counts_once_the_county_confirms_it(world):
    s = person(world)
    f = fact(world, s, kind="meritorious", severity="", merit="brave")
    assert discipline_counts(s.pk).meritorious_acts == 0
    with pytest.raises(services.EnforcementError):
        services.merit_confirm(actor=world.users["office_officer"], fact_id=f.pk)
    services.merit_confirm(actor=world.users["county_head"], fact_id=f.pk)
    assert discipline_counts(s.pk).meritorious_acts == 1
    m = services.measure_propose(
        actor=world.users["office_officer"], supervisee=s, kind="commendation", fact_ids=[f.pk], proposal="见义勇为。"
    )
    assert m.grounds == ["meritorious_act"]


# ------------------------------------------------------------------------------------------------ the level review


def grade(client, s, grades):
    for end, g in zip(ENDS, grades, strict=False):
        response = client.post(
            reverse("assessment:record", args=[s.pk]),
            {
                "period_end": end,
                "grade": g,
                "law_abiding": "守法。",
                "compliance": "服从。",
                "education": "参加。",
                "community_service": "参加。",
                "assessed_on": "2026-11-20",
            },
        )
        assert response.status_code == 302, response.content.decode()


@pytest.mark.django_db
def test_two_good_quarters_give_a_commendation_to_do_and_a_pre_filled_proposal(world, login):
    s = person(world, levels=(("2026-01-15", "strict"), ("2026-03-15", "ordinary")))
    client = login(world.users["office_officer"])
    grade(client, s, ["pass", "good", "good"])  # the grade refreshes every area's duties about the person
    assert {"enforcement_commendation_due", "enforcement_level_review"} <= open_kinds(s)
    page = client.get(reverse("enforcement:case", args=[s.pk])).content.decode()
    latest = s.assessments.order_by("-period_end").first()
    assert f'value="a{latest.pk}"' in page
    response = client.post(
        reverse("enforcement:propose", args=[s.pk]),
        {"kind": "commendation", "facts": [f"a{latest.pk}"], "proposal": "连续两次良好。"},
    )
    assert response.status_code == 302, response.content.decode()
    m = Measure.objects.get(supervisee=s)
    assert m.grounds == ["assessment_excellent"]
    assert "enforcement_commendation_due" not in open_kinds(s)


@pytest.mark.django_db
def test_the_county_steps_the_level_down_from_the_next_day_and_check_ins_become_weekly(world, login):
    s = person(world, levels=(("2026-01-15", "strict"), ("2026-03-15", "ordinary")))
    office = login(world.users["office_officer"])
    grade(office, s, ["pass", "good", "good"])
    assert office.post(reverse("enforcement:level_propose", args=[s.pk])).status_code == 302
    review = LevelReview.objects.get(supervisee=s)
    assert (review.current_level, review.proposed_level) == ("ordinary", "lenient")
    county = login(world.users["county_head"])
    assert (
        county.post(reverse("enforcement:level_decide", args=[review.pk]), {"decision": "approve"}).status_code == 302
    )
    tomorrow = TODAY + timedelta(days=1)
    assert s.levels.first().level == "lenient" and s.levels.first().effective_from == tomorrow
    levels = level_history(Supervisee.objects.filter(pk=s.pk))[s.pk]
    missed = RULES["CHECKIN_MISSED"]
    # today (普管) a day without a check-in is missed; from tomorrow (宽管) a check-in is due once in 7 days
    assert missed(statute_context(), since=TODAY, today=tomorrow, levels=levels, checkin_days=[]).outcome is not None
    assert (
        missed(
            statute_context(), since=tomorrow, today=tomorrow + timedelta(days=6), levels=levels, checkin_days=[]
        ).outcome
        is None
    )


@pytest.mark.django_db
def test_an_unreadable_photo_is_refused_by_name_and_nothing_is_kept(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    s = person(world)
    response = login(world.users["office_officer"]).post(
        reverse("enforcement:fact", args=[s.pk]),
        {
            "occurred_on": "2026-11-20",
            "kind": "outstanding",
            "source": "observation",
            "description": "主动参加抗洪抢险。",
            "photos": [
                SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg"),
                SimpleUploadedFile("b.jpg", b"not a photo", content_type="image/jpeg"),
            ],
        },
    )
    assert response.status_code == 400
    assert "第2张证据照片" in response.content.decode()
    assert not Fact.objects.filter(supervisee=s).exists()
