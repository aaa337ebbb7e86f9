"""Issue 14 §4: 张丽 (the 红塔区 agency) places a "three-no" person in a transitional placement base and sees its
occupancy rise; then proposes an enterprise's job to the person's open job-referral case, and records that the person
accepted it, which is written on the assistance case."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.assistance import services as assistance
from sqjz.assistance.models import AssistanceCase, NeedsAssessment
from sqjz.placement import services
from sqjz.placement.models import Enterprise, Offer, OfferMatch, PlacementBase
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_county_places_a_three_no_person_and_matches_a_job_to_their_case(live_world, page):
    w, today = live_world, timezone.localdate()
    a, county = w.people["A"], w.users["county_officer"]
    assistance.assessment_record(
        actor=w.users["office_officer"],
        supervisee=a,
        assessment=NeedsAssessment(assessed_on=today, work="unemployed", stable_housing=False, insured=True),
    )
    case = assistance.case_open(
        actor=w.users["office_officer"], supervisee=a, kind="job_referral", body="hrss", opened_on=today, note=""
    )
    base = services.base_save(
        actor=county,
        base=PlacementBase(
            name="红塔区春晖过渡性安置基地",
            kind="housing",
            operator="玉溪春晖物业服务有限公司",
            capacity=2,
            address="红塔区春晖路12号",
            contact="杨春晖",
        ),
    )
    enterprise = services.enterprise_create(
        actor=county, enterprise=Enterprise(name="玉溪红塔物流有限公司", contact="李建国")
    )
    services.offer_create(
        actor=county,
        enterprise=enterprise,
        offer=Offer(kind="job", title="仓储分拣员", places=3, valid_from=today, valid_to=today + timedelta(days=60)),
    )

    sign_in(page, "county_officer", PASSWORD)
    page.goto(f"{page.base_url}/placement/")
    assert page.get_by_test_id(f"occupancy-{base.pk}").inner_text() == "0/2"
    page.get_by_test_id("base-list").get_by_role("link", name="红塔区春晖过渡性安置基地").click()
    form = page.get_by_test_id("place-form")
    form.locator("#place_person").select_option(label="张三（玉兴街道司法所）")
    form.locator("#place_family_to_turn_to").select_option(label="经核实无亲可投")
    form.locator("#place_planned_end").fill((today + timedelta(days=90)).isoformat())
    form.locator("#place_reason").fill("无处居住，安排在基地食堂帮厨")
    form.get_by_role("button", name="安置").click()
    assert "今日在住 1 人" in page.get_by_test_id("base-occupancy").inner_text()
    assert "张三" in page.get_by_test_id("staying").inner_text()
    page.goto(f"{page.base_url}/placement/")
    assert page.get_by_test_id(f"occupancy-{base.pk}").inner_text() == "1/2"

    page.goto(f"{page.base_url}/placement/offers/")
    page.get_by_test_id("offer-list").get_by_role("link", name="仓储分拣员").click()
    assert "张三" in page.get_by_test_id("fitting-cases").inner_text()
    match_form = page.get_by_test_id("match-form")
    match_form.locator("#match_case").select_option(label="张三（玉兴街道司法所）：就业指导和推介，待转介")
    match_form.get_by_role("button", name="推荐").click()
    match = OfferMatch.objects.get(case_id=case.pk)
    decide = page.get_by_test_id(f"decide-{match.pk}")
    decide.locator(f"#decide{match.pk}_status").select_option(label="本人接受")
    decide.locator(f"#decide{match.pk}_note").fill("12月1日到岗")
    decide.get_by_role("button", name="登记结果").click()
    assert page.get_by_test_id(f"match-status-{match.pk}").inner_text().startswith("已接受")
    step = AssistanceCase.objects.get(pk=case.pk).steps.order_by("-id").first()
    assert "仓储分拣员" in step.note and "本人接受" in step.note
