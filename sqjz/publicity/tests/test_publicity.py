"""Publicity (PUB-1, decision 0046): the agencies publish notices and typical cases to the staff of their area (the
home page's panel, the list) and, where they choose, to the phones of the people under correction; a post is
changed only before its day and withdrawn, never deleted."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sqjz.publicity import selectors, services
from sqjz.publicity.models import Post
from sqjz.publicity.services import PublicityError

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def publish(w, actor="county_officer", **fields) -> Post:
    values = {
        "kind": "notice",
        "title": "关于开展集中教育的通知",
        "body": "各司法所：\n\n请按时组织。",
        "publish_on": TODAY,
    }
    return services.post_save(actor=w.users[actor], post=Post(**(values | fields)))


def form(**changes) -> dict:
    return {"kind": "notice", "title": "通知", "body": "正文", "publish_on": TODAY.isoformat()} | changes


@time_machine.travel(TODAY)
def test_a_county_post_reaches_its_county_and_the_city_only(world):
    post = publish(world)
    assert post.county_id == world.hongta.pk and post.unit_id == world.units["hongta_agency"].pk
    for persona in ("office_officer", "other_office_officer", "judge", "police", "procurator", "evaluator"):
        assert post in selectors.posts_for(world.users[persona], TODAY), persona
        assert post in selectors.home_posts(world.users[persona], TODAY), persona
    for persona in ("other_county_officer", "other_procurator", "prison_officer", "admin"):
        assert post not in selectors.posts_for(world.users[persona], TODAY), persona
    assert post in selectors.posts_for(world.users["city_officer"], TODAY)  # the city follows the counties
    assert post not in selectors.home_posts(world.users["city_officer"], TODAY)  # but its home page is its own


@time_machine.travel(TODAY)
def test_a_city_post_reaches_everyone(world):
    post = publish(world, actor="city_officer", kind="case", title="典型案例")
    assert post.county_id is None
    for persona in ("office_officer", "other_county_officer", "prison_officer", "admin", "volunteer"):
        assert post in selectors.home_posts(world.users[persona], TODAY), persona


@time_machine.travel(TODAY)
def test_the_home_panel_shows_the_latest_pinned_first_with_more(world):
    for i in range(6):
        publish(world, title=f"通知{i}")
    publish(world, actor="city_officer", title="置顶通知", pinned=True, publish_on=TODAY)
    publish(world, title="明天的通知", publish_on=TODAY + timedelta(days=1))
    html = client_for(world.users["office_officer"]).get(reverse("workbench:home")).content.decode()
    assert 'data-testid="publicity-panel"' in html
    assert html.index("置顶通知") < html.index("通知5")
    assert "通知0" not in html and "明天的通知" not in html  # five shown; tomorrow's not yet
    assert reverse("publicity:list") in html


@time_machine.travel(TODAY)
def test_the_home_page_has_no_panel_without_posts(world):
    html = client_for(world.users["office_officer"]).get(reverse("workbench:home")).content.decode()
    assert 'data-testid="publicity-panel"' not in html


@time_machine.travel(TODAY)
def test_phones_show_only_posts_marked_for_them_of_their_area(world):
    publish(world, title="只给工作人员")
    publish(world, title="给矫正对象的通知", to_supervisees=True)
    publish(world, actor="other_county_officer", title="江川区的通知", to_supervisees=True)
    publish(world, actor="city_officer", title="全市法治宣传", kind="law", to_supervisees=True)
    titles = [p.title for p in selectors.phone_posts(world.people["A"], TODAY)]
    assert sorted(titles) == ["全市法治宣传", "给矫正对象的通知"]
    html = client_for(world.users["supervisee"]).get(reverse("mobile:home")).content.decode()
    assert 'data-testid="notices"' in html and "给矫正对象的通知" in html and "只给工作人员" not in html


@time_machine.travel(TODAY)
def test_publishing_on_the_page(world):
    client = client_for(world.users["county_head"])
    response = client.post(
        reverse("publicity:new"), form(title="新的通知", body="第一段\n\n第二段", to_supervisees="on")
    )
    post = Post.objects.get(title="新的通知")
    assert response.status_code == 302 and post.to_supervisees and post.published_by == world.users["county_head"]
    html = client_for(world.users["office_officer"]).get(reverse("publicity:detail", args=[post.pk])).content.decode()
    assert "<p>第一段</p>" in html and "<p>第二段</p>" in html


@time_machine.travel(TODAY)
def test_bad_input_is_refused_naming_the_field(world):
    client = client_for(world.users["county_officer"])
    cases = [
        (form(title=""), "请填写标题"),
        (form(body="  "), "请填写正文"),
        (form(kind="other"), "请选择类别"),
        (form(publish_on="2026-13-01"), "2026-11-28"),
        (form(publish_on=(TODAY - timedelta(days=1)).isoformat()), "发布日期不能早于今天"),
        (form(until=(TODAY - timedelta(days=1)).isoformat()), "显示至日期不能早于发布日期"),
        (form(body="字" * 5001), "正文不能超过"),
    ]
    for data, says in cases:
        response = client.post(reverse("publicity:new"), data)
        assert response.status_code == 400 and says in response.content.decode(), says
    assert not Post.objects.exists()


@time_machine.travel(TODAY)
def test_html_is_shown_as_text(world):
    post = publish(world, body="<script>alert(1)</script>")
    html = client_for(world.users["office_officer"]).get(reverse("publicity:detail", args=[post.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


@time_machine.travel(TODAY)
def test_a_post_is_changed_only_before_its_day(world):
    later = publish(world, publish_on=TODAY + timedelta(days=3))
    client = client_for(world.users["county_officer"])
    response = client.post(
        reverse("publicity:edit", args=[later.pk]),
        form(title="改过的", publish_on=(TODAY + timedelta(days=2)).isoformat()),
    )
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.title == "改过的" and later.publish_on == TODAY + timedelta(days=2)
    assert later not in selectors.posts_for(world.users["office_officer"], TODAY)  # not yet published
    now = publish(world)
    assert client.get(reverse("publicity:edit", args=[now.pk])).status_code == 302  # sent back to the post
    now.title = "不能改"
    with pytest.raises(PublicityError, match="已经发布"):
        services.post_save(actor=world.users["county_officer"], post=now)
    with pytest.raises(PublicityError, match="只能修改本单位"):
        services.post_save(actor=world.users["other_county_officer"], post=later)


@time_machine.travel(TODAY)
def test_withdrawing_needs_a_reason_and_hides_the_post(world):
    post = publish(world, to_supervisees=True)
    client = client_for(world.users["county_officer"])
    url = reverse("publicity:withdraw", args=[post.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "请填写撤回原因" in response.content.decode()
    assert client.post(url, {"reason": "内容有误"}).status_code == 302
    post.refresh_from_db()
    assert post.withdrawn_on == TODAY and post.withdraw_reason == "内容有误"
    assert post not in selectors.posts_for(world.users["office_officer"], TODAY)
    assert post not in selectors.phone_posts(world.people["A"], TODAY)
    assert post in selectors.posts_for(world.users["county_head"], TODAY)  # its publishers still see it
    html = client.get(reverse("publicity:list") + "?state=withdrawn").content.decode()
    assert "已撤回" in html and post.title in html
    with pytest.raises(PublicityError, match="已经撤回"):
        services.post_withdraw(actor=world.users["county_officer"], post=post, reason="再次")


@time_machine.travel(TODAY)
def test_the_list_searches_filters_and_pages(world):
    for i in range(25):
        publish(world, title=f"通知{i:02d}")
    publish(world, kind="case", title="典型案例一")
    client = client_for(world.users["judge"])
    html = client.get(reverse("publicity:list") + "?kind=case").content.decode()
    assert "典型案例一" in html and "通知00" not in html
    html = client.get(reverse("publicity:list") + "?q=通知0").content.decode()
    assert "通知09" in html and "通知10" not in html
    page1 = client.get(reverse("publicity:list")).content.decode()
    assert "1/2" in page1 and "发布通知公告" not in page1  # a judge reads, does not publish
    assert client.get(reverse("publicity:list") + "?page=x&kind=bad&state=bad").status_code == 200
