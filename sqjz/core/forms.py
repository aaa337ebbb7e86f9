"""Form rendering shared by every page: Bootstrap classes, labels above fields, errors beside them."""

from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


class StyledFormMixin:
    """Adds Bootstrap classes to widgets and marks fields with errors. Forms that share a page with others
    set `id_prefix`, so that their fields' HTML ids (and the labels pointing at them) stay unique."""

    id_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class DateInput(forms.DateInput):
    """A native date picker (keyboard-operable) that shows and accepts 2026-11-28."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
