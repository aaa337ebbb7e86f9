"""Showing statute values (facts, outcomes, parameter values) to officers in Chinese."""

import dataclasses
from datetime import date, datetime

from django import template
from django.utils import timezone

from sqjz.statute.calendar import Deadline
from sqjz.statute.labels import field_label, label

register = template.Library()


@register.filter
def statute_value(value) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "是", False: "否", None: "无"}[value]
    if isinstance(value, datetime):
        return (
            f"{timezone.localtime(value):%Y年%m月%d日 %H:%M}"
            if timezone.is_aware(value)
            else f"{value:%Y年%m月%d日 %H:%M}"
        )
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
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
