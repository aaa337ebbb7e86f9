"""The Content-Security-Policy breaks nothing: an officer's main pages (with the register's live search, the menus) and
a supervisee's phone pages (with a check-in: position, photo preview and shrinking) run in chromium without one
`securitypolicyviolation` event or CSP console error; and the policy is really enforced (decision 0015)."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.screens import furnish, key_pages

pytestmark = pytest.mark.browser

# Runs in every document before its own scripts (through the DevTools protocol, which the policy does not govern),
# and reports each violation to the test through a binding that survives navigation.
RECORDER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""
DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "geolocation": {"latitude": 24.3512, "longitude": 102.5417, "accuracy": 18},
    "permissions": ["geolocation"],
}


@pytest.fixture
def watched(browser, live_server):
    """watched(persona, phone=False) → (page, violations): a signed-in page whose CSP violations and CSP console
    errors, on any page it visits, are appended to the list."""
    contexts = []

    def open_as(persona: str, *, phone: bool = False):
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **(PHONE if phone else DESKTOP))
        context.set_default_timeout(10_000)
        contexts.append(context)
        violations: list[str] = []
        context.expose_binding("cspViolation", lambda source, text: violations.append(f"{source['page'].url}: {text}"))
        context.add_init_script(RECORDER)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and "Content Security Policy" in message.text
                and violations.append(f"{page.url}: console: {message.text}")
            ),
        )
        page.base_url = live_server.url
        sign_in(page, persona, PASSWORD)
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page, violations

    yield open_as
    for context in contexts:
        context.close()


def visit(page, url: str) -> None:
    response = page.goto(page.base_url + url)
    assert response.status == 200, f"{url}: {response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_an_officers_main_pages_run_without_a_policy_violation(live_world, watched):
    pages = key_pages(furnish(live_world))
    page, violations = watched("office_officer")
    for url in pages["office_officer"]:
        visit(page, url)
    # The register's search as the officer types (htmx swaps the results in) and the user menu (Bootstrap's script).
    visit(page, reverse("supervisees:list"))
    with page.expect_response(lambda r: "q=%E5%BC%A0" in r.url):
        page.locator("#id_q").fill("张")
    expect(page.locator("#results")).to_contain_text("张三")
    assert violations == []
    page.get_by_role("button", name="office_officer用户").click()
    expect(page.get_by_role("button", name="大字模式")).to_be_visible()
    page.get_by_role("button", name="大字模式").click()
    visit(page, reverse("workbench:home"))  # large text is applied by the script in <head>
    assert "large-text" in page.evaluate("document.documentElement.className")
    visit(page, "/api/docs")  # the API's own page (Swagger UI, served from our static files)
    expect(page.locator(".swagger-ui")).to_be_visible()
    county, county_violations = watched("county_head")
    for url in pages["county_head"]:
        visit(county, url)
    assert violations + county_violations == []

    # The recorder is live and the policy enforced: an inline script added now is refused and reported.
    inject = "s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.head.append(s)"
    page.evaluate(f"() => {{ const {inject}; }}")
    for _ in range(50):
        if violations:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.ran === undefined")
    assert violations and all("script-src" in v or "inline script" in v for v in violations), violations


def selfie() -> bytes:
    out = BytesIO()
    Image.radial_gradient("L").resize((2400, 1800)).convert("RGB").save(out, "JPEG", quality=95)
    return out.getvalue()


def test_the_phone_pages_and_a_check_in_run_without_a_policy_violation(live_world, watched):
    pages = key_pages(furnish(live_world))
    page, violations = watched("supervisee", phone=True)
    for url in pages["supervisee"]:
        visit(page, url)
    page.get_by_test_id("menu-button").click()
    expect(page.get_by_test_id("phone-menu")).to_be_visible()
    visit(page, reverse("mobile:checkin"))
    expect(page.get_by_test_id("location-status")).to_contain_text("已获取位置")
    page.locator("#checkin-photo").set_input_files(
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": selfie()}
    )
    expect(page.locator("[data-preview]")).to_be_visible()  # the preview is a blob: URL
    submit = page.get_by_role("button", name="提交签到")
    expect(submit).to_be_enabled()  # once the photo is shrunk on a canvas
    submit.click()
    expect(page.get_by_test_id("today-status")).to_contain_text("今日已签到")
    assert violations == []
