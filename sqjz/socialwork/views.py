"""The social-work pages: a helper's people (with their phone numbers, each showing logged) and the form to record
help, the helper's own records, the help recorded for one person (officers), and the county's purchased-service
contracts: the list, a new contract, a contract with the services delivered, its evaluations and payments."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.context_processors import clear_draft
from sqjz.core.errors import ServiceError
from sqjz.core.workflow import run_step
from sqjz.socialwork import selectors, services
from sqjz.socialwork.forms import ContractForm, EvaluationForm, HelpForm, PaymentForm, milestone_formset
from sqjz.socialwork.models import HelpKind, ServiceContract
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status

PER_PAGE = 20
KINDS = {"": "全部", **dict(HelpKind.choices)}


# ------------------------------------------------------------------------------------------------ helpers' work


@transaction.atomic
def _mine_page(request: HttpRequest, form: HelpForm | None = None) -> HttpResponse:
    """The helper's people, a page at a time; showing their phone numbers is logged, one entry per person shown."""
    user = request.user
    page = Paginator(selectors.my_people(user), PER_PAGE).get_page(request.GET.get("page"))
    access_log_write(actor=user, action=AccessLog.Action.VIEW, supervisee_ids=[s.pk for s in page], request=request)
    chosen = request.GET.get("person", "")
    people = selectors.my_people(user).filter(status=Status.UNDER_CORRECTION)
    initial = {"day": timezone.localdate(), "hours": 1, "supervisee": chosen if chosen.isdigit() else None}
    context = {
        "page": page,
        "today": timezone.localdate(),
        "form": form or HelpForm(people=people, initial=initial),
        "rules": [RULES[selectors.CONTACT_RULE], RULES[selectors.NON_ENFORCEMENT_RULE]],
        "crumbs": [("我的服务对象", None)],
    }
    return render(request, "socialwork/mine.html", context)


@capability_required(Capability.HELP_RECORD)
def mine_view(request: HttpRequest) -> HttpResponse:
    return _mine_page(request)


@require_POST
@capability_required(Capability.HELP_RECORD)
def record_view(request: HttpRequest) -> HttpResponse:
    # Any of the helper's people may be chosen, so that the service names why one under correction no longer is.
    form = HelpForm(request.POST, people=selectors.my_people(request.user))
    return run_step(
        request,
        form=form,
        act=lambda data: services.help_record(
            actor=request.user, supervisee_id=data["supervisee"].pk, record=form.instance
        ),
        done="已记录帮扶。",
        back_to=reverse("socialwork:mine"),
        rerender=lambda: _mine_page(request, form),
        draft_key="socialwork-help",
    )


@capability_required(Capability.HELP_RECORD)
def records_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    q = request.GET.get("q", "").strip()[:50]
    records = selectors.my_records(request.user, q=q, kind=kind)
    context = {
        "page": Paginator(records, PER_PAGE).get_page(request.GET.get("page")),
        "q": q,
        "kind": kind,
        "kinds": KINDS,
        "crumbs": [("我的服务对象", reverse("socialwork:mine")), ("我的帮扶记录", None)],
    }
    return render(request, "socialwork/records.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    context = {
        "s": s,
        "records": list(selectors.help_of(s)[:100]),
        "rule": RULES[selectors.NON_ENFORCEMENT_RULE],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("社工服务", None),
        ],
    }
    return render(request, "socialwork/person.html", context)


# ------------------------------------------------------------------------------------------------------ contracts


@capability_required(Capability.CASEWORK_VIEW)
def contract_list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.contract_list(request.user, q=q), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "may_manage": selectors.may_manage(request.user),
        "crumbs": [("购买服务", None)],
    }
    return render(request, "socialwork/contracts.html", context)


@capability_required(Capability.CONTRACT_MANAGE)
def contract_new_view(request: HttpRequest) -> HttpResponse:
    if not selectors.may_manage(request.user):
        raise PermissionDenied
    agency = request.user.unit
    workers = selectors.worker_candidates(agency).select_related("unit")
    form = ContractForm(request.POST or None, workers=workers)
    milestones = milestone_formset(request.POST or None)
    context = {
        "form": form,
        "milestones": milestones,
        "rule": RULES[selectors.NON_ENFORCEMENT_RULE],
        "crumbs": [("购买服务", reverse("socialwork:contracts")), ("登记购买服务合同", None)],
    }
    if request.method != "POST":
        return render(request, "socialwork/contract_new.html", context)
    if form.is_valid() and milestones.is_valid():
        rows = [m.instance for m in milestones if m.has_changed() and m.cleaned_data]
        try:
            contract = services.contract_create(
                actor=request.user,
                contract=form.instance,
                quantities=form.quantities(),
                workers=list(form.cleaned_data["workers"]),
                milestones=rows,
            )
        except ServiceError as error:
            context["milestone_error"] = error.message if error.field == "milestones" else ""
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            elif error.field == "quantities":
                context["quantity_error"] = error.message
            elif not context["milestone_error"]:
                form.add_error(None, error.message)
        else:
            clear_draft(request, "socialwork-contract")
            return redirect("socialwork:contract", pk=contract.pk)
    response = render(request, "socialwork/contract_new.html", context)
    response.status_code = 400
    return response


def _contract_page(request: HttpRequest, contract: ServiceContract, **forms) -> HttpResponse:
    today = timezone.localdate()
    managed = selectors.may_manage(request.user, contract)
    milestones = list(contract.milestones.select_related("paid_by"))
    evaluations = list(contract.evaluations.select_related("evaluated_by", "milestone"))
    to_date = min(today, contract.ends_on)
    started = contract.starts_on <= today
    period_start = evaluations[0].period_end if evaluations else contract.starts_on
    pay_forms = {}
    if managed:
        for m in milestones:
            if m.paid_on is None:
                pay_forms[m.pk] = forms.get(f"pay_{m.pk}") or PaymentForm(
                    auto_id=f"pay{m.pk}_%s", initial={"paid_on": today, "paid_amount": m.amount}
                )
    context = {
        "contract": contract,
        "quantities": [(label, contract.quantities.get(kind, 0)) for kind, label in HelpKind.choices],
        "to_date": to_date,
        "figures": selectors.period_figures(contract, contract.starts_on, to_date) if started else None,
        "workers": selectors.by_worker(contract),
        "milestones": [(m, pay_forms.get(m.pk)) for m in milestones],
        "paid": sum((m.paid_amount or 0 for m in milestones), 0),
        "evaluations": [(e, selectors.evaluation_figures(e)) for e in evaluations],
        "managed": managed,
        "evaluation_form": forms.get("evaluation_form")
        or (
            EvaluationForm(contract=contract, initial={"period_start": period_start, "period_end": to_date})
            if managed and started
            else None
        ),
        "rule": RULES[selectors.NON_ENFORCEMENT_RULE],
        "crumbs": [("购买服务", reverse("socialwork:contracts")), (contract.title, None)],
    }
    return render(request, "socialwork/contract.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def contract_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _contract_page(request, selectors.get_contract_for_user(request.user, pk))


@require_POST
@capability_required(Capability.CONTRACT_MANAGE)
def evaluate_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = selectors.get_contract_for_user(request.user, pk)
    form = EvaluationForm(request.POST, contract=contract)
    return run_step(
        request,
        form=form,
        act=lambda data: services.evaluation_create(actor=request.user, contract=contract, evaluation=form.instance),
        done="已登记绩效考核。",
        back_to=reverse("socialwork:contract", args=[pk]),
        rerender=lambda: _contract_page(request, contract, evaluation_form=form),
    )


@require_POST
@capability_required(Capability.CONTRACT_MANAGE)
def pay_view(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    contract = selectors.get_contract_for_user(request.user, pk)
    form = PaymentForm(request.POST, auto_id=f"pay{milestone_id}_%s")

    def pay(data: dict) -> None:
        paid_on: date = data["paid_on"]
        services.milestone_pay(
            actor=request.user,
            contract=contract,
            milestone_id=milestone_id,
            paid_on=paid_on,
            paid_amount=data["paid_amount"],
        )

    return run_step(
        request,
        form=form,
        act=pay,
        done="已登记支付。",
        back_to=reverse("socialwork:contract", args=[pk]),
        rerender=lambda: _contract_page(request, contract, **{f"pay_{milestone_id}": form}),
    )
