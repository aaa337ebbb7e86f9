"""Pages are written for people (../shared/ui.md, style.md 16): every key page each role reads, with a record
behind it, shows no rule code (the rule's title instead; a code may stay in a tooltip), dates as 2026年11月28日
(2026-11-28 only inside date inputs), and "请选择…" where Django would say "---------"."""

import re
from html.parser import HTMLParser

import pytest

from sqjz.statute.registry import all_rules
from tests.screens import furnish, key_pages
from tests.world import build_world

ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")


class VisibleText(HTMLParser):
    """The text a person reads: text nodes outside <script>, <style> and <title>; no attributes (tooltips,
    values of inputs)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def pages(db):
    world = furnish(build_world())
    return world, key_pages(world)


def test_visible_text_leaves_out_attributes_and_scripts():
    html = '<p title="SUPERVISION_LEVEL">严管</p><script>var x = "2026-11-28";</script><input value="2026-11-28">'
    assert visible_text(html).strip() == "严管"


def test_no_page_shows_a_rule_code_or_a_date_other_than_2026年11月28日_or_dashes_for_a_choice(pages, client):
    world, by_persona = pages
    codes = re.compile(r"\b(" + "|".join(sorted(all_rules(), key=len, reverse=True)) + r")\b")
    problems, seen = [], 0
    for persona, urls in by_persona.items():
        client.force_login(world.users[persona], backend="django.contrib.auth.backends.ModelBackend")
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{persona} {url}: {response.status_code}"
            html = response.content.decode()
            text = visible_text(html)
            seen += 1
            problems += [f"{persona} {url}: rule code {m}" for m in set(codes.findall(text))]
            problems += [f"{persona} {url}: date {m.group()}" for m in ISO_DATE.finditer(text)]
            if "---------" in html:
                problems.append(f"{persona} {url}: a select offers ---------")
    assert seen >= 30
    assert not problems, "\n".join(problems)


def test_the_rule_panel_names_each_rule_by_title_with_its_code_as_a_tooltip(pages, client):
    world, _ = pages
    client.force_login(world.users["office_officer"], backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(f"/supervision/{world.people['A'].pk}/travel/").content.decode()
    rule = all_rules()["TRAVEL_LEAVE_APPROVER"]
    assert f'<summary title="规则编号：{rule.code}"><strong>{rule.title}</strong></summary>' in html
    assert "、".join(rule.articles) in html and rule.statement in html
    assert "依“外出审批权限”规则" in visible_text(html)  # the pending leave names who decides by the rule's title
