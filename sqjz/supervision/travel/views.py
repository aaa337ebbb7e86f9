"""Leave to travel: the page of one person (applications, decisions, return reports) and the list of
applications within jurisdiction."""

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.workflow import run_step
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import photo_viewed, supervisee_viewed
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user, jurisdiction_q
from sqjz.supervision.travel import duties, services
from sqjz.supervision.travel.forms import (
    FrequentTravelPermitForm,
    FrequentTripForm,
    PermitDecisionForm,
    TravelDecisionForm,
    TravelLeaveForm,
    TravelReturnForm,
)
from sqjz.supervision.travel.models import FrequentTravelPermit, TravelLeave
from sqjz.supervision.travel.selectors import TRAVEL_VIEWS, permit_valid, travel_list


def _travel_page(request: HttpRequest, s, *, forms: dict | None = None, status: int = 200) -> HttpResponse:
    forms = forms or {}
    today = timezone.localdate()
    leaves = list(s.travel_leaves.select_related("decided_by", "recorded_by", "supervisee__judicial_office__county"))
    ctx = statute_context()
    rows = []
    for leave in leaves:
        returns = duties.return_due(ctx, leave).outcome
        rows.append(
            {
                "leave": leave,
                "returns": returns,
                "overdue": leave.status == TravelLeave.Status.APPROVED and returns < today,
                "blocker": services.decide_blocker(request.user, leave),
                "decision_form": forms.get(("decision", leave.pk))
                or TravelDecisionForm(auto_id=f"decision{leave.pk}_%s"),
                "return_form": forms.get(("return", leave.pk))
                or TravelReturnForm(auto_id=f"return{leave.pk}_%s", initial={"returned_on": min(today, returns)}),
            }
        )
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    permits = []
    permits_of_s = s.frequent_travel_permits.select_related(
        "decided_by", "recorded_by", "supervisee__judicial_office"
    ).prefetch_related("trips")
    for permit in permits_of_s:
        permits.append(
            {
                "permit": permit,
                "valid": permit_valid(permit, today),
                "expired": permit.status == FrequentTravelPermit.Status.APPROVED and permit.valid_until < today,
                "trips": list(permit.trips.all()),
                "blocker": services.permit_decide_blocker(request.user, permit),
                "decision_form": forms.get(("permit_decision", permit.pk))
                or PermitDecisionForm(auto_id=f"permit_decision{permit.pk}_%s"),
                "trip_form": forms.get(("trip", permit.pk))
                or FrequentTripForm(permit=permit, auto_id=f"trip{permit.pk}_%s", initial={"start": today, "days": 1}),
            }
        )
    context = {
        "s": s,
        "rows": rows,
        "permits": permits,
        "editable": editable,
        "apply_form": forms.get("apply") or TravelLeaveForm(initial={"applied_on": today, "days": 1}),
        "permit_form": forms.get("permit")
        or FrequentTravelPermitForm(initial={"applied_on": today, "starts_on": today}),
        "expiry_rule": RULES["FREQUENT_TRAVEL_PERMIT_EXPIRY"],
        "rules": [
            RULES[c]
            for c in (
                "TRAVEL_LEAVE_APPROVER",
                "TRAVEL_LEAVE_LEAD_TIME",
                "TRAVEL_RETURN_DUE",
                "FREQUENT_TRAVEL_PERMIT_EXPIRY",
                "FREQUENT_TRAVEL_TRIP",
            )
        ],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("外出审批", None),
        ],
    }
    return render(request, "supervision/travel.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def travel_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _travel_page(request, s)


def _leave_step(request: HttpRequest, leave: TravelLeave, key, form, act, done: str) -> HttpResponse:
    s = leave.supervisee

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _travel_page(request, s, forms={key: form})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:travel", args=[s.pk]),
        rerender=rerender,
        draft_key=f"travel-{s.pk}" if key == "apply" else "",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = TravelLeaveForm(request.POST)
    leave = TravelLeave(supervisee=s)
    return _leave_step(
        request,
        leave,
        "apply",
        form,
        lambda _: services.travel_apply(actor=request.user, supervisee=s, leave=form.instance),
        "已登记外出申请，审批机关已按规定确定。",
    )


def _leave_for(request: HttpRequest, leave_id: int, access: Access) -> TravelLeave:
    leave = get_object_or_404(TravelLeave.objects.select_related("supervisee"), pk=leave_id)
    get_supervisee_for_user(request.user, leave.supervisee_id, access)  # 404 outside jurisdiction
    return leave


@require_POST
@capability_required(Capability.TRAVEL_DECIDE)
def travel_decide_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave_for(request, leave_id, Access.VIEW)
    form = TravelDecisionForm(request.POST, auto_id=f"decision{leave.pk}_%s")
    approve = request.POST.get("decision") == "approve"
    return _leave_step(
        request,
        leave,
        ("decision", leave.pk),
        form,
        lambda d: services.travel_decide(actor=request.user, leave=leave, approve=approve, reason=d["reason"]),
        "已批准外出。" if approve else "已作出不予批准决定。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_return_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave_for(request, leave_id, Access.EDIT)
    form = TravelReturnForm(request.POST, auto_id=f"return{leave.pk}_%s")
    return _leave_step(
        request,
        leave,
        ("return", leave.pk),
        form,
        lambda d: services.travel_return(actor=request.user, leave=leave, returned_on=d["returned_on"], note=d["note"]),
        "已销假。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_withdraw_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave_for(request, leave_id, Access.EDIT)
    return _leave_step(
        request, leave, None, None, lambda _: services.travel_withdraw(actor=request.user, leave=leave), "已撤回申请。"
    )


@capability_required(Capability.CASEWORK_VIEW)
def travel_list_view(request: HttpRequest) -> HttpResponse:
    """Leaves within jurisdiction: awaiting a decision, away now, or back late (逾期未销假)."""
    show = request.GET.get("show", "pending")
    show = show if show in TRAVEL_VIEWS else "pending"
    today = timezone.localdate()
    leaves = travel_list(request.user, show, today)
    page = Paginator(leaves, 20).get_page(request.GET.get("page"))
    ctx = statute_context()
    rows = [(leave, duties.return_due(ctx, leave).outcome) for leave in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "show": show,
        "views": TRAVEL_VIEWS,
        "today": today,
        "crumbs": [("外出审批", None)],
    }
    return render(request, "supervision/travel_list.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def travel_evidence_view(request: HttpRequest, leave_id: int) -> FileResponse:
    visible = TravelLeave.objects.filter(jurisdiction_q(request.user, prefix="supervisee__"))
    leave = get_object_or_404(visible, pk=leave_id)
    return photo_viewed(request, leave.supervisee_id, leave.evidence_photo)


# Frequent cross-county travel (经常性跨市、县活动)


def _permit_step(request: HttpRequest, s, key, form, act, done: str) -> HttpResponse:
    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _travel_page(request, s, forms={key: form})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:travel", args=[s.pk]),
        rerender=rerender,
        draft_key=f"travel-permit-{s.pk}" if key == "permit" else "",
    )


def _permit_for(request: HttpRequest, permit_id: int, access: Access) -> FrequentTravelPermit:
    permit = get_object_or_404(FrequentTravelPermit.objects.select_related("supervisee"), pk=permit_id)
    get_supervisee_for_user(request.user, permit.supervisee_id, access)  # 404 outside jurisdiction
    return permit


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_permit_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = FrequentTravelPermitForm(request.POST)
    return _permit_step(
        request,
        s,
        "permit",
        form,
        lambda _: services.permit_apply(actor=request.user, supervisee=s, permit=form.instance),
        "已登记经常性跨市、县活动申请，报县级社区矫正机构审批。",
    )


@require_POST
@capability_required(Capability.TRAVEL_DECIDE)
def travel_permit_decide_view(request: HttpRequest, permit_id: int) -> HttpResponse:
    permit = _permit_for(request, permit_id, Access.VIEW)
    form = PermitDecisionForm(request.POST, auto_id=f"permit_decision{permit.pk}_%s")
    approve = request.POST.get("decision") == "approve"
    return _permit_step(
        request,
        permit.supervisee,
        ("permit_decision", permit.pk),
        form,
        lambda d: services.permit_decide(actor=request.user, permit=permit, approve=approve, reason=d["reason"]),
        "已批准经常性跨市、县活动。" if approve else "已作出不予批准决定。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_trip_report_view(request: HttpRequest, permit_id: int) -> HttpResponse:
    permit = _permit_for(request, permit_id, Access.EDIT)
    form = FrequentTripForm(request.POST, permit=permit, auto_id=f"trip{permit.pk}_%s")
    return _permit_step(
        request,
        permit.supervisee,
        ("trip", permit.pk),
        form,
        lambda _: services.trip_report(actor=request.user, permit=permit, trip=form.instance),
        "已登记外出报告。",
    )
