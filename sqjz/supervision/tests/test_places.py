"""Approvals under a prohibition order (进入特定场所, 接触特定的人, 会客): the office registers, the county agency
decides (SPECIAL_PLACE_ENTRY_APPROVER) and an approval is told to the county procuratorate by a notice it reads in
its ledger; the window must lie in the order's term; approved windows are what check-ins and monitoring ask."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.supervisees.models import ProhibitionOrder
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.models import CheckIn, SpecialPlaceEntry
from sqjz.supervision.places import services
from sqjz.supervision.places.selectors import entries_approved, entry_covering

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
TODAY = NOW.date()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def order(world):
    return ProhibitionOrder.objects.create(
        supervisee=world.people["A"],
        kind=ProhibitionOrder.Kind.PLACE,
        content="禁止进入夜总会、酒吧等娱乐场所",
        start_date=date(2026, 6, 1),
        end_date=date(2027, 5, 31),
    )


def form(order, **extra) -> dict:
    return {
        "order": order.pk,
        "kind": "place",
        "place": "金色年华KTV",
        "reason": "配合公安机关指认现场",
        "window_from": "2026-11-28T09:00",
        "window_to": "2026-11-28T12:00",
        "applied_on": "2026-11-25",
    } | extra


def apply(client, person, order, **extra):
    return client.post(reverse("supervision:place_apply", args=[person.pk]), form(order, **extra))


def decide(client, entry, decision="approve", reason="确有必要"):
    return client.post(reverse("supervision:place_decide", args=[entry.pk]), {"decision": decision, "reason": reason})


@time_machine.travel(NOW, tick=False)
def test_the_county_approves_and_the_procuratorate_reads_the_notice(world, login, order):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    assert apply(office, a, order).status_code == 302
    entry = SpecialPlaceEntry.objects.get(supervisee=a)
    assert entry.status == "pending" and entry.recorded_by == world.users["office_officer"]
    item = InboxItem.objects.get(supervisee=a, kind="place_entry_decision", state="open")
    assert item.due == date(2026, 11, 28) and item.actor_unit == world.units["hongta_agency"]

    refused = decide(office, entry)
    assert refused.status_code == 400 and "由执行地县级社区矫正机构审批" in refused.content.decode()
    assert decide(login(world.users["other_county_officer"]), entry).status_code == 404

    assert decide(login(world.users["county_head"]), entry).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.decided_by == world.users["county_head"]
    notice = entry.notice
    assert notice.kind == Document.Kind.SPECIAL_PLACE_ENTRY_NOTICE and notice.supervisee == a
    assert notice.content["recipient"] == "红塔区人民检察院"
    assert not InboxItem.objects.filter(supervisee=a, kind="place_entry_decision", state="open").exists()

    ledger = login(world.users["procurator"]).get(reverse("oversight:ledger"), {"kind": notice.kind})
    assert ledger.status_code == 200 and notice.number in ledger.content.decode()
    other = login(world.users["other_procurator"]).get(reverse("oversight:ledger"), {"kind": notice.kind})
    assert notice.number not in other.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_refusal_needs_its_reason_and_makes_no_notice(world, login, order):
    a = world.people["A"]
    apply(login(world.users["office_officer"]), a, order)
    entry = SpecialPlaceEntry.objects.get(supervisee=a)
    county = login(world.users["county_officer"])
    no_reason = decide(county, entry, "refuse", "")
    assert no_reason.status_code == 400 and "请写明审批意见或不予批准的理由" in no_reason.content.decode()
    assert decide(county, entry, "refuse", "理由不充分，可由他人代为办理").status_code == 302
    entry.refresh_from_db()
    assert entry.status == "refused" and entry.notice is None
    assert not Document.objects.filter(kind=Document.Kind.SPECIAL_PLACE_ENTRY_NOTICE).exists()


@pytest.mark.parametrize(
    ("extra", "field", "says"),
    [
        ({"window_to": "2026-11-28T08:00"}, "window_to", "结束时间应当晚于起始时间"),
        (
            {"window_from": "2027-06-01T09:00", "window_to": "2027-06-01T10:00"},
            "window_from",
            "在禁止令执行期限之外，禁止令不再约束，无需批准",
        ),
        (
            {"window_from": "2027-05-31T20:00", "window_to": "2027-06-01T08:00"},
            "window_from",
            "部分在禁止令执行期限之外",
        ),
        ({"window_from": "2026-11-24T09:00"}, "window_from", "起始时间不能早于申请日期"),
        ({"kind": "contact"}, "order", "与申请事项“接触特定的人”不符"),
        ({"place": "  "}, "place", "请填写"),
        ({"window_from": "明天上午"}, "window_from", "请按 2026-11-28 09:30 的格式填写起始时间"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_a_bad_application_is_refused_naming_the_field(world, login, order, extra, field, says):
    response = apply(login(world.users["office_officer"]), world.people["A"], order, **extra)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert field in response.context["apply_form"].errors
    assert not SpecialPlaceEntry.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_another_persons_order_cannot_be_chosen(world, login, order):
    b_order = ProhibitionOrder.objects.create(
        supervisee=world.people["B"],
        kind=ProhibitionOrder.Kind.PLACE,
        content="禁止进入网吧",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 1, 1),
    )
    response = apply(login(world.users["office_officer"]), world.people["A"], b_order)
    assert response.status_code == 400 and "请选择该矫正对象的禁止令" in response.content.decode()
    with pytest.raises(SupervisionError, match="请选择该矫正对象的禁止令"):
        services.entry_apply(
            actor=world.users["office_officer"],
            supervisee=world.people["A"],
            entry=SpecialPlaceEntry(
                order=b_order,
                kind="place",
                place="网吧",
                reason="取物",
                window_from=at(28, 9),
                window_to=at(28, 10),
                applied_on=TODAY,
            ),
        )


def _approved(world, order, start: datetime, hours: int = 3) -> SpecialPlaceEntry:
    entry = services.entry_apply(
        actor=world.users["office_officer"],
        supervisee=world.people["A"],
        entry=SpecialPlaceEntry(
            order=order,
            kind="place",
            place="金色年华KTV",
            reason="配合公安机关指认现场",
            window_from=start,
            window_to=start + timedelta(hours=hours),
            applied_on=TODAY,
        ),
    )
    return services.entry_decide(actor=world.users["county_head"], entry=entry, approve=True, reason="同意")


def _checkin(s, moment: datetime, key: str) -> CheckIn:
    return CheckIn.objects.create(
        supervisee=s,
        checked_at=moment,
        checked_on=timezone.localdate(moment),
        latitude="24.350000",
        longitude="102.540000",
        accuracy=15,
        idempotency_key=key,
    )


@time_machine.travel(NOW, tick=False)
def test_approved_windows_are_what_check_ins_and_monitoring_ask(world, order):
    a, b = world.people["A"], world.people["B"]
    entry = _approved(world, order, at(28, 9))
    pending = services.entry_apply(
        actor=world.users["office_officer"],
        supervisee=a,
        entry=SpecialPlaceEntry(
            order=order,
            kind="place",
            place="某酒吧",
            reason="取回证件",
            window_from=at(29, 9),
            window_to=at(29, 10),
            applied_on=TODAY,
        ),
    )
    windows = entries_approved([a.pk, b.pk], at(27, 0), at(30, 0))
    assert [(w.entry_id, w.order_id, w.place, w.window_from, w.window_to) for w in windows] == [
        (entry.pk, order.pk, "金色年华KTV", at(28, 9), at(28, 12))
    ]
    assert entries_approved([a.pk], at(28, 12, 1), at(29, 23)) == []  # the pending one does not count
    assert entry_covering(a.pk, at(28, 10)).entry_id == entry.pk
    assert entry_covering(a.pk, at(28, 9)) and entry_covering(a.pk, at(28, 12))  # both ends included
    assert entry_covering(a.pk, at(28, 12, 1)) is None and entry_covering(a.pk, at(29, 9, 30)) is None
    assert entry_covering(a.pk, at(28, 10), order_id=order.pk + 1000) is None
    assert entry_covering(b.pk, at(28, 10)) is None
    assert pending.status == "pending"


@time_machine.travel(NOW, tick=False)
def test_the_approvals_page_shows_the_check_ins_during_the_window(world, login, order):
    a = world.people["A"]
    _approved(world, order, at(28, 9))
    with time_machine.travel(at(28, 13), tick=False):
        _checkin(a, at(28, 10, 30), "inside-window")
        _checkin(a, at(28, 14), "after-window")
        page = login(world.users["office_officer"]).get(reverse("supervision:places", args=[a.pk])).content.decode()
    assert 'data-testid="window-checkins"' in page
    assert "10:30" in page and "14:00" not in page
    assert "已告知人民检察院" in page and "进入特定场所、接触特定的人的审批机关" in page


@time_machine.travel(NOW, tick=False)
def test_a_window_already_past_cannot_be_approved(world, order):
    entry = services.entry_apply(
        actor=world.users["office_officer"],
        supervisee=world.people["A"],
        entry=SpecialPlaceEntry(
            order=order,
            kind="place",
            place="KTV",
            reason="取物",
            window_from=at(25, 10, 30),
            window_to=at(25, 11),
            applied_on=TODAY,
        ),
    )
    with time_machine.travel(at(25, 12), tick=False), pytest.raises(SupervisionError, match="已经过去"):
        services.entry_decide(actor=world.users["county_head"], entry=entry, approve=True, reason="同意")


@time_machine.travel(NOW, tick=False)
def test_the_person_applies_from_the_phone(world, order):
    entry = services.entry_apply_own(
        user=world.users["supervisee"],
        entry=SpecialPlaceEntry(
            order=order, kind="place", place="KTV", reason="取物", window_from=at(28, 9), window_to=at(28, 10)
        ),
    )
    assert entry.applied_on == TODAY and entry.recorded_by == world.users["supervisee"]
    with pytest.raises(SupervisionError, match="只有在矫的社区矫正对象本人"):
        services.entry_apply_own(user=world.users["office_officer"], entry=SpecialPlaceEntry(order=order))


@time_machine.travel(NOW, tick=False)
def test_the_list_searches_within_jurisdiction(world, login, order):
    a = world.people["A"]
    apply(login(world.users["office_officer"]), a, order)
    url = reverse("supervision:place_list")
    county = login(world.users["county_officer"])
    assert a.name in county.get(url).content.decode()
    assert a.name in county.get(url, {"q": a.name[:1]}).content.decode()
    assert a.name not in county.get(url, {"q": "欧阳"}).content.decode()
    assert a.name not in login(world.users["other_county_officer"]).get(url).content.decode()
    assert a.name not in login(world.users["other_office_officer"]).get(url).content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_list_stays_within_its_query_budget(world, login, order, django_assert_max_num_queries):
    for i in range(25):
        _approved(world, order, at(26, 9) + timedelta(days=i))
    client = login(world.users["county_officer"])
    client.get(reverse("supervision:place_list"), {"show": "all"})
    with django_assert_max_num_queries(12):
        response = client.get(reverse("supervision:place_list"), {"show": "all", "page": 2})
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_application_and_the_decision_are_on_the_timeline(world, order):
    from sqjz.timeline.registry import timeline_for

    _approved(world, order, at(28, 9))
    titles = [e.title for e in timeline_for(world.people["A"], "places")]
    assert any(t.startswith("申请进入特定区域、场所：金色年华KTV") for t in titles)
    assert any(t.startswith("县级社区矫正机构批准进入特定区域、场所") for t in titles)


@time_machine.travel(NOW, tick=False)
def test_the_person_applies_on_the_phone_and_reads_the_decision(world, login, order):
    phone = login(world.users["supervisee"])
    url = reverse("mobile:places")
    home = phone.get(reverse("mobile:home")).content.decode()
    assert 'data-testid="places-link"' in home
    page = phone.get(url).content.decode()
    assert "禁止进入夜总会、酒吧等娱乐场所" in page and 'name="window_from"' in page
    data = form(order)
    data.pop("applied_on")
    backwards = phone.post(url, data | {"window_to": "2026-11-28T08:00"})
    assert backwards.status_code == 400 and "结束时间应当晚于起始时间" in backwards.content.decode()
    assert "配合公安机关指认现场" in backwards.content.decode() and not SpecialPlaceEntry.objects.exists()
    sent = phone.post(url, data, follow=True).content.decode()
    entry = SpecialPlaceEntry.objects.get()
    assert entry.applied_on == TODAY and entry.recorded_by == world.users["supervisee"]
    assert "已提交申请" in sent and f"申请编号：{entry.pk}" in sent and "待审批" in sent
    services.entry_decide(actor=world.users["county_head"], entry=entry, approve=True, reason="请按时进出")
    assert 'data-testid="entry-approved"' in phone.get(url).content.decode()


def test_without_an_order_the_phone_page_says_there_is_nothing_to_apply_for(world, login):
    phone = login(world.users["supervisee"])
    assert 'data-testid="places-link"' not in phone.get(reverse("mobile:home")).content.decode()
    page = phone.get(reverse("mobile:places")).content.decode()
    assert 'data-testid="no-orders"' in page and 'name="window_from"' not in page
    assert login(world.users["office_officer"]).get(reverse("mobile:places")).status_code == 403
