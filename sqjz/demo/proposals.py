"""Demo proposals to other bodies, made through the services as the officers would:

- 红塔区: 李娜 (玉兴) drafts a revocation of probation (a serious breach of the supervision rules) for a person
  sentenced by 江川区人民法院, 张丽 puts it to the review committee, which passes it at a meeting two days ago, and
  王强 signs and sends it to that original trial court: it waits for 鲁峰 (lufeng), the clock running.
- 江川区: 周丽 (星云) drafts the same with an arrest request for a person sentenced by 红塔区人民法院, 江川区's
  committee passes it, 普华 sends it to that court: it waits for 孙磊 (sunlei), the 48 hours of the arrest decision
  running.
- 江川区: a police-penalty proposal 周丽 drafted and 普华 sent, decided by 施涛 (江川区公安局): a warning imposed.
- 红塔区: a police-penalty proposal 李娜 drafted and withdrew (已撤回) once she found the trip had been approved.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sqjz.committee import selectors as committee_selectors
from sqjz.committee import services as committee
from sqjz.committee.models import Matter
from sqjz.proposals import services
from sqjz.proposals.models import Proposal
from sqjz.supervisees.models import Status, Supervisee

KINDS = {"probation": "probation_revocation", "parole": "parole_revocation"}


def _candidates(office, today: date) -> list[Supervisee]:
    return list(
        Supervisee.objects.filter(
            judicial_office=office,
            status=Status.UNDER_CORRECTION,
            is_minor=False,
            correction_type__in=tuple(KINDS),
            term_start__lte=today - timedelta(days=30),
            term_end__gt=today,
        )
        .exclude(name="陈刚")
        .select_related("judicial_office")
        .order_by("-id")
    )


def _revocation(
    candidates: list[Supervisee], *, court, office_user, officer, head, today: date, arrest: bool
) -> Proposal | None:
    """The revocation of a candidate sentenced by `court` (another county's), addressed to it as the original trial
    court. Few demo people were sentenced outside their county, so where none was, the first candidate's judgment is
    made that court's (demo people are made up)."""
    s = next((c for c in candidates if c.deciding_authority_id == court.pk), None)
    if s is None:
        s = candidates[0]
        Supervisee.objects.filter(pk=s.pk).update(deciding_authority=court)
        s.deciding_authority = court
    p = services.proposal_draft(
        actor=office_user,
        supervisee=s,
        kind=KINDS[s.correction_type],
        findings={"supervision_breach": "serious"},
        statement=(
            "该社区矫正对象在矫正期间多次未经批准离开所居住的市、县，经训诫、警告后仍拒不改正，"
            "并威胁走访的社区矫正工作人员，违反监督管理规定情节严重。"
        ),
        chosen_evidence="走访记录及谈话笔录\n村（居）民委员会出具的情况说明",
        addressee_choice=Proposal.Addressee.ORIGINAL,
        arrest_requested=arrest,
    )
    p = services.proposal_submit(actor=officer, proposal_id=p.pk)
    if p.matter_id:
        matter = Matter.objects.get(pk=p.matter_id)
        meeting = committee.meeting_schedule(
            actor=officer,
            committee_id=matter.committee_id,
            held_at=timezone.make_aware(datetime.combine(today - timedelta(days=2), time(15, 0))),
            place=f"{head.unit.name}第二会议室",
            matter_ids=[matter.pk],
        )
        members = list(matter.committee.members.all())
        committee.attendance_record(actor=officer, meeting_id=meeting.pk, rows={m.pk: (True, "") for m in members})
        voters = committee_selectors.present_voters(meeting)
        if not voters:
            return p
        committee.matter_deliberate(
            actor=officer,
            meeting_id=meeting.pk,
            matter_id=matter.pk,
            votes={m.pk: ("agree", "事实清楚，证据充分，同意提请。") for m in voters},
            outcome="passed",
            text=f"同意向人民法院提出{p.get_kind_display().removeprefix('提请')}建议。",
            resolved_on=today - timedelta(days=2),
        )
    return services.proposal_send(actor=head, proposal_id=p.pk)


def seed_proposals(*, today: date, users: dict) -> None:
    if Proposal.objects.exists():
        return
    hongta = _candidates(users["lina"].unit, today)
    revoked = None
    if hongta:
        revoked = _revocation(
            hongta,
            court=users["lufeng"].unit,
            office_user=users["lina"],
            officer=users["zhangli"],
            head=users["wangqiang"],
            today=today,
            arrest=False,
        )
    withdrawn = next(
        (s for s in hongta if s.correction_type == "probation" and (revoked is None or s.pk != revoked.supervisee_id)),
        None,
    )
    if withdrawn is not None:
        p = services.proposal_draft(
            actor=users["lina"],
            supervisee=withdrawn,
            kind="police_penalty",
            findings={"conduct_on": today - timedelta(days=6), "supervision_breach": "more_serious"},
            statement="该社区矫正对象未经批准前往昆明市三日，违反监督管理规定情节较重。",
        )
        services.proposal_withdraw(
            actor=users["lina"],
            proposal_id=p.pk,
            reason="经核实，该对象系经批准赴昆明就医，外出审批记录漏录，不属于违反监督管理规定。",
        )
    xingyun = _candidates(users["zhouli"].unit, today)
    revoked = None
    if xingyun:
        revoked = _revocation(
            xingyun,
            court=users["sunlei"].unit,
            office_user=users["zhouli"],
            officer=users["luoming"],
            head=users["puhua"],
            today=today,
            arrest=True,
        )
    # The public-order law lists probationers, not parolees (POLICE_PENALTY_PROPOSAL).
    offender = next(
        (s for s in xingyun if s.correction_type == "probation" and (revoked is None or s.pk != revoked.supervisee_id)),
        None,
    )
    if offender is not None:
        p = services.proposal_draft(
            actor=users["zhouli"],
            supervisee=offender,
            kind="police_penalty",
            findings={"conduct_on": today - timedelta(days=12), "supervision_breach": "more_serious"},
            statement="该社区矫正对象未经批准前往昆明市五日，经电话通知拒不返回，违反监督管理规定情节较重。",
        )
        services.proposal_submit(actor=users["luoming"], proposal_id=p.pk)
        services.proposal_send(actor=users["puhua"], proposal_id=p.pk)
        services.proposal_decide(
            actor=users["shitao"],
            proposal_id=p.pk,
            granted=True,
            decided_on=today,
            ruling_number=f"江公（治）决字〔{today.year}〕第37号",
            imposed="警告",
            note="已当面宣读并送达处罚决定书。",
        )
