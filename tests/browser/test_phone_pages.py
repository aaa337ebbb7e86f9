"""The supervisee's pages on a cheap phone (360×740): the bar stays on one line, nothing is wider than the screen
(in large-text mode too), and the menu holds the person's four things."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sqjz.intake.models import LevelDecision
from sqjz.supervision.checkins.services import app_enrol
from sqjz.supervision.models import TravelLeave
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

WIDTH = 360
PAGES = ["/app/", "/app/checkin/", "/app/travel/", "/app/return/", "/app/account/", "/app/account/password/"]
PAGES += ["/app/education/", "/app/reports/", "/app/changes/", "/app/learning/"]

# The bar's height and whether the name and the menu button sit side by side, each on one line.
MEASURE_BAR = """() => {
  const bar = document.querySelector("[data-testid=phone-header]").getBoundingClientRect();
  const brand = document.querySelector(".phone-brand");
  const button = document.querySelector("[data-testid=menu-button]").getBoundingClientRect();
  const b = brand.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(brand).lineHeight) || parseFloat(getComputedStyle(brand).fontSize) * 1.5;
  return {
    height: bar.height,
    brandLines: Math.round(b.height / line),
    sideBySide: button.left >= b.right && Math.abs((button.top + button.bottom) / 2 - (b.top + b.bottom) / 2) < 4,
    inside: button.right <= bar.right && b.left >= bar.left,
  };
}"""
SCROLL_WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": WIDTH, "height": 740},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 24.3512, "longitude": 102.5417, "accuracy": 18},
        permissions=["geolocation"],
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def assert_fits(page, path: str) -> None:
    bar = page.evaluate(MEASURE_BAR)
    assert bar["height"] <= 60, f"{path}: the bar is {bar['height']} px high"
    assert bar["brandLines"] == 1 and bar["sideBySide"] and bar["inside"], f"{path}: {bar}"
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH, f"{path} is wider than the screen"


def test_the_phone_pages_fit_a_360_pixel_screen_with_a_one_line_bar(live_world, phone):
    person = live_world.people["A"]
    officer = live_world.users["office_officer"]
    today = timezone.localdate()
    LevelDecision.objects.create(
        supervisee=person,
        level="ordinary",
        effective_from=today - timedelta(days=100),
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons="无严管情形",
        decided_by=officer,
    )
    _, password = app_enrol(actor=officer, supervisee=person)
    TravelLeave.objects.create(
        supervisee=person,
        purpose="medical",
        reason="母亲住院，前往陪护",
        destination="昆明市官渡区云南省第一人民医院新昆华医院住院部",  # long: must wrap, not widen the page
        start=today - timedelta(days=1),
        days=5,
        applied_on=today - timedelta(days=4),
        evidence="医院住院通知书",
        level="judicial_office",
        level_reasons="-",
        lead_time_note="-",
        status="approved",
        recorded_by=officer,
    )

    phone.goto(f"{phone.base_url}/accounts/login/")
    assert phone.evaluate(SCROLL_WIDTH) <= WIDTH
    expect(phone.get_by_test_id("supervisee-login-help")).to_contain_text("请联系您所在的司法所")
    sign_in(phone, live_world.users["supervisee"].username, password)
    expect(phone.get_by_test_id("return-button")).to_be_visible()  # the leave under way, on the home page

    for path in PAGES:
        phone.goto(f"{phone.base_url}{path}")
        assert_fits(phone, path)

    # The menu: the person's four things, over the page, not widening it; Escape and a tap elsewhere close it.
    phone.goto(f"{phone.base_url}/app/")
    phone.get_by_test_id("menu-button").click()
    menu = phone.get_by_test_id("phone-menu")
    expect(menu).to_be_visible()
    assert menu.get_by_role("link").all_inner_texts() == ["签到", "外出申请", "销假", "我的账户"]
    assert phone.evaluate(SCROLL_WIDTH) <= WIDTH
    phone.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    phone.get_by_test_id("menu-button").click()
    phone.get_by_role("heading", name="最近签到").click()  # below the open menu
    expect(menu).to_be_hidden()
    phone.get_by_test_id("menu-button").click()
    menu.get_by_role("link", name="我的账户").click()
    expect(phone.get_by_test_id("account-office")).to_have_text("玉兴街道司法所")

    # Large text (适老化), switched on from 我的账户: still one line, still no sideways scrolling.
    phone.get_by_role("button", name="大字模式（开/关）").click()
    assert phone.evaluate("document.documentElement.classList.contains('large-text')")
    for path in PAGES:
        phone.goto(f"{phone.base_url}{path}")
        assert_fits(phone, f"{path} (large text)")
