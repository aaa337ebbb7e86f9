"""The review committee's to-dos (no legal deadline applies; the dates are working reminders, said so in the item):

- `committee_agenda`: a pending matter not yet on an agenda, for the committee's secretary (or, without one with an
  account, the agency's head), to be put on a meeting's agenda within the inbox's look-ahead of its submission;
- `committee_read`: a member with an account whose committee meets within the look-ahead reads the materials
  before the meeting (one item per member, about the next meeting);
- `committee_resolve`: a meeting whose time has come with matters still without a recorded resolution.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.committee.models import CommitteeMember, Matter, Meeting
from sqjz.committee.selectors import matter_q, meeting_q
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context

AREA = "committee"
REMINDER = "工作提示，非法定期限"


def _decision(due: date, reason: str) -> Decision:
    return Decision(rule="", outcome=due, articles=(), reasons=(reason, REMINDER))


def _secretaries(today: date) -> dict[int, int]:
    """committee id → the user id of a secretary with an account serving today."""
    rows = CommitteeMember.objects.filter(
        role=CommitteeMember.Role.SECRETARY, user__isnull=False, user__is_active=True, from_date__lte=today
    ).filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
    return dict(rows.values_list("committee_id", "user_id"))


def _to_agenda(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    secretaries = _secretaries(today)
    matters = Matter.objects.filter(status=Matter.Status.PENDING)
    matters = matters if ids is None else matters.filter(pk__in=ids)
    for m in matters.select_related("committee", "supervisee").only(
        "id", "title", "submitted_at", "supervisee_id", "supervisee__judicial_office_id", "committee__unit_id"
    ):
        due = timezone.localtime(m.submitted_at).date() + timedelta(days=LOOKAHEAD_DAYS)
        yield Due(
            m.pk,
            m.title,
            _decision(due, "提请审核委员会审议的事项，请安排会议列入议程"),
            m.supervisee.judicial_office_id,
            m.committee.unit_id,
            supervisee_id=m.supervisee_id,
            actor_user_id=secretaries.get(m.committee_id),
        )


def _to_read(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    horizon = timezone.make_aware(
        timezone.datetime.combine(today + timedelta(days=LOOKAHEAD_DAYS + 1), timezone.datetime.min.time())
    )
    meetings = list(
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED, held_at__gte=timezone.now(), held_at__lt=horizon)
        .select_related("committee__unit")
        .order_by("held_at")
    )
    nxt: dict[int, Meeting] = {}
    for meeting in meetings:
        nxt.setdefault(meeting.committee_id, meeting)
    members = CommitteeMember.objects.filter(committee_id__in=nxt, user__isnull=False, user__is_active=True)
    members = members if ids is None else members.filter(pk__in=ids)
    for member in members:
        meeting = nxt[member.committee_id]
        day = timezone.localtime(meeting.held_at).date()
        if not member.serves_on(day):
            continue
        yield Due(
            member.pk,
            f"{meeting.committee}{meeting.number}",
            _decision(day, "审核委员会会议召开前，请审阅会议材料"),
            meeting.committee.unit_id,
            meeting.committee.unit_id,
            actor_user_id=member.user_id,
        )


def _to_resolve(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    secretaries = _secretaries(today)
    meetings = Meeting.objects.filter(held_at__lte=timezone.now(), matters__status=Matter.Status.ON_AGENDA).distinct()
    meetings = meetings if ids is None else meetings.filter(pk__in=ids)
    for meeting in meetings.select_related("committee__unit"):
        yield Due(
            meeting.pk,
            f"{meeting.committee}{meeting.number}",
            _decision(timezone.localtime(meeting.held_at).date(), "会议已召开，请登记出席情况、表决和决议"),
            meeting.committee.unit_id,
            meeting.committee.unit_id,
            actor_user_id=secretaries.get(meeting.committee_id),
        )


register(
    Duty(
        kind="committee_agenda",
        label="审核委员会待列入议程事项",
        area=AREA,
        capability=Capability.COMMITTEE_MANAGE,
        scope=Scope.RECORDS,
        compute=_to_agenda,
        url=lambda pk: reverse("committee:matter", args=[pk]),
        actor_label="负责人",
        watch=lambda user: Q(subject_id__in=Matter.objects.filter(matter_q(user)).values("pk")),
    )
)
register(
    Duty(
        kind="committee_read",
        label="审阅审核委员会会议材料",
        area=AREA,
        # Items are named to the member (actor_user); members with an account are agency staff. Not COMMITTEE_VIEW:
        # procurators read the committee's work but are asked to act on none of it.
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.RECORDS,
        compute=_to_read,
        url=lambda pk: reverse("committee:index"),
        watch=lambda user: Q(subject_id__in=CommitteeMember.objects.filter(user=user).values("pk")),
    )
)
register(
    Duty(
        kind="committee_resolve",
        label="登记审核委员会决议",
        area=AREA,
        capability=Capability.COMMITTEE_MANAGE,
        scope=Scope.RECORDS,
        compute=_to_resolve,
        url=lambda pk: reverse("committee:meeting", args=[pk]),
        actor_label="负责人",
        watch=lambda user: Q(subject_id__in=Meeting.objects.filter(meeting_q(user)).values("pk")),
    )
)
