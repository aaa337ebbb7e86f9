"""Form rendering shared by every page: Bootstrap classes, labels above fields, errors beside them; a length cap on
every free-text field."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


EMPTY_LABEL = "请选择…"  # the blank choice of every select, instead of Django's "---------"
DJANGO_BLANK = "---------"
TEXT_MAX_LENGTH = 5000  # a free-text box (Textarea): about five pages of a document
LINE_MAX_LENGTH = 200  # a one-line text box that names no length of its own


def cap_length(name: str, field: forms.Field) -> None:
    """Give a free-text field a length cap if it has none (TEXT_MAX_LENGTH in a text box, LINE_MAX_LENGTH in a line)
    and a message naming the field when a text is over its cap, so that no megabyte of text reaches the database
    or a document. Idempotent. A JSON field is not free text (its validators see the parsed value)."""
    if not isinstance(field, forms.CharField) or isinstance(field, forms.JSONField):
        return
    if field.max_length is None:
        field.max_length = TEXT_MAX_LENGTH if isinstance(field.widget, forms.Textarea) else LINE_MAX_LENGTH
        field.validators.append(MaxLengthValidator(field.max_length))
        if not field.widget.is_hidden:
            field.widget.attrs["maxlength"] = str(field.max_length)
    label = str(field.label or name).replace("%", "%%")
    field.error_messages["max_length"] = f"{label}不能超过%(limit_value)d字（现有%(show_value)d字）。"


class LengthCapMixin:
    """Caps every free-text field of the form (`cap_length`), those a form adds after __init__ included: the cap is
    also applied where a field is first looked up, which rendering and cleaning both do."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            cap_length(name, field)

    def __getitem__(self, name: str):
        cap_length(name, self.fields[name])
        return super().__getitem__(name)


class StyledFormMixin(LengthCapMixin):
    """Adds Bootstrap classes to widgets, says "请选择…" in every select's blank choice, marks fields with errors,
    and caps free-text fields (`LengthCapMixin`). Forms that share a page with others set `id_prefix`, so that
    their fields' HTML ids (and the labels pointing at them) stay unique."""

    id_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def __getitem__(self, name: str):
        # Here rather than in __init__, so that fields a form adds or re-chooses after __init__ say it too.
        _say_please_choose(self.fields[name])
        return super().__getitem__(name)

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


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker that shows and accepts 2026-11-28T09:30."""

    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _say_please_choose(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = EMPTY_LABEL
    elif isinstance(field, forms.ChoiceField) and any(
        value == "" and label == DJANGO_BLANK for value, label in field.choices
    ):
        field.choices = [
            (value, EMPTY_LABEL if value == "" and label == DJANGO_BLANK else label) for value, label in field.choices
        ]


class PleaseChooseAdminMixin:
    """The administrator's forms say "请选择…" in every select's blank choice too, and cap free-text fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            _say_please_choose(field)
            cap_length(db_field.name, field)
        return field
