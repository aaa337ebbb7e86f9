"""Issue 11's first journey in a real browser: a probationer fails two quarters → 李娜 (玉兴) records the breaches and
proposes an admonition and then two warnings, each decided by 王强 (红塔区's head) with its decision document →
the county's to-do shows the revocation ground → 张丽 drafts the revocation and, as the review committee's
secretary, puts it to a meeting that passes it → 王强 signs and sends it → the 红塔区 court's judge rules 撤销缓刑
→ the correction ends (revoked), and the procurator reads every step in the ledger and on the proposal."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sqjz.committee.models import Matter
from sqjz.committee.tests.helpers import hongta_committee
from sqjz.proposals.models import Proposal
from sqjz.supervisees.models import Status
from tests.browser.conftest import sign_in
from tests.browser.people import graded_probationer
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _breach(page, on, severity: str, text: str) -> None:
    page.locator("#fact_occurred_on").fill(on.isoformat())
    page.locator("#fact_kind").select_option(label="违反报告、会客、外出、迁居等规定")
    page.locator("#fact_severity").select_option(label=severity)
    page.locator("#fact_source").select_option(label="工作人员发现")
    page.locator("#fact_description").fill(text)
    page.get_by_test_id("save-fact").click()


def _propose(page, kind: str, fact_text: str, reason: str) -> None:
    page.locator("#propose_kind").select_option(label=kind)
    page.locator("#propose_facts").get_by_text(fact_text).click()
    page.locator("#propose_proposal").fill(reason)
    page.get_by_test_id("propose").click()


def _decide(page, kind: str) -> None:
    row = page.get_by_test_id(f"measure-{kind}").filter(has_text="待县级机构决定")
    row.locator("select").select_option(label="同意")
    row.get_by_test_id(f"decide-{kind}").click()
    expect(page.get_by_test_id(f"measure-{kind}").filter(has_text="待县级机构决定")).to_have_count(0)


def test_two_failed_quarters_admonition_two_warnings_and_a_revocation_ruled_by_the_court(live_world, page):
    w = live_world
    s = graded_probationer(w, "孙违规", ("pass", "fail", "fail"))
    _, members = hongta_committee(w, timezone.localdate() - timedelta(days=60))
    chair, secretary, one, two, _ = members
    page.set_default_timeout(60_000)  # decision documents are rendered (DOCX, PDF) as the decisions commit
    url = f"{page.base_url}/enforcement/{s.pk}/"
    today = timezone.localdate()

    # 李娜 sees the failed grades raise the level, records a minor breach and proposes an admonition; 王强 decides.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(url)
    expect(page.get_by_test_id("level-proposal")).to_contain_text("严管")
    _breach(page, today - timedelta(days=20), "情节轻微", "未按规定时间报告，电话提醒后次日补报。")
    _propose(page, "训诫", "未按规定时间报告", "未按规定报告，情节轻微，建议给予训诫。")
    expect(page.get_by_test_id("measure-admonition")).to_contain_text("待县级机构决定")
    sign_in(page, "county_head", PASSWORD)
    page.goto(url)
    _decide(page, "admonition")
    expect(page.get_by_test_id("measure-admonition")).to_contain_text("已决定")

    # Two more serious breaches, not corrected after the admonition: two warnings, each decided by the county.
    for n, (days_ago, text) in enumerate(((14, "未经批准前往昆明市两日。"), (7, "未经批准前往昆明市三日。")), 1):
        sign_in(page, "office_officer", PASSWORD)
        page.goto(url)
        _breach(page, today - timedelta(days=days_ago), "情节较重", text)
        _propose(page, "警告", text.removesuffix("。"), "违反外出规定，情节较重，建议给予警告。")
        sign_in(page, "county_head", PASSWORD)
        page.goto(url)
        _decide(page, "warning")
        expect(page.get_by_test_id("warnings")).to_have_text(str(n))

    # The county's to-do list now shows the revocation ground; 张丽 drafts the revocation and submits it.
    sign_in(page, "county_officer", PASSWORD)
    page.goto(f"{page.base_url}/")
    expect(page.locator("#main")).to_contain_text(s.name)
    page.goto(f"{page.base_url}/proposals/person/{s.pk}/")
    expect(page.get_by_test_id("warnings-uncorrected")).to_have_text("2")
    page.locator("#draft_kind").select_option("probation_revocation")
    page.locator("#draft_statement").fill("受到两次警告仍不改正，建议撤销缓刑。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("link", name="提请撤销缓刑").click()
    expect(page.get_by_test_id("grounds")).to_contain_text("最高法解释第五百四十三条")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("审核委员会审议中")
    proposal = Proposal.objects.get(supervisee=s)
    matter = Matter.objects.get(pk=proposal.matter_id)

    # 张丽, the committee's secretary, schedules the meeting, records attendance and votes, and the resolution.
    page.goto(f"{page.base_url}/committee/")
    page.get_by_test_id("schedule").click()
    page.locator("#meeting_held_at").fill((timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#meeting_place").fill("第一会议室")
    page.get_by_label(f"{s.name}：", exact=False).check()
    page.get_by_test_id("schedule-submit").click()
    page.get_by_test_id("attendance-submit").click()
    expect(page.get_by_test_id("majority-rule")).to_contain_text("达到法定人数")
    for member in (chair, secretary, one, two):
        page.locator(f"#m{matter.pk}_choice_{member.pk}").select_option(label="同意")
    page.locator(f"#m{matter.pk}_outcome").select_option(label="通过")
    page.locator(f"#m{matter.pk}_text").fill("事实清楚，证据充分，同意提请撤销缓刑。")
    page.get_by_test_id("resolve-submit").click()
    expect(page.get_by_test_id("outcome")).to_contain_text("通过")

    # 王强 signs and sends it to the court, copied to the procuratorate.
    sign_in(page, "county_head", PASSWORD)
    page.goto(f"{page.base_url}/proposals/p/{proposal.pk}/")
    expect(page.get_by_test_id("resolution")).to_contain_text("通过")
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("已提请，待决定")
    expect(page.get_by_test_id("documents")).to_contain_text("撤销缓刑建议书")

    # The 红塔区 court's judge rules from the list of proposals addressed to the court.
    sign_in(page, "judge", PASSWORD)
    page.goto(f"{page.base_url}/proposals/received/")
    expect(page.get_by_test_id("clock")).to_contain_text("剩")
    page.get_by_role("link", name=s.name).click()
    page.locator("#decide_decision").select_option("granted")
    page.locator("#decide_decided_on").fill(today.isoformat())
    page.locator("#decide_ruling_number").fill("（2026）云0402刑更12号")
    page.get_by_test_id("decide").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("已决定（采纳）")
    expect(page.get_by_test_id("person-status")).to_have_text("终止矫正")
    s.refresh_from_db()
    assert s.status == Status.TERMINATED

    # The procurator reads every step: the decision documents, the committee's opinion and the proposal.
    sign_in(page, "procurator", PASSWORD)
    page.goto(f"{page.base_url}/oversight/documents/")
    page.locator("#ledger-q").fill(s.name)
    page.get_by_role("button", name="查询").click()
    ledger = page.get_by_test_id("ledger")
    for title, count in (("训诫决定书", 1), ("警告决定书", 2), ("撤销缓刑建议书", 1)):
        expect(ledger.locator("tr", has_text=title)).to_have_count(count)
    page.goto(f"{page.base_url}/proposals/p/{proposal.pk}/")
    expect(page.get_by_test_id("decision")).to_contain_text("刑更12号")
    expect(page.get_by_role("link", name="提出纠正意见")).to_have_count(1)
    expect(page.get_by_test_id("decide")).to_have_count(0)
