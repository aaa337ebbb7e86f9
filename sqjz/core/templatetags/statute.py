"""Showing statute values (facts, outcomes, parameter values) to officers in Chinese."""

import dataclasses
from datetime import date, datetime

from django import template
from django.utils import timezone

from sqjz.statute.calendar import Deadline

register = template.Library()

WORDS = {
    True: "是",
    False: "否",
    None: "无",
    "probation": "缓刑",
    "parole": "假释",
    "control": "管制",
    "temporary_release": "暂予监外执行",
    "judicial_office": "司法所（受委托）",
    "county_agency": "县级社区矫正机构",
    "city_agency": "上一级（市级）社区矫正机构",
    "good": "良好",
    "pass": "合格",
    "fail": "不合格",
    "strict": "严管",
    "ordinary": "普管",
    "lenient": "宽管",
    "required": "应当表扬",
    "possible": "可以表扬",
    "admonition": "训诫",
    "warning": "警告",
    "revocation": "提请撤销",
    "committal": "提请收监执行",
    "none": "无",
}


@register.filter
def statute_value(value) -> str:
    if isinstance(value, bool) or value is None:
        return WORDS[value]
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
        return WORDS.get(value, value)
    if isinstance(value, dict):
        return "；".join(f"{statute_value(k)}：{statute_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(statute_value(v) for v in value) or "无"
    if dataclasses.is_dataclass(value):
        return statute_value({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    return str(value)
