"""Enforcement's to-dos: the county decides what the office proposed; the office proposes what the
grades and the counts call for (应当表扬 / 可以表扬 after a quarterly grade, 两次训诫仍不改正 → a warning
ground, a level review after a grade); the county agency sees a revocation or committal ground
(两次警告仍不改正) arise, with its article."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.assessment.selectors import latest_assessments
from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.enforcement.selectors import discipline_counts, revocation_ground, warning_ground
from sqjz.inbox.registry import Due, Duty, Scope, people_q, register, shared
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context
from sqjz.statute.rules.assessment import POSSIBLE, REQUIRED
from sqjz.supervisees.models import Status, Supervisee

AREA = "enforcement"


def _people(ids: list[int] | None, q: Q):
    return Supervisee.objects.filter(people_q(ids), q, status=Status.UNDER_CORRECTION).select_related("judicial_office")


def _url(pk: int) -> str:
    return reverse("enforcement:case", args=[pk])


def _on(day: date, rule: str, articles: tuple[str, ...], reason: str) -> Decision:
    return Decision(rule=rule, outcome=day, articles=articles, reasons=(reason,))


def _pending(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    waiting = (
        Q(measures__status=Measure.Status.PROPOSED)
        | Q(level_reviews__status=LevelReview.Status.PROPOSED)
        | Q(enforcement_facts__kind=Fact.Kind.MERITORIOUS, enforcement_facts__confirmed_at__isnull=True)
    )
    for s in _people(ids, waiting).distinct():
        d = _on(
            today,
            "MEASURE_DECIDER",
            ("实施办法第三十三条", "实施办法第三十四条", "实施办法第三十五条"),
            "司法所已提请，由县级社区矫正机构决定",
        )
        yield Due(s.pk, s.name, d, s.judicial_office_id, s.judicial_office.parent_id, supervisee_id=s.pk)


def _warning_grounds(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    admonished = Q(
        measures__kind=Measure.Kind.ADMONITION,
        measures__status=Measure.Status.APPROVED,
        measures__corrected_on__isnull=True,
    )
    for s in _people(ids, admonished).distinct():
        counts = discipline_counts(s.pk, on=today)
        d = warning_ground(ctx, s, counts, today)
        if d is None:
            continue
        latest = (
            s.measures.filter(kind=Measure.Kind.ADMONITION, status=Measure.Status.APPROVED)
            .order_by("-decided_on")
            .first()
        )
        if (
            s.measures.filter(kind=Measure.Kind.WARNING, proposed_at__date__gte=latest.decided_on)
            .exclude(status=Measure.Status.REFUSED)
            .exists()
        ):
            continue
        yield Due(
            s.pk,
            s.name,
            _on(today, d.rule, d.articles, d.explain()),
            s.judicial_office_id,
            s.judicial_office_id,
            supervisee_id=s.pk,
        )


def _revocation_grounds(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    warned = Q(
        measures__kind=Measure.Kind.WARNING,
        measures__status=Measure.Status.APPROVED,
        measures__corrected_on__isnull=True,
    )
    for s in _people(ids, warned).distinct():
        d = revocation_ground(ctx, s, discipline_counts(s.pk, on=today), today)
        if d is not None:
            yield Due(
                s.pk,
                s.name,
                _on(today, d.rule, d.articles, d.explain()),
                s.judicial_office_id,
                s.judicial_office.parent_id,
                supervisee_id=s.pk,
            )


def _last_proposed(records, q: Q) -> dict[int, date]:
    """The day (local time) of each person's latest proposal among `records` (of the people `q` selects): one query
    for the batch, not one per person (the daily refresh computes these for the whole city)."""
    latest = records.filter(q).order_by().values("supervisee_id").annotate(last=Max("proposed_at"))
    return {r["supervisee_id"]: timezone.localtime(r["last"]).date() for r in latest}


def _latest(ids: list[int] | None) -> dict:
    """The latest assessment of each person under correction among `ids`: read once per batch of the daily refresh,
    for the commendations and the level review."""
    people = people_q(ids, "supervisee_id") & Q(supervisee__status=Status.UNDER_CORRECTION)
    return shared(ids, "enforcement.latest_assessments", lambda: latest_assessments(people))


def _named(ids, q: Q):
    """(id, name, office) of the people under correction among `ids` (no model objects: the daily refresh reads
    these for everyone under correction)."""
    return _people(ids, q).order_by().values_list("id", "name", "judicial_office_id")


def _commendations(wanted: str):
    def compute(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
        # Only the people whose latest assessment calls for this commendation are read.
        latest = {pk: a for pk, a in _latest(ids).items() if a.consequence.get("commendation") == wanted}
        if not latest:
            return
        proposed = _last_proposed(Measure.objects.filter(kind=Measure.Kind.COMMENDATION), Q(supervisee_id__in=latest))
        for pk, name, office_id in _named(list(latest), Q()):
            a = latest[pk]
            if proposed.get(pk, date.min) >= a.assessed_on:
                continue
            d = _on(a.assessed_on, a.consequence_rule, tuple(a.consequence_articles.split("、")), a.consequence_reasons)
            yield Due(pk, name, d, office_id, office_id, supervisee_id=pk)

    return compute


def _level_reviews(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    reviewed = _last_proposed(LevelReview.objects.all(), people_q(ids, "supervisee_id"))
    latest = {pk: a.assessed_on for pk, a in _latest(ids).items() if reviewed.get(pk, date.min) < a.assessed_on}
    if not latest:
        return
    for pk, name, office_id in _named(ids, Q(levels__isnull=False)).distinct():
        if pk not in latest:
            continue
        d = _on(
            latest[pk],
            "SUPERVISION_LEVEL",
            ("社区矫正法第三条", "实施办法（分类管理）"),
            "季度考核后复核下一期的管理等级",
        )
        yield Due(pk, name, d, office_id, office_id, supervisee_id=pk)


for kind, label, capability, compute, _actor in (
    ("enforcement_decide", "奖惩待决定", Capability.ENFORCEMENT_DECIDE, _pending, "县级社区矫正机构"),
    ("enforcement_warning_ground", "警告情形：两次训诫仍不改正", Capability.ENFORCEMENT_PROPOSE, _warning_grounds, ""),
    (
        "enforcement_revocation_ground",
        "撤销或收监情形：两次警告仍不改正",
        Capability.ENFORCEMENT_DECIDE,
        _revocation_grounds,
        "",
    ),
    (
        "enforcement_commendation_due",
        "应当表扬：提请表扬",
        Capability.ENFORCEMENT_PROPOSE,
        _commendations(REQUIRED),
        "",
    ),
    (
        "enforcement_commendation_possible",
        "可以表扬（建议）",
        Capability.ENFORCEMENT_PROPOSE,
        _commendations(POSSIBLE),
        "",
    ),
    ("enforcement_level_review", "季度管理等级复核", Capability.ENFORCEMENT_PROPOSE, _level_reviews, ""),
):
    register(
        Duty(kind=kind, label=label, area=AREA, capability=capability, scope=Scope.PEOPLE, compute=compute, url=_url)
    )
