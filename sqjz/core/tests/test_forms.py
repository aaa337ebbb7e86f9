"""The shared form mixin: every select's blank choice says "请选择…", never Django's "---------"."""

import re

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


def test_a_group_of_checkboxes_puts_each_box_beside_its_label():
    class Form(StyledFormMixin, forms.Form):
        items = forms.MultipleChoiceField(
            label="事项", choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
        )

    html = re.sub(r">\s+<", "><", str(Form()["items"].as_field_group()))
    assert '<div id="id_items"><div class="form-check">' in html  # not in a 1em-wide form-check-input
    for n, label in enumerate(("甲", "乙")):
        box = f'<input type="checkbox" name="items" value="{"ab"[n]}" class="form-check-input" id="id_items_{n}">'
        assert (
            f'<div class="form-check">{box}<label class="form-check-label" for="id_items_{n}">{label}</label></div>'
            in html
        )
