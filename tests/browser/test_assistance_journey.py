"""Issue 14 §2: 李娜 assesses the needs of an unemployed person, who is eligible for vocational training; she opens the
case, refers it to 人社, records the course starting and its completion; the coverage report (应保尽保) then shows the
person covered."""

import pytest

from sqjz.assistance.models import AssistanceCase
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_unemployed_person_gets_a_vocational_training_referral_tracked_to_completion(live_world, page):
    a = live_world.people["A"]
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/{a.pk}/")
    page.locator("#main").get_by_role("link", name="帮扶", exact=True).click()
    assert "尚未进行帮扶需求评估" in page.get_by_test_id("no-assessment").inner_text()
    form = page.get_by_test_id("assessment-form")
    form.locator("#assessment_work").select_option(label="无业或失业")
    form.get_by_label("有职业技能培训意愿").check()
    form.get_by_label("已参加社会保险").check()
    form.get_by_role("button", name="保存评估").click()
    eligible = page.get_by_test_id("eligible").inner_text()
    assert "职业技能培训" in eligible and "人力资源社会保障部门" in eligible and "最低生活保障" not in eligible
    assert "帮扶需求与责任部门" in page.get_by_test_id("needs").inner_text()

    case_form = page.get_by_test_id("case-form")
    case_form.locator("#case_kind").select_option(label="职业技能培训")
    case_form.get_by_role("button", name="立案").click()
    page.get_by_test_id("cases").get_by_role("link", name="职业技能培训").click()
    for action, note in (
        ("转介负责部门", "向红塔区人社局职业培训中心递交转介函"),
        ("开始帮扶", "参加电工（初级）培训班"),
        ("帮扶完成", "结业，取得电工（初级）职业技能等级证书"),
    ):
        step = page.get_by_test_id("step-form")
        step.locator("#step_action").select_option(label=action)
        step.locator("#step_note").fill(note)
        step.get_by_role("button", name="保存").click()
        assert note in page.get_by_test_id("steps").inner_text()
    assert page.get_by_test_id("case-status").inner_text() == "已完成"
    assert AssistanceCase.objects.get(supervisee=a).status == "completed"

    page.goto(f"{page.base_url}/assistance/coverage/")
    training = page.get_by_test_id("kind-vocational_training").inner_text().split()
    assert training[1:4] == ["1", "1", "0"]  # eligible, covered, not covered
