"""The demo's publicity and leading-group meetings (decisions 0046, 0047), on the test world with the demo's names
mapped to its officers."""

from django.utils import timezone

from sqjz.demo.leadership import seed_leadership
from sqjz.demo.publicity import seed_publicity
from sqjz.leadership import selectors as leadership
from sqjz.leadership.models import Meeting
from sqjz.publicity import selectors as publicity
from sqjz.publicity.models import Post


def test_the_demo_publishes_and_records_meetings(world):
    today = timezone.localdate()
    users = {"liujianguo": world.users["city_officer"], "zhangli": world.users["county_officer"]}
    seed_publicity(today=today, users=users)
    seed_leadership(today=today, users=users)
    assert Post.objects.count() == 3
    assert len(publicity.home_posts(world.users["office_officer"], today)) == 3
    assert [p.kind for p in publicity.phone_posts(world.people["A"], today)] == ["law"]
    assert Meeting.objects.count() == 2
    assert leadership.overdue_tasks(world.users["city_officer"], today).count() == 1
    seed_publicity(today=today, users=users)
    seed_leadership(today=today, users=users)
    assert Post.objects.count() == 3 and Meeting.objects.count() == 2  # once
