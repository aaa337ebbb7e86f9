"""The helpers' to-do: `help_due`, for a social worker or volunteer, a person under correction assigned to them whom
they are to see again (HELP_CONTACT_DUE: a LOCAL number of days after the last help they recorded, or after the
assignment), named to the helper, from the inbox's look-ahead before the day."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, register
from sqjz.socialwork.models import HelpRecord
from sqjz.socialwork.selectors import CONTACT_RULE, HELPER_KINDS
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import CaseAssignment, Status

AREA = "socialwork"


def _help_due(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    last = HelpRecord.objects.filter(helper=OuterRef("user"), supervisee=OuterRef("supervisee")).order_by()
    assignments = CaseAssignment.objects.filter(
        is_active=True,
        kind__in=HELPER_KINDS,
        user__is_active=True,
        user__unit__isnull=False,
        supervisee__status=Status.UNDER_CORRECTION,
        supervisee__is_minor=False,
    )
    assignments = assignments if ids is None else assignments.filter(pk__in=ids)
    rows = assignments.annotate(
        last_help=Subquery(last.values("supervisee").annotate(day=Max("day")).values("day")[:1])
    ).values(
        "pk",
        "user_id",
        "user__unit_id",
        "supervisee_id",
        "supervisee__name",
        "supervisee__judicial_office_id",
        "assigned_at",
        "created_at",
        "last_help",
    )
    horizon = today + timedelta(days=LOOKAHEAD_DAYS)
    for row in rows:
        assigned_on = timezone.localtime(row["assigned_at"] or row["created_at"]).date()
        decision = RULES[CONTACT_RULE](ctx, last_help=row["last_help"], assigned_on=assigned_on)
        if decision.outcome > horizon:
            continue
        yield Due(
            row["pk"],
            row["supervisee__name"],
            decision,
            row["supervisee__judicial_office_id"],
            row["user__unit_id"],
            supervisee_id=row["supervisee_id"],
            actor_user_id=row["user_id"],
        )


register(
    Duty(
        kind="help_due",
        label="走访帮扶所联系的社区矫正对象",
        area=AREA,
        capability=Capability.HELP_RECORD,
        scope=Scope.RECORDS,
        compute=_help_due,
        url=lambda pk: reverse("socialwork:mine"),
    )
)
