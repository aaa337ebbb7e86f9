"""Screening campaigns (排查): a county campaign covers everyone under correction in the county; each office
screens its people; the counts per office are exact; the inbox shows who is still to be screened."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.safety.models import Screening, ScreeningCampaign

TODAY = date(2026, 11, 27)


def organise(client, **overrides):
    data = {"name": "2026年第四季度常规排查", "kind": "regular", "starts_on": "2026-11-25", "ends_on": "2026-12-20"}
    return client.post(reverse("safety:create"), data | overrides)


@time_machine.travel(TODAY)
def test_a_county_campaign_is_screened_office_by_office_with_exact_counts(world, login):
    county = login(world.users["county_officer"])
    assert organise(county).status_code == 302
    campaign = ScreeningCampaign.objects.get()
    assert campaign.area == world.units["hongta_agency"]
    a, b, c = world.people["A"], world.people["B"], world.people["C"]
    items = set(InboxItem.objects.filter(kind="screening", state="open").values_list("supervisee_id", flat=True))
    assert InboxItem.objects.filter(kind="screening", rule="SCREENING_DUE", due=date(2026, 12, 20)).exists()
    assert {a.pk, b.pk} <= items and c.pk not in items  # C lives in 江川区

    page = county.get(reverse("safety:campaign", args=[campaign.pk]))
    before = {p.office: (p.total, p.screened) for p in page.context["progress"]}
    assert before["玉兴街道司法所"][1] == 0

    office = login(world.users["office_officer"])
    url = reverse("safety:screening", args=[campaign.pk, a.pk])
    unexplained = office.post(url, {"screened_on": "2026-11-27", "method": "visit", "outcome": "attention"})
    assert unexplained.status_code == 400 and "请写明原因和措施" in unexplained.content.decode()
    assert office.post(url, {"screened_on": "2026-11-27", "method": "visit", "outcome": "stable"}).status_code == 302
    twice = office.post(url, {"screened_on": "2026-11-27", "method": "phone", "outcome": "stable"})
    assert twice.status_code == 400 and "已登记过" in twice.content.decode()
    assert not InboxItem.objects.filter(kind="screening", state="open", supervisee=a).exists()
    after = {
        p.office: (p.total, p.screened)
        for p in login(world.users["county_officer"])
        .get(reverse("safety:campaign", args=[campaign.pk]))
        .context["progress"]
    }
    assert after["玉兴街道司法所"] == (before["玉兴街道司法所"][0], 1)
    assert Screening.objects.count() == 1
    # Another office cannot screen 玉兴's people, and 江川区 does not see the campaign.
    assert login(world.users["other_office_officer"]).post(url, {}).status_code == 404
    assert (
        login(world.users["other_county_officer"]).get(reverse("safety:campaign", args=[campaign.pk])).status_code
        == 404
    )


@time_machine.travel(TODAY)
def test_only_agencies_organise_and_dates_are_checked(world, login):
    assert login(world.users["office_officer"]).get(reverse("safety:create")).status_code == 403
    backwards = organise(login(world.users["city_officer"]), ends_on="2026-11-01")
    assert backwards.status_code == 400 and "完成期限不能早于开始日期" in backwards.content.decode()


@time_machine.travel(TODAY)
def test_campaign_page_queries_do_not_grow_with_the_people(world, login):
    from tests.factories import SuperviseeFactory

    organise(login(world.users["county_officer"]))
    campaign = ScreeningCampaign.objects.get()
    client = login(world.users["county_officer"])
    client.get(reverse("safety:campaign", args=[campaign.pk]))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("safety:campaign", args=[campaign.pk]))
    for _ in range(20):
        SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
    with CaptureQueriesContext(connection) as big:
        client.get(reverse("safety:campaign", args=[campaign.pk]))
    assert len(big.captured_queries) == len(small.captured_queries)
