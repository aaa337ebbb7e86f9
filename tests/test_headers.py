"""Response headers that protect personal data in the browser: the Content-Security-Policy on pages, and
Cache-Control: no-store on everything a signed-in user receives and on every API answer (decision 0015)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.world import add_records

SQJZ = Path(__file__).resolve().parent.parent / "sqjz"


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize("persona", [None, "office_officer", "supervisee"])
def test_pages_carry_a_content_security_policy_without_inline_code(world, login, client, persona):
    url = {None: "/accounts/login/", "office_officer": "/", "supervisee": "/app/"}[persona]
    if persona:
        login(world.users[persona])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert csp["style-src"][0] == "'self'"
    for kind in ("script-src", "style-src"):
        # Only 'self' and a per-response nonce (when a page asks for one): never 'unsafe-inline' or 'unsafe-eval'.
        assert all(source == "'self'" or source.startswith("'nonce-") for source in csp[kind]), csp[kind]
    # Bootstrap's icons are data: URLs; the phone's photo preview a blob: URL.
    assert csp["img-src"] == ["'self'", "data:", "blob:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]


def test_the_nonce_is_new_on_every_response_and_used_only_when_asked_for(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    nonces = set()
    for _ in range(2):
        response = CSPMiddleware(view)(rf.get("/"))
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"'.encode() in response.content
        nonces.add(nonce)
    assert len(nonces) == 2
    plain = CSPMiddleware(lambda request: HttpResponse("no script"))(rf.get("/"))
    assert "nonce-" not in plain["Content-Security-Policy"]


INLINE = [
    ("an inline <script> without a nonce", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.I)),
    ("a <style> element without a nonce", re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I)),
    ("a style attribute", re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)),
    ("an on* event handler attribute", re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)),
    ("a javascript: URL", re.compile(r"javascript:", re.I)),
]


def test_no_template_has_inline_code_the_policy_would_block():
    """What the policy refuses would silently break a page: scripts and styles live in static files."""
    found = []
    for template in sorted(SQJZ.glob("**/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"{#.*?#}|{% comment %}.*?{% endcomment %}", "", text, flags=re.S)
        for what, pattern in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(SQJZ)}:{line}: {what}")
    assert found == []


def test_htmx_adds_no_inline_style_of_its_own(world, client, login):
    """htmx writes a <style> for its indicators into the page unless told not to; the policy would refuse it."""
    pages = [client.get("/accounts/login/"), login(world.users["supervisee"]).get("/app/")]
    for response in pages:
        assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in response.content.decode()


NO_STORE = {"no-store", "no-cache", "private", "max-age=0", "must-revalidate"}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def records(world):
    return add_records(world)


def responses(world, login, client):
    """One response of every kind that carries personal data, each to a user allowed to see it."""
    a = world.people["A"]
    office = login(world.users["office_officer"])
    yield "page of a person", office.get(reverse("supervisees:detail", args=[a.pk]))
    yield "register list with a search", office.get(reverse("supervisees:list"), {"q": a.name})
    yield "API", office.get(f"/api/supervisees/{a.pk}")
    yield "check-in photo", office.get(reverse("supervision:checkin_photo", args=[world.checkin.pk]))
    yield "travel evidence photo", office.get(reverse("supervision:travel_evidence", args=[world.leave.pk]))
    yield "document (PDF)", office.get(reverse("documents:download", args=[world.document.pk, "pdf"]))
    yield "document (Word)", office.get(reverse("documents:download", args=[world.document.pk, "docx"]))
    county = login(world.users["county_officer"])
    yield "register export (CSV)", county.get(reverse("supervisees:export"))
    phone = login(world.users["supervisee"])
    yield "phone page", phone.get(reverse("mobile:home"))
    yield "phone API", phone.get("/api/app/checkins")
    client.logout()
    yield "API without a session", client.get("/api/supervisees/")


def test_personal_data_is_never_stored_by_browsers_or_proxies(world, records, login, client):
    kinds = []
    for kind, response in responses(world, login, client):
        assert response.status_code in (200, 401, 405), (kind, response.status_code)
        assert cache_control(response) >= NO_STORE, (kind, response.get("Cache-Control"))
        kinds.append(kind)
    assert len(kinds) == 11


def test_static_files_stay_cacheable(world, login):
    response = login(world.users["office_officer"]).get("/static/sqjz/app.css")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)


def test_anonymous_pages_outside_the_api_are_left_alone(client, db):
    response = client.get("/healthz")
    assert "no-store" not in cache_control(response)
