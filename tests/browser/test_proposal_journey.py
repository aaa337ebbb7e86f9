"""Issue 11's proposal journey: a probationer with two uncorrected warnings → 张丽 (county_officer) drafts a revocation
proposal and puts it to the review committee → the committee passes it → 王强 (county_head) signs and sends it → the
红塔区 court's judge rules 撤销缓刑 from its list → the person's correction is terminated (revoked), and the procurator
reads each step."""

import pytest
from django.utils import timezone

from sqjz.proposals.models import Proposal
from sqjz.proposals.tests.helpers import deliberate, warn
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _signed_in(browser, live_server, username: str):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768})
    context.set_default_timeout(60_000)  # documents are rendered (DOCX, PDF) as a sending or a ruling commits
    page = context.new_page()
    page.base_url = live_server.url
    sign_in(page, username, PASSWORD)
    return context, page


def test_a_revocation_goes_from_the_draft_to_the_courts_ruling_and_terminates_the_correction(
    live_world, browser, live_server, page
):
    w = live_world
    a = w.people["A"]
    warn(w, a, 2)
    page.set_default_timeout(60_000)  # the documents are rendered (DOCX, PDF) as the sending commits
    sign_in(page, "county_officer", PASSWORD)
    page.goto(f"{page.base_url}/proposals/person/{a.pk}/")
    assert page.get_by_test_id("warnings-uncorrected").inner_text() == "2"
    page.locator("#draft_kind").select_option("probation_revocation")
    page.locator("#draft_statement").fill("受到两次警告仍不改正，建议撤销缓刑。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("link", name="提请撤销缓刑").click()
    assert "最高法解释第五百四十三条" in page.get_by_test_id("grounds").inner_text()
    page.get_by_test_id("submit").click()
    assert page.get_by_test_id("proposal-status").inner_text() == "审核委员会审议中"
    p = Proposal.objects.get()
    deliberate(w, p)

    context, head = _signed_in(browser, live_server, "county_head")
    head.goto(f"{live_server.url}/proposals/p/{p.pk}/")
    assert "通过" in head.get_by_test_id("resolution").inner_text()
    head.get_by_test_id("send").click()
    assert head.get_by_test_id("proposal-status").inner_text() == "已提请，待决定"
    assert "撤销缓刑建议书" in head.get_by_test_id("documents").inner_text()
    context.close()

    context, judge = _signed_in(browser, live_server, "judge")
    judge.goto(f"{live_server.url}/proposals/received/")
    assert "剩" in judge.get_by_test_id("clock").inner_text()
    judge.get_by_role("link", name=a.name).click()
    judge.locator("#decide_decision").select_option("granted")
    judge.locator("#decide_decided_on").fill(timezone.localdate().isoformat())
    judge.locator("#decide_ruling_number").fill("（2026）云0402刑更12号")
    judge.get_by_test_id("decide").click()
    assert judge.get_by_test_id("proposal-status").inner_text() == "已决定（采纳）"
    assert judge.get_by_test_id("person-status").inner_text() == "终止矫正"
    context.close()

    context, procurator = _signed_in(browser, live_server, "procurator")
    procurator.goto(f"{live_server.url}/proposals/p/{p.pk}/")
    assert "刑更12号" in procurator.get_by_test_id("decision").inner_text()
    assert "撤销缓刑建议书" in procurator.get_by_test_id("documents").inner_text()
    assert procurator.get_by_role("link", name="提出纠正意见").count() == 1
    assert procurator.get_by_test_id("decide").count() == 0
    context.close()
