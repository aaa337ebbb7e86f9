"""The medical re-examination page of one person on medical parole (保外就医)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.context_processors import clear_draft
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import CorrectionType
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user
from sqjz.supervision.medical import duties, services
from sqjz.supervision.medical.forms import MedicalExaminationForm


@capability_required(Capability.SUPERVISEE_VIEW)
def medical_view(request: HttpRequest, pk: int) -> HttpResponse:
    posting = request.method == "POST"
    if posting and not can_access(request.user, get_supervisee_for_user(request.user, pk), Access.EDIT):
        raise PermissionDenied  # before the view is logged: a refused form shows nothing of the record
    s = supervisee_viewed(request, pk)
    form = MedicalExaminationForm(initial={"examined_on": timezone.localdate()})
    status = 200
    if posting:
        form = MedicalExaminationForm(request.POST)
        if form.is_valid():
            try:
                services.examination_record(actor=request.user, supervisee=s, examination=form.instance)
            except services.SupervisionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                clear_draft(request, f"medical-{pk}")
                messages.success(request, "已登记病情复查，下次复查期限已更新。")
                return redirect("supervision:medical", pk=pk)
        status = 400
    examinations = list(s.medical_examinations.select_related("recorded_by"))
    applies = duties.on_medical_parole(s)
    last_examined = examinations[0].examined_on if examinations else None
    deadline = (
        duties.reexamination_due(statute_context(), term_start=s.term_start, last_examined=last_examined)
        if applies
        else None
    )
    context = {
        "s": s,
        "applies": applies,
        "examinations": examinations,
        "deadline": deadline,
        "days_left": (deadline.outcome - timezone.localdate()).days if deadline else None,
        "rule": RULES["MEDICAL_REEXAMINATION_DUE"],
        "form": form,
        "editable": applies and s.status == "under_correction" and can_access(request.user, s, Access.EDIT),
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("病情复查", None),
        ],
    }
    context["health_reports"] = list(s.health_reports.select_related("read_by")[:24])
    context["reports_apply"] = s.correction_type == CorrectionType.TEMPORARY_RELEASE
    context["health_rule"] = RULES["HEALTH_REPORT_DUE"]
    context["may_read"] = can_access(request.user, s, Access.EDIT)
    return render(request, "supervision/medical.html", context, status=status)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def health_read_view(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    try:
        services.health_report_read(actor=request.user, supervisee=s, report_id=report_id)
    except services.SupervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已阅知身体情况报告。")
    return redirect("supervision:medical", pk=pk)
