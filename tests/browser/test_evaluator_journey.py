"""Issue 14 (Done means): an evaluator rates his village's people and the officer sees it in the quarter's
assessment."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_evaluator_rates_and_the_office_sees_it_in_the_assessment(live_world, page, browser, live_server):
    a = live_world.people["A"]
    evaluator = page
    sign_in(evaluator, "evaluator", PASSWORD)
    evaluator.goto(f"{live_server.url}/assessment/ratings/")
    row = evaluator.get_by_test_id(f"rating-{a.pk}")
    assert "待评议" in row.inner_text()
    row.get_by_role("link", name="评议").click()
    form = evaluator.get_by_test_id("rating-form")
    form.get_by_label("遵纪守法").select_option(label="好")
    form.get_by_label("服从监督管理").select_option(label="较好")
    form.get_by_label("参加教育学习").select_option(label="好")
    form.get_by_label("参加公益活动").select_option(label="一般")
    form.get_by_label("评议意见").fill("按时参加社区活动，邻里反映良好")
    form.get_by_role("button", name="保存评议").click()
    assert "遵纪守法好、服从监督管理较好" in evaluator.get_by_test_id(f"rating-{a.pk}").inner_text()

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768})
    office = context.new_page()
    office.base_url = live_server.url
    sign_in(office, "office_officer", PASSWORD)
    office.goto(f"{live_server.url}/supervisees/{a.pk}/")
    office.locator("#main").get_by_role("link", name="季度考核").click()
    ratings = office.get_by_test_id("assessment-ratings").inner_text()
    assert "参加公益活动一般" in ratings and "邻里反映良好" in ratings
    context.close()
