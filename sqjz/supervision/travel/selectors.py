"""Reads of leave to travel, always within the user's jurisdiction."""

from datetime import date

from django.db.models import QuerySet

from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.travel.models import TravelLeave

TRAVEL_VIEWS = {"pending": "待审批", "away": "外出中", "all": "全部"}


def travel_list(user, show: str, today: date) -> QuerySet[TravelLeave]:
    leaves = TravelLeave.objects.filter(jurisdiction_q(user, prefix="supervisee__")).select_related(
        "supervisee__judicial_office"
    )
    if show == "pending":
        return leaves.filter(status=TravelLeave.Status.PENDING).order_by("start", "id")
    if show == "away":
        return leaves.filter(status=TravelLeave.Status.APPROVED, start__lte=today).order_by("start", "id")
    return leaves.order_by("-start", "-id")
