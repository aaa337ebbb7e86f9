"""WCAG 2.1 AA in a real browser: axe-core (vendored, tests/browser/vendor/) finds no violation on the key pages of
every role, the supervisee's phone pages at 360×740 included; focus is always visible at 3:1; a form that fails
moves the focus to its error summary, whose links lead to the fields; the register's live result count is read
out. One signed-in browser context per role."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.screens import furnish, key_pages

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def signed_in(browser, live_server):
    """signed_in(persona, phone=False) → a page of a new context, signed in (persona None: not signed in);
    contexts are closed afterwards."""
    contexts = []

    def open_as(persona: str | None, *, phone: bool = False):
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **(PHONE if phone else DESKTOP))
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.base_url = live_server.url
        if persona:
            sign_in(page, persona, PASSWORD)
            expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page

    yield open_as
    for context in contexts:
        context.close()


def axe_violations(page) -> list[str]:
    page.evaluate(AXE.read_text())  # through DevTools: an added <script> would be refused by the page's CSP
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_21_AA
    )
    return [
        f"{v['id']} ({v['impact']}) {v['help']}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def test_the_key_pages_of_every_role_have_no_wcag_21_aa_violation(live_world, signed_in):
    pages = key_pages(furnish(live_world), all_pages=False)
    home = reverse("workbench:home")
    pages["office_officer"].insert(0, home)
    pages["county_head"].insert(0, home)
    found, checked = [], 0
    for persona, urls in pages.items():
        page = signed_in(persona, phone=persona == "supervisee")
        for url in urls:
            response = page.goto(page.base_url + url)
            assert response.status == 200, f"{persona} {url}: {response.status}"
            found += [f"{persona} {url}: {v}" for v in axe_violations(page)]
            checked += 1
    page = signed_in(None)  # the login page, and after a wrong password
    page.goto(page.base_url + reverse("accounts:login"))
    found += [f"login: {v}" for v in axe_violations(page)]
    sign_in(page, "office_officer", "wrong-password")
    expect(page.get_by_test_id("login-error")).to_be_focused()
    found += [f"login refused: {v}" for v in axe_violations(page)]
    assert checked >= 20
    assert not found, "\n".join(found)


def test_a_form_that_fails_takes_the_focus_to_its_error_summary_whose_links_lead_to_the_fields(live_world, signed_in):
    page = signed_in("office_officer")
    page.goto(page.base_url + reverse("supervisees:create"))
    page.locator("#id_name").fill("钱多多")
    page.get_by_role("button", name="保存").click()

    summary = page.get_by_test_id("form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("提交未成功")
    link = summary.get_by_role("link", name=re.compile(r"^性别："))
    link.click()
    expect(page.locator("#id_gender")).to_be_focused()
    expect(page.locator("#id_name")).to_have_value("钱多多")  # what was typed is kept
    assert axe_violations(page) == []


def test_the_registers_result_count_is_read_out_as_the_officer_types(live_world, signed_in):
    page = signed_in("office_officer")
    page.goto(page.base_url + reverse("supervisees:list"))
    status = page.get_by_test_id("results-status")
    assert status.get_attribute("role") == "status"
    page.get_by_label("查找").fill("zs")  # pinyin initials of 张三
    expect(page.get_by_test_id("register-table").get_by_role("link", name="张三")).to_be_visible()
    expect(status).to_have_text("共 1 人")


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def _contrast(a: str, b: str) -> float:
    def luminance(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    la, lb = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // The outline is drawn outside the element (offset > 0) or on it (offset < 0): compare with what is behind.
  let behind = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
  let bg = "rgb(255, 255, 255)";
  for (; behind; behind = behind.parentElement) {
    const c = getComputedStyle(behind).backgroundColor;
    if (c !== "transparent" && !c.startsWith("rgba(0, 0, 0, 0")) { bg = c; break; }
  }
  const target = el.matches(".file-button-input") ? el.nextElementSibling : el;
  const shown = getComputedStyle(target);
  return {what: el.tagName + " " + (el.id || el.textContent.trim().slice(0, 12)), style: shown.outlineStyle,
          width: parseFloat(shown.outlineWidth), color: shown.outlineColor, bg: bg};
}"""


def _tab_through(page, stops: int) -> list[str]:
    problems, seen = [], set()
    for _ in range(stops):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUS)
        if f["what"] in seen or f["what"].startswith("BODY"):  # past the last control, back to the page
            continue
        seen.add(f["what"])
        ratio = _contrast(f["color"], f["bg"])
        if f["style"] in ("none", "hidden") or f["width"] < 2 or ratio < 3:
            problems.append(f"{f['what']}: {f['style']} {f['width']}px {f['color']} on {f['bg']} ({ratio:.1f}:1)")
    return problems


def test_focus_is_clearly_visible_everywhere_the_keyboard_goes(live_world, signed_in):
    a = furnish(live_world).people["A"]
    page = signed_in("office_officer")
    problems = []
    # Every kind of control: the top bar, the menu, fields and selects, rows tinted as overdue, a rule panel.
    for url in (reverse("supervisees:create"), reverse("assessment:list"), reverse("supervision:travel", args=[a.pk])):
        page.goto(page.base_url + url)
        problems += [f"{url} {p}" for p in _tab_through(page, 70)]
    assert not problems, "\n".join(problems)


def test_the_phone_photo_button_shows_where_the_focus_is(live_world, signed_in):
    furnish(live_world)
    page = signed_in("supervisee", phone=True)
    page.goto(page.base_url + reverse("mobile:checkin"))
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "checkin-photo":
            break
    focus = page.evaluate(FOCUS)
    assert focus["what"].endswith("checkin-photo")
    assert focus["style"] == "solid" and focus["width"] >= 2 and _contrast(focus["color"], focus["bg"]) >= 3
