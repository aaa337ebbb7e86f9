"""Electronic monitoring of one person: proposal, the bureau head's decision and extensions, release."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.statute.registry import RULES
from sqjz.statute.rules.monitoring import MONITORING_GROUNDS
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user
from sqjz.supervision.monitoring import services
from sqjz.supervision.monitoring.forms import (
    MonitoringDecisionForm,
    MonitoringEndForm,
    MonitoringExtendForm,
    MonitoringForm,
)
from sqjz.supervision.monitoring.models import ElectronicMonitoring


def _monitoring_page(request: HttpRequest, s, *, forms: dict | None = None) -> HttpResponse:
    forms = forms or {}
    today = timezone.localdate()
    monitorings = list(s.monitorings.select_related("proposed_by", "decided_by").prefetch_related("extensions"))
    current = next((m for m in monitorings if m.status in ("proposed", "active")), None)
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    is_head = has_capability(request.user, Capability.MONITORING_APPROVE) and request.user.unit.county_id == (
        s.judicial_office.county_id
    )
    context = {
        "s": s,
        "monitorings": monitorings,
        "current": current,
        "days_left": (current.end - today).days if current else None,
        "editable": editable,
        "is_head": is_head,
        "grounds": MONITORING_GROUNDS,
        "propose_form": forms.get("propose") or MonitoringForm(initial={"start": today, "months": 3}),
        "decision_form": forms.get("decision") or MonitoringDecisionForm(),
        "extend_form": forms.get("extend") or MonitoringExtendForm(),
        "end_form": forms.get("end") or MonitoringEndForm(initial={"ended_on": today}),
        "rules": [RULES[c] for c in ("ELECTRONIC_MONITORING_GROUNDS", "ELECTRONIC_MONITORING_PERIOD")],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("电子定位", None),
        ],
    }
    return render(request, "supervision/monitoring.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def monitoring_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _monitoring_page(request, s)


def _monitoring_step(request: HttpRequest, s, key: str, form, act, done: str) -> HttpResponse:
    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _monitoring_page(request, s, forms={key: form})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:monitoring", args=[s.pk]),
        rerender=rerender,
        draft_key=f"monitoring-{s.pk}" if key == "propose" else "",
    )


def _monitoring_for(request: HttpRequest, monitoring_id: int, access: Access) -> ElectronicMonitoring:
    m = get_object_or_404(ElectronicMonitoring.objects.select_related("supervisee"), pk=monitoring_id)
    get_supervisee_for_user(request.user, m.supervisee_id, access)  # 404 outside jurisdiction
    return m


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = MonitoringForm(request.POST)
    return _monitoring_step(
        request,
        s,
        "propose",
        form,
        lambda _: services.monitoring_propose(actor=request.user, supervisee=s, monitoring=form.instance),
        "已提请使用电子定位装置，待县级司法行政部门负责人批准。",
    )


@require_POST
@capability_required(Capability.MONITORING_APPROVE)
def monitoring_decide_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.VIEW)
    form = MonitoringDecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    return _monitoring_step(
        request,
        m.supervisee,
        "decision",
        form,
        lambda d: services.monitoring_decide(actor=request.user, monitoring=m, approve=approve, reason=d["reason"]),
        "已批准使用电子定位装置。" if approve else "已作出不予批准决定。",
    )


@require_POST
@capability_required(Capability.MONITORING_APPROVE)
def monitoring_extend_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.VIEW)
    form = MonitoringExtendForm(request.POST)
    return _monitoring_step(
        request,
        m.supervisee,
        "extend",
        form,
        lambda d: services.monitoring_extend(actor=request.user, monitoring=m, months=d["months"], reason=d["reason"]),
        "已批准延长电子定位期限。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_end_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.EDIT)
    form = MonitoringEndForm(request.POST)
    return _monitoring_step(
        request,
        m.supervisee,
        "end",
        form,
        lambda d: services.monitoring_end(actor=request.user, monitoring=m, ended_on=d["ended_on"], reason=d["reason"]),
        "已解除电子定位。",
    )
