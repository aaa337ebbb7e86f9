"""Reads of social work: a helper's people and records, a person's help, and the county's contracts with the services
delivered under them."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404

from sqjz.accounts.models import Role, User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.organisation.models import Unit
from sqjz.socialwork.models import ContractEvaluation, HelpKind, HelpRecord, ServiceContract
from sqjz.supervisees.models import CaseAssignment, Supervisee
from sqjz.supervisees.permissions import area_offices, supervisees_for

NON_ENFORCEMENT_RULE = "SOCIAL_WORK_NON_ENFORCEMENT"
CONTACT_RULE = "HELP_CONTACT_DUE"
HELPER_KINDS = (CaseAssignment.Kind.SOCIAL_WORKER, CaseAssignment.Kind.VOLUNTEER)


# ------------------------------------------------------------------------------------------------ helpers' work


def my_people(user) -> QuerySet[Supervisee]:
    """The people assigned to the helper (active assignments; never a minor: jurisdiction_q), with the day of the last
    help the helper recorded for each (`last_help`), by name."""
    mine = HelpRecord.objects.filter(helper=user, supervisee=OuterRef("pk")).order_by().values("supervisee")
    assigned = CaseAssignment.objects.filter(
        supervisee=OuterRef("pk"), user=user, is_active=True, kind__in=HELPER_KINDS
    )
    return (
        supervisees_for(user)
        .filter(Exists(assigned))
        .select_related("judicial_office")
        .annotate(last_help=Subquery(mine.annotate(last=Max("day")).values("last")[:1]))
        .order_by("name", "id")
    )


def my_records(user, *, q: str = "", kind: str = "") -> QuerySet[HelpRecord]:
    records = HelpRecord.objects.filter(helper=user)
    if kind:
        records = records.filter(kind=kind)
    if q:
        records = records.filter(Q(content__icontains=q) | Q(supervisee__name__icontains=q))
    return records.select_related("supervisee", "contract").order_by("-day", "-id")


def help_of(person: Supervisee) -> QuerySet[HelpRecord]:
    return HelpRecord.objects.filter(supervisee=person).select_related("helper", "contract").order_by("-day", "-id")


# ------------------------------------------------------------------------------------------------------ contracts


def agencies_for(user) -> QuerySet[Unit]:
    """The county agencies whose contracts the user may read: those of the user's county (an office's, a county
    agency's, a procuratorate's), or of the city's counties for a city-level unit."""
    unit = user.unit if user.is_authenticated and user.is_active else None
    if unit is None or not has_capability(user, Capability.CASEWORK_VIEW):
        return Unit.objects.none()
    if unit.county_id:
        return Unit.objects.filter(kind=Unit.Kind.COUNTY_AGENCY, county_id=unit.county_id)
    agencies = area_offices(user, kind=Unit.Kind.COUNTY_AGENCY)
    return agencies if agencies is not None else Unit.objects.none()


def contracts_for(user) -> QuerySet[ServiceContract]:
    return ServiceContract.objects.filter(agency__in=agencies_for(user).values("id"))


def contract_list(user, q: str = "") -> QuerySet[ServiceContract]:
    contracts = contracts_for(user)
    if q:
        contracts = contracts.filter(Q(title__icontains=q) | Q(provider__icontains=q) | Q(selection_reference=q))
    return (
        contracts.select_related("agency")
        .annotate(workers_count=Count("workers", distinct=True))
        .order_by("-starts_on", "-id")
    )


def get_contract_for_user(user, pk: int) -> ServiceContract:
    try:
        return contracts_for(user).select_related("agency", "created_by").get(pk=pk)
    except ServiceContract.DoesNotExist:
        raise Http404 from None


def may_manage(user, contract: ServiceContract | None = None) -> bool:
    """Whether the user keeps the contracts of their own county agency (and this one is of it)."""
    unit = user.unit if user.is_authenticated else None
    if unit is None or unit.kind != Unit.Kind.COUNTY_AGENCY or not has_capability(user, Capability.CONTRACT_MANAGE):
        return False
    return contract is None or contract.agency_id == unit.pk


def worker_candidates(agency: Unit) -> QuerySet[User]:
    """Social workers with an account in the agency's county (of a judicial office, the agency or a social
    organisation there): whom a contract may list as the provider's workers."""
    return User.objects.filter(role=Role.SOCIAL_WORKER, is_active=True, unit__county_id=agency.county_id).order_by(
        "full_name", "id"
    )


def contract_on(helper, person: Supervisee, day: date) -> ServiceContract | None:
    """The contract under which the helper's help for the person on `day` is delivered: one of the person's county
    that lists the helper as a worker and runs on that day (the earliest such)."""
    return (
        ServiceContract.objects.filter(
            workers=helper, agency__county_id=person.county_id, starts_on__lte=day, ends_on__gte=day
        )
        .order_by("starts_on", "id")
        .first()
    )


@dataclass(frozen=True)
class Figures:
    """Services per kind of help and in hours: those delivered, and those due, side by side."""

    rows: list[tuple[str, str, int, int]]  # (kind, label, delivered, due)
    hours: Decimal
    hours_due: Decimal

    @property
    def met(self) -> bool:
        return self.hours >= self.hours_due and all(done >= due for _, _, done, due in self.rows)


def delivered(contract: ServiceContract, start: date, end: date) -> tuple[dict[str, int], Decimal]:
    """The services recorded under the contract from `start` to `end`: the number per kind of help, and hours. One
    query."""
    records = HelpRecord.objects.filter(contract=contract, day__gte=start, day__lte=end)
    counts = dict.fromkeys(HelpKind.values, 0)
    hours = Decimal("0")
    for row in records.values("kind").annotate(n=Count("id"), h=Sum("hours")).order_by():
        counts[row["kind"]] = row["n"]
        hours += row["h"]
    return counts, hours


def expected(contract: ServiceContract, start: date, end: date) -> tuple[dict[str, int], Decimal]:
    """The contract's quantities due for the days from `start` to `end` of its term, pro rata (rounded half up)."""
    term = (contract.ends_on - contract.starts_on).days + 1
    days = (min(end, contract.ends_on) - max(start, contract.starts_on)).days + 1
    share = Decimal(max(days, 0)) / Decimal(term)
    counts = {
        kind: int((Decimal(contract.quantities.get(kind, 0)) * share).quantize(Decimal("1"), ROUND_HALF_UP))
        for kind in HelpKind.values
    }
    return counts, (contract.hours * share).quantize(Decimal("0.1"), ROUND_HALF_UP)


def figures(done: dict[str, int], done_hours: Decimal, due: dict[str, int], due_hours: Decimal) -> Figures:
    rows = [
        (kind, label, int(done.get(kind, 0)), int(due.get(kind, 0)))
        for kind, label in HelpKind.choices
        if done.get(kind) or due.get(kind)
    ]
    return Figures(rows, Decimal(done_hours), Decimal(due_hours))


def period_figures(contract: ServiceContract, start: date, end: date) -> Figures:
    return figures(*delivered(contract, start, end), *expected(contract, start, end))


def evaluation_figures(evaluation: ContractEvaluation) -> Figures:
    return figures(evaluation.delivered, evaluation.delivered_hours, evaluation.expected, evaluation.expected_hours)


def by_worker(contract: ServiceContract) -> list[tuple[User, int, Decimal]]:
    """Each of the contract's workers with the services and hours they recorded under it. Two queries."""
    totals = {
        row["helper"]: (row["n"], row["h"])
        for row in HelpRecord.objects.filter(contract=contract)
        .values("helper")
        .annotate(n=Count("id"), h=Sum("hours"))
        .order_by()
    }
    return [
        (worker, *totals.get(worker.pk, (0, Decimal("0"))))
        for worker in contract.workers.select_related("unit").order_by("full_name", "id")
    ]


def payments_by_county(county_ids, start: date, end: date) -> dict[int, Decimal]:
    """What the county agencies of `county_ids` paid under their purchased-services contracts between `start` and
    `end` (the milestones paid in the period, at the amount paid), by county. One query (for sqjz.funding)."""
    from sqjz.socialwork.models import PaymentMilestone

    rows = (
        PaymentMilestone.objects.filter(
            contract__agency__county_id__in=list(county_ids), paid_on__gte=start, paid_on__lte=end
        )
        .values("contract__agency__county_id")
        .order_by()
        .annotate(total=Sum("paid_amount"))
    )
    return {r["contract__agency__county_id"]: r["total"] or Decimal("0") for r in rows}
