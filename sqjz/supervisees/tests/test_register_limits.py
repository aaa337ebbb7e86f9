"""Saved although wrong (issue 10): the register refuses what cannot be true — a region code that is no region, an
offence dated in the future, a term starting decades ahead, a term longer than the law allows, a name made of
invisible characters — with a Chinese message on the field, in the form and in the service behind it."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from sqjz.supervisees import services
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.tests.test_register_form import CREATE, form_data
from tests.factories import SuperviseeFactory, resident_id

TODAY = date(2026, 11, 27)


def refused(client, world, field: str, **overrides) -> str:
    response = client.post(CREATE, form_data(world, **overrides))
    assert response.status_code == 200, f"{overrides} was saved"
    errors = response.context["form"].errors
    if field.startswith("contacts-"):
        errors = response.context["contacts"].forms[0].errors
        field = field.split("-")[-1]
    assert field in errors, errors
    assert not Supervisee.objects.filter(name=overrides.get("name", "陈新")).exists()
    return str(errors[field])


@time_machine.travel(TODAY)
def test_an_identity_number_of_region_000000_is_refused(world, login):
    client = login(world.users["office_officer"])
    message = refused(client, world, "id_number", id_number=resident_id("000000", date(1996, 11, 17), 77))
    assert "地区码（000000）" in message


@time_machine.travel(TODAY)
def test_an_offence_dated_next_year_is_refused(world, login):
    client = login(world.users["office_officer"])
    assert "犯罪时间不能晚于今天" in refused(client, world, "offence_date", offence_date="2027-03-01")


@time_machine.travel(TODAY)
def test_a_term_starting_in_2099_is_refused(world, login):
    client = login(world.users["office_officer"])
    message = refused(
        client,
        world,
        "term_start",
        judgment_effective_date="2026-11-24",
        term_start="2099-01-01",
        term_end="2099-07-01",
    )
    assert "矫正起始日不能晚于" in message


@time_machine.travel(TODAY)
def test_a_ninety_year_probation_is_refused_with_the_statutes_reason(world, login):
    client = login(world.users["office_officer"])
    message = refused(client, world, "term_end", term_end=(TODAY + timedelta(days=90 * 365)).isoformat())
    assert "拘役的缓刑考验期限为2个月以上1年以下" in message and "刑法第七十三条" in message


@time_machine.travel(TODAY)
def test_a_ninety_year_parole_is_refused_by_the_registers_sanity_limit(world, login):
    client = login(world.users["office_officer"])
    message = refused(
        client,
        world,
        "term_end",
        correction_type="parole",
        original_sentence="有期徒刑十年",
        term_end=(TODAY + timedelta(days=90 * 365)).isoformat(),
    )
    assert "不超过25年" in message


@time_machine.travel(TODAY)
@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u202e新陈", "陈\u2066新", "\u3000\u3000", "123"])
def test_names_of_invisible_characters_are_refused(world, login, name):
    client = login(world.users["office_officer"])
    message = refused(client, world, "name", name=name)
    assert "姓名" in message or "必填" in message  # whitespace alone is stripped to nothing


@time_machine.travel(TODAY)
def test_a_family_members_invisible_name_is_refused(world, login):
    client = login(world.users["office_officer"])
    message = refused(client, world, "contacts-0-name", **{"contacts-0-name": "\u200b"})
    assert "不可见或改变文字方向" in message


@time_machine.travel(TODAY)
def test_a_sound_registration_still_passes(world, login):
    client = login(world.users["office_officer"])
    assert client.post(CREATE, form_data(world)).status_code == 302


@time_machine.travel(TODAY)
def test_the_service_refuses_what_the_form_would_have(world):
    """Writes that do not come through the form (commands, imports, the demo) meet the same checks."""
    officer = world.users["office_officer"]
    bad = SuperviseeFactory.build(
        judicial_office=world.yuxing,
        deciding_authority=world.units["hongta_court"],
        correction_type="probation",
        original_sentence="有期徒刑二年，缓刑三年",
        offence_date=date(2026, 5, 1),
        judgment_effective_date=date(2026, 11, 20),
        term_start=date(2026, 11, 20),
        term_end=date(2116, 11, 19),
    )
    related = services.Related(family_contacts=[], prohibition_orders=[], deleted=[])
    with pytest.raises(services.RegisterError) as error:
        services.supervisee_register(actor=officer, supervisee=bad, related=related, status="pending_report")
    assert error.value.field == "term_end" and "刑法第七十三条" in error.value.message
    bad.term_end, bad.name = date(2029, 11, 19), "\u202e"
    with pytest.raises(services.RegisterError) as error:
        services.supervisee_register(actor=officer, supervisee=bad, related=related, status="pending_report")
    assert error.value.field == "name"
    assert timezone.localdate() == TODAY
