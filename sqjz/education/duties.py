"""Education's to-do: `service_help`, a coming public-benefit activity for each volunteer or social worker who helps
run it, by name, due on its day (a working reminder; no legal deadline applies). The item names no person's record:
the office that organises the activity and the helper see it."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.education.models import ServiceHelper
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context
from sqjz.supervisees.permissions import area_offices

AREA = "education"


def _to_help(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    helpers = ServiceHelper.objects.filter(activity__held_on__gte=today, user__is_active=True)
    helpers = helpers if ids is None else helpers.filter(pk__in=ids)
    for h in helpers.select_related("activity", "user"):
        a = h.activity
        decision = Decision(
            rule="",
            outcome=a.held_on,
            articles=(),
            reasons=(f"协助组织公益活动：{a.title}，{a.place}，{a.hours}小时", "工作提示，非法定期限"),
        )
        yield Due(h.pk, a.title, decision, a.office_id, h.user.unit_id or a.office_id, actor_user_id=h.user_id)


def _watch(user) -> Q:
    offices = area_offices(user)
    mine = Q(user=user) | (Q(activity__office__in=offices.values("pk")) if offices is not None else Q(pk__in=[]))
    return Q(subject_id__in=ServiceHelper.objects.filter(mine).values("pk"))


register(
    Duty(
        kind="service_help",
        label="协助公益活动",
        area=AREA,
        capability=Capability.HELP_RECORD,
        scope=Scope.RECORDS,
        compute=_to_help,
        url=lambda pk: reverse("education:helping"),
        watch=_watch,
    )
)
