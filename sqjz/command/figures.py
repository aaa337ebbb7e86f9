"""The command centre's own figure per office: approvals waiting (loaded by the figures part at start-up).

An approval is an open to-do whose duty asks for a deciding capability (approving an investigation opinion or
electronic monitoring, deciding leave to travel, enforcement measures or the close of a case, signing a proposal):
the duties say so themselves through their capability, so a new kind of decision is counted without a change here."""

from datetime import date

from django.db.models import Count, Q

from sqjz.accounts.permissions import Capability
from sqjz.figures.registry import Figure, register_figure
from sqjz.inbox.models import InboxItem
from sqjz.inbox.registry import DUTIES

APPROVALS_FIGURE = "approvals"
DECIDING = frozenset(
    {
        Capability.INVESTIGATION_APPROVE,
        Capability.MONITORING_APPROVE,
        Capability.TRAVEL_DECIDE,
        Capability.ENFORCEMENT_DECIDE,
        Capability.CASE_CLOSE,
        Capability.PROPOSAL_SIGN,
    }
)


def approval_kinds() -> list[str]:
    return sorted(kind for kind, duty in DUTIES.items() if duty.capability in DECIDING)


def approval_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    rows = (
        InboxItem.objects.filter(office_id__in=offices, state=InboxItem.State.OPEN, kind__in=approval_kinds())
        .order_by()
        .values("office_id")
        .annotate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due__lt=today)))
    )
    return {r.pop("office_id"): r for r in rows}


register_figure(
    Figure(
        name=APPROVALS_FIGURE,
        label="待审批事项",
        keys=("waiting", "overdue"),
        compute=approval_counts,
        rank=lambda v: v["overdue"] * 1_000_000 + v["waiting"],
    )
)
