"""Reads of enforcement (考核奖惩): the counts other parts build on, the evidence of a case, the grounds the statute
finds in recorded facts, and the lists. Nothing here writes; the inbox's duties import this module.

Interface for the other parts of issue 11 (proposals, lost contact, review committee):
- `discipline_counts(supervisee_id, on=None) -> DisciplineCounts`
- `evidence(supervisee_id) -> list[Fact]`
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from sqjz.assessment.selectors import grades_since
from sqjz.enforcement.models import Fact as FactRecord
from sqjz.enforcement.models import LevelReview, Measure
from sqjz.enforcement.registry import police_penalties_uncorrected
from sqjz.lostcontact.selectors import span_days, span_measure
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.statute.rules.assessment import POSSIBLE, REQUIRED
from sqjz.statute.rules.discipline import ADMONITION_GROUNDS_TEXT, WARNING_GROUNDS_TEXT
from sqjz.statute.rules.measures import COMMENDATION_GROUNDS_TEXT
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, jurisdiction_q

GROUNDS_RULES = {
    Measure.Kind.COMMENDATION: "COMMENDATION_GROUNDS",
    Measure.Kind.ADMONITION: "ADMONITION_GROUNDS",
    Measure.Kind.WARNING: "WARNING_GROUNDS",
}
DECIDER_RULE = "MEASURE_DECIDER"
LEVEL_RULE = "SUPERVISION_LEVEL"
REVOCATION_RULE = "REVOCATION_PROPOSAL"


@dataclass(frozen=True)
class DisciplineCounts:
    """The person's decided measures on a day: how many admonitions and warnings, how many of them not corrected
    (仍不改正), commendations (in total, and in a row since the last admonition or warning) and confirmed
    meritorious acts."""

    admonitions: int = 0
    admonitions_uncorrected: int = 0
    warnings: int = 0
    warnings_uncorrected: int = 0
    commendations: int = 0
    consecutive_commendations: int = 0
    meritorious_acts: int = 0


def discipline_counts(supervisee_id: int, *, on: date | None = None) -> DisciplineCounts:
    """Counts of the approved measures decided on or before `on` (default today); an admonition or warning counts as
    not corrected unless it was marked corrected on or before `on`. Two queries."""
    on = on or timezone.localdate()
    measures = list(
        Measure.objects.filter(
            supervisee_id=supervisee_id, status=Measure.Status.APPROVED, decided_on__lte=on
        ).values_list("kind", "decided_on", "corrected_on", "id")
    )
    measures.sort(key=lambda m: (m[1], m[3]))
    counts = {"admonition": 0, "warning": 0, "commendation": 0}
    uncorrected = {"admonition": 0, "warning": 0}
    consecutive = 0
    for kind, _decided, corrected_on, _id in measures:
        counts[kind] += 1
        if kind == Measure.Kind.COMMENDATION:
            consecutive += 1
        else:
            consecutive = 0
            if corrected_on is None or corrected_on > on:
                uncorrected[kind] += 1
    merits = FactRecord.objects.filter(
        supervisee_id=supervisee_id,
        kind=FactRecord.Kind.MERITORIOUS,
        confirmed_at__isnull=False,
        occurred_on__lte=on,
    ).count()
    return DisciplineCounts(
        admonitions=counts["admonition"],
        admonitions_uncorrected=uncorrected["admonition"],
        warnings=counts["warning"],
        warnings_uncorrected=uncorrected["warning"],
        commendations=counts["commendation"],
        consecutive_commendations=consecutive,
        meritorious_acts=merits,
    )


@dataclass(frozen=True)
class Fact:
    """One dated, sourced item of evidence: `source` is a label in Chinese; `url` the page that shows it."""

    occurred_on: date
    source: str
    text: str
    url: str


def evidence(supervisee_id: int) -> list[Fact]:
    """Every recorded fact and every decided measure of the person, oldest first, for evidence bundles (revocation,
    committal, police-penalty proposals). Two queries."""
    url = reverse("enforcement:case", args=[supervisee_id])
    items = [
        Fact(f.occurred_on, f.get_source_display(), f"{f.get_kind_display()}：{f.description}", url)
        for f in FactRecord.objects.filter(supervisee_id=supervisee_id)
    ]
    for m in Measure.objects.filter(supervisee_id=supervisee_id, status=Measure.Status.APPROVED).select_related(
        "document"
    ):
        number = f"（{m.document.number}）" if m.document else ""
        corrected = (
            f"，{cn_date(m.corrected_on)}已改正" if m.corrected_on else "，尚未改正" if m.kind != "commendation" else ""
        )
        items.append(
            Fact(
                m.decided_on,
                "县级社区矫正机构决定",
                f"给予{m.get_kind_display()}{number}：{m.grounds_reasons}{corrected}",
                url,
            )
        )
    return sorted(items, key=lambda f: f.occurred_on)


# ------------------------------------------------------------------------------------------------------- grounds


def _fact_kwargs(kind: str, s: Supervisee, f: FactRecord) -> dict:
    """The statute facts one recorded fact gives to the grounds rule of `kind` (empty: none)."""
    if kind == Measure.Kind.COMMENDATION:
        if f.kind == FactRecord.Kind.OUTSTANDING:
            return {"outstanding_conduct": True}
        if f.kind == FactRecord.Kind.MERITORIOUS and f.confirmed_at:
            return {"meritorious_act": True}
        if f.kind == FactRecord.Kind.ASSESSMENT and f.assessment_id:
            c = f.assessment.consequence.get("commendation")
            return {"assessment_excellent": True} if c == REQUIRED else {"assessment_commendable": c == POSSIBLE}
        return {}
    if f.kind == FactRecord.Kind.LOST_CONTACT:
        return {"out_of_contact_since": f.occurred_on, "out_of_contact_until": f.out_of_contact_until}
    if f.kind == FactRecord.Kind.SUPERVISION_BREACH and f.severity:
        return {"supervision_breach": f.severity}
    if kind == Measure.Kind.ADMONITION and f.kind == FactRecord.Kind.REFUSED_EDUCATION:
        return {"refused_education": True}
    if kind == Measure.Kind.WARNING:
        if f.kind == FactRecord.Kind.PROHIBITION_BREACH and f.severity in ("minor", "serious"):
            return {"prohibition_breach": f.severity}
        if f.kind == FactRecord.Kind.REEXAMINATION_MISSED:
            return {"refused_reexamination_report": True}
    return {}


@dataclass(frozen=True)
class GroundsFinding:
    """What the grounds rule of a measure found in the chosen facts and the counts: the ground codes with their
    text and article, the reasons and the articles (ui.md's 依据 panel)."""

    rule: str
    available: bool
    grounds: tuple[tuple[str, str, str], ...]  # (code, text, article)
    reasons: tuple[str, ...]
    articles: tuple[str, ...]


def measure_grounds(
    ctx: Context, s: Supervisee, kind: str, facts: list[FactRecord], counts: DisciplineCounts, today: date
) -> GroundsFinding:
    """Run the grounds rule of `kind` once per chosen fact (each fact stands on its own) and once on the counts
    (训诫仍不改正 for a warning; 训诫、警告未改正 bar a commendation); the grounds found are their union."""
    texts = {
        Measure.Kind.COMMENDATION: COMMENDATION_GROUNDS_TEXT,
        Measure.Kind.ADMONITION: ADMONITION_GROUNDS_TEXT,
        Measure.Kind.WARNING: WARNING_GROUNDS_TEXT,
    }[kind]
    code = GROUNDS_RULES[kind]
    base = {"correction_type": s.correction_type, "today": today}
    if kind == Measure.Kind.COMMENDATION:
        base["measures_uncorrected"] = counts.admonitions_uncorrected + counts.warnings_uncorrected
    runs: list[dict] = [kw for f in facts if (kw := _fact_kwargs(kind, s, f))]
    if kind == Measure.Kind.WARNING:
        runs.append({"admonitions_uncorrected": counts.admonitions_uncorrected})
    decisions: list[Decision] = [RULES[code](ctx, **base, **kw) for kw in runs] or [RULES[code](ctx, **base)]
    found: list[str] = []
    reasons: list[str] = []
    articles: list[str] = []
    for d in decisions:
        found += [g for g in d.outcome.grounds if g not in found]
        reasons += [r for r in d.reasons if r not in reasons]
        articles += [a for a in d.articles if a not in articles]
    if found:  # "未发现…情形" from one fact is not the finding when another fact grounds the measure
        reasons = [r for r in reasons if not r.startswith("未发现")]
    ordered = [c for c in texts if c in found]
    return GroundsFinding(
        code,
        bool(ordered),
        tuple((c, *texts[c]) for c in ordered),
        tuple(reasons),
        tuple(articles),
    )


def revocation_ground(ctx: Context, s: Supervisee, counts: DisciplineCounts, today: date) -> Decision | None:
    """REVOCATION_PROPOSAL on the uncorrected warnings (two warnings not corrected: 撤销缓刑、假释 / 收监执行
    ground), when it holds; None for 管制 and when it does not. The proposal itself is another part's."""
    if not counts.warnings_uncorrected:
        return None
    d = RULES[REVOCATION_RULE](
        ctx, correction_type=s.correction_type, today=today, warnings_uncorrected=counts.warnings_uncorrected
    )
    return d if d.outcome.available else None


def warning_ground(ctx: Context, s: Supervisee, counts: DisciplineCounts, today: date) -> Decision | None:
    """WARNING_GROUNDS on the uncorrected admonitions (两次训诫仍不改正), when it holds."""
    if not counts.admonitions_uncorrected:
        return None
    d = RULES["WARNING_GROUNDS"](
        ctx, correction_type=s.correction_type, today=today, admonitions_uncorrected=counts.admonitions_uncorrected
    )
    return d if d.outcome.available else None


# ------------------------------------------------------------------------------------------- lost contact as a fact

LOST_CONTACT_PREFIX = "l"  # a ProposeForm fact value "l<case id>": the span of a lost-contact case, not yet a fact


def lost_contact_ref(case_id: int) -> str:
    """The `record_ref` of the fact recording a lost-contact case's span."""
    return f"lostcontact:{case_id}"


@dataclass(frozen=True)
class LostContactOffer:
    """A lost-contact case's span offered as the fact of a measure: its dates, the days counted, what
    LOST_CONTACT_LEVEL grounds for it (`measure`) and the fact already recording it (None: not recorded yet)."""

    case_id: int
    since: date
    until: date | None
    days: int
    measure: str
    text: str
    fact: FactRecord | None

    @property
    def value(self) -> str:
        return f"{LOST_CONTACT_PREFIX}{self.case_id}"


def lost_contact_case_id(values) -> int | None:
    """The case id of a "l<case id>" value among the chosen facts (or the query parameter), else None."""
    for v in values:
        v = str(v)
        raw = v[len(LOST_CONTACT_PREFIX) :] if v.startswith(LOST_CONTACT_PREFIX) else ""
        if raw.isdigit() and len(raw) < 12:
            return int(raw)
    return None


def lost_contact_offer(
    ctx: Context, s: Supervisee, case_id: int, facts: list[FactRecord], today: date
) -> LostContactOffer | None:
    """The span of the person's lost-contact case `case_id` as a fact (None if the case is not the person's), with
    LOST_CONTACT_LEVEL's measure for it (lostcontact's `span_level`). One query."""
    found = span_measure(ctx, s.pk, case_id, s.correction_type, today)
    if found is None:
        return None
    span, decision = found
    days = span_days(span, today)
    if span.until:
        text = f"最后联系日{cn_date(span.since)}，{cn_date(span.until)}恢复联系，失联{days}日"
    else:
        text = f"最后联系日{cn_date(span.since)}，至今失联{days}日，尚未恢复联系"
    ref = lost_contact_ref(case_id)
    fact = next(
        (
            f
            for f in facts
            if f.record_ref == ref and f.occurred_on == span.since and f.out_of_contact_until == span.until
        ),
        None,
    )
    return LostContactOffer(case_id, span.since, span.until, days, str(decision.outcome), text, fact)


# ------------------------------------------------------------------------------------------------- level review


def level_facts(s: Supervisee, today: date) -> dict:
    """SUPERVISION_LEVEL's facts from the records: intake date, the current level and since when, the grades received
    on 普管, the counts (police penalties from the areas that record them, enforcement.registry), a failed last
    assessment, consecutive commendations, a meritorious act."""
    handover = getattr(s, "handover", None)
    intake_date = handover.reported_on if handover and handover.reported_on else s.term_start
    levels = list(s.levels.filter(effective_from__lte=today).order_by("-effective_from", "-id")[:20])
    current = levels[0] if levels else None
    since = current.effective_from if current else None
    for lv in levels[1:]:
        if current and lv.level == current.level:
            since = lv.effective_from
        else:
            break
    counts = discipline_counts(s.pk, on=today)
    grades = grades_since(s.pk, since) if since else []
    return {
        "intake_date": intake_date,
        "today": today,
        "current_level": current.level if current else None,
        "admonitions": counts.admonitions_uncorrected,
        "warnings": counts.warnings_uncorrected,
        "police_penalties": police_penalties_uncorrected(s.pk),
        "failed_assessment": bool(grades) and grades[-1] == "fail",
        "ordinary_since": since if current and current.level == "ordinary" else None,
        "grades_on_ordinary": grades if current and current.level == "ordinary" else [],
        "consecutive_commendations": counts.consecutive_commendations,
        "meritorious_act": counts.meritorious_acts > 0,
    }


def level_proposal(s: Supervisee, today: date):
    """SUPERVISION_LEVEL's decision on today's facts."""
    return RULES[LEVEL_RULE](statute_context(), **level_facts(s, today))


def can_act(actor, s: Supervisee) -> bool:
    """Whether `actor` may act on the person's enforcement at all (the buttons' test)."""
    return Supervisee.objects.filter(
        jurisdiction_q(actor, Access.EDIT), pk=s.pk, status=Status.UNDER_CORRECTION
    ).exists()


# ------------------------------------------------------------------------------------------------------ the lists

LIST_VIEWS = {"pending": "待县级机构决定", "decided": "已决定", "all": "全部"}


def measure_list(user, *, show: str = "pending", q: str = "", kind: str = "") -> QuerySet[Measure]:
    """Measures of the people in the user's jurisdiction, newest first (one query per page)."""
    measures = Measure.objects.filter(jurisdiction_q(user, prefix="supervisee__")).select_related(
        "supervisee__judicial_office", "document", "proposed_by", "decided_by"
    )
    if show == "pending":
        measures = measures.filter(status=Measure.Status.PROPOSED)
    elif show == "decided":
        measures = measures.exclude(status=Measure.Status.PROPOSED)
    if kind in Measure.Kind.values:
        measures = measures.filter(kind=kind)
    if q:
        measures = measures.filter(Q(supervisee__name__contains=q) | Q(supervisee__name_initials__startswith=q.lower()))
    return measures.order_by("-proposed_at", "-id")


def pending_level_reviews(user, q: str = "") -> QuerySet[LevelReview]:
    reviews = LevelReview.objects.filter(
        jurisdiction_q(user, prefix="supervisee__"), status=LevelReview.Status.PROPOSED
    ).select_related("supervisee__judicial_office", "proposed_by")
    if q:
        reviews = reviews.filter(Q(supervisee__name__contains=q) | Q(supervisee__name_initials__startswith=q.lower()))
    return reviews.order_by("proposed_at", "id")


def pending_merits(user, q: str = "") -> QuerySet[FactRecord]:
    merits = FactRecord.objects.filter(
        jurisdiction_q(user, prefix="supervisee__"), kind=FactRecord.Kind.MERITORIOUS, confirmed_at__isnull=True
    ).select_related("supervisee__judicial_office", "recorded_by")
    if q:
        merits = merits.filter(Q(supervisee__name__contains=q) | Q(supervisee__name_initials__startswith=q.lower()))
    return merits.order_by("created_at", "id")
