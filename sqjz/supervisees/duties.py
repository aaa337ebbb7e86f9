"""The register's to-do: an identity number refused at registration because it already has an active record the
officer may not see goes to the city agency, which checks it by REGISTRATION_CONFLICT_CHECK_DUE. Only the city agency
sees these items (the officer who tried must learn nothing of the other record)."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register, register_people_source
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import ACTIVE_STATUSES, RegistrationConflict, Status, Supervisee
from sqjz.supervisees.permissions import registration_conflict_q

AREA = "register"


def _open_conflicts(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    conflicts = RegistrationConflict.objects.filter(status=RegistrationConflict.Status.OPEN)
    conflicts = conflicts if ids is None else conflicts.filter(pk__in=ids)
    for c in conflicts.select_related("attempted_office__parent"):
        office = c.attempted_office
        agency = office.parent or office
        decision = RULES["REGISTRATION_CONFLICT_CHECK_DUE"](ctx, refused_on=timezone.localdate(c.attempted_at))
        yield Due(c.pk, f"{office.name}登记被拒的证件号码", decision, office.id, agency.parent_id or agency.id)


def _watch(user) -> Q:
    return Q(subject_id__in=RegistrationConflict.objects.filter(registration_conflict_q(user)).values("pk"))


register(
    Duty(
        kind="registration_conflict",
        label="登记冲突核查",
        area=AREA,
        capability=Capability.REGISTRATION_CONFLICT_HANDLE,
        scope=Scope.RECORDS,
        compute=_open_conflicts,
        url=lambda pk: reverse("supervisees:conflicts"),
        watch=lambda user: Q(
            subject_id__in=RegistrationConflict.objects.filter(registration_conflict_q(user)).values("pk")
        ),
    )
)


# The duties about people concern a correction and its close (the receipt of documents, the discharge evaluation):
# the daily job computes them for the people under correction or waiting to report in, and for those whose term ended
# in the last RECENTLY_ENDED_DAYS days (a margin, not a legal figure), not for every record in the register's
# history (at national scale seven in eight). Older records with open items are refreshed through their items.
RECENTLY_ENDED_DAYS = 90


def _people_to_refresh(today: date) -> Iterator[int]:
    yield from Supervisee.objects.filter(status__in=ACTIVE_STATUSES).values_list("pk", flat=True)
    ended = Supervisee.objects.filter(
        status__in=[Status.DISCHARGED, Status.TERMINATED], term_end__gte=today - timedelta(days=RECENTLY_ENDED_DAYS)
    )
    yield from ended.values_list("pk", flat=True)


register_people_source(_people_to_refresh)
