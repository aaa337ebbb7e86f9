"""Writes of posts, each one transaction (decision 0046). Who writes: PUBLICITY_PUBLISH (a county agency's officers
and head for their county, the city agency's officers for the city), for their own area only.

- A post is published from a day not before today, shown until an optional last day not before it; it may be
  changed only before its day comes.
- A post is never deleted: it is withdrawn, with a reason, and then no longer shown to its readers.
"""

from django.db import transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.publicity.models import BODY_MAX, REASON_MAX, TITLE_MAX, Post
from sqjz.publicity.selectors import publisher_area


class PublicityError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _area(actor) -> int | None:
    publishes, county = publisher_area(actor)
    if not publishes:
        raise PublicityError("您无权发布通知公告。")
    return county


def _check(post: Post) -> None:
    today = timezone.localdate()
    if post.kind not in Post.Kind.values:
        raise PublicityError("请选择类别。", "kind")
    post.title = (post.title or "").strip()
    if not post.title:
        raise PublicityError("请填写标题。", "title")
    if len(post.title) > TITLE_MAX:
        raise PublicityError(f"标题不能超过{TITLE_MAX}字。", "title")
    post.body = (post.body or "").replace("\r\n", "\n").strip()
    if not post.body:
        raise PublicityError("请填写正文。", "body")
    if len(post.body) > BODY_MAX:
        raise PublicityError(f"正文不能超过{BODY_MAX}字。", "body")
    if post.publish_on is None:
        raise PublicityError("请填写发布日期。", "publish_on")
    if post.publish_on < today:
        raise PublicityError("发布日期不能早于今天。", "publish_on")
    if post.until is not None and post.until < post.publish_on:
        raise PublicityError("显示至日期不能早于发布日期。", "until")


@transaction.atomic
def post_save(*, actor, post: Post) -> Post:
    """A new post of the actor's area, or one not yet published changed (the form's instance)."""
    county = _area(actor)
    _check(post)
    if post.pk is None:
        post.unit_id, post.county_id, post.published_by = actor.unit_id, county, actor
        post.save()
        return post
    locked = Post.objects.select_for_update().filter(pk=post.pk).first()
    if locked is None or locked.county_id != county:
        raise PublicityError("只能修改本单位发布的通知公告。")
    if locked.withdrawn_on is not None:
        raise PublicityError("该通知公告已撤回，不能修改。")
    if locked.publish_on <= timezone.localdate():
        raise PublicityError("该通知公告已经发布，不能修改；如有错误，请撤回后重新发布。")
    post.unit_id, post.county_id, post.published_by_id = locked.unit_id, locked.county_id, locked.published_by_id
    post.withdrawn_on, post.withdrawn_by, post.withdraw_reason = None, None, ""
    post.save()
    return post


@transaction.atomic
def post_withdraw(*, actor, post: Post, reason: str) -> Post:
    county = _area(actor)
    locked = Post.objects.select_for_update().filter(pk=post.pk).first()
    if locked is None or locked.county_id != county:
        raise PublicityError("只能撤回本单位发布的通知公告。")
    if locked.withdrawn_on is not None:
        raise PublicityError("该通知公告已经撤回。")
    reason = (reason or "").strip()
    if not reason:
        raise PublicityError("请填写撤回原因。", "reason")
    if len(reason) > REASON_MAX:
        raise PublicityError(f"撤回原因不能超过{REASON_MAX}字。", "reason")
    locked.withdrawn_on, locked.withdrawn_by, locked.withdraw_reason = timezone.localdate(), actor, reason
    locked.save(update_fields=["withdrawn_on", "withdrawn_by", "withdraw_reason"])
    return locked
