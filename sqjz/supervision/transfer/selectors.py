"""Reads of changes of the place of execution, and who may see them.

A transfer is seen by whoever may see the person's record (the current office and county, and the city), and also,
as a party to the procedure, by the county agencies and procuratorates of both counties (the receiving county before
it has the record, the sending county after it has lost it) and by the receiving judicial office. Being a party opens
the transfer's own page — the application, the replies, the decision and its notice — never the rest of the record.
Procurators see adults' transfers only, like the records (社区矫正法第五十四条)."""

from django.db.models import Q, QuerySet

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.search import prefix_q
from sqjz.supervisees.permissions import NOTHING, jurisdiction_q
from sqjz.supervision.transfer.models import ResidenceTransfer

TransferStatus = ResidenceTransfer.Status
COUNTY_ROLES = (Role.COUNTY_OFFICER, Role.COUNTY_HEAD)
TRANSFER_VIEWS = {"open": "办理中", "incoming": "迁入本县", "outgoing": "迁出本县", "all": "全部"}
OPEN_STATUSES = (TransferStatus.APPLIED, TransferStatus.CONSULTING, TransferStatus.REPLIED, TransferStatus.APPROVED)


def party_q(user, prefix: str = "") -> Q:
    """Transfers the user takes part in as an agency of either county (not through the record)."""
    p = prefix
    unit = user.unit if user.is_authenticated and user.is_active else None
    if unit is None or not has_capability(user, Capability.SUPERVISEE_VIEW):
        return NOTHING
    if user.role == Role.OFFICE_OFFICER:
        return Q(**{f"{p}to_office_id": unit.id})
    if user.role in COUNTY_ROLES and unit.county_id:
        return Q(**{f"{p}from_county_id": unit.county_id}) | Q(**{f"{p}to_county_id": unit.county_id})
    if user.role == Role.PROCURATOR and unit.county_id:
        counties = Q(**{f"{p}from_county_id": unit.county_id}) | Q(**{f"{p}to_county_id": unit.county_id})
        return counties & Q(**{f"{p}supervisee__is_minor": False})
    return NOTHING


def transfer_q(user, prefix: str = "") -> Q:
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.role == Role.SUPERVISEE:
        return Q(**{f"{prefix}supervisee_id": user.supervisee_id}) if user.supervisee_id else NOTHING
    return jurisdiction_q(user, prefix=f"{prefix}supervisee__") | party_q(user, prefix)


def transfers_for(user) -> QuerySet[ResidenceTransfer]:
    return ResidenceTransfer.objects.filter(transfer_q(user))


def transfer_list(user, show: str, q: str = "") -> QuerySet[ResidenceTransfer]:
    transfers = transfers_for(user).select_related("supervisee", "from_office", "to_office", "from_county", "to_county")
    county = user.unit.county_id if user.unit_id else None
    if show == "open":
        transfers = transfers.filter(status__in=OPEN_STATUSES)
    elif show == "incoming":
        transfers = transfers.filter(to_county_id=county)
    elif show == "outgoing":
        transfers = transfers.filter(from_county_id=county)
    if q:
        transfers = transfers.filter(prefix_q("supervisee__name", q))
    return transfers.order_by("-applied_on", "-id")


def open_transfer(s) -> ResidenceTransfer | None:
    return s.residence_transfers.filter(status__in=OPEN_STATUSES).first()


def transfers_current(s) -> list[ResidenceTransfer]:
    """The person's own transfers (the phone), newest first."""
    return list(s.residence_transfers.select_related("to_office").order_by("-applied_on", "-id")[:5])
