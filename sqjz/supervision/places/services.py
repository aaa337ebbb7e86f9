"""Writes of approvals under a prohibition order (进入特定场所, 接触特定的人, 会客): the application (by the office or
from the phone), the county agency's decision (SPECIAL_PLACE_ENTRY_APPROVER), the notice to the county
procuratorate on approval, withdrawal. Each is one transaction; views call only these."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh
from sqjz.organisation.selectors import county_procuratorate
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import ProhibitionOrder, Status, Supervisee
from sqjz.supervisees.permissions import Access
from sqjz.supervision.common import SupervisionError, locked_person
from sqjz.supervision.places import duties, paperwork
from sqjz.supervision.places.models import SpecialPlaceEntry

# The roles of the county agency, which decides (SPECIAL_PLACE_ENTRY_APPROVER's outcome "county_agency").
APPROVER_ROLES = (Role.COUNTY_OFFICER, Role.COUNTY_HEAD)
# Which order kinds each application may be made under: a place order for entry, a contact order for contact; the
# visitor rule of an order (会客) may be written in either (e.g. "未经批准不得会见同案犯").
ORDER_KINDS = {
    SpecialPlaceEntry.Kind.PLACE: (ProhibitionOrder.Kind.PLACE,),
    SpecialPlaceEntry.Kind.CONTACT: (ProhibitionOrder.Kind.CONTACT,),
    SpecialPlaceEntry.Kind.VISITOR: (ProhibitionOrder.Kind.CONTACT, ProhibitionOrder.Kind.PLACE),
}


def window_decision(order: ProhibitionOrder, window_from: datetime, window_to: datetime) -> Decision:
    return RULES["SPECIAL_PLACE_ENTRY_WINDOW"](
        statute_context(),
        window_from=timezone.localtime(window_from).replace(tzinfo=None),
        window_to=timezone.localtime(window_to).replace(tzinfo=None),
        order_start=order.start_date,
        order_end=order.end_date,
    )


def decide_blocker(user, entry: SpecialPlaceEntry) -> str | None:
    """Why `user` may not decide this application now (None when they may)."""
    if entry.status != SpecialPlaceEntry.Status.PENDING:
        return f"该申请当前为“{entry.get_status_display()}”。"
    if not has_capability(user, Capability.TRAVEL_DECIDE) or user.role not in APPROVER_ROLES:
        return "由执行地县级社区矫正机构审批；司法所可以受理申请并提出意见。"
    if user.unit is None or user.unit.county_id != entry.supervisee.judicial_office.county_id:
        return "该矫正对象不在您单位的审批范围内。"
    return None


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


def _register(s: Supervisee, entry: SpecialPlaceEntry, recorded_by) -> SpecialPlaceEntry:
    today = timezone.localdate()
    order = entry.order if entry.order_id else None
    if order is None or order.supervisee_id != s.pk:
        raise SupervisionError("请选择该矫正对象的禁止令。", "order")
    if entry.kind not in SpecialPlaceEntry.Kind.values:
        raise SupervisionError("请选择申请事项。", "kind")
    if order.kind not in ORDER_KINDS[entry.kind]:
        raise SupervisionError(
            f"所选禁止令为“{order.get_kind_display()}”，与申请事项“{entry.get_kind_display()}”不符。", "order"
        )
    entry.place, entry.reason = entry.place.strip(), entry.reason.strip()
    if not entry.place:
        raise SupervisionError("请填写要进入的场所、区域或要接触的人员。", "place")
    if not entry.reason:
        raise SupervisionError("请填写申请理由。", "reason")
    if entry.applied_on > today:
        raise SupervisionError("申请日期不能晚于今天。", "applied_on")
    if entry.window_to <= entry.window_from:
        raise SupervisionError("结束时间应当晚于起始时间。", "window_to")
    if timezone.localdate(entry.window_from) < entry.applied_on:
        raise SupervisionError("起始时间不能早于申请日期；未经批准已进入的，按违反禁止令处理。", "window_from")
    window = window_decision(order, entry.window_from, entry.window_to)
    if not window.outcome:
        raise SupervisionError("；".join(window.reasons) + "。", "window_from")
    entry.supervisee, entry.recorded_by, entry.status = s, recorded_by, SpecialPlaceEntry.Status.PENDING
    entry._history_user = recorded_by
    entry.save()
    _refresh(s)
    return entry


@transaction.atomic
def entry_apply(*, actor, supervisee: Supervisee, entry: SpecialPlaceEntry) -> SpecialPlaceEntry:
    """The office registers the person's written application."""
    return _register(locked_person(actor, supervisee), entry, actor)


@transaction.atomic
def entry_apply_own(*, user, entry: SpecialPlaceEntry) -> SpecialPlaceEntry:
    """The person applies from the phone; the date of application is today."""
    s = None
    if user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id:
        s = Supervisee.objects.select_for_update().filter(pk=user.supervisee_id, status=Status.UNDER_CORRECTION).first()
    if s is None:
        raise SupervisionError("只有在矫的社区矫正对象本人可以提出申请。")
    if s.place_entries.filter(status=SpecialPlaceEntry.Status.PENDING).count() >= 3:
        raise SupervisionError(f"您已有多份申请正在审批，请等待结果或联系{s.judicial_office.name}。")
    entry.applied_on = timezone.localdate()
    return _register(s, entry, user)


@transaction.atomic
def entry_decide(*, actor, entry: SpecialPlaceEntry, approve: bool, reason: str) -> SpecialPlaceEntry:
    """The county agency approves or refuses; an approval is made known to the county procuratorate by a notice."""
    entry = (
        SpecialPlaceEntry.objects.select_for_update(of=("self",))
        .select_related("supervisee__judicial_office__county", "order")
        .get(pk=entry.pk)
    )
    s = locked_person(actor, entry.supervisee, Access.VIEW)
    blocker = decide_blocker(actor, entry)
    if blocker:
        raise SupervisionError(blocker)
    reason = reason.strip()
    if not reason:
        raise SupervisionError("请写明审批意见或不予批准的理由。", "reason")
    if approve:
        window = window_decision(entry.order, entry.window_from, entry.window_to)
        if not window.outcome:  # e.g. the order was shortened meanwhile
            raise SupervisionError("；".join(window.reasons) + "。")
        if entry.window_to <= timezone.now():
            raise SupervisionError("申请的时段已经过去，不能再批准；请不予批准并说明情况。")
    entry.status = SpecialPlaceEntry.Status.APPROVED if approve else SpecialPlaceEntry.Status.REFUSED
    entry.decided_by, entry.decided_at, entry.decision_reason = actor, timezone.now(), reason
    if approve:
        procuratorate = county_procuratorate(s.judicial_office)
        if procuratorate is None:
            raise SupervisionError("组织机构中缺少本县（市、区）人民检察院，无法告知，请联系系统管理员。")
        agency = s.judicial_office.parent or s.judicial_office
        entry.notice = document_issue(
            actor=actor,
            kind=Document.Kind.SPECIAL_PLACE_ENTRY_NOTICE,
            agency=agency,
            doc=paperwork.entry_notice(
                entry,
                approver=RULES["SPECIAL_PLACE_ENTRY_APPROVER"](statute_context(), kind=entry.kind),
                agency_name=agency.name,
                procuratorate=procuratorate.name,
                issued=timezone.localdate(),
            ),
            supervisee=s,
        )
    entry._history_user = actor
    entry.save()
    _refresh(s)
    return entry


@transaction.atomic
def entry_withdraw(*, actor, entry: SpecialPlaceEntry) -> SpecialPlaceEntry:
    entry = SpecialPlaceEntry.objects.select_for_update().get(pk=entry.pk)
    s = locked_person(actor, entry.supervisee)
    if entry.status != SpecialPlaceEntry.Status.PENDING:
        raise SupervisionError("只能撤回待审批的申请。")
    entry.status = SpecialPlaceEntry.Status.WITHDRAWN
    entry._history_user = actor
    entry.save()
    _refresh(s)
    return entry
