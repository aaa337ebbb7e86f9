from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from sqjz.core.identity import mask_identity, mask_phone

register = template.Library()


@register.filter
def cn_date(value: date | datetime | None) -> str:
    """2026年11月28日, as officers write dates."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def masked_id(value: str) -> str:
    return mask_identity(value) if value else ""


@register.filter
def masked_phone(value: str) -> str:
    return mask_phone(value) if value else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (filters stay in the URL while paging)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> str:
    """A column header that sorts ascending, then descending on the next click, keeping the filters."""
    current = context["request"].GET.get("sort", "")
    target = f"-{key}" if current == key else key
    arrow = " ↑" if current == key else " ↓" if current == f"-{key}" else ""
    return format_html('<a href="?{}">{}{}</a>', query_with(context, sort=target, page=""), label, arrow)


@register.simple_tag(takes_context=True)
def sort_aria(context, key: str) -> str:
    current = context["request"].GET.get("sort", "")
    state = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
    return format_html('aria-sort="{}"', state)
