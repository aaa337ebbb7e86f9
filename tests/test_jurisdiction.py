"""Who sees whom: the jurisdiction matrix for every role, minors' sealing, and who may edit."""

import pytest

from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user, supervisees_for

# persona → the world's supervisees they can see (A, M minor, B, C other county, D discharged)
VISIBLE = {
    "office_officer": {"A", "M", "D"},
    "other_office_officer": {"B"},
    "county_officer": {"A", "M", "B", "D"},
    "county_head": {"A", "M", "B", "D"},
    "other_county_officer": {"C"},
    "city_officer": {"A", "B", "C", "D"},  # the city does not see sealed minors
    "procurator": {"A", "M", "B", "D"},  # M only because this procurator is assigned to the case
    "other_procurator": {"C"},
    "judge": {"A", "B", "D"},  # cases the court decided, minors sealed
    "police": {"A", "D"},  # the station's township, minors sealed
    "county_police": {"A", "B", "D"},
    "prison_officer": set(),
    "social_worker": {"A"},
    "volunteer": {"A"},
    "mentor": {"A"},
    "evaluator": {"A"},  # own village (荷花社区), minors sealed
    "supervisee": {"A"},  # themselves
    "admin": set(),  # separation of duties: no case data
    "security_admin": set(),
    "auditor": set(),
}

EDITABLE = {
    "office_officer": {"A", "M"},  # discharged D is read-only history
    "other_office_officer": {"B"},
    "county_officer": {"A", "M", "B"},
    "county_head": {"A", "M", "B"},
    "other_county_officer": {"C"},
}


def _names(world, queryset) -> set[str]:
    by_pk = {p.pk: key for key, p in world.people.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_each_role_sees_exactly_its_jurisdiction(world, persona):
    user = world.users[persona]
    assert _names(world, supervisees_for(user)) == VISIBLE[persona]


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_each_role_may_edit_only_active_records_of_its_office_or_county(world, persona):
    user = world.users[persona]
    assert _names(world, supervisees_for(user, Access.EDIT)) == EDITABLE.get(persona, set())


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_object_access_agrees_with_the_list(world, persona):
    user = world.users[persona]
    for key, person in world.people.items():
        assert can_access(user, person) == (key in VISIBLE[persona])


def test_out_of_jurisdiction_and_missing_records_are_the_same_404(world):
    from django.http import Http404

    user = world.users["office_officer"]
    with pytest.raises(Http404) as outside:
        get_supervisee_for_user(user, world.people["B"].pk)
    with pytest.raises(Http404) as missing:
        get_supervisee_for_user(user, 999999)
    assert str(outside.value) == str(missing.value)


def test_minor_stays_sealed_after_turning_eighteen(world):
    """社区矫正法第五十八条: the flag is decided by age at offence and start, not by today's age."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    minor = world.people["M"]
    with time_machine.travel(timezone.now() + timedelta(days=3 * 365)):
        minor.refresh_from_db()
        assert minor.is_minor
        assert not can_access(world.users["city_officer"], minor)


def test_inactive_user_sees_nothing(world):
    user = world.users["county_officer"]
    user.is_active = False
    user.save()
    assert not supervisees_for(user).exists()


def test_unassigned_procurator_of_same_county_does_not_see_minor(world):
    from sqjz.supervisees.models import CaseAssignment

    CaseAssignment.objects.filter(kind="procurator").update(is_active=False)
    assert not can_access(world.users["procurator"], world.people["M"])
    assert can_access(world.users["county_officer"], world.people["M"])
