"""The demo's staffing (issue 14 §6, Demo): 张丽 (红塔区's agency) has registered specialists for 红塔区's villages with
the most people under correction but one, 玉兴's, which her village page shows short. Built on the test world (玉兴
is its office 530402001, 荷花 its village; 凤凰社区 is 凤凰's), with more people in three villages."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.demo.staffing import seed_staffing
from sqjz.organisation.models import Division
from sqjz.staffing.models import VillageSpecialist
from tests.factories import SuperviseeFactory


def test_the_county_registered_specialists_for_its_busiest_villages_but_one_of_yuxing_s(world):
    fenghuang_village = Division.objects.get(code="530402002001")
    court = world.units["hongta_court"]
    for _ in range(4):  # with A and M, six in 荷花 (玉兴); five in 凤凰社区
        SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=court, village=world.hehua)
    for _ in range(5):
        SuperviseeFactory(judicial_office=world.units["fenghuang"], deciding_authority=court, village=fenghuang_village)
    quiet = Division.objects.create(
        code="530402002002", name="广场社区", level="village", parent=fenghuang_village.parent
    )
    for _ in range(2):  # a village that needs none yet
        SuperviseeFactory(judicial_office=world.units["fenghuang"], deciding_authority=court, village=quiet)
    users = {"zhangli": world.users["county_officer"]}
    seed_staffing(today=timezone.localdate(), users=users)
    assert VillageSpecialist.objects.filter(village=fenghuang_village, registered_by=users["zhangli"]).exists()
    assert not VillageSpecialist.objects.filter(village=world.hehua).exists()
    assert VillageSpecialist.objects.filter(village=quiet).exists()  # a couple in all
    count = VillageSpecialist.objects.count()
    seed_staffing(today=timezone.localdate(), users=users)
    assert VillageSpecialist.objects.count() == count  # once
    client = Client()
    client.force_login(users["zhangli"], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("staffing:villages", args=[world.yuxing.pk]))
    assert len([r for r in page.context["page"].object_list if r.specialist.outcome["specialist_short"]]) == 1
    assert "应设专干，尚未设置" in page.content.decode()
