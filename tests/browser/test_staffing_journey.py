"""Issue 14 §6: 张丽 (the 红塔区 agency) opens 队伍配备, sees 玉兴's social-worker shortfall against its workload,
opens 玉兴's villages, registers a specialist for the village flagged short, and the village page shows him."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.intake.models import LevelDecision
from sqjz.staffing.models import VillageSpecialist
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, SuperviseeFactory

pytestmark = pytest.mark.browser


def test_the_county_sees_the_shortfall_and_registers_a_village_specialist(live_world, page):
    w = live_world
    since = timezone.localdate() - timedelta(days=60)
    for i in range(20):  # 玉兴: with A and M, 22 people, 20 of them strict: workload 42, two social workers needed
        person = SuperviseeFactory(
            judicial_office=w.yuxing, deciding_authority=w.units["hongta_court"], village=w.hehua if i < 4 else None
        )
        LevelDecision.objects.create(
            supervisee=person,
            level="strict",
            effective_from=since,
            rule="SUPERVISION_LEVEL",
            articles="—",
            reasons="—",
            decided_by=w.users["county_head"],
        )
    sign_in(page, "county_officer", PASSWORD)
    page.locator("nav").get_by_role("link", name="队伍配备").click()
    yuxing = page.get_by_test_id(f"unit-{w.yuxing.pk}")
    cells = yuxing.locator("td").all_inner_texts()
    assert cells[0] == "玉兴街道司法所" and cells[1] == "22"  # people under correction
    assert "42" in cells and "缺1名" in yuxing.inner_text()  # workload 20×2 + 2 without a level; 1 on hand of 2
    assert "社工配备与监管工作量相匹配" in page.get_by_test_id("rule-panel").inner_text()

    yuxing.get_by_role("link", name="专干和评议员").click()
    hehua = page.get_by_test_id(f"village-{w.hehua.pk}")
    assert "应设专干，尚未设置" in hehua.inner_text() and "1/3" in hehua.inner_text()
    form = page.get_by_test_id("specialist-form")
    form.get_by_label("村（社区）").select_option(label=w.hehua.name)
    form.get_by_label("姓名").fill("王秀兰")
    form.get_by_label("联系电话").fill("13987712345")
    form.get_by_label("备注").fill("居委会副主任兼任")
    form.get_by_role("button", name="登记专干").click()
    hehua = page.get_by_test_id(f"village-{w.hehua.pk}").inner_text()
    assert "王秀兰（兼职专干，139****2345" in hehua and "已设置" in hehua
    assert VillageSpecialist.objects.get().registered_by == w.users["county_officer"]
