"""Change of the place of execution: the person's page (their transfers, a new application), the page of one transfer
(each step with its deadline and article, the parties' forms), the list within jurisdiction, the proof photos and the
notice. The page of one transfer is open to both counties' agencies and procuratorates (selectors.transfer_q); the
person's page follows the record."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.photos import MAX_PHOTO_BYTES
from sqjz.core.workflow import run_step
from sqjz.documents.services import document_file
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import photo_viewed, supervisee_viewed
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user
from sqjz.supervision.transfer import duties, services
from sqjz.supervision.transfer.forms import ConsultForm, DateNoteForm, DecisionForm, ReplyForm, TransferForm
from sqjz.supervision.transfer.models import ResidenceTransfer
from sqjz.supervision.transfer.selectors import TRANSFER_VIEWS, open_transfer, transfer_list, transfers_for

S = ResidenceTransfer.Status
RULE_CODES = (
    "TRANSFER_APPLICATION_LEAD_TIME",
    "TRANSFER_CONSULT_DEADLINE",
    "TRANSFER_REPLY_DEADLINE",
    "TRANSFER_DECISION_OPTIONS",
    "TRANSFER_REFUSAL_NOTICE_DEADLINE",
    "TRANSFER_FILE_HANDOVER_DEADLINE",
    "TRANSFER_REPORT_IN_DEADLINE",
)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def proof_uploads(form) -> list[bytes]:
    return [
        form.cleaned_data[name].read(MAX_PHOTO_BYTES + 1)
        for name in ("proof_1", "proof_2")
        if form.cleaned_data.get(name)
    ]


def _apply_form(s, data=None, files=None) -> TransferForm:
    return TransferForm(
        data,
        files,
        city_id=s.county.parent_id,
        exclude_county=s.county_id,
        initial={"applied_on": timezone.localdate()},
    )


def _person_page(request: HttpRequest, s, *, form=None, status: int = 200) -> HttpResponse:
    transfers = list(s.residence_transfers.select_related("to_office", "from_office", "recorded_by"))
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    context = {
        "s": s,
        "transfers": transfers,
        "editable": editable and open_transfer(s) is None,
        "apply_form": form or _apply_form(s),
        "rules": [RULES[c] for c in RULE_CODES],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("执行地变更", None),
        ],
    }
    return render(request, "supervision/transfer.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, supervisee_viewed(request, pk))


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = _apply_form(s, request.POST, request.FILES)

    def act(_):
        return services.transfer_apply(
            actor=request.user, supervisee=s, transfer=form.instance, proofs=proof_uploads(form)
        )

    return run_step(
        request,
        form=form,
        act=act,
        done="已登记执行地变更申请，待县级社区矫正机构征求新执行地意见。",
        back_to=reverse("supervision:transfer", args=[s.pk]),
        rerender=lambda: _person_page(request, s, form=form),
    )


def _visible(request: HttpRequest, transfer_id: int) -> ResidenceTransfer:
    """A transfer the user may see (404 otherwise)."""
    visible = transfers_for(request.user).select_related(
        "supervisee", "from_office__parent", "to_office__parent", "from_county", "to_county", "notice"
    )
    return get_object_or_404(visible, pk=transfer_id)


def _transfer_for(request: HttpRequest, transfer_id: int) -> ResidenceTransfer:
    """A transfer the user may see, opened on its page: an access to the person's data, logged."""
    t = _visible(request, transfer_id)
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[t.supervisee_id], request=request
        )
    return t


def _detail_page(request: HttpRequest, t: ResidenceTransfer, *, forms: dict | None = None) -> HttpResponse:
    forms = forms or {}
    user = request.user
    ctx = statute_context()
    step = duties.step_deadline(ctx, t)
    record_open = can_access(user, t.supervisee)
    options = services.decision_options(t) if t.reply else None
    context = {
        # A refused step whose form the user is not offered (it is another unit's step): its reason above all.
        "refusals": [e for form in forms.values() for e in form.non_field_errors()],
        "t": t,
        "s": t.supervisee,
        "record_open": record_open,
        "step": step,
        "step_due": duties.due_date(step),
        "lead": RULES["TRANSFER_APPLICATION_LEAD_TIME"](ctx, applied_on=t.applied_on, move_on=t.move_on),
        "handover": RULES["TRANSFER_FILE_HANDOVER_DEADLINE"](ctx, decided_on=t.decided_on) if t.approved else None,
        "options": options,
        "proofs": range(len(t.proofs)),
        "can_consult": t.status == S.APPLIED and services._county_agent(user, t.from_county_id),
        "reply_blocker": services.reply_blocker(user, t),
        "decide_blocker": services.decide_blocker(user, t),
        "complete_blocker": services.complete_blocker(user, t),
        "can_notify": t.status == S.REFUSED and not t.notified_on and can_access(user, t.supervisee, Access.EDIT),
        "can_withdraw": t.status in (S.APPLIED, S.CONSULTING, S.REPLIED)
        and can_access(user, t.supervisee, Access.EDIT),
        "consult_form": forms.get("consult") or ConsultForm(),
        "reply_form": forms.get("reply") or ReplyForm(),
        "decision_form": forms.get("decision") or DecisionForm(),
        "step_form": forms.get("step") or DateNoteForm(initial={"on": timezone.localdate()}),
        "rules": [RULES[c] for c in RULE_CODES],
        "crumbs": [("执行地变更", reverse("supervision:transfer_list")), (t.supervisee.name, None)],
    }
    return render(request, "supervision/transfer_detail.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def transfer_detail_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    return _detail_page(request, _transfer_for(request, transfer_id))


def _step(request: HttpRequest, t: ResidenceTransfer, key: str, form, act, done: str) -> HttpResponse:
    def rerender() -> HttpResponse:
        t.refresh_from_db()
        return _detail_page(request, t, forms={key: form} if form is not None else None)

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:transfer_detail", args=[t.pk]),
        rerender=rerender,
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_consult_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = _visible(request, transfer_id)
    form = ConsultForm(request.POST)
    return _step(
        request,
        t,
        "consult",
        form,
        lambda d: services.transfer_consult(actor=request.user, transfer=t, opinion=d["opinion"]),
        "已书面征求新执行地意见。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_reply_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = _visible(request, transfer_id)
    form = ReplyForm(request.POST)
    agree = request.POST.get("reply") == ResidenceTransfer.Reply.AGREE
    return _step(
        request,
        t,
        "reply",
        form,
        lambda d: services.transfer_reply(actor=request.user, transfer=t, agree=agree, reasons=d["reasons"]),
        "已回复意见。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_decide_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = _visible(request, transfer_id)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    done = "已同意变更执行地，档案已移交新执行地。" if approve else "已作出不同意变更的决定，请在期限内告知本人。"
    return _step(
        request,
        t,
        "decision",
        form,
        lambda d: services.transfer_decide(actor=request.user, transfer=t, approve=approve, reasons=d["reasons"]),
        done,
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_notify_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = _visible(request, transfer_id)
    form = DateNoteForm(request.POST)
    return _step(
        request,
        t,
        "step",
        form,
        lambda d: services.transfer_notify(actor=request.user, transfer=t, notified_on=d["on"]),
        "已登记告知本人。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_complete_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = _visible(request, transfer_id)
    form = DateNoteForm(request.POST)
    return _step(
        request,
        t,
        "step",
        form,
        lambda d: services.transfer_complete(actor=request.user, transfer=t, on=d["on"], note=d["note"]),
        "执行地变更已办结。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def transfer_withdraw_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = _visible(request, transfer_id)
    return _step(
        request,
        t,
        "",
        None,
        lambda _: services.transfer_withdraw(actor=request.user, transfer=t),
        "已撤回申请。",
    )


@capability_required(Capability.SUPERVISEE_VIEW)
def transfer_proof_view(request: HttpRequest, transfer_id: int, n: int) -> FileResponse:
    t = get_object_or_404(transfers_for(request.user), pk=transfer_id)
    if n >= len(t.proofs):
        raise Http404
    return photo_viewed(request, t.supervisee_id, t.proofs[n])


@capability_required(Capability.SUPERVISEE_VIEW)
def transfer_notice_view(request: HttpRequest, transfer_id: int, fmt: str) -> HttpResponse:
    """The notice, for every party of the transfer — the old county's procuratorate keeps it after the record has
    gone; each download is logged."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    t = get_object_or_404(transfers_for(request.user).select_related("notice"), pk=transfer_id)
    if t.notice is None:
        raise Http404
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.DOWNLOAD, supervisee_ids=[t.supervisee_id], request=request
        )
    response = HttpResponse(document_file(t.notice, fmt), content_type=CONTENT_TYPES[fmt])
    filename = f"{t.notice.title}{t.notice.number}.{fmt}"
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    return response


@capability_required(Capability.CASEWORK_VIEW)
def transfer_list_view(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    show = show if show in TRANSFER_VIEWS else "open"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(transfer_list(request.user, show, q), 20).get_page(request.GET.get("page"))
    ctx = statute_context()
    rows = [(t, duties.due_date(duties.step_deadline(ctx, t))) for t in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "show": show,
        "q": q,
        "views": TRANSFER_VIEWS,
        "crumbs": [("执行地变更", None)],
    }
    return render(request, "supervision/transfer_list.html", context)
