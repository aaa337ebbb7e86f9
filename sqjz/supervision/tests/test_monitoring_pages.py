"""Electronic monitoring's pages: exclusion zones entered on the person's page (messages in Chinese), the alert
workflow (acknowledged, verified, closed with an outcome; a confirmed breach offered to enforcement as a fact), the
map with its bounded time window, and the jurisdiction's monitoring list, each view of positions logged."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.inbox.models import InboxItem
from sqjz.supervision.models import Geofence
from sqjz.supervision.monitoring.evaluation import fixes_evaluate
from sqjz.supervision.selectors import record_breaches
from sqjz.supervision.tests.monitoring_tracks import EDGE, FAR_NORTH, HOME, approved_entry, fixes, monitor, place_order
from sqjz.supervision.tests.test_monitoring_alerts import store

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def page_of(client, a, **query):
    return client.get(reverse("supervision:monitoring", args=[a.pk]), query)


@time_machine.travel(NOW, tick=False)
def test_exclusion_zones_are_checked_and_stored(world, login):
    a = world.people["A"]
    monitor(a, world.users["office_officer"], serial="YX-P-0001")
    order = place_order(a)
    office = login(world.users["office_officer"])
    add = reverse("supervision:monitoring_zone_add", args=[a.pk])
    base = {"order": order.pk, "name": "玉溪第一小学"}
    two = office.post(add, base | {"shape": "polygon", "points": "102.54,24.35\n102.55,24.35"})
    assert two.status_code == 400 and "至少需要3个不同的顶点" in two.content.decode()
    bad = office.post(add, base | {"shape": "polygon", "points": "102.54,24.35\n东经102.55"})
    assert bad.status_code == 400 and "第2行应为“经度,纬度”两个数字" in bad.content.decode()
    crossed = office.post(
        add, base | {"shape": "polygon", "points": "102.54,24.35\n102.55,24.36\n102.55,24.35\n102.54,24.36"}
    )
    assert crossed.status_code == 400 and "相互交叉" in crossed.content.decode()
    wide = office.post(add, base | {"shape": "circle", "latitude": "24.35", "longitude": "102.54", "radius_m": "50000"})
    assert wide.status_code == 400 and "半径应在20米至20000米之间" in wide.content.decode()
    far = office.post(add, base | {"shape": "circle", "latitude": "39.9", "longitude": "116.4", "radius_m": "300"})
    assert far.status_code == 400 and "不在玉溪市范围内" in far.content.decode()
    nameless = office.post(add, {"order": order.pk, "shape": "circle", "latitude": "24.35", "longitude": "102.54"})
    assert nameless.status_code == 400 and "请填写区域名称" in nameless.content.decode()
    assert not Geofence.objects.exists()

    ok = office.post(add, base | {"shape": "polygon", "points": "102.54,24.35\n102.55,24.35\n102.55,24.36"})
    assert ok.status_code == 302
    zone = Geofence.objects.get()
    assert zone.coordinates[0] == zone.coordinates[-1] and len(zone.coordinates) == 4
    shown = page_of(office, a).content.decode()
    assert "玉溪第一小学" in shown and "禁止进入区域" in shown and 'data-testid="zone-window"' not in shown
    # An approved window to enter the place is shown beside its zone: why no alert fires then.
    approved_entry(a, order, world.users["county_head"], NOW + timedelta(days=1), NOW + timedelta(days=1, hours=2))
    assert (
        "经批准进入：玉溪第一小学，2026年11月28日 12:00 至 2026年11月28日 14:00" in page_of(office, a).content.decode()
    )
    # Another office's officer cannot add one for A.
    other = login(world.users["other_office_officer"])
    assert other.post(add, base | {"shape": "circle", "latitude": "24.35", "longitude": "102.54"}).status_code == 404
    office = login(world.users["office_officer"])
    remove = reverse("supervision:monitoring_zone_remove", args=[zone.pk])
    assert office.post(remove).status_code == 302
    zone.refresh_from_db()
    assert zone.removed_by == world.users["office_officer"]


@time_machine.travel(NOW, tick=False)
def test_an_alert_is_acknowledged_verified_and_closed(world, login):
    a = world.people["A"]
    m = monitor(a, world.users["office_officer"], serial="YX-P-0002")
    device = m.devices.get().pk
    ids = store(fixes(m, device, NOW - timedelta(hours=1), [(*HOME, 30)] * 2 + [(FAR_NORTH, EDGE[1], 30)] * 3))
    (alert,) = fixes_evaluate(ids)
    office = login(world.users["office_officer"])
    shown = page_of(office, a).content.decode()
    assert "离开执行地" in shown and "待处理" in shown and "红塔区、江川区以外" in shown

    verify = reverse("supervision:monitoring_alert_verify", args=[alert.pk])
    early = office.post(verify, {"finding": "电话联系"})
    assert early.status_code == 400 and "该报警当前为“待处理”" in early.content.decode()  # not acknowledged yet
    alert.refresh_from_db()
    assert alert.status == "open"
    assert office.post(reverse("supervision:monitoring_alert_acknowledge", args=[alert.pk])).status_code == 302
    empty = office.post(verify, {"finding": ""})
    assert empty.status_code == 400 and "请写明核实情况" in empty.content.decode()
    assert office.post(verify, {"finding": "电话联系本人，承认未经批准去澄江打工，已责令返回"}).status_code == 302

    close = reverse("supervision:monitoring_alert_close", args=[alert.pk])
    false_alarm = office.post(close, {"outcome": "false_alarm", "reason": ""})
    assert false_alarm.status_code == 400 and "认定误报的，请写明理由" in false_alarm.content.decode()
    assert office.post(close, {"outcome": "breach", "reason": "未经批准离开执行地"}).status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.outcome, alert.closed_by) == ("closed", "breach", world.users["office_officer"])
    assert alert.acknowledged_by == alert.verified_by == world.users["office_officer"]
    assert not InboxItem.objects.filter(supervisee=a, kind="monitoring_alert", state="open").exists()
    # The confirmed breach is offered to enforcement as a fact.
    (breach,) = [b for b in record_breaches(a.pk) if b.source == "monitoring"]
    assert breach.ref == f"monitoring_alert:{alert.pk}" and "确认违规" in breach.text
    enforcement = office.get(reverse("enforcement:case", args=[a.pk])).content.decode()
    assert f"monitoring_alert:{alert.pk}" in enforcement
    # And on the person's timeline.
    from sqjz.supervision.monitoring.events import monitoring_events

    titles = [e.title for e in monitoring_events(a)]
    assert "电子定位报警：离开执行地" in titles and "电子定位报警办结：确认违规" in titles


@time_machine.travel(NOW, tick=False)
def test_the_map_shows_the_track_in_a_bounded_window_and_is_logged(world, login):
    a = world.people["A"]
    m = monitor(a, world.users["office_officer"], serial="YX-P-0003")
    store(fixes(m, m.devices.get().pk, NOW - timedelta(hours=2), [(*HOME, 30), (HOME[0] + 0.01, HOME[1], 30)]))
    office = login(world.users["office_officer"])
    before = AccessLog.objects.filter(supervisee=a).count()
    response = page_of(office, a)
    assert AccessLog.objects.filter(supervisee=a).count() == before + 1
    html = response.content.decode()
    config = json.loads(html.split('id="person-map" type="application/json">')[1].split("</script>")[0])
    assert config["focus"] == "红塔区"
    kinds = {layer["name"]: layer for layer in config["layers"]}
    assert len(kinds["轨迹"]["data"][0]["coords"]) == 2 and "当前位置" in kinds
    assert "echarts.min.js" in html and "sqjz/map.js" in html

    backwards = page_of(office, a, since="2026-11-27T10:00", until="2026-11-27T09:00")
    assert backwards.status_code == 200 and "截止时间应晚于起始时间" in backwards.content.decode()
    long = page_of(office, a, since="2026-11-01T10:00", until="2026-11-27T09:00")
    assert "一次最多查看7天的轨迹" in long.content.decode()
    garbled = page_of(office, a, since="昨天", until="2026-11-27T09:00")
    assert "请按 2026-11-28 09:30 的格式填写起始时间" in garbled.content.decode()
    earlier = page_of(office, a, since="2026-11-26T08:00", until="2026-11-26T20:00").content.decode()
    config = json.loads(earlier.split('id="person-map" type="application/json">')[1].split("</script>")[0])
    assert "轨迹" not in {layer["name"] for layer in config["layers"]}
    # A social worker sees the record's monitoring, not the positions.
    assert (
        'id="person-map"'
        not in login(world.users["social_worker"]).get(reverse("supervision:monitoring", args=[a.pk])).content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_the_monitoring_list_is_the_jurisdictions_and_logged(world, login, django_assert_max_num_queries):
    a = world.people["A"]
    m = monitor(a, world.users["office_officer"], serial="YX-P-0004")
    ids = store(
        fixes(m, m.devices.get().pk, NOW - timedelta(hours=1), [(*HOME, 30)] * 2 + [(FAR_NORTH, EDGE[1], 30)] * 3)
    )
    assert len(fixes_evaluate(ids)) == 1
    url = reverse("supervision:monitoring_list")
    office = login(world.users["office_officer"])
    before = AccessLog.objects.filter(supervisee=a).count()
    with django_assert_max_num_queries(20):
        html = office.get(url).content.decode()
    assert "张三" in html and 'id="positions-map"' in html and "<strong>1</strong>" in html
    assert AccessLog.objects.filter(supervisee=a).count() == before + 1
    assert "张三" not in login(world.users["other_office_officer"]).get(url).content.decode()
    assert "张三" not in login(world.users["office_officer"]).get(url, {"q": "李"}).content.decode()
    assert login(world.users["social_worker"]).get(url).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_monitoring_list_costs_the_same_for_sixty_people(world, login, django_assert_max_num_queries):
    from sqjz.supervision.models import PositionFix
    from sqjz.supervision.tests.monitoring_tracks import many_people

    people = many_people(world.people["A"], world.users["office_officer"], 60)
    PositionFix.objects.bulk_create(
        f for _s, m, device in people for f in fixes(m, device, NOW - timedelta(hours=1), [(*HOME, 30)] * 3)
    )
    office = login(world.users["office_officer"])
    with django_assert_max_num_queries(20):
        first = office.get(reverse("supervision:monitoring_list"))
    assert first.content.decode().count('href="/supervision/') >= 50
    assert "第 1 / 2 页" in first.content.decode()
    assert office.get(reverse("supervision:monitoring_list"), {"page": 2}).status_code == 200
