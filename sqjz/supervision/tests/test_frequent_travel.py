"""Frequent cross-county travel (经常性跨市、县活动, 实施办法第二十九条): the county agency approves a permit with its
destinations, valid until FREQUENT_TRAVEL_PERMIT_EXPIRY's day; trips under it are reported, not approved, and a
reported trip counts like an approved leave when a check-in asks whether the person may be away."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.models import FrequentTravelPermit, FrequentTravelTrip, TravelLeave
from sqjz.supervision.travel import services
from sqjz.supervision.travel.selectors import away_on_leave

TODAY = date(2026, 11, 25)


def apply(client, person, **extra):
    data = {
        "destinations": "昆明市、红河州个旧市，昆明市",
        "frequency": "每周一至周五往返",
        "reason": "在昆明务工",
        "evidence": "劳动合同",
        "starts_on": "2026-11-30",
        "applied_on": "2026-11-25",
    } | extra
    return client.post(reverse("supervision:travel_permit_apply", args=[person.pk]), data)


def decide(client, permit, decision="approve", reason=""):
    url = reverse("supervision:travel_permit_decide", args=[permit.pk])
    return client.post(url, {"decision": decision, "reason": reason})


def report(client, permit, destination="昆明市", start="2026-12-01", days=2):
    url = reverse("supervision:travel_trip_report", args=[permit.pk])
    return client.post(url, {"destination": destination, "start": start, "days": days, "note": "电话报告"})


def approved_permit(world, on: date = TODAY) -> FrequentTravelPermit:
    with time_machine.travel(on, tick=False):
        permit = services.permit_apply(
            actor=world.users["office_officer"],
            supervisee=world.people["A"],
            permit=FrequentTravelPermit(
                destinations=["昆明市", "红河州个旧市"],
                reason="在昆明务工",
                frequency="每周往返",
                evidence="劳动合同",
                applied_on=on,
                starts_on=on,
            ),
        )
        return services.permit_decide(actor=world.users["county_head"], permit=permit, approve=True, reason="")


def trip(permit, destination="昆明市", start=date(2026, 12, 1), days=2) -> FrequentTravelTrip:
    return FrequentTravelTrip(permit=permit, destination=destination, start=start, days=days)


@time_machine.travel(TODAY, tick=False)
def test_the_county_approves_for_six_months_and_the_page_names_the_rule(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    assert apply(office, a).status_code == 302
    permit = FrequentTravelPermit.objects.get(supervisee=a)
    assert permit.destinations == ["昆明市", "红河州个旧市"] and permit.status == "pending"
    item = InboxItem.objects.get(supervisee=a, kind="frequent_travel_decision", state="open")
    assert item.due == date(2026, 11, 30) and item.actor_unit == world.units["hongta_agency"]
    refused = decide(office, permit)
    assert refused.status_code == 400 and "由执行地县级社区矫正机构批准" in refused.content.decode()
    assert decide(login(world.users["other_county_officer"]), permit).status_code == 404
    assert decide(login(world.users["county_officer"]), permit).status_code == 302
    permit.refresh_from_db()
    assert (permit.status, permit.approved_on, permit.valid_until) == ("approved", TODAY, date(2027, 5, 25))
    assert "有效期6个月" in permit.expiry_reasons
    assert not InboxItem.objects.filter(supervisee=a, kind="frequent_travel_decision", state="open").exists()
    page = office.get(reverse("supervision:travel", args=[a.pk])).content.decode()
    assert "经常性跨市、县活动批准的有效期" in page and "实施办法第二十九条" in page
    assert "有效期至2027年5月25日" in page or "有效期至2027-05-25" in page


@time_machine.travel(TODAY, tick=False)
def test_a_refusal_needs_a_reason(world, login):
    a = world.people["A"]
    apply(login(world.users["office_officer"]), a)
    permit = FrequentTravelPermit.objects.get(supervisee=a)
    county = login(world.users["county_head"])
    assert "不予批准的，请写明理由" in decide(county, permit, "refuse").content.decode()
    assert decide(county, permit, "refuse", "未提供工作证明").status_code == 302
    permit.refresh_from_db()
    assert permit.status == "refused" and permit.valid_until is None


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ({"destinations": " 、 ，"}, "请填写至少一个目的地"),
        ({"starts_on": "2026-11-24"}, "拟开始日期不能早于申请日期"),
        ({"applied_on": "2026-11-26"}, "申请日期不能晚于今天"),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_a_bad_application_is_refused_with_the_reason(world, login, extra, says):
    response = apply(login(world.users["office_officer"]), world.people["A"], **extra)
    assert response.status_code == 400 and says in response.content.decode()
    assert not FrequentTravelPermit.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_trip_is_reported_and_counts_like_an_approved_leave(world, login):
    a = world.people["A"]
    permit = approved_permit(world)
    assert not away_on_leave(a, date(2026, 12, 1))
    assert report(login(world.users["office_officer"]), permit).status_code == 302
    t = FrequentTravelTrip.objects.get(permit=permit)
    assert (t.supervisee, t.channel, t.reported_by) == (a, "office", world.users["office_officer"])
    assert away_on_leave(a, date(2026, 12, 1)) and away_on_leave(a, date(2026, 12, 2))
    assert not away_on_leave(a, date(2026, 11, 30)) and not away_on_leave(a, date(2026, 12, 3))
    assert not away_on_leave(world.people["B"], date(2026, 12, 1))
    page = login(world.users["county_head"]).get(reverse("supervision:travel", args=[a.pk])).content.decode()
    assert 'data-testid="permit-trips"' in page and "工作人员登记" in page


@time_machine.travel(TODAY, tick=False)
def test_a_destination_outside_the_permit_is_refused(world, login):
    permit = approved_permit(world)
    with pytest.raises(SupervisionError, match="不在批准的目的地之内") as refused:
        services.trip_report(actor=world.users["office_officer"], permit=permit, trip=trip(permit, "大理市"))
    assert refused.value.field == "destination"
    response = report(login(world.users["office_officer"]), permit, destination="大理市")
    assert response.status_code == 400 and "目的地应为批准的目的地之一" in response.content.decode()
    assert not FrequentTravelTrip.objects.exists()


def test_the_permit_ends_by_itself_and_a_trip_after_expiry_is_refused_with_the_rule(world):
    a = world.people["A"]
    permit = approved_permit(world, date(2026, 3, 5))
    assert permit.valid_until == date(2026, 9, 5)
    with time_machine.travel(date(2026, 9, 4), tick=False):
        services.trip_report(
            actor=world.users["office_officer"], permit=permit, trip=trip(permit, start=date(2026, 9, 4))
        )
        with pytest.raises(SupervisionError, match="超过有效期届满日2026年9月5日") as refused:
            services.trip_report(
                actor=world.users["office_officer"], permit=permit, trip=trip(permit, start=date(2026, 9, 5), days=3)
            )
    assert "经常性跨市、县活动批准下的外出报告" in refused.value.message and refused.value.field == "start"
    assert away_on_leave(a, date(2026, 9, 5))
    # A trip recorded past the permit's end (e.g. before a correction of the data) never counts after the end.
    FrequentTravelTrip.objects.create(
        permit=permit,
        supervisee=a,
        destination="昆明市",
        start=date(2026, 9, 5),
        days=5,
        reported_by=world.users["office_officer"],
    )
    assert away_on_leave(a, date(2026, 9, 5)) and not away_on_leave(a, date(2026, 9, 6))


@time_machine.travel(TODAY, tick=False)
def test_trips_under_a_refused_or_pending_permit_are_refused(world):
    permit = services.permit_apply(
        actor=world.users["office_officer"],
        supervisee=world.people["A"],
        permit=FrequentTravelPermit(
            destinations=["昆明市"], reason="务工", frequency="每周", evidence="合同", applied_on=TODAY, starts_on=TODAY
        ),
    )
    with pytest.raises(SupervisionError, match="待审批"):
        services.trip_report(actor=world.users["office_officer"], permit=permit, trip=trip(permit))


@time_machine.travel(TODAY, tick=False)
def test_the_person_reports_a_trip_from_the_phone_but_not_one_already_begun(world):
    permit = approved_permit(world)
    user = world.users["supervisee"]
    t = services.trip_report_own(user=user, permit_id=str(permit.pk), trip=trip(permit))
    assert t.channel == "phone" and t.reported_by == user
    with pytest.raises(SupervisionError, match="不能早于今天"):
        services.trip_report_own(user=user, permit_id=permit.pk, trip=trip(permit, start=TODAY - timedelta(days=1)))
    with pytest.raises(SupervisionError, match="没有可以报告外出"):
        services.trip_report_own(user=user, permit_id="x", trip=trip(permit))


@time_machine.travel(TODAY, tick=False)
def test_an_approved_leave_still_counts(world):
    a = world.people["A"]
    TravelLeave.objects.create(
        supervisee=a,
        purpose="medical",
        reason="就医",
        destination="昆明市",
        start=date(2026, 11, 26),
        days=2,
        applied_on=TODAY,
        evidence="诊断证明",
        level="judicial_office",
        level_reasons="",
        lead_time_note="",
        status="approved",
        recorded_by=world.users["office_officer"],
    )
    assert away_on_leave(a, date(2026, 11, 27)) and not away_on_leave(a, date(2026, 11, 28))


@time_machine.travel(TODAY, tick=False)
def test_the_permit_and_its_trips_are_on_the_timeline(world):
    from sqjz.timeline.registry import timeline_for

    permit = approved_permit(world)
    services.trip_report(actor=world.users["office_officer"], permit=permit, trip=trip(permit))
    titles = [e.title for e in timeline_for(world.people["A"], "travel")]
    assert "申请经常性跨市、县活动：昆明市、红河州个旧市" in titles
    assert any("批准（有效期至2027年5月25日）经常性跨市、县活动" in t for t in titles)
    assert "经常性外出报告：昆明市2日（工作人员登记）" in titles


@time_machine.travel(TODAY, tick=False)
def test_the_phone_page_reports_a_trip_under_the_permit_in_force(world, login):
    phone = login(world.users["supervisee"])
    url = reverse("mobile:trips")
    assert 'data-testid="no-permit"' in phone.get(url).content.decode()
    assert 'data-testid="trips-link"' not in phone.get(reverse("mobile:home")).content.decode()
    permit = approved_permit(world)
    page = phone.get(url).content.decode()
    assert "经常性跨市、县活动：昆明市、红河州个旧市" in page and "有效期至2027年5月25日" in page
    assert 'data-testid="trips-link"' in phone.get(reverse("mobile:home")).content.decode()
    data = {"permit": permit.pk, "destination": "昆明市", "start": "2026-11-26", "days": 2, "note": "出差"}
    # A destination the permit does not name: refused on the field, what was typed kept.
    wrong = phone.post(url, data | {"destination": "大理市"})
    assert wrong.status_code == 400 and "目的地应为批准的目的地之一" in wrong.content.decode()
    assert 'value="出差"' in wrong.content.decode() and not FrequentTravelTrip.objects.exists()
    # Someone else's permit, or none: nothing written.
    other = phone.post(url, data | {"permit": permit.pk + 1000}, follow=True)
    assert "没有可以报告外出" in other.content.decode() and not FrequentTravelTrip.objects.exists()
    sent = phone.post(url, data, follow=True).content.decode()
    t = FrequentTravelTrip.objects.get()
    assert (t.channel, t.destination, t.days, t.reported_by) == ("phone", "昆明市", 2, world.users["supervisee"])
    assert "已报告外出" in sent and f"报告编号：{t.pk}" in sent and 'data-testid="my-trips"' in sent
    assert away_on_leave(world.people["A"], date(2026, 11, 27))


def test_an_officer_cannot_use_the_phone_trip_page(world, login):
    assert login(world.users["office_officer"]).get(reverse("mobile:trips")).status_code == 403
