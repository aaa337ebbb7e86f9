"""Leave to travel (外出): who decides follows the statute (office ≤ 7 days if delegated, county ≤ 30, the city
above 30 or past 30 days in two months), decisions and returns are recorded, and the inbox shows what is due."""

from datetime import date

import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.supervision.models import TravelLeave

TODAY = date(2026, 11, 27)


def apply(client, person, start: str, days: int, **extra):
    data = {
        "purpose": "medical",
        "reason": "母亲住院，前往陪护",
        "destination": "昆明市",
        "start": start,
        "days": days,
        "applied_on": "2026-11-27",
        "evidence": "医院住院通知书",
    } | extra
    return client.post(reverse("supervision:travel_apply", args=[person.pk]), data)


def decide(client, leave, decision="approve", reason=""):
    return client.post(reverse("supervision:travel_decide", args=[leave.pk]), {"decision": decision, "reason": reason})


@time_machine.travel(TODAY)
def test_office_approves_six_days_and_the_return_is_due_on_the_last_day(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    assert apply(office, a, "2026-11-30", 6).status_code == 302
    leave = TravelLeave.objects.get(supervisee=a)
    assert leave.level == "judicial_office" and "县级社区矫正机构已委托司法所" in leave.level_reasons
    assert InboxItem.objects.get(supervisee=a, kind="travel_decision", state="open").due == date(2026, 11, 30)
    assert decide(office, leave).status_code == 302
    leave.refresh_from_db()
    assert leave.status == "approved"
    assert not InboxItem.objects.filter(supervisee=a, kind="travel_decision", state="open").exists()
    item = InboxItem.objects.get(supervisee=a, kind="travel_return", state="open")
    assert item.due == date(2026, 12, 5) and item.rule == "TRAVEL_RETURN_DUE"
    with time_machine.travel(date(2026, 12, 5)):
        office = login(world.users["office_officer"])
        returned = office.post(reverse("supervision:travel_return", args=[leave.pk]), {"returned_on": "2026-12-05"})
        assert returned.status_code == 302
    leave.refresh_from_db()
    assert leave.status == "returned"
    assert not InboxItem.objects.filter(supervisee=a, kind="travel_return", state="open").exists()


@time_machine.travel(TODAY)
def test_eighteen_days_go_to_the_county_and_the_office_cannot_decide(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    apply(office, a, "2026-12-01", 18)
    leave = TravelLeave.objects.get(supervisee=a)
    assert leave.level == "county_agency"
    page = office.get(reverse("supervision:travel", args=[a.pk])).content.decode()
    assert "本次外出由县级社区矫正机构审批" in page
    refused = decide(office, leave)
    assert refused.status_code == 400 and "本次外出由县级社区矫正机构审批" in refused.content.decode()
    county = login(world.users["county_head"])
    no_reason = decide(county, leave, "refuse")
    assert no_reason.status_code == 400 and "不予批准的，请写明理由" in no_reason.content.decode()
    assert decide(county, leave).status_code == 302
    leave.refresh_from_db()
    assert leave.status == "approved" and leave.decided_by == world.users["county_head"]
    assert decide(login(world.users["other_county_officer"]), leave).status_code == 404


@time_machine.travel(TODAY)
def test_over_thirty_days_in_two_months_goes_to_the_city(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    apply(office, a, "2026-12-01", 20)
    decide(login(world.users["county_officer"]), TravelLeave.objects.get(supervisee=a))
    apply(office, a, "2026-12-25", 15)
    second = TravelLeave.objects.filter(supervisee=a, status="pending").get()
    assert second.level == "city_agency" and "累计外出超过30日" in second.level_reasons
    assert decide(login(world.users["county_officer"]), second).status_code == 400
    assert decide(login(world.users["city_officer"]), second).status_code == 302


@time_machine.travel(TODAY)
def test_bad_applications_are_refused_with_the_field_named_and_nothing_lost(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    before = office.post(
        reverse("supervision:travel_apply", args=[a.pk]),
        {
            "purpose": "family",
            "reason": "探亲",
            "destination": "曲靖市",
            "start": "2026-11-20",
            "days": 3,
            "applied_on": "2026-11-27",
            "evidence": "无",
        },
    )
    assert before.status_code == 400 and "外出起始日不能早于申请日期" in before.content.decode()
    assert "曲靖市" in before.content.decode()
    a.term_end = date(2027, 1, 15)
    a.save()
    beyond = apply(office, a, "2026-12-01", 60)
    assert beyond.status_code == 400 and "超过矫正期满日2027-01-15" in beyond.content.decode()
    assert not TravelLeave.objects.filter(supervisee=a).exists()


@time_machine.travel(TODAY)
def test_the_list_shows_pending_applications_within_jurisdiction(world, login):
    apply(login(world.users["office_officer"]), world.people["A"], "2026-12-01", 3)
    inbox_refresh()
    county = login(world.users["county_officer"]).get(reverse("supervision:travel_list"))
    assert [leave.supervisee.name for leave, _ in county.context["rows"]] == ["张三"]
    other = login(world.users["other_county_officer"]).get(reverse("supervision:travel_list"))
    assert other.context["rows"] == []


@time_machine.travel(TODAY)
def test_of_two_pending_applications_the_inbox_shows_the_one_leaving_first(world, login):
    a = world.people["A"]
    office = login(world.users["office_officer"])
    assert apply(office, a, "2026-12-10", 3).status_code == 302
    assert apply(office, a, "2026-12-02", 2).status_code == 302
    item = InboxItem.objects.get(supervisee=a, kind="travel_decision", state="open")
    assert item.due == date(2026, 12, 2)
    inbox_refresh()  # the daily job agrees
    assert InboxItem.objects.get(supervisee=a, kind="travel_decision", state="open").due == date(2026, 12, 2)
