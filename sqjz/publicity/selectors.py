"""Reads of posts (decision 0046). Every staff user reads the city's posts and those of the county their unit lies
in (correction staff, judges, procurators, police, helpers of the county alike); the city agency's officers read
every county's too. Publishers (PUBLICITY_PUBLISH) also see their own area's posts not yet published or withdrawn.
A person under correction reads, on the phone, the current posts marked for them of the city and of their county."""

from datetime import date

from django.db.models import Q, QuerySet, Subquery
from django.http import Http404

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.organisation.models import Unit
from sqjz.publicity.models import Post

HOME_SHOWN = 5
PHONE_SHOWN = 5


def published(day: date) -> Q:
    return Q(publish_on__lte=day, withdrawn_on__isnull=True)


def current(day: date) -> Q:
    """Published and not past its last day: what the home page and the phones show."""
    return published(day) & (Q(until__isnull=True) | Q(until__gte=day))


def _own_county(user) -> Q:
    """The city's posts and those of the user's county (one subquery, no query of its own)."""
    if user.unit_id is None:
        return Q(county__isnull=True)
    county = Subquery(Unit.objects.filter(pk=user.unit_id).values("county_id")[:1])
    return Q(county__isnull=True) | Q(county_id=county)


def publisher_area(user) -> tuple[bool, int | None]:
    """(whether the user publishes, the county they publish for or None for the city)."""
    if not has_capability(user, Capability.PUBLICITY_PUBLISH) or user.unit is None:
        return False, None
    return True, user.unit.county_id


def _readable(user) -> Q:
    return Q() if user.role == Role.CITY_OFFICER else _own_county(user)


def posts_for(user, day: date) -> QuerySet[Post]:
    """The posts `user` may open: published ones of their area, and their own area's others if they publish."""
    visible = published(day)
    publishes, county = publisher_area(user)
    if publishes:
        visible |= Q(county_id=county) if county is not None else Q(county__isnull=True)
    return Post.objects.filter(_readable(user)).filter(visible)


def post_list(user, day: date, *, q: str = "", kind: str = "", state: str = "") -> QuerySet[Post]:
    posts = posts_for(user, day)
    if q:
        posts = posts.filter(title__icontains=q)
    if kind:
        posts = posts.filter(kind=kind)
    if state == "scheduled":
        posts = posts.filter(publish_on__gt=day, withdrawn_on__isnull=True)
    elif state == "withdrawn":
        posts = posts.filter(withdrawn_on__isnull=False)
    elif state == "current":
        posts = posts.filter(current(day))
    return posts.select_related("unit").order_by("-pinned", "-publish_on", "-id")


def get_post_for_user(user, pk: int, day: date) -> Post:
    post = posts_for(user, day).select_related("unit", "published_by", "withdrawn_by").filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def may_manage(user, post: Post) -> bool:
    publishes, county = publisher_area(user)
    return publishes and post.county_id == county


def home_posts(user, day: date) -> list[Post]:
    """The latest current posts for a staff user's home page, pinned first (the city's officers: the city's own)."""
    posts = Post.objects.filter(current(day)).filter(_own_county(user))
    return list(posts.select_related("unit").order_by("-pinned", "-publish_on", "-id")[:HOME_SHOWN])


def phone_posts(supervisee, day: date) -> list[Post]:
    """The current posts marked for people under correction, of the city and of the person's county."""
    area = Q(county__isnull=True) | Q(county_id=supervisee.county_id)
    posts = Post.objects.filter(current(day), area, to_supervisees=True)
    return list(posts.select_related("unit").order_by("-pinned", "-publish_on", "-id")[:PHONE_SHOWN])
