"""Writes of enforcement (考核奖惩). Each is one transaction under the person's row lock; views call only these.

Who may do what is the statute's MEASURE_DECIDER (the judicial office investigates and proposes, the county agency
decides); the role's body is compared with the rule's, so a refusal names the article."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.core.errors import ServiceError
from sqjz.core.photos import PhotoError, photo_accept, photo_store
from sqjz.documents.services import document_issue
from sqjz.enforcement import duties, paperwork
from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.enforcement.selectors import (
    DECIDER_RULE,
    LEVEL_RULE,
    discipline_counts,
    level_facts,
    lost_contact_offer,
    lost_contact_ref,
    measure_grounds,
)
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.services import level_record
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.labels import label
from sqjz.statute.registry import RULES
from sqjz.statute.rules.supervision import LEVELS
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import CorrectionType, Status, Supervisee
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user

MAX_ATTACHMENTS = 6
# The body a role acts for, compared with MEASURE_DECIDER's proposer and decider.
BODY_OF_ROLE = {
    Role.OFFICE_OFFICER: "judicial_office",
    Role.COUNTY_OFFICER: "county_agency",
    Role.COUNTY_HEAD: "county_agency",
}
BODY_LABELS = {"judicial_office": "司法所", "county_agency": "县级社区矫正机构"}


class EnforcementError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def _locked(actor, pk: int) -> Supervisee:
    s = lock_supervisee_for_user(actor, pk, Access.EDIT, status=Status.UNDER_CORRECTION)
    if s is None:
        raise EnforcementError("您无权办理该矫正对象的考核奖惩事项，或该对象不在矫。")
    return s


def _check_body(actor, measure: str, role: str) -> None:
    """`role` is "proposer" or "decider": the actor's body must be the one MEASURE_DECIDER names."""
    d = RULES[DECIDER_RULE](statute_context(), measure=measure)
    wanted = getattr(d.outcome, role)
    if BODY_OF_ROLE.get(actor.role) != wanted:
        raise EnforcementError(f"{d.reasons[0]}，您不能办理此事项。")


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


def _not_future(value: date | None, field: str, label: str) -> None:
    if value and value > timezone.localdate():
        raise EnforcementError(f"{label}不能晚于今天。", field)


# ---------------------------------------------------------------------------------------------------------- facts

TYPE_ONLY = {
    Fact.Kind.PROHIBITION_BREACH: (
        (CorrectionType.CONTROL, CorrectionType.PROBATION),
        "禁止令只适用于管制、缓刑对象（刑法第三十八条、第七十二条），请选择其他事实类别。",
    ),
    Fact.Kind.REEXAMINATION_MISSED: (
        (CorrectionType.TEMPORARY_RELEASE,),
        "病情复查只适用于保外就医的暂予监外执行对象（实施办法第三十五条），请选择其他事实类别。",
    ),
}
NEEDS_SEVERITY = (Fact.Kind.SUPERVISION_BREACH, Fact.Kind.PROHIBITION_BREACH)


@transaction.atomic
def fact_record(*, actor, supervisee: Supervisee, fact: Fact, photos: list[bytes] = (), record_ref: str = "") -> Fact:
    """Record a fact with its evidence (photos re-encoded). A meritorious act waits for the county's confirmation."""
    s = _locked(actor, supervisee.pk)
    _check_body(actor, "meritorious_act" if fact.kind == Fact.Kind.MERITORIOUS else "admonition", "proposer")
    _not_future(fact.occurred_on, "occurred_on", "发生日期")
    if fact.occurred_on < s.term_start:
        raise EnforcementError(f"发生日期不能早于矫正期限起始日{cn_date(s.term_start)}。", "occurred_on")
    if fact.kind in TYPE_ONLY and s.correction_type not in TYPE_ONLY[fact.kind][0]:
        raise EnforcementError(TYPE_ONLY[fact.kind][1], "kind")
    if fact.kind in NEEDS_SEVERITY and not fact.severity:
        raise EnforcementError("违反监督管理规定或禁止令的，请选择情节（轻微、较重、严重）。", "severity")
    if fact.kind == Fact.Kind.PROHIBITION_BREACH and fact.severity == "more_serious":
        raise EnforcementError("违反禁止令的情节分为轻微和严重，请选择其一。", "severity")
    if fact.kind not in NEEDS_SEVERITY:
        fact.severity = ""
    if fact.kind == Fact.Kind.MERITORIOUS and not fact.merit:
        raise EnforcementError("请选择突出表现类别（见义勇为、抢险救灾、立功等）。", "merit")
    if fact.kind != Fact.Kind.MERITORIOUS:
        fact.merit = ""
    if fact.kind == Fact.Kind.LOST_CONTACT:
        _not_future(fact.out_of_contact_until, "out_of_contact_until", "恢复联系日期")
        if fact.out_of_contact_until and fact.out_of_contact_until < fact.occurred_on:
            raise EnforcementError("恢复联系日期不能早于失去联系（应报到）之日。", "out_of_contact_until")
    else:
        fact.out_of_contact_until = None
    if len(photos) > MAX_ATTACHMENTS:
        raise EnforcementError(f"证据照片最多{MAX_ATTACHMENTS}张。", "photos")
    accepted = []  # every photo checked before anything is stored
    for i, raw in enumerate(photos):
        try:
            accepted.append(photo_accept(raw))
        except PhotoError as error:
            raise EnforcementError(f"第{i + 1}张证据照片：{error}", "photos") from error
    fact.supervisee, fact.recorded_by, fact.record_ref = s, actor, record_ref[:40]
    fact._history_user = actor
    fact.save()
    attachments = []
    for i, (data, ext) in enumerate(accepted):
        path = f"enforcement/{s.pk}/fact-{fact.pk}-{i + 1}.{ext}"
        attachments.append({"path": path, "sha256": photo_store(path, data)})
    if attachments:
        fact.attachments = attachments
        fact.save(update_fields=["attachments"])
    _refresh(s)
    return fact


@transaction.atomic
def merit_confirm(*, actor, fact_id: int) -> Fact:
    """The county agency confirms a meritorious act (实施办法第三十三条); from then it counts."""
    fact = Fact.objects.filter(pk=fact_id, kind=Fact.Kind.MERITORIOUS).first()
    if fact is None:
        raise EnforcementError("找不到该立功等突出表现记录。")
    s = _locked(actor, fact.supervisee_id)
    _check_body(actor, "meritorious_act", "decider")
    fact = Fact.objects.select_for_update().get(pk=fact_id)
    if fact.confirmed_at:
        raise EnforcementError("该突出表现已经确认。")
    fact.confirmed_by, fact.confirmed_at = actor, timezone.now()
    fact._history_user = actor
    fact.save(update_fields=["confirmed_by", "confirmed_at"])
    _refresh(s)
    return fact


# ------------------------------------------------------------------------------------------------------- measures


@transaction.atomic
def measure_propose(
    *,
    actor,
    supervisee: Supervisee,
    kind: str,
    fact_ids: list[int],
    proposal: str,
    assessment_id: int | None = None,
    lost_contact_id: int | None = None,
) -> Measure:
    """The office proposes a measure on chosen facts; without a ground the statute allows it cannot be saved.
    `assessment_id`: a quarterly assessment of the person taken as a fact (its grade and stored consequences).
    `lost_contact_id`: a lost-contact case of the person taken as a fact (its span, source 失联查找)."""
    s = _locked(actor, supervisee.pk)
    if kind not in Measure.Kind.values:
        raise EnforcementError("请选择表扬、训诫或警告。", "kind")
    _check_body(actor, kind, "proposer")
    facts = list(Fact.objects.filter(supervisee=s, pk__in=fact_ids).select_related("assessment"))
    if len(facts) != len(set(fact_ids)):
        raise EnforcementError("所选事实不属于该矫正对象，请重新选择。", "facts")
    if assessment_id is not None:
        facts.append(_assessment_fact(actor, s, assessment_id))
    if lost_contact_id is not None:
        fact = _lost_contact_fact(actor, s, lost_contact_id)
        if fact not in facts:
            facts.append(fact)
    if Measure.objects.filter(supervisee=s, kind=kind, status=Measure.Status.PROPOSED).exists():
        raise EnforcementError(
            f"该对象已有待决定的{Measure.Kind(kind).label}提请，请等待县级社区矫正机构决定。", "kind"
        )
    today = timezone.localdate()
    counts = discipline_counts(s.pk, on=today)
    finding = measure_grounds(statute_context(), s, kind, facts, counts, today)
    if not finding.available:
        label = Measure.Kind(kind).label
        raise EnforcementError(
            f"所选事实不具备{'、'.join(finding.articles[:1])}规定的{label}情形，不能提请{label}："
            + "；".join(finding.reasons),
            "facts",
        )
    m = Measure(
        supervisee=s,
        kind=kind,
        proposal=proposal,
        grounds=[code for code, _t, _a in finding.grounds],
        grounds_rule=finding.rule,
        grounds_articles="、".join(finding.articles)[:300],
        grounds_reasons="；".join(finding.reasons),
        proposed_by=actor,
    )
    m._history_user = actor
    m.save()
    m.facts.set(facts)
    _refresh(s)
    return m


def _assessment_fact(actor, s: Supervisee, assessment_id: int) -> Fact:
    """The fact of a quarterly grade (recorded once per assessment)."""
    a = s.assessments.filter(pk=assessment_id).first()
    if a is None:
        raise EnforcementError("所选季度考核不属于该矫正对象，请重新选择。", "facts")
    fact = Fact.objects.filter(supervisee=s, assessment=a).select_related("assessment").first()
    if fact is None:
        fact = Fact(
            supervisee=s,
            occurred_on=a.assessed_on,
            kind=Fact.Kind.ASSESSMENT,
            source=Fact.Source.ASSESSMENT,
            description=f"第{a.period_number}期季度考核为{a.get_grade_display()}：{a.consequence_reasons}",
            assessment=a,
            recorded_by=actor,
        )
        fact._history_user = actor
        fact.save()
    return fact


def _lost_contact_fact(actor, s: Supervisee, case_id: int) -> Fact:
    """The fact of a lost-contact case's span (recorded once per span: a case closed after an earlier proposal on it
    while it was open gets a fact of its own, with the day contact was restored)."""
    today = timezone.localdate()
    ref = lost_contact_ref(case_id)
    recorded = list(Fact.objects.filter(supervisee=s, record_ref=ref))
    offer = lost_contact_offer(statute_context(), s, case_id, recorded, today)
    if offer is None:
        raise EnforcementError("所选失联查找不属于该矫正对象，请重新选择。", "facts")
    if offer.fact is not None:
        return offer.fact
    fact = Fact(
        supervisee=s,
        occurred_on=offer.since,
        kind=Fact.Kind.LOST_CONTACT,
        out_of_contact_until=offer.until,
        source=Fact.Source.LOST_CONTACT,
        description=f"脱离监管：{offer.text}（据失联查找记录）。",
        record_ref=ref,
        recorded_by=actor,
    )
    fact._history_user = actor
    fact.save()
    return fact


def _measure_locked(actor, measure_id: int) -> tuple[Supervisee, Measure]:
    supervisee_id = Measure.objects.filter(pk=measure_id).values_list("supervisee_id", flat=True).first()
    if supervisee_id is None:
        raise EnforcementError("找不到该奖惩措施。")
    s = _locked(actor, supervisee_id)
    return s, Measure.objects.select_for_update().get(pk=measure_id)


@transaction.atomic
def measure_decide(*, actor, measure_id: int, approve: bool, reason: str) -> Measure:
    """The county agency approves (the decision document is issued, numbered by the agency) or refuses with a
    reason."""
    s, m = _measure_locked(actor, measure_id)
    _check_body(actor, m.kind, "decider")
    if m.status != Measure.Status.PROPOSED:
        raise EnforcementError(f"该{m.get_kind_display()}已{m.get_status_display()}，不能重复决定。")
    if not approve and not reason.strip():
        raise EnforcementError("不予决定的，请填写理由。", "reason")
    today = timezone.localdate()
    m.decided_by, m.decided_on, m.decision_reason = actor, today, reason.strip()
    if approve:
        agency = s.judicial_office.parent
        facts = [(f.occurred_on, f"{f.get_kind_display()}：{f.description}") for f in m.facts.order_by("occurred_on")]
        doc = paperwork.decision(s, m.kind, facts, [label(g) for g in m.grounds], m.grounds_articles, agency, today)
        m.document = document_issue(actor=actor, kind=f"{m.kind}_decision", agency=agency, doc=doc, supervisee=s)
        m.status = Measure.Status.APPROVED
    else:
        m.status = Measure.Status.REFUSED
    m._history_user = actor
    m.save(update_fields=["status", "decided_by", "decided_on", "decision_reason", "document"])
    _refresh(s)
    return m


@transaction.atomic
def measure_serve(*, actor, measure_id: int, served_on: date) -> Measure:
    """Record the day the decision was served on the person (送达)."""
    _s, m = _measure_locked(actor, measure_id)
    if m.status != Measure.Status.APPROVED:
        raise EnforcementError("只有已决定的措施才能登记送达。")
    if m.served_on:
        raise EnforcementError(f"已于{cn_date(m.served_on)}送达。", "served_on")
    _not_future(served_on, "served_on", "送达日期")
    if served_on < m.decided_on:
        raise EnforcementError(f"送达日期不能早于决定日期{cn_date(m.decided_on)}。", "served_on")
    m.served_on = served_on
    m._history_user = actor
    m.save(update_fields=["served_on"])
    return m


@transaction.atomic
def measure_correct(*, actor, measure_id: int, corrected_on: date, finding: str) -> Measure:
    """The office finds that the person has corrected the conduct of an admonition or warning (已改正)."""
    s, m = _measure_locked(actor, measure_id)
    _check_body(actor, m.kind, "proposer")
    if m.kind == Measure.Kind.COMMENDATION or m.status != Measure.Status.APPROVED:
        raise EnforcementError("只有已决定的训诫、警告才能登记改正。")
    if m.corrected_on:
        raise EnforcementError(f"已于{cn_date(m.corrected_on)}登记改正。", "corrected_on")
    _not_future(corrected_on, "corrected_on", "改正日期")
    if corrected_on < m.decided_on:
        raise EnforcementError(f"改正日期不能早于决定日期{cn_date(m.decided_on)}。", "corrected_on")
    if not finding.strip():
        raise EnforcementError("请填写改正情况。", "finding")
    m.corrected_on, m.correction_finding, m.corrected_by = corrected_on, finding.strip(), actor
    m._history_user = actor
    m.save(update_fields=["corrected_on", "correction_finding", "corrected_by"])
    _refresh(s)
    return m


# ------------------------------------------------------------------------------------------------- level review


@transaction.atomic
def level_review_propose(*, actor, supervisee: Supervisee) -> LevelReview:
    """The office proposes the level for the next period with the rule's reasons and articles."""
    s = _locked(actor, supervisee.pk)
    _check_body(actor, "level", "proposer")
    if LevelReview.objects.filter(supervisee=s, status=LevelReview.Status.PROPOSED).exists():
        raise EnforcementError("该对象已有待决定的管理等级复核。")
    today = timezone.localdate()
    facts = level_facts(s, today)
    if facts["current_level"] is None:
        raise EnforcementError("该对象尚未确定管理等级，请先在入矫环节确定。")
    d = RULES[LEVEL_RULE](statute_context(), **facts)
    review = LevelReview(
        supervisee=s,
        assessment=s.assessments.order_by("-period_end").first(),
        current_level=facts["current_level"],
        proposed_level=d.outcome,
        rule=d.rule,
        articles="、".join(d.articles)[:300],
        reasons="；".join(d.reasons),
        facts={k: v.isoformat() if isinstance(v, date) else v for k, v in facts.items()},
        proposed_by=actor,
    )
    review._history_user = actor
    review.save()
    _refresh(s)
    return review


@transaction.atomic
def level_review_decide(*, actor, review_id: int, approve: bool, reason: str) -> LevelReview:
    """The county decides; on approval the new level is in force FROM THE NEXT DAY (intake records it)."""
    supervisee_id = LevelReview.objects.filter(pk=review_id).values_list("supervisee_id", flat=True).first()
    if supervisee_id is None:
        raise EnforcementError("找不到该管理等级复核。")
    s = _locked(actor, supervisee_id)
    _check_body(actor, "level", "decider")
    review = LevelReview.objects.select_for_update().get(pk=review_id)
    if review.status != LevelReview.Status.PROPOSED:
        raise EnforcementError(f"该管理等级复核已{review.get_status_display()}，不能重复决定。")
    if not approve and not reason.strip():
        raise EnforcementError("不予调整的，请填写理由。", "reason")
    today = timezone.localdate()
    review.decided_by, review.decided_on, review.decision_reason = actor, today, reason.strip()
    if approve:
        review.status = LevelReview.Status.APPROVED
        review.effective_from = today + timedelta(days=1)
        if review.proposed_level != review.current_level:
            level_record(
                actor=actor,
                supervisee=s,
                level=review.proposed_level,
                effective_from=review.effective_from,
                rule=review.rule,
                articles=review.articles,
                reasons=f"经季度考核复核，由{LEVELS[review.current_level]}调整为{LEVELS[review.proposed_level]}："
                f"{review.reasons}",
            )
    else:
        review.status = LevelReview.Status.REFUSED
    review._history_user = actor
    review.save(update_fields=["status", "decided_by", "decided_on", "decision_reason", "effective_from"])
    _refresh(s)
    return review
