"""Positions from a device gateway (POST /api/monitoring/fixes): a bearer token per gateway, idempotent per batch
id, each bad fix refused by its index with a Chinese reason while the rest are stored, devices' battery and last
contact brought up to date."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sqjz.supervision.models import (
    ElectronicMonitoring,
    GatewayBatch,
    MonitoringDevice,
    MonitoringGateway,
    PositionFix,
)
from sqjz.supervision.monitoring import ingest, services

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
URL = "/api/monitoring/fixes"
PROPS = {"satellite_positioning", "tamper_resistant", "blast_resistant", "water_resistant"}


def active_monitoring(world, person="A") -> ElectronicMonitoring:
    return ElectronicMonitoring.objects.create(
        supervisee=world.people[person],
        grounds=["left_without_approval"],
        facts="未经批准离开玉溪市",
        start=TODAY,
        months=3,
        end=TODAY + timedelta(days=90),
        status="active",
        proposed_by=world.users["office_officer"],
    )


def device(world, serial, *, officer="county_officer", monitoring=None) -> MonitoringDevice:
    d = services.device_register(
        actor=world.users[officer], serial=serial, kind="wristband", model_name="YX-W1", properties=PROPS
    )
    if monitoring is not None:
        d = services.device_assign(actor=world.users[officer], device=d, monitoring=monitoring)
    return d


def fix(serial, minutes=0, **extra) -> dict:
    at = NOW - timedelta(minutes=60 - minutes)
    return {
        "serial": serial,
        "recorded_at": at.isoformat(),
        "latitude": 24.35 + minutes / 10_000,
        "longitude": 102.54,
        "accuracy_m": 12.5,
        "battery": 80,
    } | extra


@pytest.fixture
def setup(world):
    with time_machine.travel(NOW, tick=False):
        m = active_monitoring(world)
        d = device(world, "YXW-0001", monitoring=m)
        gateway, token = services.gateway_create(actor=world.users["county_head"], name="红塔区腕带网关")
    return world, m, d, gateway, token


def post(client, body, token=None, raw=False):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if raw else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers)


@time_machine.travel(NOW, tick=False)
def test_without_or_with_a_wrong_or_deactivated_token_nothing_is_stored(setup, client, login):
    world, _m, _d, gateway, token = setup
    body = {"batch_id": "b1", "fixes": [fix("YXW-0001")]}
    assert post(client, body).status_code == 401
    assert post(client, body, "gw_wrong").status_code == 401
    # A staff session is no gateway
    assert post(login(world.users["county_head"]), body).status_code == 401
    client.logout()
    assert MonitoringGateway.objects.get(pk=gateway.pk).token_hash != token  # only the digest is kept
    services.gateway_deactivate(actor=world.users["county_head"], gateway=gateway)
    assert post(client, body, token).status_code == 401
    assert not PositionFix.objects.exists() and not GatewayBatch.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_batch_is_stored_and_its_retry_answers_the_same_storing_nothing_twice(setup, client):
    _world, m, d, _gateway, token = setup
    body = {"batch_id": "2026-11-27-0001", "fixes": [fix("YXW-0001", i, battery=90 - i) for i in range(5)]}
    first = post(client, body, token)
    assert first.status_code == 200, first.content
    assert first.json() == {
        "batch_id": "2026-11-27-0001",
        "received": 5,
        "stored": 5,
        "rejected_count": 0,
        "rejected": [],
        "replay": False,
    }
    fixes = list(PositionFix.objects.order_by("recorded_at"))
    assert len(fixes) == 5
    assert {(f.device_id, f.monitoring_id, f.supervisee_id) for f in fixes} == {(d.pk, m.pk, m.supervisee_id)}
    assert fixes[0].recorded_at == NOW - timedelta(minutes=60) and fixes[0].received_at == NOW
    d.refresh_from_db()
    assert (d.battery, d.last_contact) == (86, NOW - timedelta(minutes=56))  # the latest fix's
    again = post(client, body, token)
    assert again.status_code == 200 and again.json() == first.json() | {"replay": True}
    assert PositionFix.objects.count() == 5 and GatewayBatch.objects.count() == 1
    other = post(client, {"batch_id": "2026-11-27-0001", "fixes": [fix("YXW-0001", 30)]}, token)
    assert other.status_code == 409 and "批次号" in other.json()["detail"]
    assert PositionFix.objects.count() == 5


@time_machine.travel(NOW, tick=False)
def test_bad_fixes_are_refused_by_index_with_a_reason_and_the_rest_stored(setup, client):
    world, _m, _d, _gateway, token = setup
    in_stock = device(world, "YXW-0002")  # registered, not assigned
    other_county = device(world, "YXW-0003", officer="other_county_officer")
    fixes = [
        fix("YXW-0001", 1),
        fix("NO-SUCH", 2),
        fix(in_stock.serial, 3),
        fix(other_county.serial, 4),  # another county's device: as unknown to this gateway
        fix("YXW-0001", 5, latitude=95),
        fix("YXW-0001", 6, recorded_at="2026-11-27 09:00"),  # no offset
        fix("YXW-0001", 7, recorded_at="yesterday"),
        fix("YXW-0001", 8, accuracy_m="12"),
        fix("YXW-0001", 9, battery=101),
        fix("YXW-0001", 10, tamper="yes"),
        fix("YXW-0001", 11, recorded_at=(NOW + timedelta(hours=1)).isoformat()),
        "not a fix",
        fix("YXW-0001", 12, tamper=True),
    ]
    response = post(client, {"batch_id": "b-mixed", "fixes": fixes}, token)
    assert response.status_code == 200
    result = response.json()
    assert (result["received"], result["stored"], result["rejected_count"]) == (13, 2, 11)
    by_index = {r["index"]: (r["field"], r["reason"]) for r in result["rejected"]}
    assert by_index == {
        1: ("serial", "设备序列号未登记，或不属于本网关所属机构"),
        2: ("serial", "该设备未分配给使用中的电子定位"),
        3: ("serial", "设备序列号未登记，或不属于本网关所属机构"),
        4: ("latitude", "纬度应为 -90 至 90 之间的数"),
        5: ("recorded_at", "定位时间缺少时区（如 +08:00）"),
        6: ("recorded_at", "定位时间格式不正确（应为 ISO 8601，带时区）"),
        7: ("accuracy_m", "定位精度应为 0 至 100000 之间的米数"),
        8: ("battery", "电量应为 0 至 100 之间的整数"),
        9: ("tamper", "防拆报警应为 true 或 false"),
        10: ("recorded_at", "定位时间晚于当前时间"),
        11: ("", "应为对象（含 serial、recorded_at、latitude、longitude、accuracy_m）"),
    }
    stored = PositionFix.objects.order_by("recorded_at")
    assert [f.tamper for f in stored] == [False, True]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ("{not json", "不是有效的 JSON"),
        ("[1, 2]", "应为含 batch_id 和 fixes 的对象"),
        ('{"batch_id": "", "fixes": []}', "batch_id（批次号）"),
        ('{"batch_id": "b", "fixes": []}', "fixes（定位数据）应为非空数组"),
        ('{"batch_id": "b", "fixes": {"serial": 1}}', "fixes（定位数据）应为非空数组"),
    ],
)
def test_a_body_that_is_no_batch_is_refused_whole(setup, client, body, detail):
    _world, _m, _d, _gateway, token = setup
    response = post(client, body, token, raw=True)
    assert response.status_code == 400 and detail in response.json()["detail"]
    assert not GatewayBatch.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_too_many_fixes_in_one_batch_are_refused(setup):
    _world, _m, _d, gateway, _token = setup
    with pytest.raises(services.SupervisionError, match="每批最多10000条"):
        ingest.fixes_ingest(gateway, "big", [fix("YXW-0001")] * (ingest.MAX_FIXES + 1))


@time_machine.travel(NOW, tick=False)
def test_ten_thousand_fixes_in_one_request_in_few_queries(world, client):
    from tests.factories import SuperviseeFactory, resident_id

    officer = world.users["county_officer"]
    serials = []
    for i in range(100):
        person = SuperviseeFactory(
            judicial_office=world.yuxing,
            deciding_authority=world.units["hongta_court"],
            id_number=resident_id("530402", date(1990, 1, 1) + timedelta(days=i), 500 + i),
        )
        m = ElectronicMonitoring.objects.create(
            supervisee=person,
            grounds=["police_penalty"],
            facts="被治安管理处罚",
            start=TODAY,
            months=1,
            end=TODAY + timedelta(days=30),
            status="active",
            proposed_by=officer,
        )
        MonitoringDevice.objects.create(
            agency=world.units["hongta_agency"],
            serial=f"B-{i:05d}",
            kind="anklet",
            model_name="YX-A1",
            status="assigned",
            monitoring=m,
        )
        serials.append(f"B-{i:05d}")
    _gateway, token = services.gateway_create(actor=world.users["county_head"], name="批量网关")
    fixes = [fix(serial, minute % 60, latitude=24.3 + minute / 1000) for minute in range(100) for serial in serials]
    with CaptureQueriesContext(connection) as queries:
        response = post(client, {"batch_id": "ten-thousand", "fixes": fixes}, token)
    assert response.status_code == 200, response.content[:500]
    assert response.json()["stored"] == 10_000
    assert PositionFix.objects.count() == 10_000
    assert PositionFix.objects.values("supervisee").distinct().count() == 100
    assert len(queries) < 250  # bulk inserts; on SQLite (tests) each device is updated on its own
    assert MonitoringDevice.objects.filter(last_contact=NOW - timedelta(minutes=1)).count() == 100


@time_machine.travel(NOW, tick=False)
def test_the_service_returns_the_stored_rows_for_the_evaluation_after_it(setup):
    _world, _m, _d, gateway, _token = setup
    result = ingest.fixes_ingest(gateway, "svc-1", [fix("YXW-0001", 1), fix("NOPE", 2), fix("YXW-0001", 3)])
    assert (result.stored, result.rejected_count, result.replay) == (2, 1, False)
    assert set(result.fix_ids) == set(PositionFix.objects.values_list("pk", flat=True))
    again = ingest.fixes_ingest(gateway, "svc-1", [fix("YXW-0001", 1), fix("NOPE", 2), fix("YXW-0001", 3)])
    assert again.replay and again.fix_ids == [] and again.stored == 2


@time_machine.travel(NOW, tick=False)
def test_fixes_of_an_ended_monitoring_are_refused_and_the_device_is_back_in_stock(setup, client):
    world, m, d, _gateway, token = setup
    services.monitoring_end(actor=world.users["office_officer"], monitoring=m, ended_on=TODAY, reason="无需继续使用")
    d.refresh_from_db()
    assert (d.status, d.monitoring_id) == ("in_stock", None)
    response = post(client, {"batch_id": "after-end", "fixes": [fix("YXW-0001")]}, token)
    assert response.json()["rejected"] == [{"index": 0, "field": "serial", "reason": "该设备未分配给使用中的电子定位"}]
