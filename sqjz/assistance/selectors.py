"""Reads of assistance: what an assessment makes a person eligible for (statute ASSISTANCE_ELIGIBILITY), the cases a
user may see (those of the people in their jurisdiction), and the coverage report (应保尽保): for each kind, the people
under correction eligible by their latest assessment, covered (a case in progress or completed) and not covered, per
county or office of the user's area (minors counted, never named above their office)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from sqjz.accounts.models import User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.assistance.models import COVERING, UNFINISHED, AssistanceCase, Kind, Need, NeedsAssessment
from sqjz.organisation.models import Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import jurisdiction_q

ELIGIBILITY_RULE = "ASSISTANCE_ELIGIBILITY"
ASSESSMENT_RULE = "ASSISTANCE_ASSESSMENT_DUE"
FOLLOW_UP_RULE = "ASSISTANCE_REFERRAL_FOLLOW_UP"
FACTS = (
    "work",
    "employer_in_difficulty",
    "wants_training",
    "wants_startup",
    "compulsory_education_completed",
    "wants_further_study",
    "income_below_minimum",
    "severe_hardship",
    "insured",
    "unemployment_benefit_qualified",
    "needs_legal_aid",
)


def may_read(user) -> bool:
    """Who follows the casework of an area, or does it for the people assigned to them (social workers)."""
    return has_capability(user, Capability.CASEWORK_VIEW) or has_capability(user, Capability.ASSISTANCE_RECORD)


def eligibility(person: Supervisee, assessment: NeedsAssessment, ctx: Context | None = None) -> Decision:
    """What the assessment's findings, with the register's age, sex, disability and minor status, make the person
    eligible for."""
    return RULES[ELIGIBILITY_RULE](
        ctx or statute_context(),
        birth_date=person.birth_date,
        assessment_day=assessment.assessed_on,
        is_minor=person.is_minor,
        is_female=person.is_female,
        is_disabled=person.is_disabled,
        **{name: getattr(assessment, name) for name in FACTS},
    )


def current_assessment(person: Supervisee) -> NeedsAssessment | None:
    return person.needs_assessments.filter(current=True).prefetch_related("needs").first()


def cases_of(person: Supervisee) -> list[AssistanceCase]:
    return list(
        person.assistance_cases.select_related("handler")
        .prefetch_related("steps__recorded_by")
        .order_by("-opened_on", "-id")
    )


def cases_for(user) -> QuerySet[AssistanceCase]:
    return AssistanceCase.objects.filter(jurisdiction_q(user, prefix="supervisee__"))


def case_list(user, *, status: str = "", kind: str = "", q: str = "", mine: bool = False) -> QuerySet[AssistanceCase]:
    cases = cases_for(user)
    if mine:
        cases = cases.filter(handler=user)
    if status:
        cases = cases.filter(status=status)
    if kind:
        cases = cases.filter(kind=kind)
    if q:
        cases = cases.filter(Q(supervisee__name__icontains=q) | Q(outcome__icontains=q))
    return cases.select_related("supervisee__judicial_office", "handler").order_by("-opened_on", "-id")


def get_case_for_user(user, pk: int) -> AssistanceCase:
    try:
        return cases_for(user).select_related("supervisee", "assessment").get(pk=pk)
    except AssistanceCase.DoesNotExist:
        raise Http404 from None


def helpers_of(person: Supervisee) -> list:
    """The social workers assigned to the person, who may handle a case (承办)."""
    return list(
        User.objects.filter(
            case_assignments__supervisee=person,
            case_assignments__is_active=True,
            case_assignments__kind="social_worker",
            is_active=True,
        ).order_by("full_name", "id")
    )


# ------------------------------------------------------------------------------------------- coverage (应保尽保)


def _needs(offices: QuerySet[Unit]) -> QuerySet[Need]:
    """The needs of the people under correction of `offices` by their latest assessment, each annotated `covered`."""
    covering = AssistanceCase.objects.filter(
        supervisee_id=OuterRef("assessment__supervisee_id"), kind=OuterRef("kind"), status__in=COVERING
    )
    return Need.objects.filter(
        assessment__current=True,
        assessment__supervisee__status=Status.UNDER_CORRECTION,
        assessment__supervisee__judicial_office__in=offices.values("id"),
    ).annotate(covered=Exists(covering))


@dataclass
class Coverage:
    eligible: int = 0
    covered: int = 0

    def add(self, eligible: int, covered: int) -> None:
        self.eligible += eligible
        self.covered += covered

    @property
    def uncovered(self) -> int:
        return self.eligible - self.covered

    @property
    def rate(self) -> int | None:
        """Covered, in per cent (rounded down: 应保尽保 is met only at 100)."""
        return self.covered * 100 // self.eligible if self.eligible else None


def coverage(offices: QuerySet[Unit], by: str, kind: str = "") -> tuple[dict[str, Coverage], dict[int, Coverage]]:
    """For the people of `offices`: by kind, and by county (`by` "county") or office ("office") for one kind (or all
    kinds, counted in needs: a person eligible for two kinds counts twice). One query."""
    group = "assessment__supervisee__county_id" if by == "county" else "assessment__supervisee__judicial_office_id"
    rows = (
        _needs(offices)
        .values("kind", group)
        .annotate(eligible=Count("id"), covered=Count("id", filter=Q(covered=True)))
        .order_by()
    )
    by_kind = {code: Coverage() for code in Kind.values}
    by_unit: dict[int, Coverage] = {}
    for row in rows:
        by_kind[row["kind"]].add(row["eligible"], row["covered"])
        if kind in ("", row["kind"]):
            by_unit.setdefault(row[group], Coverage()).add(row["eligible"], row["covered"])
    return by_kind, by_unit


def uncovered(offices: QuerySet[Unit], kind: str = "") -> QuerySet[Need]:
    """The needs not covered, of the people of `offices` (for one kind, or all), with the person and office."""
    needs = _needs(offices).filter(covered=False)
    if kind:
        needs = needs.filter(kind=kind)
    return needs.select_related("assessment__supervisee__judicial_office").order_by(
        "assessment__supervisee__judicial_office__name",
        "assessment__supervisee__name",
        "assessment__supervisee_id",
        "kind",
    )


# ------------------------------------------------------------------------------------------- for placement (AID-9)


def unhoused(people: QuerySet[Supervisee]) -> QuerySet[Supervisee]:
    """Those of `people` whose standing needs assessment found no stable housing (a placement base's candidates)."""
    return people.filter(needs_assessments__current=True, needs_assessments__stable_housing=False)


def unfinished_cases(user, *, kinds: tuple[str, ...], county_id: int) -> QuerySet[AssistanceCase]:
    """The unfinished cases of `kinds` of the people under correction of a county that `user` may see (those an
    enterprise's offer may be matched to), the oldest first."""
    return (
        cases_for(user)
        .filter(
            kind__in=kinds,
            status__in=UNFINISHED,
            supervisee__county_id=county_id,
            supervisee__status=Status.UNDER_CORRECTION,
        )
        .select_related("supervisee__judicial_office")
        .order_by("opened_on", "id")
    )
