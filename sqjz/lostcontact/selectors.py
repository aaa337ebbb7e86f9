"""Reads of lost-contact cases. The interface other areas use (the measures and proposals apps): `contact_spans`,
`open_case`, `span_level` and `span_measure`; everything here is read-only and imports neither the inbox's services
nor this app's services. Contact restored is read from supervision's and intake's selectors (`restored_contacts`)."""

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from sqjz.intake.selectors import report_in_days
from sqjz.lostcontact.models import LostContact, Outcome
from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.checkins.selectors import first_contacts

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


# What the office may propose for a span, by LOST_CONTACT_LEVEL's outcome: the agency's own measures (enforcement)
# or a proposal to the deciding authority (proposals).
AGENCY_MEASURES = ("admonition", "warning")
AUTHORITY_PROPOSALS = ("revocation", "committal")


def span_measure(ctx: Context, supervisee_id: int, case_id: int, correction_type: str, today: date):
    """The person's span of case `case_id` with LOST_CONTACT_LEVEL's decision for it (up to today while open), or
    None if the case is not the person's. For the measure form pre-filled from a case. One query."""
    span = next((sp for sp in contact_spans(supervisee_id) if sp.case_id == case_id), None)
    if span is None:
        return None
    return span, span_level(ctx, span, correction_type, today)


def span_days(span: Span, today: date) -> int:
    """Days out of contact of the span, counted as LOST_CONTACT_LEVEL counts (the first day not counted)."""
    return max(0, ((span.until or today) - span.since).days)


# ---------------------------------------------------------------------------------------------- contact restored


@dataclass(frozen=True)
class Contact:
    """Contact with the person after the case's `since`: the day, what it was ("签到", "报到", "经核实联系上本人") and
    the closing outcome it points to (the person came back, or the office reached them)."""

    day: date
    label: str
    outcome: str


CONTACT_KINDS = {
    "checkin": ("签到", Outcome.RETURNED),
    "report_in": ("报到", Outcome.RETURNED),
    "follow_up": ("经核实联系上本人", Outcome.FOUND),
}


def restored_contacts(cases: list[LostContact]) -> dict[int, Contact]:
    """For each open case (by the person's id), the first contact recorded after its `since`: an app check-in or a
    follow-up that reached the person (supervision), or the report-in (intake). Absent: still out of contact.
    Three queries, however many cases."""
    since = {c.supervisee_id: c.since for c in cases if c.is_open}
    if not since:
        return {}
    found = first_contacts(since)
    for pk, day in report_in_days(since).items():
        if day > since[pk] and (pk not in found or day < found[pk][0]):
            found[pk] = (day, "report_in")
    return {pk: Contact(day, *CONTACT_KINDS[kind]) for pk, (day, kind) in found.items()}


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


def lost_contact_people(office_ids: list[int], start: date, end: date) -> dict[int, int]:
    """For the appraisal (GOV-1): per judicial office, the number of people for whom a lost-contact search was opened
    within [start, end] (each person once). One grouped query, however many offices."""
    rows = (
        LostContact.objects.filter(
            supervisee__judicial_office_id__in=office_ids, opened_on__gte=start, opened_on__lte=end
        )
        .order_by()
        .values("supervisee__judicial_office_id")
        .annotate(n=Count("supervisee_id", distinct=True))
    )
    return {r["supervisee__judicial_office_id"]: r["n"] for r in rows}
