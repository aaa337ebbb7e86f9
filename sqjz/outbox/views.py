"""The outbox pages (decision 0042): "对外推送" lists the notices sent to partner agencies with their state and
attempts, and "重新推送" starts a failed one afresh (EXCHANGE_VIEW: the county agencies and the city agency, within
their area); "对接接口" sets each partner agency's receiving interface (SYSTEM_CONFIGURE: the system administrator,
who sees no case data: that page shows agencies only)."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.http import int_param
from sqjz.core.workflow import run_step
from sqjz.organisation.models import Unit
from sqjz.outbox import selectors, services
from sqjz.outbox.forms import EndpointForm
from sqjz.outbox.models import PARTNER_KINDS, Delivery

PER_PAGE = 20
KINDS = {"": "全部", **dict(Delivery.Kind.choices)}
STATES = {"": "全部", **dict(Delivery.State.choices)}
UNIT_KINDS = {"": "全部", **{k: label for k, label in Unit.Kind.choices if k in PARTNER_KINDS}}
LIST = ("对外推送", "outbox:list")
ENDPOINTS = ("对接接口", "outbox:endpoints")


def _crumbs(top: tuple[str, str], *rest) -> list:
    return [(top[0], reverse(top[1]) if rest else None), *rest]


def _choice(value: str, choices: dict) -> str:
    return value if value in choices else ""


def _log(request: HttpRequest, deliveries) -> None:
    """The named deliveries shown are views of the people's records (minors are not named, so not shown)."""
    named = [d for d in deliveries if not d.is_minor]
    people = {d.supervisee_id for d in named if d.supervisee_id}
    investigations = {d.document.investigation_id for d in named if d.document_id and d.document.investigation_id}
    if people or investigations:
        with transaction.atomic():  # the access log's chain head is locked while it is written
            access_log_write(
                actor=request.user,
                action=AccessLog.Action.VIEW,
                supervisee_ids=sorted(people),
                investigation_ids=sorted(investigations),
                request=request,
            )


@capability_required(Capability.EXCHANGE_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    g = request.GET
    kind, state = _choice(g.get("kind", ""), KINDS), _choice(g.get("state", ""), STATES)
    agencies = list(selectors.agencies_for(request.user))
    agency = int_param(g.get("agency", ""))
    agency = agency if agency in {a.pk for a in agencies} else None
    rows = selectors.delivery_list(request.user, agency=agency, kind=kind, state=state)
    page = Paginator(rows, PER_PAGE).get_page(g.get("page"))
    _log(request, page.object_list)
    context = {
        "page": page,
        "kind": kind,
        "kinds": KINDS,
        "state": state,
        "states": STATES,
        "agency": agency,
        "agencies": agencies,
        "crumbs": _crumbs(LIST),
    }
    return render(request, "outbox/list.html", context)


@capability_required(Capability.EXCHANGE_VIEW)
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = selectors.get_delivery_for_user(request.user, pk)
    _log(request, [delivery])
    context = {
        "d": delivery,
        "attempts": delivery.attempt_log.all(),
        "may_retry": delivery.state in (Delivery.State.FAILED, Delivery.State.NO_ENDPOINT),
        "crumbs": _crumbs(LIST, (f"推送记录 {delivery.pk}", None)),
    }
    return render(request, "outbox/detail.html", context)


@require_POST
@capability_required(Capability.EXCHANGE_VIEW)
def retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = selectors.get_delivery_for_user(request.user, pk)
    return run_step(
        request,
        form=None,
        act=lambda data: services.redeliver(actor=request.user, delivery=delivery),
        done="已重新加入推送队列。",
        back_to=reverse("outbox:detail", args=[pk]),
        rerender=lambda: redirect("outbox:detail", pk=pk),
    )


@capability_required(Capability.SYSTEM_CONFIGURE)
def endpoints_view(request: HttpRequest) -> HttpResponse:
    g = request.GET
    q, kind = g.get("q", "").strip()[:50], _choice(g.get("kind", ""), UNIT_KINDS)
    units = selectors.partner_units(q=q, kind=kind)
    context = {
        "page": Paginator(units, PER_PAGE).get_page(g.get("page")),
        "q": q,
        "kind": kind,
        "kinds": UNIT_KINDS,
        "crumbs": _crumbs(ENDPOINTS),
    }
    return render(request, "outbox/endpoints.html", context)


@capability_required(Capability.SYSTEM_CONFIGURE)
def endpoint_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.filter(kind__in=PARTNER_KINDS), pk=unit_id)
    endpoint = selectors.endpoint_of(unit)
    form = EndpointForm(request.POST) if request.method == "POST" else EndpointForm.for_endpoint(endpoint)

    def rerender() -> HttpResponse:
        context = {
            "form": form,
            "unit": unit,
            "endpoint": endpoint,
            "crumbs": _crumbs(ENDPOINTS, (unit.name, None)),
        }
        return render(request, "outbox/endpoint_form.html", context)

    if request.method != "POST":
        return rerender()
    return run_step(
        request,
        form=form,
        act=lambda data: services.endpoint_save(
            actor=request.user,
            agency=unit,
            url=data["url"],
            token=data["token"],
            active=data["active"],
            note=data["note"],
        ),
        done=f"已保存{unit.name}的对接接口。",
        back_to=reverse("outbox:endpoints"),
        rerender=rerender,
    )
