"""The quarterly assessment through the pages officers use: periods from the start of the term, grades recorded
in order once each period has ended, and the consequences of all grades so far (the city's policy 二(一))."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.assessment.models import QuarterlyAssessment
from sqjz.assessment.selectors import assessment_periods
from sqjz.audit.models import AccessLog
from sqjz.rulebook.selectors import statute_context
from sqjz.supervisees.models import CorrectionType, Status, Supervisee
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 27)
# A term from 15 January 2026: assessment days 15 April, 15 July, 15 October (ended by TODAY), 15 January 2027.
TERM = {
    "offence_date": date(2025, 6, 1),
    "judgment_effective_date": date(2026, 1, 15),
    "term_start": date(2026, 1, 15),
    "term_end": date(2028, 1, 14),
}
ENDS = ["2026-04-15", "2026-07-15", "2026-10-15"]
NEXT_END = "2027-01-15"


def person(world, correction_type=CorrectionType.PROBATION, office="yuxing", **overrides) -> Supervisee:
    authority = world.units["prison" if correction_type == CorrectionType.TEMPORARY_RELEASE else "hongta_court"]
    return SuperviseeFactory(
        name=overrides.pop("name", "考核对象"),
        correction_type=correction_type,
        temporary_release_ground="serious_illness" if correction_type == CorrectionType.TEMPORARY_RELEASE else "",
        judicial_office=world.units[office],
        deciding_authority=authority,
        **{**TERM, **overrides},
    )


def data(period_end: str, grade: str = "pass", **overrides) -> dict:
    fields = {
        "period_end": period_end,
        "grade": grade,
        "law_abiding": "遵守法律法规和禁止令，无违法行为。",
        "compliance": "按时报到、报告，外出均经批准。",
        "education": "按时参加集中教育和个别教育。",
        "community_service": "每月参加社区公益活动。",
        "evaluator_views": "荷花社区评议员：表现稳定。",
        "assessed_on": "2026-11-20",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def case_url(p: Supervisee) -> str:
    return reverse("assessment:case", args=[p.pk])


def record(client, p: Supervisee, period_end: str, grade: str = "pass", **overrides):
    return client.post(reverse("assessment:record", args=[p.pk]), data(period_end, grade, **overrides))


def grade_all(client, p: Supervisee, grades: list[str], **last_overrides):
    for i, grade in enumerate(grades):
        extra = last_overrides if i == len(grades) - 1 else {}
        response = record(client, p, ENDS[i], grade, **extra)
        assert response.status_code == 302, response.content.decode()


def fix_world_terms(world) -> None:
    """The world is built on the real date; give its people a term whose first assessment day is 1 December
    2026 (within the look-ahead at TODAY, not yet due)."""
    Supervisee.objects.filter(pk__in=[p.pk for p in world.people.values() if p.status != Status.DISCHARGED]).update(
        offence_date=date(2026, 1, 1),
        judgment_effective_date=date(2026, 9, 1),
        term_start=date(2026, 9, 1),
        term_end=date(2028, 8, 31),
    )


# --- periods ---------------------------------------------------------------------------------------------------


def test_periods_run_from_the_start_of_the_term_and_stop_at_its_end(db):
    ctx = statute_context()
    periods = assessment_periods(ctx, term_start=date(2026, 8, 31), term_end=date(2027, 6, 15), until=date(2028, 1, 1))
    assert [(p.number, p.start, p.end) for p in periods] == [
        (1, date(2026, 8, 31), date(2026, 11, 30)),
        (2, date(2026, 11, 30), date(2027, 2, 28)),
        (3, date(2027, 2, 28), date(2027, 5, 31)),  # from the start itself: no drift after February
    ]
    assert (
        assessment_periods(ctx, term_start=date(2026, 8, 31), term_end=date(2027, 6, 15), until=date(2026, 11, 29))
        == []
    )


# --- recording through the pages -------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_the_page_lists_the_ended_periods_and_offers_the_first_one_to_assess(world, login):
    p = person(world)
    client = login(world.users["office_officer"])
    response = client.get(case_url(p))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("待考核") >= 3 and "已逾期 226 天" in html and "已逾期 43 天" in html
    assert f'<option value="{ENDS[0]}" selected>' in html
    assert "2027年1月15日" not in html  # not yet ended: the next assessment day is shown only once period 3 is done
    assert AccessLog.objects.filter(actor=world.users["office_officer"], supervisee=p, action="view").count() == 1


@time_machine.travel(TODAY)
def test_two_consecutive_goods_make_the_person_excellent_and_require_a_commendation(world, login):
    p = person(world)
    officer = world.users["office_officer"]
    client = login(officer)
    first = record(client, p, ENDS[0], "good")
    assert first.status_code == 302 and first.url == case_url(p)
    after_one = client.get(case_url(p)).content.decode()
    assert "本期考核后不产生表扬或情节严重的后果" in after_one
    assert f'<option value="{ENDS[1]}" selected>' in after_one
    assert record(client, p, ENDS[1], "good").status_code == 302
    a = QuarterlyAssessment.objects.get(supervisee=p, period_end=date(2026, 7, 15))
    assert a.period_number == 2 and a.period_start == date(2026, 4, 15) and a.assessed_by == officer
    assert a.consequence == {
        "excellent": True,
        "commendation": "required",
        "serious_circumstances_possible": False,
        "proposal": None,
    }
    assert a.consequence_rule == "QUARTERLY_GRADE_CONSEQUENCES"
    assert [g["grade"] for g in a.consequence_facts["grades"]] == ["good", "good"]
    assert "玉溪市进一步加强社区矫正工作的实施意见二(一)" in a.consequence_articles
    assert a.history.get().history_user == officer
    html = client.get(case_url(p)).content.decode()
    assert "认定为优秀，应当给予表扬" in html and "由县级社区矫正机构决定表扬" in html
    assert "季度考核等次的奖惩后果" in html and "社区矫正法第二十八条" in html  # the rule by its title
    assert "2026年7月15日" in html and "最近连续两次考核为良好" in html


@time_machine.travel(TODAY)
def test_one_good_with_outstanding_education_is_excellent(world, login):
    p = person(world, CorrectionType.PAROLE)
    client = login(world.users["office_officer"])
    grade_all(client, p, ["pass", "good"], outstanding_education="on")
    a = QuarterlyAssessment.objects.get(supervisee=p, period_number=2)
    assert a.consequence["excellent"] and a.consequence["commendation"] == "required"
    assert "最近一次考核为良好，且接受教育表现突出" in a.consequence_reasons


@time_machine.travel(TODAY)
def test_two_goods_that_are_not_consecutive_allow_a_commendation(world, login):
    p = person(world, CorrectionType.PAROLE)
    client = login(world.users["office_officer"])
    grade_all(client, p, ["good", "pass", "good"])
    a = QuarterlyAssessment.objects.get(supervisee=p, period_number=3)
    assert a.consequence == {
        "excellent": False,
        "commendation": "possible",
        "serious_circumstances_possible": False,
        "proposal": None,
    }
    assert "可以给予表扬" in client.get(case_url(p)).content.decode()


@pytest.mark.parametrize(
    ("correction_type", "proposal", "article", "words"),
    [
        (CorrectionType.PROBATION, "撤销缓刑建议", "社区矫正法第四十六条", "应当依法提请撤销缓刑"),
        (CorrectionType.PAROLE, "撤销假释建议", "社区矫正法第四十六条", "应当依法提请撤销假释"),
        (CorrectionType.TEMPORARY_RELEASE, "收监执行建议", "社区矫正法第四十九条", "应当依法提请收监执行"),
        (CorrectionType.CONTROL, None, None, "管制对象不适用撤销缓刑、假释或收监执行"),
    ],
)
@time_machine.travel(TODAY)
def test_two_fails_not_corrected_may_be_serious_circumstances(world, login, correction_type, proposal, article, words):
    p = person(world, correction_type)
    client = login(world.users["office_officer"])
    grade_all(client, p, ["fail", "pass", "fail"])
    a = QuarterlyAssessment.objects.get(supervisee=p, period_number=3)
    assert a.consequence["serious_circumstances_possible"] and a.consequence["proposal"] == proposal
    html = client.get(case_url(p)).content.decode()
    assert words in html and "可以认定为情节严重" in html
    if article:
        assert article in a.consequence_articles and article in html
        assert f"社区矫正决定机关（{p.deciding_authority.name}）" in html


@time_machine.travel(TODAY)
def test_two_fails_corrected_are_not_serious_circumstances(world, login):
    p = person(world)
    client = login(world.users["office_officer"])
    grade_all(client, p, ["fail", "fail", "pass"], corrected_after_fails="on")
    a = QuarterlyAssessment.objects.get(supervisee=p, period_number=3)
    assert not a.consequence["serious_circumstances_possible"] and a.consequence["proposal"] is None
    assert "已改正，不认定为情节严重" in a.consequence_reasons


# --- refusals --------------------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_a_period_already_assessed_is_refused_beside_the_period_and_the_form_keeps_what_was_typed(world, login):
    p = person(world)
    client = login(world.users["office_officer"])
    assert record(client, p, ENDS[0], "good").status_code == 302
    again = record(client, p, ENDS[0], "fail", law_abiding="再次录入的遵纪守法情况")
    html = again.content.decode()
    assert again.status_code == 400
    assert 'id="assessment_period_end_error"' in html
    assert "第1期（2026年1月15日至2026年4月15日）已于2026年11月20日考核为“良好”，不能重复考核。" in html
    assert "再次录入的遵纪守法情况" in html
    assert QuarterlyAssessment.objects.filter(supervisee=p).count() == 1


@time_machine.travel(TODAY)
def test_a_repeated_post_when_nothing_is_left_to_assess_still_says_why(world, login):
    p = person(world, term_start=date(2026, 8, 20), judgment_effective_date=date(2026, 8, 20))
    client = login(world.users["office_officer"])
    assert record(client, p, "2026-11-20", "good").status_code == 302
    again = record(client, p, "2026-11-20", "good")
    html = again.content.decode()
    assert again.status_code == 400 and "已于2026年11月20日考核为“良好”，不能重复考核" in html
    assert "下一次考核日为2027年2月20日" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"assessed_on": "2026-11-28"}, "assessed_on", "考核日期不能晚于今天。"),
        ({"assessed_on": "2026-04-14"}, "assessed_on", "考核日期不能早于本期考核日2026年4月15日"),
        ({"period_end": NEXT_END}, "period_end", "尚未届满，2027年1月15日（考核日）起才能考核"),
        ({"period_end": ENDS[1]}, "period_end", "请先考核第1期（2026年1月15日至2026年4月15日）"),
        ({"period_end": "2026-04-16"}, "period_end", "所选日期不是该矫正对象的考核日"),
        ({"period_end": ""}, "period_end", "请选择考核周期。"),
        ({"grade": ""}, "grade", "请选择考核等次。"),
        ({"law_abiding": ""}, "law_abiding", "请填写遵纪守法情况。"),
        ({"assessed_on": "2026/11/xx"}, "assessed_on", "请按 2026-11-28 的格式填写考核日期。"),
    ],
)
@time_machine.travel(TODAY)
def test_refusals_name_the_field_and_keep_the_form(world, login, overrides, field, message):
    p = person(world)
    client = login(world.users["office_officer"])
    response = record(client, p, overrides.pop("period_end", ENDS[0]), **overrides)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="assessment_{field}_error"' in html and message in html
    assert "按时参加集中教育和个别教育。" in html
    assert not QuarterlyAssessment.objects.filter(supervisee=p).exists()


@time_machine.travel(TODAY)
def test_people_not_under_correction_are_not_assessed(world, login):
    p = person(world, status=Status.PENDING_REPORT)
    client = login(world.users["office_officer"])
    response = record(client, p, ENDS[0])
    assert response.status_code == 400 and "该对象不在矫" in response.content.decode()
    d = world.people["D"]  # discharged: read-only history, no form, no write
    page = client.get(case_url(d)).content.decode()
    assert 'data-testid="save-assessment"' not in page
    assert record(client, d, "2020-04-10").status_code == 404


# --- jurisdiction ----------------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_other_offices_get_404_helpers_may_read_but_not_record_and_the_city_reads_adults(world, login, client):
    a, m = world.people["A"], world.people["M"]
    fix_world_terms(world)
    other = login(world.users["other_office_officer"])
    assert other.get(case_url(a)).status_code == 404
    assert other.post(reverse("assessment:record", args=[a.pk]), data("2026-12-01")).status_code == 404
    for helper in ("social_worker", "volunteer", "mentor", "evaluator"):
        c = login(world.users[helper])
        page = c.get(case_url(a))
        assert page.status_code == 200 and 'data-testid="save-assessment"' not in page.content.decode()
        assert c.post(reverse("assessment:record", args=[a.pk]), data("2026-12-01")).status_code == 403
    city = login(world.users["city_officer"])
    assert city.get(case_url(a)).status_code == 200
    assert city.get(case_url(m)).status_code == 404  # minors are sealed from the city
    assert city.post(reverse("assessment:record", args=[a.pk]), data("2026-12-01")).status_code == 403
    assert login(world.users["county_officer"]).get(case_url(m)).status_code == 200
    assert client.get(reverse("assessment:record", args=[a.pk])).status_code == 405  # POST only


# --- the due list ----------------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_the_list_shows_people_whose_assessment_day_has_come_oldest_first(world, login):
    fix_world_terms(world)
    late = person(world, name="逾期者")
    p = person(world, name="已考核者", term_start=date(2026, 8, 20), judgment_effective_date=date(2026, 8, 20))
    person(world, name="他所对象", office="fenghuang")
    client = login(world.users["office_officer"])
    assert record(client, p, "2026-11-20", "good").status_code == 302
    response = client.get(reverse("assessment:list"))
    rows = response.context["rows"]
    assert [(s.name, r.period.number, r.days_overdue) for s, r in rows] == [("逾期者", 1, 226)]
    assert "已逾期 226 天" in response.content.decode()
    record(client, late, ENDS[0])
    assert [r.period.number for _, r in client.get(reverse("assessment:list")).context["rows"]] == [2]
    soon = client.get(reverse("assessment:list"), {"show": "soon"}).context["rows"]
    assert sorted(s.name for s, _ in soon) == ["张三", "李小明"]  # first assessment day 1 December
    assert client.get(reverse("assessment:list"), {"q": "zs", "show": "soon"}).context["rows"][0][0].name == "张三"
    county = login(world.users["county_officer"]).get(reverse("assessment:list")).context["rows"]
    assert sorted(s.name for s, _ in county) == ["他所对象", "逾期者"]
    assert login(world.users["other_county_officer"]).get(reverse("assessment:list")).context["rows"] == []


@time_machine.travel(TODAY)
def test_list_query_count_does_not_grow_with_the_number_of_people(world, login):
    fix_world_terms(world)
    person(world, name="对象甲")
    client = login(world.users["county_officer"])
    client.get(reverse("assessment:list"))
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("assessment:list"))
    assert response.context["page"].paginator.count == 1
    for i in range(24):
        person(world, name=f"对象{i}", office="yuxing" if i % 2 else "fenghuang")
    with CaptureQueriesContext(connection) as big:
        response = client.get(reverse("assessment:list"))
    assert response.context["page"].paginator.count == 25 and len(response.context["rows"]) == 20
    assert len(big.captured_queries) == len(small.captured_queries)
    second = client.get(reverse("assessment:list"), {"page": 2})
    assert len(second.context["rows"]) == 5
