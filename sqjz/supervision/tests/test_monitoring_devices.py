"""The county agency's registry of electronic location devices (实施办法第三十七条): registered only if it is one
(never a phone), put on one approved monitoring of a person of its county at a time, returned when the monitoring
ends; offices see their people's devices and change nothing; gateways' tokens are shown once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.core.crypto import secret_digest
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.models import ElectronicMonitoring, MonitoringDevice, MonitoringGateway
from sqjz.supervision.monitoring import services

TODAY = date(2026, 11, 27)
PROPS = ["satellite_positioning", "tamper_resistant", "blast_resistant", "water_resistant"]


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


def register(world, serial="YXW-0001", officer="county_officer", kind="wristband", properties=PROPS):
    return services.device_register(
        actor=world.users[officer], serial=serial, kind=kind, model_name="YX-W1", properties=set(properties)
    )


@time_machine.travel(TODAY)
def test_a_phone_is_refused_with_the_rule_title_and_article(world):
    with pytest.raises(SupervisionError) as refused:
        register(world, kind="mobile_phone")
    assert refused.value.message.startswith("不符合电子定位装置的条件（实施办法第三十七条）：手机不是电子定位装置")
    assert refused.value.field == "kind"
    with pytest.raises(SupervisionError, match="缺少卫星定位、防拆除性能") as lacking:
        register(world, properties=["blast_resistant", "water_resistant"])
    assert lacking.value.field == "properties"
    assert not MonitoringDevice.objects.exists()


@time_machine.travel(TODAY)
def test_only_county_agency_staff_register_and_serials_are_unique(world):
    for officer in ("office_officer", "city_officer", "procurator"):
        with pytest.raises(SupervisionError, match="由县级社区矫正机构登记"):
            register(world, officer=officer)
    d = register(world, serial=" yxw-0001 ")
    assert (d.serial, d.agency, d.status) == ("YXW-0001", world.units["hongta_agency"], "in_stock")
    assert d.satellite_positioning and d.tamper_resistant and d.blast_resistant and d.water_resistant
    with pytest.raises(SupervisionError, match="已经登记"):
        register(world, serial="YXW-0001", officer="other_county_officer")
    with pytest.raises(SupervisionError, match="序列号应为"):
        register(world, serial="a b")


@time_machine.travel(TODAY)
def test_assignment_fills_the_device_number_and_refuses_the_wrong_county_and_a_second_device(world):
    m = active_monitoring(world)
    d = register(world)
    other_county_device = register(world, serial="JCW-0001", officer="other_county_officer")
    with pytest.raises(SupervisionError, match="不属于本县级社区矫正机构"):
        services.device_assign(actor=world.users["county_officer"], device=other_county_device, monitoring=m)
    c = active_monitoring(world, "C")  # 江川区's person
    with pytest.raises(SupervisionError, match="只能为本县"):
        services.device_assign(actor=world.users["county_officer"], device=d, monitoring=c)
    services.device_assign(actor=world.users["county_officer"], device=d, monitoring=m)
    m.refresh_from_db()
    d.refresh_from_db()
    assert (m.device_number, d.status, d.monitoring_id) == ("YXW-0001", "assigned", m.pk)
    second = register(world, serial="YXW-0002")
    with pytest.raises(SupervisionError, match="已分配设备"):
        services.device_assign(actor=world.users["county_officer"], device=second, monitoring=m)
    b = active_monitoring(world, "B")
    with pytest.raises(SupervisionError, match="只能分配在库设备"):
        services.device_assign(actor=world.users["county_officer"], device=d, monitoring=b)
    with pytest.raises(SupervisionError, match="正在使用中"):
        services.device_status_set(actor=world.users["county_officer"], device=d, status="repair", note="屏幕损坏")


@time_machine.travel(TODAY)
def test_a_proposed_monitoring_gets_no_device(world):
    m = active_monitoring(world)
    ElectronicMonitoring.objects.filter(pk=m.pk).update(status="proposed")
    with pytest.raises(SupervisionError, match="批准后方可分配设备"):
        services.device_assign(actor=world.users["county_officer"], device=register(world), monitoring=m)


@time_machine.travel(TODAY)
def test_ending_the_monitoring_returns_its_device_and_repair_and_retire_follow(world):
    m = active_monitoring(world)
    d = services.device_assign(actor=world.users["county_officer"], device=register(world), monitoring=m)
    services.monitoring_end(actor=world.users["office_officer"], monitoring=m, ended_on=TODAY, reason="无需继续使用")
    d.refresh_from_db()
    assert (d.status, d.monitoring_id, d.note) == ("in_stock", None, "电子定位解除，设备自动归还")
    m.refresh_from_db()
    assert m.device_number == "YXW-0001"  # the record keeps which device was worn
    officer = world.users["county_officer"]
    with pytest.raises(SupervisionError, match="请写明维修或报废的原因"):
        services.device_status_set(actor=officer, device=d, status="repair", note="")
    services.device_status_set(actor=officer, device=d, status="repair", note="表带断裂")
    services.device_status_set(actor=officer, device=d, status="retired", note="无法修复")
    with pytest.raises(SupervisionError, match="已报废"):
        services.device_status_set(actor=officer, device=d, status="in_stock", note="")
    with pytest.raises(SupervisionError, match="不属于本县级"):
        services.device_status_set(actor=world.users["other_county_officer"], device=d, status="repair", note="x")


@time_machine.travel(TODAY)
def test_pages_register_assign_and_return_and_the_office_only_reads(world, login):
    county = login(world.users["county_officer"])
    phone = county.post(
        reverse("supervision:device_register"),
        {"serial": "PHONE-1", "kind": "mobile_phone", "model_name": "Android", "properties": PROPS},
    )
    assert phone.status_code == 400 and "不符合电子定位装置的条件（实施办法第三十七条）" in phone.content.decode()
    ok = county.post(
        reverse("supervision:device_register"),
        {"serial": "YXW-0001", "kind": "wristband", "model_name": "YX-W1", "properties": PROPS},
    )
    assert ok.status_code == 302
    d = MonitoringDevice.objects.get(serial="YXW-0001")
    m = active_monitoring(world)
    page = county.get(reverse("supervision:monitoring", args=[m.supervisee_id])).content.decode()
    assert "尚未分配设备" in page and 'data-testid="assign-device"' in page and "YXW-0001" in page
    assigned = county.post(reverse("supervision:monitoring_device_assign", args=[m.pk]), {"device": d.pk})
    assert assigned.status_code == 302
    d.refresh_from_db()
    assert d.status == "assigned"

    office = login(world.users["office_officer"])
    listed = office.get(reverse("supervision:device_list")).content.decode()
    assert "YXW-0001" in listed and 'data-testid="device-register"' not in listed
    assert office.get(reverse("supervision:device", args=[d.pk])).status_code == 200
    assert office.post(reverse("supervision:device_return", args=[d.pk]), {"note": ""}).status_code == 403
    other_office = login(world.users["other_office_officer"])
    assert "YXW-0001" not in other_office.get(reverse("supervision:device_list")).content.decode()
    assert other_office.get(reverse("supervision:device", args=[d.pk])).status_code == 404
    other_county = login(world.users["other_county_officer"])
    assert other_county.get(reverse("supervision:device", args=[d.pk])).status_code == 404
    assert other_county.post(reverse("supervision:device_return", args=[d.pk]), {"note": ""}).status_code == 404

    county = login(world.users["county_officer"])
    assert county.post(reverse("supervision:device_return", args=[d.pk]), {"note": "更换"}).status_code == 302
    d.refresh_from_db()
    assert (d.status, d.monitoring_id) == ("in_stock", None)


@time_machine.travel(TODAY)
def test_the_list_searches_filters_and_pages_in_a_fixed_number_of_queries(world, login):
    agency = world.units["hongta_agency"]
    MonitoringDevice.objects.bulk_create(
        MonitoringDevice(agency=agency, serial=f"YXW-{i:04d}", kind="wristband", model_name="YX-W1") for i in range(45)
    )
    MonitoringDevice.objects.filter(serial__in=["YXW-0003", "YXW-0013"]).update(status="repair")
    county = login(world.users["county_officer"])
    url = reverse("supervision:device_list")
    first = county.get(url).content.decode()
    assert "YXW-0000" in first and "YXW-0030" not in first and "1/2" in first
    assert "YXW-0030" in county.get(url, {"page": 2}).content.decode()
    found = county.get(url, {"q": "yxw-001"}).content.decode()
    assert "YXW-0010" in found and "YXW-0019" in found and "YXW-0020" not in found
    repair = county.get(url, {"status": "repair"}).content.decode()
    assert "YXW-0003" in repair and "YXW-0013" in repair and "YXW-0004" not in repair
    with CaptureQueriesContext(connection) as few:
        county.get(url, {"status": "repair"})
    MonitoringDevice.objects.bulk_create(
        MonitoringDevice(agency=agency, serial=f"R-{i:04d}", kind="anklet", model_name="A", status="repair")
        for i in range(25)
    )
    with CaptureQueriesContext(connection) as many:
        county.get(url, {"status": "repair"})
    assert len(many) == len(few)


@time_machine.travel(TODAY)
def test_a_gateway_token_is_shown_once_and_kept_as_a_digest(world, login):
    head = login(world.users["county_head"])
    created = head.post(reverse("supervision:gateway_create"), {"name": "红塔区腕带平台"})
    assert created.status_code == 200
    token = created.context["token"]
    assert token.startswith("gw_") and token in created.content.decode()
    gateway = MonitoringGateway.objects.get()
    assert gateway.token_hash == secret_digest(token) and gateway.agency == world.units["hongta_agency"]
    assert token not in head.get(reverse("supervision:gateway_list")).content.decode()
    assert head.post(reverse("supervision:gateway_create"), {"name": "红塔区腕带平台"}).status_code == 400
    assert login(world.users["county_officer"]).get(reverse("supervision:gateway_list")).status_code == 403
    other = login(world.users["city_officer"])
    assert "红塔区腕带平台" in other.get(reverse("supervision:gateway_list")).content.decode()
    head = login(world.users["county_head"])
    assert head.post(reverse("supervision:gateway_deactivate", args=[gateway.pk])).status_code == 302
    gateway.refresh_from_db()
    assert not gateway.active and gateway.deactivated_at is not None
