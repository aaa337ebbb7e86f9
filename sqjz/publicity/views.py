"""The publicity pages (decision 0046): the posts the user may read (search by title, filter by kind and, for
publishers, by state; paged), a post, a new post and its change before its day, and its withdrawal.

Reading: every staff user (the city's posts and their county's; the city's officers: all). Writing:
PUBLICITY_PUBLISH, for the publisher's own area. Posts hold no personal records: opening one is not logged."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, staff_required
from sqjz.core.workflow import run_step
from sqjz.publicity import selectors, services
from sqjz.publicity.forms import PostForm, WithdrawForm
from sqjz.publicity.models import Post

PER_PAGE = 20
KINDS = {"": "全部", **dict(Post.Kind.choices)}
STATES = {"": "全部", "current": "正在显示", "scheduled": "待发布", "withdrawn": "已撤回"}
TOP = ("通知公告", "publicity:list")


def _crumbs(*rest) -> list:
    return [(TOP[0], reverse(TOP[1]) if rest else None), *rest]


@staff_required
def list_view(request: HttpRequest) -> HttpResponse:
    g, today = request.GET, timezone.localdate()
    q = g.get("q", "").strip()[:50]
    kind = g.get("kind", "") if g.get("kind", "") in KINDS else ""
    publishes, _ = selectors.publisher_area(request.user)
    state = g.get("state", "") if g.get("state", "") in STATES and publishes else ""
    posts = selectors.post_list(request.user, today, q=q, kind=kind, state=state)
    context = {
        "page": Paginator(posts, PER_PAGE).get_page(g.get("page")),
        "q": q,
        "kind": kind,
        "kinds": KINDS,
        "state": state,
        "states": STATES,
        "may_publish": publishes,
        "today": today,
        "crumbs": _crumbs(),
    }
    return render(request, "publicity/list.html", context)


@staff_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    post = selectors.get_post_for_user(request.user, pk, today)
    may_manage = selectors.may_manage(request.user, post)
    return _detail(request, post, may_manage, WithdrawForm() if may_manage else None)


def _detail(request: HttpRequest, post: Post, may_manage: bool, form: WithdrawForm | None) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "post": post,
        "today": today,
        "may_edit": may_manage and post.withdrawn_on is None and post.publish_on > today,
        "may_withdraw": may_manage and post.withdrawn_on is None,
        "form": form,
        "crumbs": _crumbs((post.title, None)),
    }
    return render(request, "publicity/detail.html", context)


def _form_page(request: HttpRequest, post: Post | None) -> HttpResponse:
    today = timezone.localdate()
    form = PostForm(
        request.POST or None, instance=post, initial={} if post else {"publish_on": today, "kind": Post.Kind.NOTICE}
    )
    title = f"修改：{post.title}" if post else "发布通知公告"
    crumbs = _crumbs(*([(post.title, reverse("publicity:detail", args=[post.pk]))] if post else []), (title, None))

    def rerender() -> HttpResponse:
        return render(request, "publicity/form.html", {"form": form, "post": post, "title": title, "crumbs": crumbs})

    if request.method != "POST":
        return rerender()
    saved: list[Post] = []
    response = run_step(
        request,
        form=form,
        act=lambda data: saved.append(services.post_save(actor=request.user, post=form.instance)),
        done="已保存。发布日期当天起在首页显示。",
        back_to=reverse("publicity:list"),
        rerender=rerender,
    )
    return redirect("publicity:detail", pk=saved[0].pk) if saved else response


@capability_required(Capability.PUBLICITY_PUBLISH)
def new_view(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@capability_required(Capability.PUBLICITY_PUBLISH)
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.get_post_for_user(request.user, pk, timezone.localdate())
    if not selectors.may_manage(request.user, post):
        raise Http404
    if post.withdrawn_on is not None or post.publish_on <= timezone.localdate():
        messages.info(request, "已经发布或撤回的通知公告不能修改；如有错误，请撤回后重新发布。")
        return redirect("publicity:detail", pk=post.pk)
    return _form_page(request, post)


@require_POST
@capability_required(Capability.PUBLICITY_PUBLISH)
def withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.get_post_for_user(request.user, pk, timezone.localdate())
    if not selectors.may_manage(request.user, post):
        raise Http404
    form = WithdrawForm(request.POST)
    back = reverse("publicity:detail", args=[post.pk])
    return run_step(
        request,
        form=form,
        act=lambda data: services.post_withdraw(actor=request.user, post=post, reason=data["reason"]),
        done="已撤回。",
        back_to=back,
        rerender=lambda: _detail(request, post, True, form),
    )
