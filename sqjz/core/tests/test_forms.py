"""The shared form mixin: every select's blank choice says "请选择…", never Django's "---------"."""

from django import forms
from django.db import models

from sqjz.core.forms import EMPTY_LABEL, StyledFormMixin
from sqjz.organisation.models import Unit


class Colour(models.TextChoices):
    RED = "red", "红"
    BLUE = "blue", "蓝"


class Example(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none(), required=False)
    colour = forms.TypedChoiceField(label="颜色", choices=[("", "---------"), *Colour.choices], required=False)
    chosen = forms.ChoiceField(label="已定", choices=[("", "全部"), *Colour.choices], required=False)
    fixed = forms.ModelChoiceField(label="固定", queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.ModelChoiceField(label="后加", queryset=Unit.objects.none())


def test_blank_choices_say_please_choose(db):
    html = str(Example())
    assert "---------" not in html
    assert html.count(f'<option value="" selected>{EMPTY_LABEL}</option>') == 3  # unit, colour, late
    assert '<option value="">全部</option>' in html or '<option value="" selected>全部</option>' in html
    assert 'name="fixed"' in html and html.count(EMPTY_LABEL) == 3  # a field without a blank keeps none


def test_model_form_fields_with_a_blank_say_please_choose(db):
    from sqjz.supervisees.models import Supervisee

    class Form(StyledFormMixin, forms.ModelForm):
        class Meta:
            model = Supervisee
            fields = ["ethnicity", "temporary_release_ground", "village"]

    html = str(Form())
    assert "---------" not in html and html.count(EMPTY_LABEL) == 3
