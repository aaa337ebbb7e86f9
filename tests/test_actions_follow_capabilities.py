"""Buttons follow capabilities: court, police, prison, social-worker, volunteer, mentor and evaluator accounts read
the records they may see, but are offered no action they cannot take — no form to post, no 办理, no disabled
officer-only button — and no officer-only menu. (What a POST by them does is the access matrix's business.)"""

import re

import pytest
from django.urls import reverse

RECORD_PAGES = [
    "supervisees:detail",
    "intake:page",
    "discharge:case",
    "supervision:travel",
    "supervision:checkins",
    "supervision:monitoring",
    "supervision:medical",
    "assessment:case",
]
READERS = ["judge", "police", "county_police", "social_worker", "volunteer", "mentor", "evaluator"]
OFFICER_MENUS = ["交付接收与入矫", "手机签到", "外出审批", "季度考核", "排查"]
ACTIONS = ["办理", "修改信息", "解除矫正", "终止矫正", "提出纠正意见", "登记", "审批", "开通手机签到", "发起抽查"]


def _posting_forms(html: str) -> list[str]:
    return [a for a in re.findall(r'<form[^>]*method="post"[^>]*action="([^"]*)"', html) if a != "/accounts/logout/"]


def _controls(html: str) -> list[str]:
    """Buttons, and links styled as buttons, that name an action."""
    texts = re.findall(r"<button[^>]*>([^<]+)</button>", html) + re.findall(
        r'<a[^>]*class="btn[^"]*"[^>]*>([^<]+)</a>', html
    )
    return [t.strip() for t in texts if any(word in t for word in ACTIONS)]


@pytest.mark.parametrize("persona", READERS)
def test_readers_are_offered_no_action_and_no_officer_menu(world, login, persona):
    client = login(world.users[persona])
    a = world.people["A"]
    home = client.get(reverse("workbench:home")).content.decode()
    assert not [m for m in OFFICER_MENUS if f">{m}<" in home]
    for name in RECORD_PAGES:
        response = client.get(reverse(name, args=[a.pk]))
        if response.status_code == 404:
            continue  # outside the reader's cases: nothing shown at all
        html = response.content.decode()
        assert response.status_code == 200, name
        assert _posting_forms(html) == [], name
        assert _controls(html) == [], (name, _controls(html))


def test_the_office_is_offered_its_actions(world, login):
    """The check above can fail: the same pages offer the office officer its forms and buttons."""
    client = login(world.users["office_officer"])
    a = world.people["A"]
    html = "".join(client.get(reverse(name, args=[a.pk])).content.decode() for name in RECORD_PAGES)
    assert _posting_forms(html) and "修改信息" in _controls(html)
    assert all(f">{m}<" in client.get(reverse("workbench:home")).content.decode() for m in OFFICER_MENUS)
