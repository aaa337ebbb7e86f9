"""Placement bases and enterprises (AID-9): a "three-no" person (THREE_NO_PERSON) is placed in a base of the county
while it has room (PLACEMENT_CAPACITY) and leaves it; the base page names only whom the user may see; an enterprise's
offer is proposed to an open assistance case of a kind it fits, and the person's answer is written on the case."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sqjz.assistance import services as assistance
from sqjz.assistance.models import AssistanceCase, NeedsAssessment
from sqjz.placement import services
from sqjz.placement.models import Enterprise, Offer, OfferMatch, Placement, PlacementBase
from sqjz.placement.services import PlacementError
from sqjz.timeline.registry import timeline_for
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def three_no(w, person, actor="office_officer", **findings):
    """A needs assessment finding no stable housing and no work."""
    return assistance.assessment_record(
        actor=w.users[actor],
        supervisee=person,
        assessment=NeedsAssessment(
            assessed_on=TODAY, **({"work": "unemployed", "stable_housing": False, "insured": True} | findings)
        ),
    )


def a_base(w, capacity=2, actor="county_officer") -> PlacementBase:
    return services.base_save(
        actor=w.users[actor],
        base=PlacementBase(
            name="红塔区阳光安置基地",
            kind="housing",
            operator="玉溪阳光物业公司",
            capacity=capacity,
            address="红塔区玉兴路8号",
            contact="王经理",
        ),
    )


def place_data(person, **changes) -> dict:
    return {
        "person": person.pk,
        "family_to_turn_to": "no",
        "started_on": TODAY.isoformat(),
        "planned_end": (TODAY + timedelta(days=90)).isoformat(),
        "reason": "出狱后无处居住，安排在基地食堂帮工",
    } | changes


@time_machine.travel(TODAY)
def test_the_county_places_a_three_no_person_and_occupancy_rises_until_they_leave(world):
    a = world.people["A"]
    three_no(world, a)
    base = a_base(world)
    county = client_for(world.users["county_officer"])
    page = county.get(reverse("placement:base", args=[base.pk])).content.decode()
    assert "今日在住 <strong>0</strong> 人" in page and "张三（玉兴街道司法所）" in page  # A is a candidate
    assert "“三无”社区矫正对象的过渡性安置" in page and "玉溪市实施意见三(三)3" in page  # the rules, by title
    assert "THREE_NO_PERSON</" not in page
    # Having family to turn to is refused with the rule's reason.
    response = county.post(reverse("placement:place", args=[base.pk]), place_data(a, family_to_turn_to="yes"))
    assert response.status_code == 400
    assert "不是“三无”社区矫正对象，不予安置" in response.content.decode() and "有亲属可以投靠，不符合" in (
        response.content.decode()
    )
    assert county.post(reverse("placement:place", args=[base.pk]), place_data(a)).status_code == 302
    stay = Placement.objects.get(supervisee=a)
    assert (stay.base, stay.placed_by, stay.rule) == (base, world.users["county_officer"], "THREE_NO_PERSON")
    assert "无家可归" in stay.reasons and "尚有2个空位" in stay.reasons
    listing = county.get(reverse("placement:list")).content.decode()
    assert f'data-testid="occupancy-{base.pk}">1/2' in listing
    assert any(e.title.startswith("入住安置基地：红塔区阳光安置基地") for e in timeline_for(a))
    # Placed once at a time.
    response = county.post(reverse("placement:place", args=[base.pk]), place_data(a))
    assert "已在红塔区阳光安置基地安置，请先办理离开" in response.content.decode()
    # Leaving frees the place.
    end = {"ended_on": TODAY.isoformat(), "end_note": "找到工作，自行租房"}
    assert county.post(reverse("placement:end", args=[stay.pk]), end).status_code == 302
    stay.refresh_from_db()
    assert (stay.ended_on, stay.ended_by) == (TODAY, world.users["county_officer"])
    page = county.get(reverse("placement:base", args=[base.pk])).content.decode()
    assert "今日在住 <strong>0</strong> 人" in page and "找到工作，自行租房" in page


@time_machine.travel(TODAY)
def test_a_full_base_refuses_and_a_late_entry_needs_room_on_every_day_since(world):
    office = world.users["office_officer"]
    people = [
        SuperviseeFactory(name=n, judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
        for n in ("甲一", "乙二")
    ]
    for p in people:
        three_no(world, p)
    base = a_base(world, capacity=1)
    args = {"actor": office, "base": base, "planned_end": TODAY + timedelta(days=60), "reason": "安置"}
    services.placement_create(
        **args, supervisee=people[0], started_on=TODAY - timedelta(days=5), family_to_turn_to=False
    )
    with pytest.raises(PlacementError, match="基地已满，不能安置") as refused:
        services.placement_create(**args, supervisee=people[1], started_on=TODAY, family_to_turn_to=False)
    assert refused.value.field == "started_on"
    # Entered late, from before the first moved in: the base is full from the fifth day before today.
    with pytest.raises(PlacementError, match="基地已满"):
        services.placement_create(
            **args, supervisee=people[1], started_on=TODAY - timedelta(days=9), family_to_turn_to=False
        )
    # Capacity is not lowered below the people staying, nor a base with people taken out of use.
    base.capacity, base.active = 1, False
    with pytest.raises(PlacementError, match="请先办理离开再停用"):
        services.base_save(actor=office, base=base)


@time_machine.travel(TODAY)
def test_who_may_be_placed_and_by_whom(world):
    a, b, c = world.people["A"], world.people["B"], world.people["C"]
    base = a_base(world)
    office = world.users["office_officer"]
    args = {"base": base, "started_on": TODAY, "planned_end": TODAY + timedelta(days=30), "reason": "安置"}
    with pytest.raises(PlacementError, match="尚未进行帮扶需求评估"):
        services.placement_create(actor=office, supervisee=a, family_to_turn_to=False, **args)
    three_no(world, a, stable_housing=True)
    with pytest.raises(PlacementError, match="有固定住所，不符合"):
        services.placement_create(actor=office, supervisee=a, family_to_turn_to=False, **args)
    # Another office's person (凤凰), another county's (江川), and a writer of another county.
    with pytest.raises(PlacementError, match="只能安置本辖区"):
        services.placement_create(actor=office, supervisee=b, family_to_turn_to=False, **args)
    with pytest.raises(PlacementError, match="只能安置本辖区"):
        services.placement_create(actor=world.users["county_officer"], supervisee=c, family_to_turn_to=False, **args)
    with pytest.raises(PlacementError, match="只能在本县"):
        services.placement_create(
            actor=world.users["other_county_officer"], supervisee=c, family_to_turn_to=False, **args
        )
    with pytest.raises(PlacementError, match="您无权"):
        services.placement_create(actor=world.users["city_officer"], supervisee=a, family_to_turn_to=False, **args)
    with pytest.raises(PlacementError, match="日期不能晚于今天"):
        services.placement_create(
            actor=office, supervisee=a, family_to_turn_to=False, **(args | {"started_on": TODAY + timedelta(days=1)})
        )


@time_machine.travel(TODAY)
def test_the_base_page_names_only_whom_the_user_may_see(world):
    a, m = world.people["A"], world.people["M"]
    b = world.people["B"]
    base = a_base(world, capacity=5)
    county = world.users["county_officer"]
    for person in (a, b):
        three_no(world, person, actor="county_officer")
    three_no(world, m, actor="county_officer", work="unable")
    for person in (a, m, b):
        services.placement_create(
            actor=county,
            base=base,
            supervisee=person,
            started_on=TODAY,
            planned_end=TODAY + timedelta(days=30),
            reason="安置",
            family_to_turn_to=False,
        )
    city = client_for(world.users["city_officer"]).get(reverse("placement:base", args=[base.pk])).content.decode()
    assert "张三" in city and "王五" in city and "李小明" not in city and "未成年人（档案保密）" in city
    office = client_for(world.users["office_officer"]).get(reverse("placement:base", args=[base.pk])).content.decode()
    assert "张三" in office and "李小明" in office and "王五" not in office and "凤凰街道司法所的社区矫正对象" in office
    assert "办理离开" in office  # for the office's own people
    other = client_for(world.users["other_county_officer"]).get(reverse("placement:base", args=[base.pk]))
    assert other.status_code == 404


@time_machine.travel(TODAY)
def test_an_offer_is_matched_to_an_open_case_of_a_fitting_kind_and_the_answer_goes_on_the_case(world):
    a = world.people["A"]
    assistance.assessment_record(
        actor=world.users["office_officer"],
        supervisee=a,
        assessment=NeedsAssessment(assessed_on=TODAY, work="unemployed", wants_training=True, insured=True),
    )
    job = assistance.case_open(
        actor=world.users["office_officer"], supervisee=a, kind="job_referral", body="hrss", opened_on=TODAY, note=""
    )
    training = assistance.case_open(
        actor=world.users["office_officer"],
        supervisee=a,
        kind="vocational_training",
        body="hrss",
        opened_on=TODAY,
        note="",
    )
    county = client_for(world.users["county_officer"])
    response = county.post(reverse("placement:enterprise_new"), {"name": "玉溪红塔物流有限公司", "contact": "李经理"})
    enterprise = Enterprise.objects.get(name="玉溪红塔物流有限公司")
    assert response.status_code == 302 and enterprise.county == world.hongta
    offer_data = {
        "kind": "job",
        "title": "仓储分拣员",
        "valid_from": TODAY.isoformat(),
        "valid_to": (TODAY + timedelta(days=90)).isoformat(),
    }
    response = county.post(reverse("placement:offer_new", args=[enterprise.pk]), offer_data)
    assert response.status_code == 400 and "工作岗位须填写名额" in response.content.decode()
    assert county.post(reverse("placement:offer_new", args=[enterprise.pk]), offer_data | {"places": 1}).status_code
    offer = Offer.objects.get(enterprise=enterprise)
    page = county.get(reverse("placement:offer", args=[offer.pk])).content.decode()
    assert "张三" in page and "就业指导和推介" in page and "相符的帮扶个案（1件）" in page  # not the training case
    # A training case does not fit a job.
    response = county.post(reverse("placement:match", args=[offer.pk]), {"case": training.pk, "day": TODAY})
    assert response.status_code == 400 and AssistanceCase.objects.filter(pk=training.pk).exists()
    assert county.post(reverse("placement:match", args=[offer.pk]), {"case": job.pk, "day": TODAY}).status_code == 302
    match = OfferMatch.objects.get(offer=offer)
    assert (match.case_id, match.status, match.proposed_by) == (job.pk, "proposed", world.users["county_officer"])
    decided = {"status": "accepted", "day": TODAY.isoformat(), "note": "12月1日到岗"}
    assert county.post(reverse("placement:decide", args=[match.pk]), decided).status_code == 302
    match.refresh_from_db()
    assert (match.status, match.decided_on) == ("accepted", TODAY)
    step = job.steps.order_by("-id").first()
    assert step.note == "企业帮扶：玉溪红塔物流有限公司工作岗位“仓储分拣员”，本人接受。12月1日到岗"


@time_machine.travel(TODAY)
def test_lists_search_and_stay_within_their_query_budget(world, django_assert_max_num_queries):
    for n in range(25):
        services.base_save(
            actor=world.users["county_officer"],
            base=PlacementBase(
                name=f"基地{n:02d}", kind="work", operator="某公司", capacity=3, address="红塔区", contact="王经理"
            ),
        )
    client = client_for(world.users["city_officer"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("placement:list")).content.decode()
    assert "共 25 个" in page and "下一页" in page
    assert "共 1 个" in client.get(reverse("placement:list"), {"q": "基地07"}).content.decode()
    assert client.get(reverse("placement:enterprises")).status_code == 200
    assert client.get(reverse("placement:offers"), {"all": "1", "kind": "job"}).status_code == 200
