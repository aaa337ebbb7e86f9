"""The medical re-examinations page of a person on medical parole (保外就医)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.context_processors import clear_draft
from sqjz.statute.registry import RULES
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user
from sqjz.supervision import services
from sqjz.supervision.forms import MedicalExaminationForm


@capability_required(Capability.SUPERVISEE_VIEW)
def medical_view(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        s = get_supervisee_for_user(request.user, pk)
        access_log_write(actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[pk], request=request)
    form = MedicalExaminationForm(initial={"examined_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        form = MedicalExaminationForm(request.POST)
        if not can_access(request.user, s, Access.EDIT):
            raise PermissionDenied
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
    applies = services.on_medical_parole(s)
    deadline = services.next_examination(s, examinations[0] if examinations else None) if applies else None
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
    return render(request, "supervision/medical.html", context, status=status)
