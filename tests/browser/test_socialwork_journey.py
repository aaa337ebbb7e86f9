"""Issue 14 §5 (Done means): the social worker records a home visit for a person assigned to her; the county agency
opens the purchased-service contract that lists her, evaluates the period, and sees the visit among the services
delivered."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from sqjz.socialwork import services
from sqjz.socialwork.models import PaymentMilestone, ServiceContract
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_visit_the_social_worker_records_counts_in_the_contracts_evaluation(live_world, page, browser, live_server):
    a, today = live_world.people["A"], timezone.localdate()
    contract = services.contract_create(
        actor=live_world.users["county_officer"],
        contract=ServiceContract(
            title="红塔区社区矫正社会工作服务项目",
            provider="红塔区启航社会工作服务中心",
            selection="public_tender",
            selected_on=date(today.year - 1, 12, 20),
            selection_reference="HTCG-118",
            starts_on=date(today.year, 1, 1),
            ends_on=date(today.year, 12, 31),
            hours=Decimal("300"),
            budget=Decimal("180000"),
            quality_standards="每次服务当日记录",
        ),
        quantities={"visit": 120, "counselling": 40},
        workers=[live_world.users["social_worker"]],
        milestones=[PaymentMilestone(due_on=date(today.year, 1, 15), amount=Decimal("54000"), condition="首款")],
    )

    worker = page
    sign_in(worker, "social_worker", PASSWORD)
    worker.get_by_role("link", name="我的服务对象").click()
    row = worker.get_by_test_id(f"person-{a.pk}")
    assert a.phone in row.inner_text()  # her people's numbers, each view logged
    row.get_by_role("link", name="记录帮扶").click()
    form = worker.get_by_test_id("help-form")
    form.get_by_label("帮扶方式").select_option(label="走访")
    form.get_by_label("帮扶内容").fill("上门走访，了解到其工作稳定，家庭和睦。")
    form.get_by_role("button", name="保存").click()
    assert "已记录帮扶" in worker.content()
    assert today.strftime("%Y") in worker.get_by_test_id(f"person-{a.pk}").inner_text()  # the last help

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768})
    county = context.new_page()
    county.base_url = live_server.url
    sign_in(county, "county_officer", PASSWORD)
    county.get_by_role("link", name="购买服务").click()
    county.get_by_role("link", name=contract.title).click()
    assert "1次" in county.get_by_test_id("delivered-visit").inner_text()
    form = county.get_by_test_id("evaluation-form")
    form.get_by_label("质量评分").fill("90")
    form.get_by_label("考核结论").select_option(label="合格")
    form.get_by_label("质量抽查情况").fill("抽查走访记录，内容完整。")
    form.get_by_role("button", name="保存考核").click()
    evaluation = county.locator("[data-testid^=evaluation-]").first.inner_text()
    assert "合格" in evaluation and "走访1/" in evaluation
    context.close()
