"""Approvals under a prohibition order: the page of one person (applications, decisions, and for an approved window
the check-ins made during it) and the list of applications within jurisdiction."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.workflow import run_step
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user
from sqjz.supervision.places import services
from sqjz.supervision.places.forms import EntryDecisionForm, EntryForm
from sqjz.supervision.places.models import SpecialPlaceEntry
from sqjz.supervision.places.selectors import ENTRY_VIEWS, entry_list

# The check-ins shown under one approved window (the newest ones if more).
WINDOW_CHECKINS = 20


def _checkins_during(s, entries: list[SpecialPlaceEntry]) -> dict[int, list]:
    """The person's check-ins inside each approved window: one query over the span of all of them. (Read through
    the person's records rather than the check-ins' selectors: check-ins ask this area about windows, so this area
    must not import theirs.)"""
    approved = [e for e in entries if e.status == SpecialPlaceEntry.Status.APPROVED]
    if not approved:
        return {}
    first, last = min(e.window_from for e in approved), max(e.window_to for e in approved)
    checkins = list(
        s.checkins.filter(checked_at__gte=first, checked_at__lte=last)
        .order_by("checked_at")
        .only("id", "checked_at", "latitude", "longitude", "accuracy")[:500]
    )
    return {
        e.pk: [c for c in checkins if e.window_from <= c.checked_at <= e.window_to][-WINDOW_CHECKINS:] for e in approved
    }


def _places_page(request: HttpRequest, s, *, forms: dict | None = None, status: int = 200) -> HttpResponse:
    forms = forms or {}
    now = timezone.now()
    entries = list(s.place_entries.select_related("order", "decided_by", "recorded_by", "notice"))
    during = _checkins_during(s, entries)
    rows = [
        {
            "entry": e,
            "blocker": services.decide_blocker(request.user, e),
            "decision_form": forms.get(("decision", e.pk)) or EntryDecisionForm(auto_id=f"entry_decision{e.pk}_%s"),
            "checkins": during.get(e.pk, []),
            "current": e.status == SpecialPlaceEntry.Status.APPROVED and e.window_from <= now <= e.window_to,
        }
        for e in entries
    ]
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    apply_form = forms.get("apply") or EntryForm(supervisee=s, initial={"applied_on": timezone.localdate()})
    context = {
        "s": s,
        "rows": rows,
        "editable": editable,
        "orders": list(s.prohibition_orders.all()),
        "has_orders": apply_form.fields["order"].queryset.exists(),
        "apply_form": apply_form,
        "rules": [
            RULES[c]
            for c in ("SPECIAL_PLACE_ENTRY_APPROVER", "SPECIAL_PLACE_ENTRY_WINDOW", "SPECIAL_PLACE_ENTRY_DECISION_DUE")
        ],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("进入特定场所", None),
        ],
    }
    return render(request, "supervision/places.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def places_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _places_page(request, s)


def _step(request: HttpRequest, s, key, form, act, done: str) -> HttpResponse:
    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _places_page(request, s, forms={key: form})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:places", args=[s.pk]),
        rerender=rerender,
        draft_key=f"places-{s.pk}" if key == "apply" else "",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def place_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = EntryForm(request.POST, supervisee=s)
    return _step(
        request,
        s,
        "apply",
        form,
        lambda _: services.entry_apply(actor=request.user, supervisee=s, entry=form.instance),
        "已登记申请，报县级社区矫正机构审批。",
    )


def _entry_for(request: HttpRequest, entry_id: int, access: Access) -> SpecialPlaceEntry:
    entry = get_object_or_404(SpecialPlaceEntry.objects.select_related("supervisee"), pk=entry_id)
    get_supervisee_for_user(request.user, entry.supervisee_id, access)  # 404 outside jurisdiction
    return entry


@require_POST
@capability_required(Capability.TRAVEL_DECIDE)
def place_decide_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_for(request, entry_id, Access.VIEW)
    form = EntryDecisionForm(request.POST, auto_id=f"entry_decision{entry.pk}_%s")
    approve = request.POST.get("decision") == "approve"
    return _step(
        request,
        entry.supervisee,
        ("decision", entry.pk),
        form,
        lambda d: services.entry_decide(actor=request.user, entry=entry, approve=approve, reason=d["reason"]),
        "已批准，并已制作告知人民检察院的函。" if approve else "已作出不予批准决定。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def place_withdraw_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_for(request, entry_id, Access.EDIT)
    return _step(
        request,
        entry.supervisee,
        None,
        None,
        lambda _: services.entry_withdraw(actor=request.user, entry=entry),
        "已撤回申请。",
    )


@capability_required(Capability.CASEWORK_VIEW)
def place_list_view(request: HttpRequest) -> HttpResponse:
    """Applications within jurisdiction: awaiting a decision, approved, or all; searchable by name."""
    show = request.GET.get("show", "pending")
    show = show if show in ENTRY_VIEWS else "pending"
    q = request.GET.get("q", "").strip()[:20]
    page = Paginator(entry_list(request.user, show, q), 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "show": show,
        "q": q,
        "views": ENTRY_VIEWS,
        "now": timezone.now(),
        "crumbs": [("进入特定场所", None)],
    }
    return render(request, "supervision/place_list.html", context)
