"""The leading groups' to-do: `leadership_task`, a follow-up task of a meeting not yet done, for the agency that keeps
the meeting (those with LEADERSHIP_MANAGE there), from the inbox's look-ahead before its due day; overdue after it.
No legal deadline applies: the day is the meeting's, said so in the item. Decision 0047."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, register
from sqjz.leadership.models import FollowUpTask
from sqjz.leadership.selectors import meetings_for
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context

AREA = "leadership"
REMINDER = "会议确定的完成时限，非法定期限"


def _open_tasks(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    tasks = FollowUpTask.objects.filter(done_on__isnull=True, due_on__lte=today + timedelta(days=LOOKAHEAD_DAYS))
    tasks = tasks if ids is None else tasks.filter(pk__in=ids)
    for t in tasks.select_related("decision__meeting").only(
        "id", "task", "department", "due_on", "decision__meeting__id", "decision__meeting__unit_id"
    ):
        unit = t.decision.meeting.unit_id
        yield Due(
            t.pk,
            f"{t.task}（{t.department}）",
            Decision(rule="", outcome=t.due_on, articles=(), reasons=("领导小组和联席会议确定的督办任务", REMINDER)),
            unit,
            unit,
        )


def _watch(user) -> Q:
    return Q(subject_id__in=FollowUpTask.objects.filter(decision__meeting__in=meetings_for(user)).values("pk"))


register(
    Duty(
        kind="leadership_task",
        label="落实领导小组和联席会议督办任务",
        area=AREA,
        capability=Capability.LEADERSHIP_MANAGE,
        scope=Scope.RECORDS,
        compute=_open_tasks,
        url=lambda pk: reverse("leadership:list"),  # the list shows the tasks due soon and overdue first
        watch=_watch,
    )
)
