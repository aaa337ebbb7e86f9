"""Reads of staffing: per judicial office (and per county, the sum of its offices) the people under correction by
supervision level in force, the weighted workload against the social workers on hand (STAFFING_WORKLOAD); per village
of an office the people under correction, the specialists in post (VILLAGE_SPECIALIST_NEEDED) and the evaluators'
accounts (EVALUATORS_PER_VILLAGE). Counts only: minors are counted, never named. A fixed number of queries whatever
the number of offices, villages or people."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sqjz.accounts.models import Role, User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.intake.selectors import level_history
from sqjz.organisation.models import Division, Unit
from sqjz.staffing.models import VillageSpecialist
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.statute.rules.staffing import LEVELS
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import area_offices

WORKLOAD_RULE = "STAFFING_WORKLOAD"
SPECIALIST_RULE = "VILLAGE_SPECIALIST_NEEDED"
EVALUATOR_RULE = "EVALUATORS_PER_VILLAGE"


@dataclass
class Staffing:
    """One office's row (or a county's: the sum of its offices' rows)."""

    unit: Unit | None  # None on the total of a page
    people: Counter = field(default_factory=Counter)  # level in force ("unset": none yet) → people under correction
    staff: int = 0
    social_workers: int = 0
    workload: Decimal = Decimal("0")
    needed: int = 0
    short: int = 0
    decision: Decision | None = None  # an office's STAFFING_WORKLOAD; None on a county's row

    @property
    def total(self) -> int:
        return sum(self.people.values())

    @property
    def by_level(self) -> list[int]:
        """The counts in the order of LEVELS (the page's columns)."""
        return [self.people[level] for level in LEVELS]

    def add(self, other: "Staffing") -> None:
        self.people.update(other.people)
        self.staff += other.staff
        self.social_workers += other.social_workers
        self.workload += other.workload
        self.needed += other.needed
        self.short += other.short


def _in_force(levels: list[tuple[date, str]], today: date) -> str:
    current = [level for since, level in sorted(levels) if since <= today]
    return current[-1] if current else "unset"


def office_staffing(offices: QuerySet[Unit], today: date, ctx: Context) -> list[Staffing]:
    """Each office's row, in the offices' order. Four queries: the offices, their people under correction, those
    people's levels, and the accounts of the offices' staff and social workers."""
    rows = {u.pk: Staffing(u) for u in offices.select_related("county")}
    people = Supervisee.objects.filter(status=Status.UNDER_CORRECTION, judicial_office_id__in=list(rows))
    levels = level_history(people)
    for pk, office_id in people.values_list("pk", "judicial_office_id"):
        rows[office_id].people[_in_force(levels.get(pk, []), today)] += 1
    accounts = (
        User.objects.filter(is_active=True, unit_id__in=list(rows), role__in=(Role.OFFICE_OFFICER, Role.SOCIAL_WORKER))
        .values_list("unit_id", "role")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, role, n in accounts:
        if role == Role.SOCIAL_WORKER:
            rows[unit_id].social_workers = n
        else:
            rows[unit_id].staff = n
    for row in rows.values():
        row.decision = RULES[WORKLOAD_RULE](ctx, on=today, people=dict(row.people), social_workers=row.social_workers)
        out = row.decision.outcome
        row.workload, row.needed, row.short = out["workload"], out["workers_needed"], out["workers_short"]
    return list(rows.values())


def county_staffing(rows: list[Staffing]) -> list[Staffing]:
    """The offices' rows summed by county, each under its county agency (one query). An office's shortfall is not
    filled by another's surplus: a county's shortfall is the sum of its offices'."""
    counties = {row.unit.county_id for row in rows}
    agencies = Unit.objects.filter(kind=Unit.Kind.COUNTY_AGENCY, county_id__in=counties).order_by("county__code")
    by_county: dict[int, Staffing] = {}
    for agency in agencies:
        by_county.setdefault(agency.county_id, Staffing(agency))
    for row in rows:
        if row.unit.county_id in by_county:
            by_county[row.unit.county_id].add(row)
    return list(by_county.values())


def totals(rows: list[Staffing]) -> Staffing:
    total = Staffing(None)
    for row in rows:
        total.add(row)
    return total


def workload_explain(ctx: Context, today: date) -> str:
    """How the page's figures are computed, with the parameters in force."""
    weights = ctx.use("STAFFING_LEVEL_WEIGHTS", today).value
    per_worker = ctx.use("SOCIAL_WORKER_WORKLOAD", today).value
    terms = "＋".join(f"{label}×{Decimal(str(weights[level])).normalize():f}" for level, label in LEVELS.items())
    return f"加权工作量＝{terms}；应配社工＝加权工作量÷{per_worker}，向上取整"


# ------------------------------------------------------------------------------------------------------ villages


def get_office_for_user(user, pk: int) -> Unit:
    """A judicial office of the user's area (404 otherwise, alike for a missing one)."""
    offices = area_offices(user)
    office = offices.select_related("division", "county").filter(pk=pk).first() if offices is not None else None
    if office is None:
        raise Http404
    return office


def may_manage(user, office: Unit) -> bool:
    """Whether the user registers and ends the specialists of the office's villages: a county agency's, of its
    county (STAFFING_MANAGE)."""
    return (
        has_capability(user, Capability.STAFFING_MANAGE)
        and user.unit is not None
        and user.unit.kind == Unit.Kind.COUNTY_AGENCY
        and user.unit.county_id == office.county_id
    )


def in_post(today: date) -> Q:
    return Q(since__lte=today) & (Q(until__isnull=True) | Q(until__gt=today))


@dataclass
class VillageRow:
    village: Division
    people: int
    evaluators: int
    specialists: list[VillageSpecialist]
    specialist: Decision
    evaluator: Decision


def village_staffing(office: Unit, today: date, ctx: Context) -> tuple[list[VillageRow], int]:
    """The villages of the office's people under correction, and those of its township with a specialist in post,
    most people first; and how many of its people have no village recorded. Three queries."""
    counts = (
        Supervisee.objects.filter(status=Status.UNDER_CORRECTION, judicial_office=office)
        .values_list("village_id", "village__code", "village__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    villages, people, unplaced = {}, {}, 0
    for village_id, code, name, n in counts:
        if village_id is None:
            unplaced = n
            continue
        villages[village_id] = Division(pk=village_id, code=code, name=name, level=Division.Level.VILLAGE)
        people[village_id] = n
    specialists = defaultdict(list)
    posts = VillageSpecialist.objects.filter(in_post(today)).filter(
        Q(village_id__in=list(villages)) | Q(village__parent_id=office.division_id)
    )
    for s in posts.select_related("village").order_by("since", "id"):
        villages.setdefault(s.village_id, s.village)
        specialists[s.village_id].append(s)
    evaluators = dict(
        User.objects.filter(role=Role.EVALUATOR, is_active=True, unit__division_id__in=list(villages))
        .values_list("unit__division_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = []
    for pk, village in villages.items():
        n = people.get(pk, 0)
        rows.append(
            VillageRow(
                village,
                n,
                evaluators.get(pk, 0),
                specialists[pk],
                RULES[SPECIALIST_RULE](ctx, on=today, people_in_village=n, specialists=len(specialists[pk])),
                RULES[EVALUATOR_RULE](ctx, on=today, people_in_village=n, evaluators=evaluators.get(pk, 0)),
            )
        )
    rows.sort(key=lambda r: (-r.people, r.village.code))
    return rows, unplaced


def office_villages(office: Unit) -> QuerySet[Division]:
    """The villages of the office's township, for registering a specialist."""
    return Division.objects.filter(parent_id=office.division_id, level=Division.Level.VILLAGE).order_by("code")


def get_specialist_for_manager(user, office: Unit, pk: int) -> VillageSpecialist:
    """A specialist of a village of the office's county, for a user who manages it (404 otherwise)."""
    found = VillageSpecialist.objects.filter(pk=pk, village__parent__parent_id=office.county_id).first()
    if found is None or not may_manage(user, office):
        raise Http404
    return found
