"""Issue 15 §1: 刘建国 (the city agency) opens 指挥中心 from the menu: the city's numbers, the county map and the
charts drawn from the vendored data (no internet), the screen fitting a 1366×768 monitor and a 1920×1080 wall
screen; a county's row opens that county's screen with its offices."""

import pytest

from sqjz.figures.services import figures_refresh
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_city_opens_the_command_screen_and_drills_into_a_county(live_world, page):
    w = live_world
    figures_refresh()  # last night's job
    sign_in(page, "city_officer", PASSWORD)
    page.locator("nav").get_by_role("link", name="指挥中心", exact=True).click()
    screen = page.get_by_test_id("command-screen")
    assert "智慧矫正指挥中心" in screen.inner_text()
    for chart in ("map", "trend", "types"):  # ECharts drew each on a canvas
        page.locator(f"[data-command-chart='{chart}'] canvas").first.wait_for()
    live = page.get_by_test_id("command-live")
    assert live.get_attribute("hx-trigger") == "every 15s"
    assert page.get_by_test_id("tile-在矫人数").inner_text().split()[0].isdigit()
    assert _fits(page)
    page.set_viewport_size({"width": 1920, "height": 1080})
    assert _fits(page)
    rows = page.get_by_test_id("command-rows")
    rows.get_by_role("link", name=w.units["hongta_agency"].name).click()
    page.get_by_test_id("command-rows").get_by_role("link", name=w.yuxing.name).wait_for()
    assert "红塔区" in page.locator("h1").inner_text()
