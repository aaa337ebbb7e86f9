"""The demo's placement bases and enterprises (issue 14 §4, Demo): a 红塔区 base with occupants, one of whom has left,
a base founded by a person under correction, and an enterprise whose job and training offers are proposed to open
assistance cases. Built on the test world (红塔区 is 530402; 张丽 is its county officer), after the demo's assistance
(A's vocational-training case in progress), with four more adults of 红塔区."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.demo.assistance import seed_assistance
from sqjz.demo.placement import seed_placement
from sqjz.placement.models import OfferMatch, Placement, PlacementBase
from tests.factories import SuperviseeFactory


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_placement_base_has_occupants_and_offers_are_matched(world):
    today = timezone.localdate()
    for name in ("钱八", "周九", "吴十", "郑十一", "冯十二"):
        SuperviseeFactory(
            name=name,
            judicial_office=world.units["fenghuang"],
            deciding_authority=world.units["hongta_court"],
        )
    users = {
        "lina": world.users["office_officer"],
        "chenxiao": world.users["social_worker"],
        "zhangli": world.users["county_officer"],
    }
    seed_assistance(today=today, users=users)
    seed_placement(today=today, users=users)
    base = PlacementBase.objects.get(name="红塔区春晖过渡性安置基地")
    assert Placement.objects.filter(base=base, ended_on=None).count() == 3
    assert Placement.objects.filter(base=base).exclude(ended_on=None).count() == 1
    assert PlacementBase.objects.filter(founded_by_supervisee=True).exists()
    kinds = set(OfferMatch.objects.values_list("offer__kind", "case__kind"))
    assert kinds == {("job", "job_referral"), ("training", "vocational_training")}
    count = Placement.objects.count()
    seed_placement(today=today, users=users)
    assert Placement.objects.count() == count  # once
    page = _client(world.users["county_officer"]).get(reverse("placement:base", args=[base.pk])).content.decode()
    assert "今日在住 <strong>3</strong> 人" in page and "找到工作，自行租房" in page
