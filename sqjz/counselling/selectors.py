"""Reads of counselling records. They are restricted (decision 0038): a user reaches them only with
COUNSELLING_RECORD for a person in their jurisdiction — the person's judicial office, or a social worker assigned to
the person — which also makes the counsellors of a case (chosen from those users) its readers."""

from datetime import date

from django.db.models import Max, Q, QuerySet

from sqjz.accounts.models import Role, User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.counselling.models import CrisisCase, Session
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CaseAssignment, Supervisee
from sqjz.supervisees.permissions import NOTHING, jurisdiction_q

FOLLOW_UP_RULE = "CRISIS_FOLLOW_UP_DUE"
ASSESSMENT_RULE = "COUNSELLING_FOLLOWS_ASSESSMENT"


def people_q(user, prefix: str = "") -> Q:
    """The people whose counselling records `user` may see."""
    if not has_capability(user, Capability.COUNSELLING_RECORD):
        return NOTHING
    return jurisdiction_q(user, prefix=prefix)


def cases_for(user) -> QuerySet[CrisisCase]:
    return CrisisCase.objects.filter(people_q(user, "supervisee__"))


def counsellors_for(s: Supervisee) -> QuerySet[User]:
    """Who may be a person's counsellor: the office's officers and the social workers assigned to the person."""
    assigned = CaseAssignment.objects.filter(
        supervisee=s, kind=CaseAssignment.Kind.SOCIAL_WORKER, is_active=True
    ).values("user_id")
    return User.objects.filter(
        Q(role=Role.OFFICE_OFFICER, unit_id=s.judicial_office_id) | Q(role=Role.SOCIAL_WORKER, pk__in=assigned),
        is_active=True,
    ).order_by("role", "full_name", "id")


def last_contacts(cases: list[CrisisCase]) -> dict[int, date]:
    """case id → the day of its last contact: its last session, or its opening."""
    sessions = dict(
        Session.objects.filter(crisis__in=[c.pk for c in cases])
        .values("crisis_id")
        .annotate(last=Max("held_on"))
        .values_list("crisis_id", "last")
    )
    return {c.pk: max(c.opened_on, sessions.get(c.pk) or c.opened_on) for c in cases}


def follow_up(case: CrisisCase, last_contact: date, ctx=None) -> Decision:
    return RULES[FOLLOW_UP_RULE](ctx or statute_context(), risk=case.risk, last_contact=last_contact)


def follow_ups(cases: list[CrisisCase]) -> dict[int, Decision]:
    ctx = statute_context()
    contacts = last_contacts(cases)
    return {c.pk: follow_up(c, contacts[c.pk], ctx) for c in cases if c.closed_on is None}


def after_assessment(result: str) -> Decision:
    return RULES[ASSESSMENT_RULE](statute_context(), result=result)
