"""Reads of the review committee: the interface other areas use (`deliberation_level`, `matter_resolution`), who
may see which matters and meetings, quorum and majority, and the lists.

Who sees what (jurisdiction): a matter is seen by the committee's unit (the county agency; the city agency for
city-level matters), the submitting office or agency, and the procurators of the person's county (read-only), and
always within the person's record jurisdiction, so sealed minors' matters stay sealed (社区矫正法第五十四条). A
meeting is seen by its committee's unit, its members with an account and the procurators of its county; its agenda
shows each viewer only the matters they may see.

Quorum and majority (documented here and on the meeting page): the voting members are those serving on the day of
the meeting with a vote (observers 列席 never vote). The meeting may resolve only if the voting members present are
more than `quorum_percent` per cent of all voting members (50 by default: more than half). A matter passes (通过)
only when more than half of the voting members present agree; otherwise it is not passed (不通过) or deferred (暂缓).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.committee.models import Attendance, Committee, CommitteeMember, DeliberationSetting, Matter, Meeting, Vote
from sqjz.supervisees.permissions import NOTHING, jurisdiction_q

# ------------------------------------------------------------------------------------------ the interface


@dataclass(frozen=True)
class Resolution:
    """The committee's resolution on a matter, as other areas read it."""

    outcome: str  # "passed" / "rejected" / "deferred"
    outcome_label: str  # 通过 / 不通过 / 暂缓
    text: str
    meeting_number: str  # e.g. 2026年第3次会议
    meeting_date: date
    resolved_on: date
    document_id: int | None

    @property
    def passed(self) -> bool:
        return self.outcome == Matter.Outcome.PASSED


# What ships: the kinds that need deliberation and the level that reviews them, until an administrator sets another
# (a DeliberationSetting row, seeded with these by migration 0002; a blank level there means "no deliberation").
SHIPPED_LEVELS = {
    "revocation_proposal": "county",
    "committal_proposal": "county",
    "commutation_proposal": "county",
    "contested_grade": "county",
    "difficult_case": "county",
}


def deliberation_level(kind: str) -> str | None:
    """ "county" or "city" when matters of `kind` must now be deliberated by the committee of that level (the
    administrator's configuration, or what ships when there is none), None when the kind needs no deliberation."""
    rows = list(DeliberationSetting.objects.filter(code=kind).values_list("level", flat=True)[:1])
    level = rows[0] if rows else SHIPPED_LEVELS.get(kind)
    return level or None


def matter_resolution(matter_id: int) -> Resolution | None:
    """The resolution recorded on matter `matter_id`, or None when it has none (pending, on the agenda, withdrawn,
    or no such matter). No access check: the caller has reached the matter through its own records."""
    m = Matter.objects.select_related("meeting").filter(pk=matter_id, status=Matter.Status.RESOLVED).first()
    if m is None or m.meeting is None:
        return None
    return Resolution(
        outcome=m.outcome,
        outcome_label=m.get_outcome_display(),
        text=m.resolution_text,
        meeting_number=m.meeting.number,
        meeting_date=m.meeting.held_at.date(),
        resolved_on=m.resolved_on,
        document_id=m.resolution_document_id,
    )


# ------------------------------------------------------------------------------------------ jurisdiction


def matter_q(user, prefix: str = "") -> Q:
    """A filter for the matters `user` may see (see the module's docstring)."""
    if not has_capability(user, Capability.COMMITTEE_VIEW) or user.unit_id is None:
        return NOTHING
    p = prefix
    reach = Q(**{f"{p}committee__unit_id": user.unit_id}) | Q(**{f"{p}submitting_unit_id": user.unit_id})
    if user.role == Role.PROCURATOR:
        reach |= Q(**{f"{p}supervisee__county_id": user.unit.county_id})
    return reach & jurisdiction_q(user, prefix=f"{p}supervisee__")


def meeting_q(user) -> Q:
    """A filter for the meetings `user` may see."""
    if not has_capability(user, Capability.COMMITTEE_VIEW) or user.unit_id is None:
        return NOTHING
    q = Q(committee__unit_id=user.unit_id) | Q(committee__members__user=user)
    if user.role == Role.PROCURATOR and user.unit.county_id:
        q |= Q(committee__unit__county_id=user.unit.county_id)
    return q


def committee_for_unit(unit) -> Committee | None:
    return Committee.objects.filter(unit=unit).first() if unit is not None else None


def can_run(user, committee: Committee, day: date) -> bool:
    """Whether `user` runs the committee's meetings: its secretary serving that day, or the unit's head (city
    officer) who keeps the committee."""
    if not user.is_authenticated or user.unit_id is None:
        return False
    if has_capability(user, Capability.COMMITTEE_MANAGE) and user.unit_id == committee.unit_id:
        return True
    return any(
        m.serves_on(day)
        for m in committee.members.filter(user=user, role=CommitteeMember.Role.SECRETARY)
        if has_capability(user, Capability.COMMITTEE_VIEW)
    )


def get_matter_for_user(user, pk: int) -> Matter:
    from django.shortcuts import get_object_or_404

    queryset = Matter.objects.filter(matter_q(user)).select_related(
        "supervisee__judicial_office", "committee__unit", "submitting_unit", "submitted_by", "meeting"
    )
    return get_object_or_404(queryset, pk=pk)


def get_meeting_for_user(user, pk: int) -> Meeting:
    from django.shortcuts import get_object_or_404

    queryset = Meeting.objects.filter(meeting_q(user)).distinct().select_related("committee__unit")
    return get_object_or_404(queryset, pk=pk)


# ------------------------------------------------------------------------------------------ quorum and majority


def voting_members(committee: Committee, day: date) -> list[CommitteeMember]:
    members = committee.members.filter(voting=True, from_date__lte=day).filter(
        Q(to_date__isnull=True) | Q(to_date__gte=day)
    )
    return list(members.exclude(role=CommitteeMember.Role.OBSERVER).select_related("user"))


def serving_members(committee: Committee, day: date) -> list[CommitteeMember]:
    members = committee.members.filter(from_date__lte=day).filter(Q(to_date__isnull=True) | Q(to_date__gte=day))
    return list(members.select_related("user"))


@dataclass(frozen=True)
class Quorum:
    voting: int  # voting members serving on the day
    present: int  # of them, present
    percent: int  # the committee's figure

    @property
    def needed(self) -> int:
        """The fewest voting members present for a valid meeting: more than `percent` per cent of `voting`."""
        return self.voting * self.percent // 100 + 1

    @property
    def met(self) -> bool:
        return self.voting > 0 and self.present * 100 > self.voting * self.percent


def quorum(meeting: Meeting) -> Quorum:
    day = meeting.held_at.date()
    voting = voting_members(meeting.committee, day)
    present = Attendance.objects.filter(meeting=meeting, present=True, member__in=voting).count()
    return Quorum(len(voting), present, meeting.committee.quorum_percent)


def present_voters(meeting: Meeting) -> list[CommitteeMember]:
    """The voting members present at a held meeting: the only ones whose votes count."""
    voting = {m.pk: m for m in voting_members(meeting.committee, meeting.held_at.date())}
    present = Attendance.objects.filter(meeting=meeting, present=True, member_id__in=voting).values_list(
        "member_id", flat=True
    )
    return [voting[pk] for pk in present]


def majority_agrees(agree: int, present: int) -> bool:
    """A passing resolution: more than half of the voting members present agree."""
    return agree * 2 > present


# ------------------------------------------------------------------------------------------ lists

LIST_STATUSES = {"open": "待审议及已列入议程", **dict(Matter.Status.choices), "all": "全部"}


def matter_list(user, *, status: str = "open", q: str = "") -> QuerySet[Matter]:
    matters = Matter.objects.filter(matter_q(user))
    if status == "open":
        matters = matters.filter(status__in=[Matter.Status.PENDING, Matter.Status.ON_AGENDA])
    elif status in Matter.Status.values:
        matters = matters.filter(status=status)
    if q:
        matters = matters.filter(Q(supervisee__name__contains=q) | Q(title__contains=q))
    return matters.select_related("supervisee__judicial_office", "committee__unit", "meeting").order_by(
        "-submitted_at", "-id"
    )


def meeting_list(user) -> QuerySet[Meeting]:
    ids = Meeting.objects.filter(meeting_q(user)).values("pk")
    return (
        Meeting.objects.filter(pk__in=ids)
        .select_related("committee__unit")
        .annotate(agenda=Count("matters"))
        .order_by("-held_at", "-id")
    )


def agenda_for(user, meeting: Meeting) -> list[Matter]:
    """The matters on the meeting's agenda that `user` may see, with their materials and votes."""
    return list(
        meeting.matters.filter(matter_q(user))
        .select_related("supervisee__judicial_office", "submitting_unit")
        .prefetch_related("materials", "votes__member")
        .order_by("id")
    )


def pending_for(committee: Committee, user) -> list[Matter]:
    """Pending matters of the committee the user may put on an agenda."""
    return list(
        committee.matters.filter(matter_q(user), status=Matter.Status.PENDING)
        .select_related("supervisee")
        .order_by("submitted_at", "id")
    )


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendance.select_related("member").order_by("member__role", "member_id"))


def votes_of(matter: Matter) -> list[Vote]:
    return list(matter.votes.select_related("member").order_by("member__role", "member_id"))
