"""Reads of lost-contact cases. The interface other areas use (the measures and proposals apps): `contact_spans` and
`open_case`; everything here is read-only and imports neither the inbox's services nor this app's services."""

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from sqjz.lostcontact.models import LostContact, Outcome
from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import jurisdiction_q

LEVEL_RULE = "LOST_CONTACT_LEVEL"
START_RULE = "LOST_CONTACT_START"
NOTICE_RULE = "LOST_CONTACT_POLICE_NOTICE_DUE"
# The grounds of LOST_CONTACT_LEVEL in the officer's words, for a table cell.
GROUND_LABELS = {
    "none": "尚不构成处理情形",
    "admonition": "训诫情形",
    "warning": "警告情形",
    "revocation": "提请撤销情形",
    "committal": "提请收监执行情形",
}


@dataclass(frozen=True)
class Span:
    """One lost-contact case of a person: `since` the last day of contact; `until` the day contact was restored
    (None while the case is open); `refused_to_report` the county agency's finding for temporary release;
    `outcome` the closing outcome's label ("" while open)."""

    case_id: int
    since: date
    until: date | None
    refused_to_report: bool
    outcome: str


def _span(case: LostContact) -> Span:
    outcome = Outcome(case.outcome).label if case.outcome else ""
    return Span(case.pk, case.since, case.restored_on, case.refused_to_report, outcome)


def contact_spans(supervisee_id: int) -> list[Span]:
    """Every lost-contact case of the person, oldest first (open and closed). Pass `since`, `until` (or today, while
    open) and `refused_to_report` to LOST_CONTACT_LEVEL for the measure the span grounds. One query."""
    cases = LostContact.objects.filter(supervisee_id=supervisee_id).order_by("since", "id")
    return [_span(c) for c in cases]


def open_case(supervisee_id: int) -> Span | None:
    """The person's open lost-contact case, if any (there is at most one). One query."""
    case = LostContact.objects.filter(supervisee_id=supervisee_id, state=LostContact.State.OPEN).first()
    return _span(case) if case else None


def span_level(ctx: Context, span: Span, correction_type: str, today: date) -> Decision:
    """LOST_CONTACT_LEVEL for a span: up to `today` while the case is open, for the whole span once closed (the
    measure to propose, with its articles and reasons)."""
    until = span.until or max(today, span.since)
    refused = span.refused_to_report and correction_type == "temporary_release"
    return RULES[LEVEL_RULE](
        ctx, correction_type=correction_type, since=span.since, until=until, refused_to_report=refused
    )


# ---------------------------------------------------------------------------------------------- counting and grounds


def days_out(case: LostContact, today: date) -> int:
    """Days out of contact: from the day after `since` to the day contact was restored (or today); the first day is
    not counted, as LOST_CONTACT_LEVEL counts."""
    return max(0, ((case.restored_on or today) - case.since).days)


def level_decision(ctx: Context, case: LostContact, correction_type: str, today: date) -> Decision:
    """LOST_CONTACT_LEVEL for the case: up to today while it is open, for the whole span once closed."""
    until = case.restored_on or max(today, case.since)
    return RULES[LEVEL_RULE](
        ctx,
        correction_type=correction_type,
        since=case.since,
        until=until,
        refused_to_report=case.refused_to_report and correction_type == "temporary_release",
    )


def ground_reached_on(ctx: Context, case: LostContact, correction_type: str, measure: str) -> date | None:
    """The first day on which the open case grounds `measure` (or a graver one of the same rank), counting on from
    `since`; None if it never will by days alone (e.g. revocation for public surveillance)."""
    if case.refused_to_report and correction_type == "temporary_release" and measure == "committal":
        return case.refused_found_on or case.opened_on
    max_days = ctx.use("LOST_CONTACT_ADMONITION_MAX_DAYS", case.since).value
    if measure == "warning":
        return date.fromordinal(case.since.toordinal() + max_days + 1)
    if measure in ("revocation", "committal") and correction_type != "control":
        months = ctx.use("LOST_CONTACT_REVOCATION_MONTHS", case.since).value
        return date.fromordinal(add_months(case.since, months).toordinal() + 1)
    return None


def police_notice_due(ctx: Context, case: LostContact) -> Decision:
    return RULES[NOTICE_RULE](ctx, opened_on=case.opened_on)


def with_outcome(decision: Decision, outcome) -> Decision:
    """The decision's evidence with another outcome (a due date for the inbox)."""
    return dataclasses.replace(decision, outcome=outcome)


# ------------------------------------------------------------------------------------------------------- the list

LIST_VIEWS = {"open": "查找中", "closed": "已结案", "all": "全部"}


def case_list(user, *, show: str = "open", q: str = "") -> QuerySet[LostContact]:
    """Cases of people in the user's jurisdiction (procurators: their county's, minors sealed as everywhere), the
    longest out of contact first. Two queries per page (count, rows) however many cases."""
    cases = LostContact.objects.filter(jurisdiction_q(user, prefix="supervisee__"))
    if show in ("open", "closed"):
        cases = cases.filter(state=show)
    if q:
        cases = cases.filter(Q(supervisee__name__contains=q) | Q(supervisee__name_initials__startswith=q.lower()))
    return (
        cases.select_related("supervisee__judicial_office")
        .annotate(attempt_count=Count("attempts"))
        .order_by("state", "since", "id")
    )


def cases_of(s: Supervisee) -> list[LostContact]:
    return list(
        LostContact.objects.filter(supervisee=s)
        .select_related("opened_by", "closed_by", "refused_found_by", "notice")
        .order_by("-since", "-id")
    )
