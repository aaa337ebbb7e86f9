"""Issue 11 §3 follow-ups: a draft corrected by the unit that drafted it (the rule applied again, the same refusal as
drafting) and withdrawn with a reason (kept, 已撤回); a proposal the review committee defers (暂缓) goes back to
draft with the committee's text and is submitted again as a new matter (a deferred matter is resolved, never put
on a later agenda); the county agency's to-do says what is overdue once the receiving body's deadline has passed."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sqjz.committee import selectors as committee_selectors
from sqjz.committee import services as committee
from sqjz.committee.models import Matter
from sqjz.committee.services import CommitteeError
from sqjz.committee.tests.helpers import past
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.proposals import selectors, services
from sqjz.proposals.models import Proposal
from sqjz.proposals.services import ProposalError
from sqjz.proposals.tests.helpers import deliberate, draft_revocation, sent_revocation, warn
from sqjz.timeline.registry import timeline_for

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
S = Proposal.Status


def _penalty_draft(w, actor="office_officer", breach="more_serious"):
    return services.proposal_draft(
        actor=w.users[actor],
        supervisee=w.people["A"],
        kind="police_penalty",
        findings={"conduct_on": timezone.localdate() - timedelta(days=3), "supervision_breach": breach},
        statement="未经批准外出",
    )


def _edit(w, p, actor="office_officer", **changes):
    kwargs = {
        "findings": dict(p.findings),
        "statement": p.statement,
        "chosen_evidence": p.chosen_evidence,
        "addressee_choice": p.addressee_choice,
        "arrest_requested": p.arrest_requested,
    }
    kwargs.update(changes)
    if "conduct_on" in kwargs["findings"] and isinstance(kwargs["findings"]["conduct_on"], str):
        kwargs["findings"]["conduct_on"] = date.fromisoformat(kwargs["findings"]["conduct_on"])
    return services.proposal_edit(actor=w.users[actor], proposal_id=p.pk, **kwargs)


def _open_items(p):
    items = InboxItem.objects.filter(subject_id=p.pk, kind__startswith="proposal_", state=InboxItem.State.OPEN)
    return {i.kind: i for i in items}


# ------------------------------------------------------------------------------------------------------ editing


def test_the_drafting_unit_corrects_a_draft_and_the_grounds_are_applied_again(world):
    warn(world, world.people["A"], 2)
    p = draft_revocation(world, actor="office_officer")
    p = _edit(
        world,
        p,
        findings={"supervision_breach": "serious"},
        statement="受到两次警告仍不改正，且违反监督管理规定情节严重。",
        chosen_evidence="2026年11月3日谈话笔录\n村委会情况说明",
        addressee_choice=Proposal.Addressee.EXECUTION,
        arrest_requested=True,
    )
    p.refresh_from_db()
    assert p.status == S.DRAFT and p.arrest_requested and p.addressee_choice == "execution"
    assert p.findings == {"supervision_breach": "serious"} and "村委会情况说明" in p.chosen_evidence
    assert p.grounds == ["warnings_uncorrected", "other_serious_breach"]  # the serious breach found now counts
    assert p.addressee == world.units["hongta_court"]  # the court of the place of execution is 红塔区's too
    assert p.history.first().history_user == world.users["office_officer"]


def test_an_edit_the_rule_does_not_allow_is_refused_with_the_same_words_as_drafting_and_nothing_changes(world):
    p = _penalty_draft(world)
    with pytest.raises(ProposalError) as drafting:
        _penalty_draft(world, actor="county_officer", breach="minor")  # refused for the grounds, not as a duplicate
    Proposal.objects.filter(pk=p.pk).update(status=S.WITHDRAWN)  # the same person, for the draft check above only
    with pytest.raises(ProposalError) as refused:
        _penalty_draft(world, breach="minor")
    Proposal.objects.filter(pk=p.pk).update(status=S.DRAFT)
    with pytest.raises(ProposalError) as editing:
        _edit(world, p, findings={**p.findings, "supervision_breach": "minor"})
    assert editing.value.message == refused.value.message
    assert "实施办法第三十六条" in editing.value.message and editing.value.field == "kind"
    assert "不能重复起草" in drafting.value.message
    p.refresh_from_db()
    assert p.findings["supervision_breach"] == "more_serious"


def test_only_the_drafting_unit_edits_and_only_a_draft(world):
    p = _penalty_draft(world)
    with pytest.raises(ProposalError, match="只有起草单位"):
        _edit(world, p, actor="county_officer", statement="改")
    with pytest.raises(ProposalError, match="无权"):
        _edit(world, p, actor="other_office_officer", statement="改")
    with pytest.raises(ProposalError, match="提请理由"):
        _edit(world, p, statement="  ")
    services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)  # police penalty: ready
    with pytest.raises(ProposalError, match="只有草稿可以修改"):
        _edit(world, p, statement="改")
    assert Proposal.objects.get(pk=p.pk).statement == "未经批准外出"


# ---------------------------------------------------------------------------------------------------- withdrawal


def test_a_withdrawn_draft_is_kept_leaves_the_inbox_and_the_work_list_and_frees_the_kind(world):
    p = _penalty_draft(world)
    assert "proposal_prepare" in _open_items(p)
    with pytest.raises(ProposalError) as refused:
        services.proposal_withdraw(actor=world.users["office_officer"], proposal_id=p.pk, reason=" ")
    assert refused.value.field == "reason"
    p = services.proposal_withdraw(actor=world.users["office_officer"], proposal_id=p.pk, reason="经核实系经批准外出")
    p.refresh_from_db()
    assert p.status == S.WITHDRAWN and p.withdrawn_reason == "经核实系经批准外出"
    assert p.withdrawn_by == world.users["office_officer"] and p.withdrawn_at
    assert _open_items(p) == {}
    officer = world.users["county_officer"]
    assert p not in selectors.proposal_list(officer, show="draft")
    assert p in selectors.proposal_list(officer, show="withdrawn") and p in selectors.proposal_list(officer)
    assert p in selectors.proposals_for(world.users["procurator"])
    assert not selectors.proposals_for(world.users["county_police"]).exists()  # never sent: not the police's
    assert any(e.title == "撤回提请治安管理处罚：经核实系经批准外出" for e in timeline_for(world.people["A"]))
    assert _penalty_draft(world).pk != p.pk  # the kind may be drafted again
    with pytest.raises(ProposalError, match="不能办理此步骤"):
        services.proposal_submit(actor=officer, proposal_id=p.pk)


def test_the_county_agency_withdraws_a_proposal_ready_to_sign_but_not_one_in_deliberation_or_sent(world):
    ready = services.proposal_submit(actor=world.users["county_officer"], proposal_id=_penalty_draft(world).pk)
    assert ready.status == S.READY
    services.proposal_withdraw(actor=world.users["county_head"], proposal_id=ready.pk, reason="拟改为训诫")
    assert Proposal.objects.get(pk=ready.pk).status == S.WITHDRAWN
    assert "proposal_sign" not in _open_items(ready)
    warn(world, world.people["A"], 2)
    p = draft_revocation(world)
    services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    with pytest.raises(ProposalError, match="只有草稿和待签发的建议可以撤回"):
        services.proposal_withdraw(actor=world.users["county_officer"], proposal_id=p.pk, reason="x")
    with pytest.raises(ProposalError):
        services.proposal_withdraw(actor=world.users["other_county_officer"], proposal_id=p.pk, reason="x")


def test_a_sent_proposal_cannot_be_withdrawn(world):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world)
    with pytest.raises(ProposalError, match="只有草稿和待签发的建议可以撤回"):
        services.proposal_withdraw(actor=world.users["county_head"], proposal_id=p.pk, reason="x")


# --------------------------------------------------------------------------------------------------------- 暂缓


def test_a_deferred_proposal_returns_to_draft_and_is_submitted_again_as_a_new_matter(
    world, django_capture_on_commit_callbacks
):
    warn(world, world.people["A"], 2)
    p = draft_revocation(world, actor="office_officer")
    p = services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    first = p.matter_id
    with django_capture_on_commit_callbacks(execute=True):  # the inbox is refreshed once the resolution commits
        deliberate(world, p, outcome="deferred", text="请补充村委会情况说明后再行审议。")
    p.refresh_from_db()
    assert p.status == S.DRAFT and p.deferred
    assert p.resolution == "暂缓。请补充村委会情况说明后再行审议。"
    # The committee's own rule: 暂缓 is a resolution; the matter is not pending, and no later meeting takes it.
    matter = Matter.objects.get(pk=first)
    assert matter.status == Matter.Status.RESOLVED and matter.outcome == Matter.Outcome.DEFERRED
    assert matter not in committee_selectors.pending_for(matter.committee, world.users["county_officer"])
    with pytest.raises(CommitteeError, match="请刷新后重选"):
        committee.meeting_schedule(
            actor=world.users["county_officer"],
            committee_id=matter.committee_id,
            held_at=timezone.now() + timedelta(days=7),
            place="第一会议室",
            matter_ids=[first],
        )
    with pytest.raises(ProposalError, match="须先提交社区矫正审核委员会评议"):
        services.proposal_send(actor=world.users["county_head"], proposal_id=p.pk)
    prepare = _open_items(p)["proposal_prepare"]
    assert "审核委员会决定暂缓" in prepare.reasons and "村委会情况说明" in prepare.reasons
    # The drafter supplements the evidence; the county agency submits again: a new matter, which the committee passes.
    p = _edit(world, p, chosen_evidence="2026年11月3日谈话笔录\n荷花社区居委会情况说明")
    p = services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    assert p.status == S.DELIBERATING and p.matter_id != first
    assert Matter.objects.get(pk=p.matter_id).status == Matter.Status.PENDING
    assert not p.deferred
    deliberate(world, p)
    p.refresh_from_db()
    assert p.status == S.READY and p.resolution.startswith("通过")


def test_the_page_of_a_deferred_proposal_says_so_with_the_committees_text_and_opens_the_form(world, login):
    warn(world, world.people["A"], 2)
    p = draft_revocation(world, actor="office_officer")
    p = services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    deliberate(world, p, outcome="deferred", text="请补充村委会情况说明后再行审议。")
    page = login(world.users["office_officer"]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert 'data-testid="deferred"' in page and "审核委员会决定暂缓" in page
    assert "请补充村委会情况说明后再行审议。" in page and "重新提交审核" in page
    assert 'data-testid="edit" open' in page


# ---------------------------------------------------------------------------------------------------- overdue


def test_the_county_agency_is_told_when_the_court_lets_the_arrest_hours_and_the_ruling_deadline_pass(world):
    with time_machine.travel(datetime(2026, 9, 4, 10, 0, tzinfo=TZ), tick=False):
        warn(world, world.people["A"], 2, days_ago=5)
        p = sent_revocation(world, arrest=True)
        awaited = _open_items(p)["proposal_awaited"]
        assert awaited.subject_label == "张三 提请撤销缓刑" and "社区矫正法第四十七条" in awaited.articles
    inbox_refresh(today=date(2026, 9, 6))  # the 48 hours end on 6 September at 10:00: not yet overdue by the day
    assert "逾期" not in _open_items(p)["proposal_awaited"].subject_label
    inbox_refresh(today=date(2026, 9, 7))
    awaited = _open_items(p)["proposal_awaited"]
    assert awaited.subject_label == "张三 提请撤销缓刑：法院逾期未作出是否逮捕的决定"
    assert "2026年9月6日" in awaited.reasons and awaited.due == date(2026, 9, 6)
    assert "逾期" in _open_items(p)["proposal_decide"].subject_label  # the court's own item says so too
    with time_machine.travel(datetime(2026, 9, 7, 9, 0, tzinfo=TZ), tick=False):
        p = services.arrest_decide(
            actor=world.users["judge"], proposal_id=p.pk, arrested=False, decided_on=date(2026, 9, 7)
        )
        awaited = _open_items(p)["proposal_awaited"]
    assert awaited.subject_label == "张三 提请撤销缓刑" and awaited.due == p.deadline == date(2026, 10, 8)
    assert awaited.rule == "COURT_RULING_DEADLINE" and "社区矫正法第四十八条" in awaited.articles
    inbox_refresh(today=date(2026, 10, 9))
    awaited = _open_items(p)["proposal_awaited"]
    assert awaited.subject_label == "张三 提请撤销缓刑：法院逾期未裁定"
    assert awaited.reasons.startswith("法院逾期未裁定：决定期限2026年10月8日已过，尚未录入决定")
    assert awaited.actor_unit == world.units["hongta_agency"]
    with time_machine.travel(datetime(2026, 10, 9, 9, 0, tzinfo=TZ), tick=False):
        services.proposal_decide(
            actor=world.users["county_officer"],
            proposal_id=p.pk,
            granted=False,
            decided_on=date(2026, 10, 9),
            ruling_number="（2026）云0402刑更30号",
        )
    assert _open_items(p) == {}


def test_an_overdue_committal_decision_is_called_by_its_name(world):
    p = Proposal.objects.create(
        supervisee=world.people["A"],
        kind=Proposal.Kind.COMMITTAL,
        status=S.SENT,
        addressee=world.units["hongta_court"],
        statement="保外就医情形消失",
        grounds_rule="REVOCATION_PROPOSAL",
        drafted_by=world.users["county_officer"],
        sent_by=world.users["county_head"],
        sent_at=past(40),
        deadline=timezone.localdate() - timedelta(days=1),
        deadline_rule="COMMITTAL_DECISION_DEADLINE",
        deadline_reasons="收到建议之日起三十日内",
    )
    inbox_refresh(area="proposals", ids=[p.pk])
    awaited = _open_items(p)["proposal_awaited"]
    assert awaited.subject_label == "张三 提请收监执行：逾期未作出决定"
    assert "社区矫正法第四十九条" in awaited.articles


# ------------------------------------------------------------------------------------------------------- pages


def test_the_drafter_edits_from_the_page_and_a_refusal_stands_beside_the_form_with_the_rule(world, login):
    p = _penalty_draft(world)
    client = login(world.users["office_officer"])
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert 'data-testid="edit"' in page and 'data-testid="withdraw"' in page
    assert 'name="merit"' not in page  # only the fields a police penalty uses
    url = reverse("proposals:edit", args=[p.pk])
    data = {"conduct_on": p.findings["conduct_on"], "supervision_breach": "minor", "statement": "改后的理由"}
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 400 and "实施办法第三十六条" in text and "改后的理由" in text
    assert Proposal.objects.get(pk=p.pk).statement == "未经批准外出"
    response = client.post(url, {**data, "supervision_breach": "serious"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.statement == "改后的理由" and p.findings["supervision_breach"] == "serious"
    agency = login(world.users["county_officer"]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert 'data-testid="edit"' not in agency and 'data-testid="withdraw"' in agency  # not its draft; it may withdraw


def test_a_withdrawal_from_the_page_needs_a_reason_and_shows_on_the_page_and_in_the_list(world, login):
    p = _penalty_draft(world)
    client = login(world.users["office_officer"])
    url = reverse("proposals:withdraw", args=[p.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "请填写撤回理由" in response.content.decode()
    assert client.post(url, {"reason": "经核实系经批准外出"}).status_code == 302
    page = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert 'data-testid="withdrawn"' in page and "经核实系经批准外出" in page
    assert 'data-testid="edit"' not in page and 'data-testid="withdraw"' not in page
    listed = client.get(reverse("proposals:list") + "?show=withdrawn").content.decode()
    assert "已撤回" in listed and reverse("proposals:detail", args=[p.pk]) in listed
    work = client.get(reverse("proposals:list") + "?show=draft").content.decode()
    assert reverse("proposals:detail", args=[p.pk]) not in work
