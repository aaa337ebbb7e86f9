"""The page "解除与终止" of one supervisee: the written evaluation, then discharge or termination. Each
step posts to its own URL; a refused step shows the page again with the form as typed (status 400)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.discharge import duties, paperwork, services
from sqjz.discharge.forms import DischargeForm, EvaluationForm, TerminationForm
from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.age import is_minor_on
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user


def _steps(s: Supervisee, evaluation: DischargeEvaluation | None) -> list[dict]:
    """书面鉴定 → 解除或终止, each done / active / to do (or not needed after a termination)."""
    closed = s.status in (Status.DISCHARGED, Status.TERMINATED)
    if evaluation:
        first = "done"
    elif s.status == Status.UNDER_CORRECTION:
        first = "active"
    else:
        first = "skipped"
    second = "done" if closed else "active" if s.is_active and first != "active" else "todo"
    label = {Status.DISCHARGED: "已解除矫正", Status.TERMINATED: "已终止矫正"}.get(s.status, "解除或终止矫正")
    return [
        {
            "label": "期满前书面鉴定",
            "state": first,
            "detail": "未作鉴定" if first == "skipped" else "",
            "owner": "司法所或县级社区矫正机构",
        },
        {"label": label, "state": second, "owner": "县级社区矫正机构"},
    ]


def _page(request: HttpRequest, s: Supervisee, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    evaluation = (
        DischargeEvaluation.objects.select_related("evaluated_by", "evaluator_unit").filter(supervisee=s).first()
    )
    discharge = Discharge.objects.select_related("decided_by").filter(supervisee=s).first()
    termination = Termination.objects.select_related("decided_by").filter(supervisee=s).first()
    editable = can_access(user, s, Access.EDIT)
    evaluation_blocker = services.evaluation_blocker(s, editable=editable)
    discharge_blocker = services.discharge_blocker(user, s, editable=editable, has_evaluation=evaluation is not None)
    term_blocker = services.term_blocker(s, today)
    decision = duties.evaluation_due(statute_context(), s.term_end)
    context = {
        "s": s,
        # Correction staff see an action they may not take now disabled, with the reason; others do not see it.
        "staff": has_capability(user, Capability.SUPERVISEE_EDIT),
        "steps": _steps(s, evaluation),
        "evaluation": evaluation,
        "evaluation_history": list(evaluation.history.select_related("history_user")) if evaluation else [],
        "discharge": discharge,
        "termination": termination,
        "evaluation_blocker": evaluation_blocker,
        "discharge_blocker": discharge_blocker,
        "term_blocker": term_blocker,
        "termination_blocker": services.termination_blocker(user, s, editable=editable),
        "term_effect": paperwork.TERM_END_EFFECT[s.correction_type],
        "minor_now": is_minor_on(statute_context(), birth_date=s.birth_date, on=today),
        "evaluation_form": forms.get("evaluation_form")
        or EvaluationForm(instance=evaluation, initial={} if evaluation else {"evaluated_on": today}),
        "discharge_form": forms.get("discharge_form")
        or DischargeForm(
            user=user,
            early=term_blocker is not None,
            initial={"discharged_on": today if term_blocker else s.term_end, "handed_over_on": today},
        ),
        "termination_form": forms.get("termination_form") or TerminationForm(user=user),
        "decision": decision,
        "due": decision.outcome,
        "days_left": (decision.outcome - today).days,
        "rule": RULES[decision.rule],
        "documents": list(s.documents.filter(kind__in=services.CLOSING_DOCUMENTS).order_by("serial", "id")),
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("解除与终止", None),
        ],
    }
    return render(request, "discharge/case.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _page(request, s)


def _step(request: HttpRequest, pk: int, form_name: str, form, act, done: str) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _page(request, s, **{form_name: form})

    return run_step(
        request,
        form=form,
        act=lambda data: act(s, data),
        done=done,
        back_to=reverse("discharge:case", args=[pk]),
        rerender=rerender,
        draft_key=f"discharge-{pk}-{form_name.removesuffix('_form')}",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    current = DischargeEvaluation.objects.filter(supervisee=s).first()
    form = EvaluationForm(request.POST, instance=current or DischargeEvaluation(supervisee=s))

    def act(s, data):
        services.evaluation_save(
            actor=request.user, supervisee=s, evaluation=form.instance, expected_version=data["version"]
        )

    return _step(request, pk, "evaluation_form", form, act, "已保存期满前书面鉴定。")


@require_POST
@capability_required(Capability.CASE_CLOSE)
def discharge_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = DischargeForm(request.POST, user=request.user)

    def act(s, data):
        services.supervisee_discharge(actor=request.user, supervisee=s, discharge=form.instance)

    papers = "证明书、宣告书和通知书" if request.POST.get("announcement_held") else "证明书和通知书"
    done = f"已解除社区矫正，解除社区矫正{papers}已生成。"
    return _step(request, pk, "discharge_form", form, act, done)


@require_POST
@capability_required(Capability.CASE_CLOSE)
def termination_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = TerminationForm(request.POST, user=request.user)

    def act(s, data):
        services.supervisee_terminate(actor=request.user, supervisee=s, termination=form.instance)

    return _step(request, pk, "termination_form", form, act, "已终止社区矫正，终止社区矫正通知书已生成。")
