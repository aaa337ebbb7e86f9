"""Showing the statute to officers in Chinese: values (facts, outcomes, parameter values), rule titles instead of
rule codes, and the "依据" panel of a workflow page. A rule's code appears only in a tooltip (and in the rule
book): people read words, not codes (../shared/style.md 16)."""

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from sqjz.statute.calendar import Deadline
from sqjz.statute.labels import field_label, label
from sqjz.statute.registry import Rule, all_rules

register = template.Library()


@register.filter
def statute_value(value) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "是", False: "否", None: "无"}[value]
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value)
    if isinstance(value, Deadline):
        return statute_value(value.due)
    if isinstance(value, str):
        return label(value)
    if isinstance(value, dict):
        return "；".join(f"{field_label(k)}：{statute_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(statute_value(v) for v in value) or "无"
    if dataclasses.is_dataclass(value):
        return statute_value({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    return str(value)


def _rule(rule: Rule | str) -> Rule | None:
    return rule if isinstance(rule, Rule) else all_rules().get(rule)


@register.filter
def rule_title(code: Rule | str) -> str:
    """A stored rule code (e.g. a level decision's `rule`) as the rule's title: 外出审批权限. An unknown code is
    shown as it is, so that nothing is hidden."""
    found = _rule(code)
    return found.title if found else str(code)


@register.inclusion_tag("_rule_panel.html")
def rule_panel(rules: Rule | str | Iterable[Rule | str], expanded: int | None = None, explain: str = "") -> dict:
    """The "依据" panel: each rule's title, articles and plain statement (its code only as a tooltip).
    `rules` is a rule, a code or a list of them; `expanded` rules are shown open (all by default); `explain`
    says how this page's figure was computed."""
    items = [rules] if isinstance(rules, Rule | str) else list(rules)
    found = [r for r in map(_rule, items) if r is not None]
    return {"rules": found, "expanded": len(found) if expanded is None else expanded, "explain": explain}
