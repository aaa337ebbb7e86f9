"""Issue 13 §4 in the demo: in 玉兴 (李娜's office), a probationer under a prohibition order on places whose
visit to a place the order covers was approved by 王强 (红塔区's head) for a window yesterday, told to 赵敏's
procuratorate by a notice, with another application for tomorrow waiting for the county; and a person working in
昆明 on a frequent-travel permit approved by 张丽 three weeks ago, with one trip reported (away now)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CorrectionType, ProhibitionOrder, Status, Supervisee
from sqjz.supervision.places import paperwork
from sqjz.supervision.places.models import SpecialPlaceEntry
from sqjz.supervision.places.services import entry_apply
from sqjz.supervision.travel.models import FrequentTravelPermit, FrequentTravelTrip
from sqjz.supervision.travel.services import trip_report

YUXING = "530402001"
HONGTA = "530402"
# What the visit is for, by the order's content.
VISITS = {
    "中小学": ("玉溪市第一小学", "女儿所在学校召开家长会，班主任要求家长到校"),
    "娱乐场所": ("金色年华KTV", "玉兴派出所通知其到场配合指认现场"),
}


def seed_places(people: list[Supervisee], *, today: date, users: dict) -> None:
    free = _free_in_yuxing(people, today)
    if free:
        seed_place_visit(free[0], today=today, users=users)
    if len(free) > 1:
        seed_frequent_travel(free[1], today=today, users=users)
    chen = next((s for s in people if s.name == "陈刚" and s.employer_or_school.endswith("仓储中心")), None)
    if chen is not None:
        seed_phone_person(chen, today=today, users=users)


def seed_phone_person(s: Supervisee, *, today: date, users: dict) -> None:
    """陈刚 (the demo's phone account) under an order keeping him out of bars (his offence was drunk driving), so his
    phone offers 禁止令事项申请; and a permit approved 10 days ago to go to 昆明 for his employer's monthly
    stock-taking, with no trip reported yet, so his phone offers 经常性外出报告."""
    ProhibitionOrder.objects.create(
        supervisee=s,
        kind=ProhibitionOrder.Kind.PLACE,
        content="禁止进入夜总会、酒吧、迪厅等娱乐场所",
        start_date=s.term_start,
        end_date=s.term_end,
    )
    _approved_permit(
        s,
        FrequentTravelPermit(
            destinations=["昆明市"],
            reason="所在物流仓储中心每月派其到昆明总部参加库存盘点",
            frequency="每月一次，每次一至两日",
            evidence="单位出具的工作安排证明",
            decision_reason="因工作需要定期往返，同意；每次出发前在手机上报告",
        ),
        approved=today - timedelta(days=10),
        users=users,
    )


def _approved_permit(s: Supervisee, permit: FrequentTravelPermit, *, approved: date, users: dict):
    """The permit as 张丽 (the county agency) approved it on `approved`, valid as FREQUENT_TRAVEL_PERMIT_EXPIRY says."""
    expiry = RULES["FREQUENT_TRAVEL_PERMIT_EXPIRY"](statute_context(), approved_on=approved)
    permit.supervisee, permit.status = s, FrequentTravelPermit.Status.APPROVED
    permit.applied_on, permit.starts_on = approved - timedelta(days=4), approved
    permit.decided_by, permit.decided_at = users["zhangli"], _at(approved, 15)
    permit.approved_on, permit.valid_until, permit.expiry_reasons = approved, expiry.outcome, "；".join(expiry.reasons)
    permit.recorded_by = _recorder(s, users)
    permit.save()
    return permit


def _free_in_yuxing(people: list[Supervisee], today: date) -> list[Supervisee]:
    """Two probationers (or people under 管制) under correction for half a year more, on no leave, lost-contact
    case or monitoring: in 玉兴 where there are (李娜 sees them), else elsewhere in 红塔区 (a small demo)."""
    ids = [s.pk for s in people]
    found = list(
        Supervisee.objects.filter(
            pk__in=ids,
            status=Status.UNDER_CORRECTION,
            correction_type__in=(CorrectionType.PROBATION, CorrectionType.CONTROL),
            judicial_office__county__code=HONGTA,
            term_start__lt=today - timedelta(days=30),
            term_end__gt=today + timedelta(days=200),
            travel_leaves__isnull=True,
            monitorings__isnull=True,
            lost_contacts__isnull=True,
        )
        .exclude(name="陈刚")
        .select_related("judicial_office__parent", "judicial_office__division")
        .order_by("id")
    )
    return sorted(found, key=lambda s: s.judicial_office.division.code != YUXING)[:2]


def _recorder(s: Supervisee, users: dict):
    """李娜 for her office's people; 张丽 (the county agency) for the others of a small demo."""
    return users["lina"] if s.judicial_office.division.code == YUXING else users["zhangli"]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_place_visit(s: Supervisee, *, today: date, users: dict) -> None:
    """An approved visit yesterday 08:00–18:00 to a place the person's order covers, and one for tomorrow pending."""
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    order = s.prohibition_orders.filter(
        kind=ProhibitionOrder.Kind.PLACE, start_date__lte=yesterday, end_date__gte=tomorrow
    ).first()
    if order is None:
        order = ProhibitionOrder.objects.create(
            supervisee=s,
            kind=ProhibitionOrder.Kind.PLACE,
            content="禁止进入夜总会、酒吧、迪厅、网吧等娱乐场所",
            start_date=s.term_start,
            end_date=s.term_end,
        )
    place, reason = VISITS["中小学" if "中小学" in order.content else "娱乐场所"]
    head, agency = users["wangqiang"], s.judicial_office.parent
    entry = SpecialPlaceEntry.objects.create(
        supervisee=s,
        order=order,
        kind=SpecialPlaceEntry.Kind.PLACE,
        place=place,
        reason=reason,
        window_from=_at(yesterday, 8),
        window_to=_at(yesterday, 18),
        applied_on=today - timedelta(days=4),
        status=SpecialPlaceEntry.Status.APPROVED,
        decided_by=head,
        decided_at=_at(today - timedelta(days=3), 10),
        decision_reason="理由正当，限于申请时段和场所，到场前后向司法所报告",
        recorded_by=_recorder(s, users),
    )
    entry.notice = document_issue(
        actor=head,
        kind=Document.Kind.SPECIAL_PLACE_ENTRY_NOTICE,
        agency=agency,
        doc=paperwork.entry_notice(
            entry,
            approver=RULES["SPECIAL_PLACE_ENTRY_APPROVER"](statute_context(), kind=entry.kind),
            agency_name=agency.name,
            procuratorate=users["zhaomin"].unit.name,
            issued=today - timedelta(days=3),
        ),
        supervisee=s,
    )
    entry.save(update_fields=["notice"])
    entry_apply(  # waits for 王强 or 张丽: a to-do of the county agency, due tomorrow
        actor=_recorder(s, users),
        supervisee=s,
        entry=SpecialPlaceEntry(
            order=order,
            kind=SpecialPlaceEntry.Kind.PLACE,
            place=place,
            reason="上次未办完，需再次到场",
            window_from=_at(tomorrow, 14),
            window_to=_at(tomorrow, 16),
            applied_on=today,
        ),
    )


def seed_frequent_travel(s: Supervisee, *, today: date, users: dict) -> None:
    """A permit to travel to 昆明 and 个旧 for work, approved 21 days ago, and a trip reported from yesterday."""
    permit = _approved_permit(
        s,
        FrequentTravelPermit(
            destinations=["昆明市", "红河州个旧市"],
            reason="在昆明市一家物流公司做驾驶员，每周往返昆明、个旧送货",
            frequency="每周二至三次，每次一至三日",
            evidence="劳动合同、单位出具的工作安排证明",
            decision_reason="因工作需要经常往返，同意；外出前通过电话或微信向司法所报告",
        ),
        approved=today - timedelta(days=21),
        users=users,
    )
    trip_report(
        actor=_recorder(s, users),
        permit=permit,
        trip=FrequentTravelTrip(
            destination="昆明市", start=today - timedelta(days=1), days=3, note="本人微信报告：往昆明送货"
        ),
    )
