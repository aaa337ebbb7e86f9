"""Pages of the partner exchange (decision 0041): the administrator's credentials, and the list of messages received
(partners: what their agency sent; county and city officers: their area's)."""

import json
import uuid
from functools import wraps

from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.workflow import run_step
from sqjz.exchange import registry, selectors, services
from sqjz.exchange.forms import CommissionForm, CredentialForm, DetentionForm, JudgmentForm
from sqjz.exchange.models import DetentionNotice, InboundMessage, PartnerCredential
from sqjz.organisation.models import Unit

PER_PAGE = 20


def _credential_page(request: HttpRequest, form=None, token: str = "", status: int = 200) -> HttpResponse:
    credentials = PartnerCredential.objects.select_related("agency", "created_by")
    context = {
        "page": Paginator(credentials, PER_PAGE).get_page(request.GET.get("page")),
        "form": form or CredentialForm(),
        "token": token,
        "crumbs": [("政法机关对接凭据", None)],
    }
    return render(request, "exchange/credentials.html", context, status=status)


@capability_required(Capability.SYSTEM_CONFIGURE)
def credential_list_view(request: HttpRequest) -> HttpResponse:
    return _credential_page(request)


@require_POST
@capability_required(Capability.SYSTEM_CONFIGURE)
def credential_create_view(request: HttpRequest) -> HttpResponse:
    """The token is shown on this answer only (not redirected: it must never sit in a session or a message)."""
    form = CredentialForm(request.POST)
    if form.is_valid():
        try:
            _, token = services.credential_create(
                actor=request.user, agency=form.cleaned_data["agency"], name=form.cleaned_data["name"]
            )
        except services.ExchangeError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _credential_page(request, token=token)
    return _credential_page(request, form, status=400)


@require_POST
@capability_required(Capability.SYSTEM_CONFIGURE)
def credential_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    credential = get_object_or_404(PartnerCredential, pk=pk)
    return run_step(
        request,
        form=None,
        act=lambda _: services.credential_deactivate(actor=request.user, credential=credential),
        done="凭据已停用，其令牌不再有效。",
        back_to=reverse("exchange:credentials"),
        rerender=lambda: redirect("exchange:credentials"),
    )


def _reader(view):
    """EXCHANGE_VIEW (their area's messages) or EXCHANGE_SUBMIT (their agency's); the login page when signed out."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        user = request.user
        if not (has_capability(user, Capability.EXCHANGE_VIEW) or has_capability(user, Capability.EXCHANGE_SUBMIT)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@_reader
def message_list_view(request: HttpRequest) -> HttpResponse:
    g = request.GET
    messages = selectors.messages_visible(request.user)
    state = g.get("state", "") if g.get("state") in InboundMessage.State.values else ""
    kind = g.get("type", "") if g.get("type") in registry.TYPES else ""
    agency = g.get("agency", "")
    if state:
        messages = messages.filter(state=state)
    if kind:
        messages = messages.filter(type=kind)
    if agency.isdigit():
        messages = messages.filter(agency_id=int(agency))
    agencies = Unit.objects.filter(pk__in=selectors.messages_visible(request.user).values("agency_id")).order_by("name")
    page = Paginator(messages, PER_PAGE).get_page(g.get("page"))
    for m in page.object_list:
        m.type_label = registry.TYPES[m.type].label if m.type in registry.TYPES else m.type or "—"
    context = {
        "page": page,
        "states": InboundMessage.State.choices,
        "types": [(t.code, t.label) for t in registry.TYPES.values()],
        "agencies": agencies,
        "filter": {"state": state, "type": kind, "agency": agency},
        "crumbs": [("政法机关来文", None)],
    }
    return render(request, "exchange/messages.html", context)


def _log_view(request: HttpRequest, m: InboundMessage) -> None:
    """A message's content is a view of the record it made (a person's, an investigation's): logged as such."""
    people, investigations = [], []
    if m.record_kind == "supervisee" and m.record_id:
        people = [m.record_id]
    elif m.record_kind == "investigation" and m.record_id:
        investigations = [m.record_id]
    elif m.record_kind == "detention_notice" and m.record_id:
        people = list(DetentionNotice.objects.filter(pk=m.record_id).values_list("supervisee_id", flat=True))
    if people or investigations:
        with transaction.atomic():  # the access log's chain head is locked while it is written
            access_log_write(
                actor=request.user,
                action=AccessLog.Action.VIEW,
                supervisee_ids=people,
                investigation_ids=investigations,
                request=request,
            )


@_reader
def message_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    m = get_object_or_404(selectors.messages_visible(request.user), pk=pk)
    body = None
    if selectors.body_visible(request.user, m):
        body = json.dumps(services.message_body(m), ensure_ascii=False, indent=2)
        _log_view(request, m)
    context = {
        "m": m,
        "body": body,
        "type_label": registry.TYPES[m.type].label if m.type in registry.TYPES else m.type or "—",
        "answer": json.dumps(m.answer, ensure_ascii=False, indent=2),
        "crumbs": [("政法机关来文", reverse("exchange:messages")), (m.message_id or "无编号报文", None)],
    }
    return render(request, "exchange/message.html", context)


def _submit(request: HttpRequest, form_class, *, title: str, template: str, done) -> HttpResponse:
    """A partner's clerk sends a message on a page: the same message the partner API takes."""
    agency = request.user.unit
    if agency is None or not registry.may_send(agency.kind, form_class.TYPE):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, agency=agency)
        if form.is_valid():
            received = services.message_receive(agency=agency, envelope=form.envelope(), user=request.user)
            if received.answer.get("state") == "accepted":
                flash.success(request, done(received.answer))
                return redirect("exchange:message", pk=received.message.pk)
            form.add_error(
                field if (field := form.field_of(received.answer.get("path", ""))) in form.fields else None,
                received.answer.get("detail", "未能发送，请核对后重试。"),
            )
        status = 400
    else:
        form = form_class(agency=agency, initial={"message_id": f"page-{uuid.uuid4().hex}"})
    context = {"form": form, "crumbs": [("本机关移送记录", reverse("exchange:messages")), (title, None)]}
    return render(request, template, context, status=status)


@capability_required(Capability.EXCHANGE_SUBMIT)
def judgment_new_view(request: HttpRequest) -> HttpResponse:
    """A clerk of a court (prison, police) delivers a judgment, ruling or decision: the person waits as pending
    report-in at the office of their residence, with the deadline."""

    def done(answer: dict) -> str:
        due = answer.get("report_in_deadline", {})
        return (
            f"已交付{answer.get('office', '')}，登记为待报到；报到期限至{due.get('due', '')}（{due.get('rule', '')}）。"
        )

    return _submit(request, JudgmentForm, title="交付执行", template="exchange/judgment_new.html", done=done)


@capability_required(Capability.EXCHANGE_SUBMIT)
def commission_new_view(request: HttpRequest) -> HttpResponse:
    """A clerk commissions a pre-sentence investigation: registered at the office of the person's residence."""

    def done(answer: dict) -> str:
        due = answer.get("deadline", {})
        return f"已委托{answer.get('office', '')}调查评估；评估期限至{due.get('due', '')}（{due.get('rule', '')}）。"

    return _submit(request, CommissionForm, title="委托调查评估", template="exchange/commission_new.html", done=done)


@capability_required(Capability.EXCHANGE_SUBMIT)
def detention_new_view(request: HttpRequest) -> HttpResponse:
    """The police notify the detention of a person under community correction: recorded on the person's record."""

    def done(answer: dict) -> str:
        return f"已通知{answer.get('office', '')}，记入该社区矫正对象档案。"

    return _submit(
        request, DetentionForm, title="拘留、强制措施通知", template="exchange/detention_new.html", done=done
    )
