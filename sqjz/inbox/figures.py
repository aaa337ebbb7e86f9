"""The to-do figure: open and overdue items per office, for the summaries of counties and cities."""

from datetime import date

from django.db.models import Count, Q

from sqjz.figures.registry import Figure, register_figure
from sqjz.inbox.models import InboxItem

TODO_FIGURE = "todo"
RANK_SCALE = 1_000_000  # overdue items first, then open ones


def todo_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    rows = (
        InboxItem.objects.filter(office_id__in=offices, state=InboxItem.State.OPEN)
        .order_by()
        .values("office_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due__lt=today)))
    )
    return {r["office_id"]: {"open": r["open"], "overdue": r["overdue"]} for r in rows}


register_figure(
    Figure(
        name=TODO_FIGURE,
        label="待办事项",
        keys=("open", "overdue"),
        compute=todo_counts,
        rank=lambda v: v["overdue"] * RANK_SCALE + v["open"],
    )
)
