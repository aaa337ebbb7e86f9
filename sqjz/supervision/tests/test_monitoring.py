"""Electronic monitoring (电子定位): only on the five legal grounds, approved by the bureau head, three months at
most and three months per extension; the inbox shows the period ending."""

from datetime import date

import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.supervision.models import ElectronicMonitoring

TODAY = date(2026, 11, 27)


def propose(client, person, **overrides):
    data = {
        "grounds": ["left_without_approval"],
        "facts": "2026年11月20日未经批准前往昆明，经查找于次日返回。",
        "start": "2026-11-27",
        "months": 3,
        "device_number": "YX-0001",
    } | overrides
    return client.post(reverse("supervision:monitoring_propose", args=[person.pk]), data)


@time_machine.travel(TODAY)
def test_proposed_by_the_office_approved_by_the_head_extended_and_released(world, login):
    a = world.people["A"]
    a.term_end = date(2028, 1, 1)
    a.save()
    office = login(world.users["office_officer"])
    no_ground = propose(office, a, grounds=[])
    assert no_ground.status_code == 400 and "不属于法定情形" in no_ground.content.decode()
    too_long = propose(office, a, months=4)
    assert too_long.status_code == 400 and "超过法定上限3个月" in too_long.content.decode()
    assert propose(office, a).status_code == 302
    m = ElectronicMonitoring.objects.get(supervisee=a)
    assert (m.status, m.end) == ("proposed", date(2027, 2, 27))

    decide = reverse("supervision:monitoring_decide", args=[m.pk])
    assert login(world.users["county_officer"]).post(decide, {"decision": "approve"}).status_code == 403
    head = login(world.users["county_head"])
    assert head.post(decide, {"decision": "approve", "reason": "符合第二十九条第一款第（二）项"}).status_code == 302
    m.refresh_from_db()
    assert m.status == "active"

    with time_machine.travel(date(2027, 2, 20)):
        from sqjz.inbox.services import inbox_refresh

        inbox_refresh()
        item = InboxItem.objects.get(supervisee=a, kind="monitoring_expiry", state="open")
        assert item.due == date(2027, 2, 27)
        head = login(world.users["county_head"])
        extend = reverse("supervision:monitoring_extend", args=[m.pk])
        six = head.post(extend, {"months": 6, "reason": "仍多次擅自外出"})
        assert six.status_code == 400 and "超过法定上限3个月" in six.content.decode()
        assert head.post(extend, {"months": 2, "reason": "仍多次擅自外出"}).status_code == 302
        m.refresh_from_db()
        assert m.end == date(2027, 4, 27) and m.extensions.count() == 1
        item.refresh_from_db()
        assert item.state == "closed"
        office = login(world.users["office_officer"])
        end = reverse("supervision:monitoring_end", args=[m.pk])
        assert office.post(end, {"ended_on": "2027-02-20", "reason": "表现稳定，不需要继续使用"}).status_code == 302
    m.refresh_from_db()
    assert m.status == "ended"


@time_machine.travel(TODAY)
def test_only_the_area_sees_and_acts(world, login):
    a = world.people["A"]
    assert (
        login(world.users["other_office_officer"]).get(reverse("supervision:monitoring", args=[a.pk])).status_code
        == 404
    )
    assert propose(login(world.users["social_worker"]), a).status_code == 403
    assert login(world.users["procurator"]).get(reverse("supervision:monitoring", args=[a.pk])).status_code == 200


@time_machine.travel(TODAY)
def test_a_period_of_no_months_is_refused_beside_the_field_with_the_rules_reason(world, login):
    """months=0 used to reach the statute rule unchecked and end in an uncaught ValueError (a 500)."""
    a = world.people["A"]
    a.term_end = date(2028, 1, 1)
    a.save()
    office = login(world.users["office_officer"])
    for months in (0, 4):
        response = propose(office, a, months=months)
        assert response.status_code == 400
        errors = response.context["propose_form"].errors
        assert "3个月" in errors["months"][0], errors
    assert "不是有效期限" in propose(office, a, months=0).content.decode()
    assert not ElectronicMonitoring.objects.filter(supervisee=a).exists()
