from collections.abc import Mapping

from django import forms, template
from django.utils.html import format_html

from sqjz.core.identity import mask_identity, mask_phone
from sqjz.core.pagination import COUNT_CAP

register = template.Library()


@register.filter
def masked_id(value: str) -> str:
    return mask_identity(value) if value else ""


@register.filter
def masked_phone(value: str) -> str:
    return mask_phone(value) if value else ""


@register.filter
def capped_count(value: int) -> str:
    """A count taken only up to one past COUNT_CAP: "10000+" past it."""
    return f"{COUNT_CAP}+" if value > COUNT_CAP else str(value)


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


SUMMARY_TITLE = "未能保存，请按下列提示修改；您填写的内容都已保留。"


def _summary_items(source) -> list[tuple[str, str]]:
    """(message, id of the field to fix or "") for each error of a form, a formset, a mapping of element ids to
    messages, or a single message."""
    if not source:
        return []
    if isinstance(source, str):
        return [(source, "")]
    if isinstance(source, list | tuple):  # messages, e.g. a form's non_field_errors
        return [(str(message), "") for message in source]
    if isinstance(source, Mapping):
        return [(str(message), str(key)) for key, message in source.items()]
    if isinstance(source, forms.BaseFormSet):
        items = [(str(e), "") for e in source.non_form_errors()]
        for number, form in enumerate(source.forms, start=1):
            items += [(f"第{number}行 {message}", target) for message, target in _summary_items(form)]
        return items
    items = [(str(e), "") for e in source.non_field_errors()]
    for field in source:
        for error in field.errors:
            target = "" if field.is_hidden else field.id_for_label or f"{field.auto_id}_0"
            items.append((f"{field.label}：{error}" if field.label else str(error), target))
    return items


@register.inclusion_tag("forms/error_summary.html")
def error_summary(
    *sources, title: str = SUMMARY_TITLE, testid: str = "form-errors", prefix: str = "", links: bool = True
) -> dict:
    """The error summary at the top of a form that failed validation: every error, each a link to its field;
    app.js moves the focus here when the page loads. `sources` are forms, formsets, {element id: message}
    mappings (`prefix` is put before each id) or messages; `links=False` when the fields are not on the page.
    Renders nothing when there is no error."""
    items = [
        (message, f"{prefix}{target}" if target and links else "")
        for source in sources
        for message, target in _summary_items(source)
    ]
    return {"items": items, "title": title, "testid": testid}
