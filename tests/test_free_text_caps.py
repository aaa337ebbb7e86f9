"""Every free-text field of every form in the project has a length cap, and a text over it is refused by the form
with a Chinese message naming the field, before anything is stored or rendered into a document (a 1 MB interview
record once held the database's write lock for 40 s while WeasyPrint set it)."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.contrib import admin
from django.core.validators import MaxLengthValidator
from django.test import RequestFactory

import sqjz
from sqjz.core.forms import LINE_MAX_LENGTH, TEXT_MAX_LENGTH
from sqjz.education.models import Attendance as EducationAttendance
from sqjz.intake.forms import FirstInterviewForm
from sqjz.proposals.models import Proposal
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.models import FrequentTravelPermit
from tests.world import add_records

SKIPPED_MODULES = ("sqjz.settings", "sqjz.settings_test", "sqjz.wsgi", "sqjz.asgi")


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's modules (tests and migrations aside)."""
    for module in pkgutil.walk_packages(sqjz.__path__, "sqjz."):
        name = module.name
        if name in SKIPPED_MODULES or ".tests" in name or ".migrations" in name:
            continue
        importlib.import_module(name)
    found, pending = [], [forms.BaseForm]
    while pending:
        for cls in pending.pop().__subclasses__():
            pending.append(cls)
            if cls.__module__.startswith("sqjz.") and ".tests" not in cls.__module__:
                found.append(cls)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORM_CLASSES = project_form_classes()


def _instance(cls, world):
    """The form as a page makes it, with the persona and record its constructor asks for (made only if asked)."""
    given = {
        "user": lambda: world.users["office_officer"],
        "supervisee": lambda: world.people["A"],
        "proposal": lambda: Proposal(supervisee=world.people["A"], kind=Proposal.Kind.PROBATION_REVOCATION),
        "permit": lambda: FrequentTravelPermit(supervisee=world.people["A"], destinations=["昆明市"]),
        "attendances": lambda: [EducationAttendance(supervisee=world.people["A"])],
        "queryset": lambda: Supervisee.objects.all(),
        "agency": lambda: world.units["hongta_court"],  # a partner's pages (decision 0041)
        "pk": lambda: 1,  # a form repeated per row on a page, told its row
        "meeting": lambda: add_records(world).leading_meeting,
        "today": lambda: date(2026, 11, 30),
        "levels": lambda: {"": "本级"},
    }
    parameters = {
        name for base in cls.__mro__ if "__init__" in vars(base) for name in inspect.signature(base).parameters
    }
    return cls(**{name: value() for name, value in given.items() if name in parameters})


def _assert_capped(form) -> None:
    """Each free-text field, as rendering and cleaning look it up (form[name]), has a cap, checks it and shows it."""
    for name in form.fields:
        field = form[name].field
        if isinstance(field, forms.CharField) and not isinstance(field, forms.JSONField):
            where = f"{type(form).__module__}.{type(form).__qualname__}.{name}"
            assert field.max_length is not None, f"{where} has no length cap"
            assert any(
                isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length for v in field.validators
            ), where
            if not field.widget.is_hidden:
                assert field.widget.attrs.get("maxlength") == str(field.max_length), where


def test_the_walk_finds_the_forms_of_every_area():
    modules = {cls.__module__.split(".")[1] for cls in FORM_CLASSES}
    assert {
        "intake",
        "investigation",
        "discharge",
        "supervision",
        "oversight",
        "assessment",
        "lostcontact",
        "proposals",
        "safety",
    } <= modules
    assert len(FORM_CLASSES) > 30


@pytest.mark.parametrize("cls", FORM_CLASSES, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_every_free_text_field_of_every_form_has_a_cap(world, cls):
    _assert_capped(_instance(cls, world))


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_free_text_field_of_the_administrators_forms_has_a_cap(world, model):
    request = RequestFactory().get("/admin/")
    request.user = world.users["admin"]
    form_class = admin.site._registry[model].get_form(request)
    _assert_capped(form_class())


def test_a_megabyte_interview_record_is_refused_naming_the_field(world):
    form = FirstInterviewForm(
        data={
            "held_on": "2026-11-27",
            "place": "玉兴街道司法所",
            "interviewer": "李娜",
            "recorder": "张丽",
            "content": "告知规定。" * 200_000,
            "supervisee_statement": "",
        }
    )
    assert not form.is_valid()
    assert form.errors["content"] == [f"谈话内容不能超过{TEXT_MAX_LENGTH}字（现有1000000字）。"]
    assert TEXT_MAX_LENGTH < 20_000 and LINE_MAX_LENGTH <= 500


def test_a_text_at_the_cap_is_accepted(world):
    form = FirstInterviewForm(
        data={
            "held_on": "2026-11-27",
            "place": "玉兴街道司法所",
            "interviewer": "李娜",
            "recorder": "张丽",
            "content": "告" * TEXT_MAX_LENGTH,
        }
    )
    assert form.is_valid(), form.errors
