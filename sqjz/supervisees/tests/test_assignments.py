"""Case assignment (案件分派): the office or county agency gives a social worker, volunteer, mentor or the procurator a
person's case; from then on they may see the record, and not after the assignment ends. A minor's case goes only to
the procurator (社区矫正法第五十四条)."""

from django.urls import reverse

from sqjz.supervisees.models import CaseAssignment
from sqjz.supervisees.permissions import can_access
from tests.factories import UserFactory


def page(world, key="B"):
    return reverse("supervisees:assignments", args=[world.people[key].pk])


def test_the_office_assigns_a_social_worker_who_then_sees_the_record_until_it_ends(world, login):
    b = world.people["B"]  # 凤凰街道: the world's social worker is not assigned to B
    worker = world.users["social_worker"]
    assert not can_access(worker, b)
    office = login(world.users["other_office_officer"])
    form = office.get(page(world)).content.decode()
    assert f"social_worker:{worker.pk}" in form and "请选择…" in form
    response = office.post(page(world), {"person": f"social_worker:{worker.pk}"})
    assert response.status_code == 302
    assignment = CaseAssignment.objects.get(supervisee=b, user=worker)
    assert assignment.is_active and assignment.assigned_by == world.users["other_office_officer"]
    assert can_access(worker, b)
    end = reverse("supervisees:assignment_end", args=[b.pk, assignment.pk])
    assert office.post(end).status_code == 302
    assignment.refresh_from_db()
    assert not assignment.is_active and assignment.ended_by == world.users["other_office_officer"]
    assert not can_access(worker, b)
    # Assigned again: the same assignment reopens.
    assert office.post(page(world), {"person": f"social_worker:{worker.pk}"}).status_code == 302
    assert CaseAssignment.objects.filter(supervisee=b, user=worker).count() == 1 and can_access(worker, b)


def test_a_minors_case_goes_only_to_the_procurator(world, login):
    minor = world.people["M"]
    office = login(world.users["office_officer"])
    html = office.get(page(world, "M")).content.decode()
    assert "social_worker:" not in html and "procurator:" in html
    refused = office.post(page(world, "M"), {"person": f"social_worker:{world.users['social_worker'].pk}"})
    assert refused.status_code == 400 and "社区矫正法第五十四条" in refused.content.decode()
    assert not CaseAssignment.objects.filter(supervisee=minor, kind="social_worker").exists()


def test_only_people_of_the_persons_county_can_be_assigned(world, login):
    elsewhere = UserFactory(role="volunteer", unit=world.units["xingyun"], full_name="外县志愿者")
    office = login(world.users["other_office_officer"])
    assert "外县志愿者" not in office.get(page(world)).content.decode()
    refused = office.post(page(world), {"person": f"volunteer:{elsewhere.pk}"})
    assert refused.status_code == 400 and not CaseAssignment.objects.filter(user=elsewhere).exists()
    wrong_kind = office.post(page(world), {"person": f"procurator:{world.users['social_worker'].pk}"})
    assert wrong_kind.status_code == 400
    empty = office.post(page(world), {"person": ""})
    assert empty.status_code == 400 and "分派人员" in empty.content.decode()


def test_readers_and_other_offices_cannot_assign(world, login):
    for persona, status in (("judge", 403), ("social_worker", 403), ("office_officer", 404), ("procurator", 403)):
        client = login(world.users[persona])
        assert client.get(page(world)).status_code == status, persona
        assert client.post(page(world), {"person": f"volunteer:{world.users['volunteer'].pk}"}).status_code == status
    assert not CaseAssignment.objects.filter(supervisee=world.people["B"]).exists()


def test_the_record_links_to_the_assignments_for_those_who_may_assign(world, login):
    a = world.people["A"]
    detail = reverse("supervisees:detail", args=[a.pk])
    assert "案件分派" in login(world.users["office_officer"]).get(detail).content.decode()
    assert "案件分派" not in login(world.users["procurator"]).get(detail).content.decode()
