"""Issue 14 (Done means): a job change reported from the phone creates the mentor's visit; the mentor signs in, finds
it on the home page and records the visit; the office sees it on the person's 511 page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.intake.models import LevelDecision
from sqjz.mentoring.models import Trigger, Visit
from sqjz.supervision.checkins.services import app_enrol
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_job_change_on_the_phone_becomes_the_mentors_visit(live_world, browser, live_server):
    a = live_world.people["A"]
    LevelDecision.objects.create(
        supervisee=a,
        level="ordinary",
        effective_from=timezone.localdate() - timedelta(days=100),
        rule="SUPERVISION_LEVEL",
        articles="—",
        reasons="—",
        decided_by=live_world.users["county_head"],
    )
    _, password = app_enrol(actor=live_world.users["office_officer"], supervisee=a)
    phone_context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 360, "height": 740}, is_mobile=True
    )
    phone = phone_context.new_page()
    phone.set_default_timeout(10_000)
    phone.base_url = live_server.url
    sign_in(phone, live_world.users["supervisee"].username, password)
    phone.goto(f"{live_server.url}/app/")
    phone.get_by_test_id("changes-link").click()
    phone.get_by_label("变动事项").select_option(label="工作变动")
    phone.get_by_label("具体情况").fill("从仓储中心离职，到玉兴物流公司做分拣员，早八点到晚六点上班。")
    phone.get_by_role("button", name="提交报告").click()
    assert "结对干警将与您联系走访" in phone.content()
    assert "待司法所阅知" in phone.get_by_test_id("my-changes").inner_text()
    phone_context.close()
    trigger = Trigger.objects.get(supervisee=a)

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768})
    mentor = context.new_page()
    mentor.set_default_timeout(10_000)
    mentor.base_url = live_server.url
    sign_in(mentor, "mentor", PASSWORD)
    mentor.goto(f"{live_server.url}/")
    mentor.locator("#main").get_by_role("link", name=f"{a.name}：工作变动").first.click()
    form = mentor.get_by_test_id("visit-form")
    assert "工作变动" in form.get_by_label("对应的五必访情形").locator("option:checked").inner_text()
    form.get_by_label("走访方式").select_option(label="电话或视频联系")
    form.get_by_label("了解到的情况").fill("新工作稳定，作息规律，家人支持")
    form.get_by_role("button", name="保存走访").click()
    assert "电话联系不能代替走访" in mentor.get_by_test_id("form-errors").inner_text()
    form = mentor.get_by_test_id("visit-form")
    assert form.get_by_label("了解到的情况").input_value() == "新工作稳定，作息规律，家人支持"  # kept
    form.get_by_label("走访方式").select_option(label="上门走访")
    form.get_by_label("帮教").fill("鼓励其珍惜工作机会，按时签到")
    form.get_by_role("button", name="保存走访").click()
    assert "已走访" in mentor.get_by_test_id(f"occasion-{trigger.pk}").inner_text()
    assert Visit.objects.filter(trigger=trigger, mentor=live_world.users["mentor"]).exists()
    context.close()

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768})
    office = context.new_page()
    office.set_default_timeout(10_000)
    office.base_url = live_server.url
    sign_in(office, "office_officer", PASSWORD)
    office.goto(f"{live_server.url}/supervisees/{a.pk}/")
    office.locator("#main").get_by_role("link", name="511帮教").click()
    assert "已走访" in office.get_by_test_id(f"occasion-{trigger.pk}").inner_text()
    office.get_by_role("button", name="已阅知").click()
    assert "已阅知变动情况报告" in office.content()
    context.close()
