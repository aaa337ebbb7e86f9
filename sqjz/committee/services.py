"""Writes of the review committee. Each is one transaction; views and other areas call only these.

The interface for other areas: `matter_submit` puts a matter to the committee, `resolution_required` refuses a
step that needs a passing resolution first; `selectors.deliberation_level` and `selectors.matter_resolution` read.
When a resolution is recorded (`matter_deliberate`), the registered kind's `on_resolved(matter)` runs in the same
transaction, so an area's follow-up and the resolution commit or fail together.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.committee import duties, paperwork, registry, selectors
from sqjz.committee.models import (
    Attendance,
    Committee,
    CommitteeMember,
    Level,
    Material,
    Matter,
    Meeting,
    Vote,
)
from sqjz.core.errors import ServiceError
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh
from sqjz.organisation.models import Unit
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import Access, jurisdiction_q

COMMITTEE_NAME = "社区矫正审核委员会"


class CommitteeError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


class ResolutionRequired(CommitteeError):
    """A step that needs the committee's passing resolution first."""


def _refresh() -> None:
    inbox_refresh(area=duties.AREA)


# ------------------------------------------------------------------------------------------ committees


def committee_unit_for(supervisee: Supervisee, level: str) -> Unit | None:
    """The agency whose committee deliberates a person's matter at `level`: the county agency of the person's
    county, or the city agency above it."""
    county = supervisee.judicial_office.county
    if level == Level.COUNTY:
        return Unit.objects.filter(kind=Unit.Kind.COUNTY_AGENCY, county=county, is_active=True).first()
    return Unit.objects.filter(kind=Unit.Kind.CITY_AGENCY, division_id=county.parent_id, is_active=True).first()


def committee_for(unit: Unit) -> Committee:
    """The unit's committee, set up on first use (one per county agency and one for the city agency)."""
    level = Level.CITY if unit.kind == Unit.Kind.CITY_AGENCY else Level.COUNTY
    committee, _ = Committee.objects.get_or_create(unit=unit, defaults={"level": level})
    return committee


def _managed_committee(actor) -> Committee:
    unit = actor.unit
    if not has_capability(actor, Capability.COMMITTEE_MANAGE) or unit is None:
        raise CommitteeError("您无权管理审核委员会。")
    if unit.kind not in (Unit.Kind.COUNTY_AGENCY, Unit.Kind.CITY_AGENCY):
        raise CommitteeError("只有县级、市级社区矫正机构设立审核委员会。")
    return committee_for(unit)


@transaction.atomic
def member_add(
    *,
    actor,
    user=None,
    name: str = "",
    organisation: str = "",
    role: str,
    voting: bool,
    from_date: date,
    to_date: date | None = None,
) -> CommitteeMember:
    """Add a member to the actor's agency's committee: a staff user of the agency, or a named outside member
    without an account. Observers (列席) never vote."""
    committee = _managed_committee(actor)
    if user is not None:
        if user.unit_id != committee.unit_id or not user.is_active:
            raise CommitteeError("本单位工作人员须为本机构在职的系统用户；外单位人员请填写姓名，不选用户。", "user")
        name = user.full_name
    elif not name.strip():
        raise CommitteeError("请选择本单位工作人员，或填写外单位委员的姓名。", "name")
    if role not in CommitteeMember.Role.values:
        raise CommitteeError("请选择委员身份。", "role")
    if to_date is not None and to_date < from_date:
        raise CommitteeError("任职截止日不能早于起始日。", "to_date")
    if user is not None and committee.members.filter(user=user, to_date__isnull=True).exists():
        raise CommitteeError(f"{user.full_name}已是本委员会成员。", "user")
    voting = voting and role != CommitteeMember.Role.OBSERVER
    member = CommitteeMember(
        committee=committee,
        user=user,
        name=name.strip(),
        organisation=organisation.strip(),
        role=role,
        voting=voting,
        from_date=from_date,
        to_date=to_date,
    )
    member._history_user = actor
    member.save()
    _refresh()
    return member


@transaction.atomic
def member_end(*, actor, member_id: int, to_date: date) -> CommitteeMember:
    """End a membership on `to_date` (the last day served)."""
    committee = _managed_committee(actor)
    member = committee.members.select_for_update().filter(pk=member_id).first()
    if member is None:
        raise CommitteeError("没有找到该委员。")
    if to_date < member.from_date:
        raise CommitteeError(f"任职截止日不能早于任职起始日{cn_date(member.from_date)}。", "to_date")
    member.to_date = to_date
    member._history_user = actor
    member.save(update_fields=["to_date"])
    _refresh()
    return member


# ------------------------------------------------------------------------------------------ matters


def _check_link(link: str) -> str:
    link = link.strip()
    if not link.startswith("/") or link.startswith("//") or "\\" in link or len(link) > 200:
        raise CommitteeError("材料链接须为本系统内的页面地址（以“/”开头）。", "materials")
    return link


@transaction.atomic
def matter_submit(
    *,
    actor,
    supervisee: Supervisee,
    kind: str,
    title: str,
    summary: str,
    materials: Iterable[tuple[str, str]] = (),
) -> Matter:
    """Put a matter about `supervisee` to the review committee.

    `kind` is a registered kind's code (`registry.register`) that needs deliberation now
    (`selectors.deliberation_level`); the committee is the one of that level for the person's county (set up on
    first use). `materials` are (label, link) pairs, links to pages within the system (e.g. the proposal's page).
    The actor must be able to edit the person's record. Raises CommitteeError (with the field) otherwise."""
    s = Supervisee.objects.filter(jurisdiction_q(actor, Access.EDIT), pk=supervisee.pk).select_related(
        "judicial_office__county"
    )
    s = s.first()
    if s is None or actor.unit_id is None:
        raise CommitteeError("您无权就该矫正对象提请审核委员会审议。")
    if registry.matter_kind(kind) is None:
        raise CommitteeError("未登记的审议事项类别。", "kind")
    level = selectors.deliberation_level(kind)
    if level is None:
        raise CommitteeError(f"“{registry.kind_label(kind)}”目前无需提交审核委员会评议。", "kind")
    title, summary = title.strip(), summary.strip()
    if not title:
        raise CommitteeError("请填写事项名称。", "title")
    if not summary:
        raise CommitteeError("请填写基本事实及提请审议的问题。", "summary")
    unit = committee_unit_for(s, level)
    if unit is None:
        raise CommitteeError(f"没有找到负责审议该事项的{Level(level).label}社区矫正机构，请联系系统管理员。", "kind")
    checked = []
    for label, link in materials:
        if not str(label).strip():
            raise CommitteeError("请填写材料名称。", "materials")
        checked.append((str(label).strip()[:100], _check_link(str(link))))
    matter = Matter(
        supervisee=s,
        kind=kind,
        title=title[:100],
        summary=summary,
        committee=committee_for(unit),
        submitting_unit=actor.unit,
        submitted_by=actor,
    )
    matter._history_user = actor
    matter.save()
    Material.objects.bulk_create([Material(matter=matter, label=label, link=link) for label, link in checked])
    _refresh()
    return matter


@transaction.atomic
def matter_withdraw(*, actor, matter_id: int, reason: str) -> Matter:
    """The submitting office or agency withdraws a matter not yet resolved (it leaves the agenda)."""
    matter = (
        Matter.objects.select_for_update(of=("self",))
        .filter(selectors.matter_q(actor), pk=matter_id, submitting_unit_id=actor.unit_id)
        .first()
    )
    if matter is None or not has_capability(actor, Capability.SUPERVISEE_EDIT):
        raise CommitteeError("只有提请单位可以撤回该事项。")
    if matter.status not in (Matter.Status.PENDING, Matter.Status.ON_AGENDA):
        raise CommitteeError(f"该事项{matter.get_status_display()}，不能撤回。")
    if not reason.strip():
        raise CommitteeError("请填写撤回理由。", "reason")
    matter.status, matter.meeting, matter.withdrawn_reason = Matter.Status.WITHDRAWN, None, reason.strip()[:200]
    matter._history_user = actor
    matter.save(update_fields=["status", "meeting", "withdrawn_reason"])
    _refresh()
    return matter


def resolution_required(matter_id: int | None, *, kind: str, what: str) -> None:
    """Refuse `what` (e.g. "提请撤销缓刑") when matters of `kind` need deliberation now and matter `matter_id` (the
    one the area submitted; None if it submitted none) has no passing resolution (通过). Raises ResolutionRequired;
    returns None when the step may go on."""
    if selectors.deliberation_level(kind) is None:
        return
    resolution = selectors.matter_resolution(matter_id) if matter_id is not None else None
    if resolution is None or not resolution.passed:
        said = f"（本事项审议结果：{resolution.outcome_label}）" if resolution else ""
        raise ResolutionRequired(f"该事项须经社区矫正审核委员会评议通过后方可{what}{said}。")


# ------------------------------------------------------------------------------------------ meetings


def _run_committee(actor, committee_id: int, day: date) -> Committee:
    committee = Committee.objects.select_related("unit").filter(pk=committee_id).first()
    if committee is None or not selectors.can_run(actor, committee, day):
        raise CommitteeError("只有审核委员会秘书或机构负责人可以安排和记录会议。")
    return committee


@transaction.atomic
def meeting_schedule(*, actor, committee_id: int, held_at: datetime, place: str, matter_ids: Iterable[int]) -> Meeting:
    """Schedule a meeting of the committee with the chosen pending matters as its agenda; numbered per committee
    and year (2026年第3次会议)."""
    committee = _run_committee(actor, committee_id, timezone.localdate())
    Committee.objects.select_for_update().filter(pk=committee.pk).first()  # numbers are taken one at a time
    if not place.strip():
        raise CommitteeError("请填写会议地点。", "place")
    ids = set(matter_ids)
    if not ids:
        raise CommitteeError("请至少选择一项待审议事项列入议程。", "matters")
    matters = list(
        committee.matters.select_for_update()
        .filter(pk__in=ids, status=Matter.Status.PENDING)
        .filter(selectors.matter_q(actor))
    )
    if len(matters) != len(ids):
        raise CommitteeError("所选事项中有的已列入议程、已撤回或不属本委员会，请刷新后重选。", "matters")
    year = timezone.localtime(held_at).year
    serial = (committee.meetings.filter(year=year).aggregate(last=Max("serial"))["last"] or 0) + 1
    meeting = Meeting.objects.create(
        committee=committee, year=year, serial=serial, held_at=held_at, place=place.strip()[:100], scheduled_by=actor
    )
    for m in matters:
        m.status, m.meeting = Matter.Status.ON_AGENDA, meeting
        m._history_user = actor
        m.save(update_fields=["status", "meeting"])
    _refresh()
    return meeting


def _locked_meeting(actor, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee__unit").filter(pk=meeting_id)
    meeting = meeting.first()
    if meeting is None:
        raise CommitteeError("没有找到该会议。")
    _run_committee(actor, meeting.committee_id, timezone.localtime(meeting.held_at).date())
    return meeting


@transaction.atomic
def attendance_record(*, actor, meeting_id: int, rows: Mapping[int, tuple[bool, str]]) -> Meeting:
    """Record who attended (member id → (present, reason for absence)) for every member serving on the meeting's
    day; the meeting is then held. Attendance may be corrected until a resolution is recorded."""
    meeting = _locked_meeting(actor, meeting_id)
    if meeting.held_at > timezone.now():
        raise CommitteeError(
            f"会议定于{cn_date(timezone.localtime(meeting.held_at).date())}召开，召开后才能登记出席情况。"
        )
    if meeting.matters.filter(status=Matter.Status.RESOLVED).exists():
        raise CommitteeError("本次会议已有事项作出决议，出席情况不能再更改。")
    members = selectors.serving_members(meeting.committee, timezone.localtime(meeting.held_at).date())
    if not members:
        raise CommitteeError("该会议之日审核委员会没有在任委员，请先登记委员。")
    unknown = set(rows) - {m.pk for m in members}
    if unknown:
        raise CommitteeError("出席名单中有非本次会议在任委员的人员。", "attendance")
    Attendance.objects.filter(meeting=meeting).delete()
    records = []
    for m in members:
        if m.pk not in rows:
            raise CommitteeError(f"请登记{m.name}的出席情况。", "attendance")
        present, reason = rows[m.pk]
        if not present and not reason.strip():
            raise CommitteeError(f"{m.name}缺席，请填写缺席原因。", "attendance")
        records.append(
            Attendance(
                meeting=meeting, member=m, present=present, absence_reason="" if present else reason.strip()[:100]
            )
        )
    Attendance.objects.bulk_create(records)
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])
    _refresh()
    return meeting


@transaction.atomic
def matter_deliberate(
    *,
    actor,
    meeting_id: int,
    matter_id: int,
    votes: Mapping[int, tuple[str, str]],
    outcome: str,
    text: str,
    resolved_on: date | None = None,
) -> Matter:
    """Record the votes (member id → (choice, opinion)) of the voting members present and the resolution on one
    matter of a held meeting; issue the 评议意见 into the person's case file; call the kind's `on_resolved`.

    Valid only with a quorum (`selectors.Quorum`); every voting member present votes, nobody else does; 通过 only
    when more than half of the voting members present agree, 不通过 or 暂缓 otherwise."""
    meeting = _locked_meeting(actor, meeting_id)
    day = timezone.localtime(meeting.held_at).date()
    if meeting.status != Meeting.Status.HELD:
        raise CommitteeError("请先登记本次会议的出席情况。")
    matter = (
        Matter.objects.select_for_update(of=("self",))
        .select_related("supervisee__judicial_office", "committee__unit")
        .filter(pk=matter_id, meeting=meeting)
        .first()
    )
    if matter is None:
        raise CommitteeError("该事项不在本次会议议程上。")
    if matter.status != Matter.Status.ON_AGENDA:
        raise CommitteeError(f"该事项{matter.get_status_display()}，不能再作出决议。")
    q = selectors.quorum(meeting)
    if not q.met:
        raise CommitteeError(
            f"出席会议的表决委员{q.present}人，未达到法定人数（表决委员{q.voting}人，须至少{q.needed}人出席），"
            "不能作出决议。"
        )
    voters = {m.pk: m for m in selectors.present_voters(meeting)}
    strangers = set(votes) - set(voters)
    if strangers:
        raise CommitteeError("只有出席会议的表决委员可以表决；列席人员、缺席委员不能表决。", "votes")
    records = []
    for pk, member in voters.items():
        choice, opinion = votes.get(pk, ("", ""))
        if choice not in Vote.Choice.values:
            raise CommitteeError(f"请登记{member.name}的表决意见（同意、不同意或弃权）。", "votes")
        records.append(
            Vote(matter=matter, member=member, choice=choice, opinion=opinion.strip()[:2000], recorded_by=actor)
        )
    agree = sum(1 for v in records if v.choice == Vote.Choice.AGREE)
    passes = selectors.majority_agrees(agree, len(voters))
    if outcome not in Matter.Outcome.values:
        raise CommitteeError("请选择决议结果。", "outcome")
    if outcome == Matter.Outcome.PASSED and not passes:
        raise CommitteeError(
            f"同意{agree}票，未超过出席表决委员{len(voters)}人的半数，不能作出“通过”的决议。", "outcome"
        )
    if outcome != Matter.Outcome.PASSED and passes:
        raise CommitteeError(f"同意{agree}票，已超过出席表决委员{len(voters)}人的半数，决议应为“通过”。", "outcome")
    if not text.strip():
        raise CommitteeError("请填写决议内容。", "text")
    resolved_on = resolved_on or day
    if resolved_on < day or resolved_on > timezone.localdate():
        raise CommitteeError(f"决议日期应在会议日{cn_date(day)}至今天之间。", "resolved_on")
    try:
        with transaction.atomic():
            Vote.objects.bulk_create(records)
    except IntegrityError as error:
        raise CommitteeError("该事项的表决已经登记。") from error
    matter.status, matter.outcome = Matter.Status.RESOLVED, outcome
    matter.resolution_text, matter.resolved_on = text.strip(), resolved_on
    attendance = selectors.attendance_of(meeting)
    doc = paperwork.opinion(matter, meeting, attendance, records, q, resolved_on)
    document = document_issue(
        actor=actor,
        kind=Document.Kind.COMMITTEE_OPINION,
        agency=matter.committee.unit,
        doc=doc,
        supervisee=matter.supervisee,
    )
    matter.resolution_document = document
    matter._history_user = actor
    matter.save(update_fields=["status", "outcome", "resolution_text", "resolved_on", "resolution_document"])
    kind = registry.matter_kind(matter.kind)
    if kind is not None and kind.on_resolved is not None:
        kind.on_resolved(matter)
    _refresh()
    return matter
