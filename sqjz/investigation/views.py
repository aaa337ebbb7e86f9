"""Pages of the investigation workflow: list, commission registration, and one workflow page whose
steps (调查走访 → 评估意见 → 审批 → 送达 → 采纳情况) post to their own URLs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.context_processors import clear_draft
from sqjz.core.http import int_param
from sqjz.core.identity import mask_identity
from sqjz.core.workflow import run_step
from sqjz.investigation import duties, services
from sqjz.investigation.forms import (
    AdoptionForm,
    CommissionForm,
    DecisionForm,
    DeliveryForm,
    FindingsForm,
    InterviewForm,
)
from sqjz.investigation.models import Investigation
from sqjz.investigation.selectors import InvestigationFilter, get_investigation_for_user, investigation_list
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.permissions import Access
from sqjz.supervisees.selectors import register_filter_options

S = Investigation.Status
# (step, the statuses in which it is the current step, who does it)
STEPS = [
    ("委托登记", (), "司法所或县级社区矫正机构"),
    ("调查走访", (S.INVESTIGATING,), "承办司法所"),
    ("县级审批", (S.PENDING_APPROVAL,), "县级社区矫正机构负责人"),
    ("送达抄送", (S.APPROVED,), "承办司法所"),
    ("采纳情况", (S.DELIVERED,), "承办司法所"),
]
ORDER = [S.INVESTIGATING, S.PENDING_APPROVAL, S.APPROVED, S.DELIVERED, S.CLOSED]
LIST_CRUMB = ("调查评估", "investigation:list")


@capability_required(Capability.INVESTIGATION_VIEW)
def investigation_list_view(request: HttpRequest) -> HttpResponse:
    g = request.GET
    f = InvestigationFilter(
        q=g.get("q", "").strip()[:50],
        status=g.get("status", "") if g.get("status") in S.values else "",
        county=int_param(g.get("county")),
        office=int_param(g.get("office")),
    )
    page = Paginator(investigation_list(request.user, f), 20).get_page(g.get("page"))
    ctx = statute_context()
    rows = []
    for inv in page.object_list:
        due = None
        if inv.is_open:
            due = duties.deadline(ctx, inv).outcome.due
        rows.append((inv, due, (due - timezone.localdate()).days if due else None))
    counties, offices = register_filter_options(request.user, f.county)
    context = {
        "page": page,
        "rows": rows,
        "filter": f,
        "statuses": S.choices,
        "counties": counties,
        "offices": offices,
        "can_register": has_capability(request.user, Capability.INVESTIGATION_EDIT),
        "crumbs": [("调查评估", None)],
    }
    return render(request, "investigation/list.html", context)


@capability_required(Capability.INVESTIGATION_EDIT)
def investigation_create_view(request: HttpRequest) -> HttpResponse:
    draft_key = "investigation-new"
    form = CommissionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            inv = services.investigation_register(actor=request.user, investigation=form.instance)
        except services.InvestigationError as error:
            form.add_error(error.field, error.message)
        else:
            clear_draft(request, draft_key)
            messages.success(request, f"已登记对{inv.name}的调查评估委托，期限已开始计算。")
            return redirect("investigation:detail", pk=inv.pk)
    context = {
        "form": form,
        "draft_key": draft_key,
        "crumbs": [("调查评估", reverse("investigation:list")), ("登记委托", None)],
    }
    return render(request, "investigation/create.html", context)


def _detail(request: HttpRequest, inv: Investigation, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    editable = services.can_edit(user, inv)
    interviews = list(inv.interviews.select_related("recorded_by"))
    checklist = services.investigation_checklist(inv, {i.kind for i in interviews})
    deadline = duties.deadline(statute_context(), inv)
    today = timezone.localdate()
    reached = ORDER.index(inv.status)
    steps = [
        {
            "label": label,
            "owner": owner,
            "state": "active" if inv.status in statuses else "done" if i <= reached else "todo",
        }
        for i, (label, statuses, owner) in enumerate(STEPS)
    ]
    can_approve = editable and has_capability(user, Capability.INVESTIGATION_APPROVE)
    context = {
        "inv": inv,
        "id_number": inv.id_number
        if has_capability(user, Capability.SUPERVISEE_VIEW_IDENTITY)
        else mask_identity(inv.id_number),
        "interviews": interviews,
        "checklist": checklist,
        "missing": [item for item in checklist if not item.done],
        "steps": steps,
        "deadline": deadline,
        "days_left": (deadline.outcome.due - today).days,
        "rule": RULES[deadline.rule],
        "editable": editable,
        "can_approve": can_approve,
        "interview_form": forms.get("interview_form") or InterviewForm(initial={"interviewed_on": today}),
        "findings_form": forms.get("findings_form") or FindingsForm(instance=inv),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "delivery_form": forms.get("delivery_form")
        or DeliveryForm(initial={"delivered_on": today, "copied_on": today}),
        "adoption_form": forms.get("adoption_form") or AdoptionForm(),
        "documents": list(inv.documents.all()),
        "history": list(inv.history.select_related("history_user").order_by("-history_date")[:50]),
        "crumbs": [("调查评估", reverse("investigation:list")), (inv.name, None)],
    }
    return render(request, "investigation/detail.html", context, status=status)


@capability_required(Capability.INVESTIGATION_VIEW)
def investigation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        inv = get_investigation_for_user(request.user, pk)
        access_log_write(actor=request.user, action=AccessLog.Action.VIEW, investigation_ids=[pk], request=request)
    return _detail(request, inv)


def _step(request: HttpRequest, pk: int, form_name: str, form, act, done: str) -> HttpResponse:
    inv = get_investigation_for_user(request.user, pk, Access.EDIT)

    def rerender() -> HttpResponse:
        inv.refresh_from_db()
        return _detail(request, inv, **{form_name: form})

    return run_step(
        request,
        form=form,
        act=lambda data: act(inv, data),
        done=done,
        back_to=reverse("investigation:detail", args=[pk]),
        rerender=rerender,
        draft_key=f"investigation-{pk}-{form_name.removesuffix('_form')}",
    )


@require_POST
@capability_required(Capability.INVESTIGATION_EDIT)
def interview_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = InterviewForm(request.POST)
    return _step(
        request,
        pk,
        "interview_form",
        form,
        lambda inv, _: services.interview_add(actor=request.user, investigation=inv, interview=form.instance),
        "已添加走访记录。",
    )


@require_POST
@capability_required(Capability.INVESTIGATION_EDIT)
def findings_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    inv = get_investigation_for_user(request.user, pk, Access.EDIT)
    form = FindingsForm(request.POST, instance=inv)
    submit = "submit" in request.POST

    @transaction.atomic  # save and submit together, or neither
    def act(inv, data):
        saved = services.findings_save(
            actor=request.user, investigation=form.instance, expected_version=data["version"]
        )
        if submit:
            services.investigation_submit(actor=request.user, investigation=saved)

    return _step(
        request,
        pk,
        "findings_form",
        form,
        act,
        "已提交县级社区矫正机构审批。" if submit else "已保存调查内容和评估意见。",
    )


@require_POST
@capability_required(Capability.INVESTIGATION_APPROVE)
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = DecisionForm(request.POST)

    def act(inv, data):
        services.investigation_decide(
            actor=request.user, investigation=inv, approve=data["decision"] == "approve", reason=data["reason"]
        )

    done = "已审批同意，调查评估意见书已生成。" if request.POST.get("decision") == "approve" else "已退回承办司法所。"
    return _step(request, pk, "decision_form", form, act, done)


@require_POST
@capability_required(Capability.INVESTIGATION_EDIT)
def deliver_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = DeliveryForm(request.POST)

    def act(inv, data):
        services.investigation_deliver(
            actor=request.user, investigation=inv, delivered_on=data["delivered_on"], copied_on=data["copied_on"]
        )

    return _step(request, pk, "delivery_form", form, act, "已登记送达和抄送。")


@require_POST
@capability_required(Capability.INVESTIGATION_EDIT)
def adoption_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AdoptionForm(request.POST)

    def act(inv, data):
        services.investigation_record_adoption(
            actor=request.user, investigation=inv, adoption=data["adoption"], note=data["note"]
        )

    return _step(request, pk, "adoption_form", form, act, "已登记采纳情况，调查评估办结。")
