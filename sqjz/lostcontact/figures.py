"""Lost contact's figure per office: open searches (查找中) and how many of them were reported to the police
(loaded by the figures part at start-up)."""

from datetime import date

from django.db.models import Count, Q

from sqjz.figures.registry import Figure, register_figure
from sqjz.lostcontact.models import LostContact

LOST_CONTACT_FIGURE = "lost_contact"


def lost_contact_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    rows = (
        LostContact.objects.filter(supervisee__judicial_office_id__in=offices, state=LostContact.State.OPEN)
        .order_by()
        .values("supervisee__judicial_office_id")
        .annotate(open=Count("pk"), police_notified=Count("pk", filter=Q(police_notified_on__isnull=False)))
    )
    return {r.pop("supervisee__judicial_office_id"): r for r in rows}


register_figure(
    Figure(
        name=LOST_CONTACT_FIGURE,
        label="失联查找",
        keys=("open", "police_notified"),
        compute=lost_contact_counts,
        rank=lambda v: v["open"],
    )
)
