"""The demo's electronic monitoring (issue 13, Demo): two people on monitoring with a day of positions, one open
boundary alert, the office's to-do."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from sqjz.demo.monitoring import seed_monitoring
from sqjz.inbox.models import InboxItem
from sqjz.supervision.models import ElectronicMonitoring, MonitoringAlert, PositionFix


def test_two_people_on_monitoring_a_day_of_positions_and_one_open_boundary_alert(world):
    users = {"lina": world.users["office_officer"], "wangqiang": world.users["county_head"]}
    people = [world.people["A"], world.people["B"], world.people["C"]]
    with time_machine.travel(datetime(2026, 11, 28, 16, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        seed_monitoring(people, today=date(2026, 11, 28), users=users)
    active = ElectronicMonitoring.objects.filter(status="active")
    assert active.count() == 2 and {m.supervisee.county.code for m in active} == {"530402"}
    assert PositionFix.objects.count() == 288
    (alert,) = MonitoringAlert.objects.all()
    assert alert.kind == "left_area" and alert.status == "open" and "红塔区、江川区以外" in alert.evidence
    assert InboxItem.objects.filter(supervisee=alert.supervisee, kind="monitoring_alert", state="open").exists()
