"""Community evaluators (社区矫正评议员, TEAM-4) rate the people of their village for the period the office assesses
next; the office sees the ratings on the assessment page, and its form's evaluator views are filled from them."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from sqjz.assessment.models import CommunityRating

RATING = {"law_abiding": "good", "compliance": "fair", "education": "average", "community_service": "good"}


def test_an_evaluator_rates_their_village_and_the_office_reads_it_in_the_assessment(world, login):
    a, evaluator = world.people["A"], world.users["evaluator"]
    client = login(evaluator)
    listing = client.get(reverse("assessment:ratings")).content.decode()
    assert a.name in listing and "待评议" in listing
    assert world.people["B"].name not in listing  # another village
    bad = client.post(reverse("assessment:rating", args=[a.pk]), RATING | {"education": ""})
    assert bad.status_code == 400 and "请选择“参加教育学习”的评议结果。" in bad.content.decode()
    done = client.post(reverse("assessment:rating", args=[a.pk]), RATING | {"note": "邻里反映良好"})
    assert done.status_code == 302
    rating = CommunityRating.objects.get(supervisee=a, evaluator=evaluator)
    assert rating.summary() == "遵纪守法好、服从监督管理较好、参加教育学习一般、参加公益活动好"
    # Saving again replaces the evaluator's rating of the period.
    client.post(reverse("assessment:rating", args=[a.pk]), RATING | {"education": "good", "note": "邻里反映良好"})
    assert CommunityRating.objects.get(supervisee=a, evaluator=evaluator).education == "good"
    assert "修改" in client.get(reverse("assessment:ratings")).content.decode()
    # Outside the village: not found; the office's officer cannot rate.
    assert client.get(reverse("assessment:rating", args=[world.people["B"].pk])).status_code == 404
    office = login(world.users["office_officer"])
    assert office.post(reverse("assessment:rating", args=[a.pk]), RATING).status_code == 403
    page = office.get(reverse("assessment:case", args=[a.pk])).content.decode()
    assert 'data-testid="assessment-ratings"' in page and "邻里反映良好" in page
    assert rating.period_end.isoformat() and evaluator.full_name in page


def test_once_the_period_ends_the_assessment_form_carries_the_ratings(world, login):
    a, evaluator = world.people["A"], world.users["evaluator"]
    login(evaluator).post(reverse("assessment:rating", args=[a.pk]), RATING | {"note": "按时参加社区活动"})
    end = CommunityRating.objects.get(supervisee=a).period_end
    with time_machine.travel(end + timedelta(days=1)):
        page = login(world.users["office_officer"]).get(reverse("assessment:case", args=[a.pk])).content.decode()
    views = page.split('name="evaluator_views"')[1].split("</textarea>")[0]
    assert f"{evaluator.full_name}：遵纪守法好、服从监督管理较好" in views and "按时参加社区活动" in views


def test_the_evaluator_finds_the_period_to_rate_on_the_home_page_until_rated(world, login):
    from django.utils import timezone

    from sqjz.assessment.selectors import village_ratings
    from sqjz.inbox.models import InboxItem
    from sqjz.inbox.services import inbox_refresh
    from sqjz.rulebook.selectors import statute_context

    a, evaluator = world.people["A"], world.users["evaluator"]
    row = next(r for r in village_ratings(statute_context(), evaluator, timezone.localdate()) if r.person == a)
    with time_machine.travel(row.period.end - timedelta(days=30)):
        inbox_refresh(area="assessment")
        item = InboxItem.objects.get(kind="community_rating", state="open")
        assert item.actor_user == evaluator and item.due == row.period.end
        client = login(evaluator)
        assert "社区评议" in client.get(reverse("workbench:home")).content.decode()
        for person in (r.person for r in village_ratings(statute_context(), evaluator, timezone.localdate())):
            client.post(reverse("assessment:rating", args=[person.pk]), RATING)
        assert not InboxItem.objects.filter(kind="community_rating", state="open").exists()
        assert not login(world.users["office_officer"]).get(reverse("workbench:home")).context["mine"].paginator.count
