"""Reads of the mentoring scheme: a person's mentor (the active CaseAssignment of kind mentor), the occasions for a
visit with their deadlines (MENTORING_VISIT_DUE, MENTORING_VISIT_ESCALATION), a mentor's people, and the figures per
department the political-legal committee follows."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from sqjz.mentoring.models import ChangeReport, Trigger, Visit
from sqjz.organisation.models import Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import CaseAssignment, Status, Supervisee
from sqjz.supervisees.permissions import supervisees_for

DUE_RULE = "MENTORING_VISIT_DUE"
ESCALATION_RULE = "MENTORING_VISIT_ESCALATION"
CHANGE_RULE = "MENTORING_OCCASION_OF_CHANGE"

# The departments of the "511" scheme (法院、检察院、公安、司法行政), by the kind of the mentor's unit.
DEPARTMENTS = {
    Unit.Kind.COURT: "法院",
    Unit.Kind.PROCURATORATE: "检察院",
    Unit.Kind.PUBLIC_SECURITY: "公安",
    Unit.Kind.POLICE_STATION: "公安",
    Unit.Kind.JUDICIAL_OFFICE: "司法行政",
    Unit.Kind.COUNTY_AGENCY: "司法行政",
}
DEPARTMENT_ORDER = ("法院", "检察院", "公安", "司法行政", "其他")


def mentors_of(people: list[int]) -> dict[int, CaseAssignment]:
    """person id → the active mentor assignment (with its user and unit); the earliest if there were two."""
    rows = (
        CaseAssignment.objects.filter(supervisee_id__in=people, kind=CaseAssignment.Kind.MENTOR, is_active=True)
        .select_related("user__unit")
        .order_by("-id")
    )
    return {a.supervisee_id: a for a in rows}


def mentor_of(s: Supervisee) -> CaseAssignment | None:
    return mentors_of([s.pk]).get(s.pk)


def visit_due(ctx: Context, trigger: Trigger) -> Decision:
    return RULES[DUE_RULE](ctx, known_on=trigger.known_on)


def escalation(ctx: Context, trigger: Trigger) -> Decision:
    return RULES[ESCALATION_RULE](ctx, visit_due=visit_due(ctx, trigger).outcome.due)


@dataclass
class TriggerRow:
    trigger: Trigger
    due: Decision
    escalates: Decision
    visit: Visit | None

    @property
    def state(self) -> str:
        if self.visit is not None:
            return "已走访"
        today = timezone.localdate()
        if today >= self.escalates.outcome.due:
            return "逾期督办"
        if today > self.due.outcome.due:
            return "已逾期"
        return "待走访"


def trigger_rows(triggers, ctx: Context | None = None) -> list[TriggerRow]:
    ctx = ctx or statute_context()
    rows = []
    for t in triggers:
        due = visit_due(ctx, t)
        escalates = RULES[ESCALATION_RULE](ctx, visit_due=due.outcome.due)
        rows.append(TriggerRow(t, due, escalates, getattr(t, "visit", None)))
    return rows


def person_triggers(s: Supervisee) -> list[TriggerRow]:
    return trigger_rows(Trigger.objects.filter(supervisee=s).select_related("visit__mentor", "recorded_by"))


def get_trigger(s: Supervisee, pk: int) -> Trigger | None:
    return Trigger.objects.filter(supervisee=s, pk=pk).select_related("visit__mentor", "recorded_by").first()


def mentor_people(user) -> QuerySet[Supervisee]:
    """The people the mentor is paired with now (the register's jurisdiction for a mentor), under correction."""
    return (
        supervisees_for(user)
        .filter(status=Status.UNDER_CORRECTION)
        .select_related("judicial_office")
        .order_by("name", "id")
    )


def open_triggers_of(people: list[int]) -> dict[int, list[Trigger]]:
    open_ = Trigger.objects.filter(supervisee_id__in=people, visit__isnull=True).select_related("visit")
    open_ = open_.order_by("known_on", "id")
    result: dict[int, list[Trigger]] = {}
    for t in open_:
        result.setdefault(t.supervisee_id, []).append(t)
    return result


def change_reports(s: Supervisee) -> QuerySet[ChangeReport]:
    return ChangeReport.objects.filter(supervisee=s).select_related("read_by", "trigger")


def occasion_of_change(change: str) -> Decision:
    return RULES[CHANGE_RULE](statute_context(), change=change)


@dataclass
class DepartmentRow:
    department: str
    pairs: int = 0
    occasions: int = 0
    visited: int = 0
    due: int = 0  # open, within the deadline
    overdue: int = 0  # open, past the deadline
    visits: int = 0  # every visit in the period, on an occasion or not
    mentors: set = field(default_factory=set)

    @property
    def mentor_count(self) -> int:
        return len(self.mentors)


def department_report(user, start: date, end: date) -> list[DepartmentRow]:
    """Per department, for the people in the user's jurisdiction under correction: pairs now, mentors; occasions
    known in the period and their state (visited, open within or past the deadline); visits made in the period.

    An occasion belongs to the department of the person's mentor now (with none paired: "其他")."""
    people = supervisees_for(user).filter(status=Status.UNDER_CORRECTION)
    rows = {d: DepartmentRow(d) for d in DEPARTMENT_ORDER}
    mentors = (
        CaseAssignment.objects.filter(
            supervisee__in=people.values("pk"), kind=CaseAssignment.Kind.MENTOR, is_active=True
        )
        .select_related("user__unit")
        .order_by("-id")
    )
    department_of: dict[int, str] = {}
    for a in mentors:
        name = DEPARTMENTS.get(a.user.unit.kind, "其他") if a.user.unit else "其他"
        department_of.setdefault(a.supervisee_id, name)
        rows[name].pairs += 1
        rows[name].mentors.add(a.user_id)
    ctx = statute_context()
    today = timezone.localdate()
    triggers = Trigger.objects.filter(supervisee__in=people.values("pk"), known_on__gte=start, known_on__lte=end)
    for t in triggers.select_related("visit").only("id", "supervisee_id", "known_on", "visit__id"):
        row = rows[department_of.get(t.supervisee_id, "其他")]
        row.occasions += 1
        if getattr(t, "visit", None) is not None:
            row.visited += 1
        elif today > visit_due(ctx, t).outcome.due:
            row.overdue += 1
        else:
            row.due += 1
    visits = Visit.objects.filter(supervisee__in=people.values("pk"), visited_on__gte=start, visited_on__lte=end)
    for supervisee_id in visits.values_list("supervisee_id", flat=True):
        rows[department_of.get(supervisee_id, "其他")].visits += 1
    return [r for r in rows.values() if r.pairs or r.occasions or r.visits]
