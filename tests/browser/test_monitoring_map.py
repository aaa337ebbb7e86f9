"""Electronic monitoring's maps in a browser (issue 13 §2): the officer opens the person's monitoring page, the map
is drawn (map.js sets data-ready), the open boundary alert is acknowledged; the jurisdiction's list draws its map."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.supervision.models import PositionFix
from sqjz.supervision.monitoring.evaluation import fixes_evaluate
from sqjz.supervision.tests.monitoring_tracks import EDGE, FAR_NORTH, HOME, fixes, monitor
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_officer_sees_the_map_and_acknowledges_the_alert(live_world, page):
    a = live_world.people["A"]
    m = monitor(a, live_world.users["office_officer"], serial="YX-B-0001")
    track = [(*HOME, 30)] * 3 + [(FAR_NORTH, EDGE[1], 30)] * 3
    stored = PositionFix.objects.bulk_create(fixes(m, m.devices.get().pk, timezone.now() - timedelta(hours=1), track))
    assert len(fixes_evaluate([f.pk for f in stored])) == 1

    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervision/{a.pk}/monitoring/")
    page.locator('[data-testid="monitoring-map"][data-ready="1"]').wait_for()
    assert page.locator('[data-testid="monitoring-map"] canvas').count() >= 1
    assert "北纬24.60000°" in page.get_by_test_id("last-fix").inner_text()
    alert = page.get_by_test_id("alert").first
    assert "离开执行地" in alert.inner_text() and "待处理" in alert.inner_text()
    alert.get_by_test_id("alert-acknowledge").click()
    assert page.get_by_test_id("alert-status").first.inner_text() == "已接收"

    page.goto(f"{page.base_url}/supervision/monitoring/")
    page.locator('[data-testid="positions-map"][data-ready="1"]').wait_for()
    assert a.name in page.get_by_test_id("monitoring-list").inner_text()
