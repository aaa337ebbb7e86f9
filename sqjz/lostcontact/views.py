"""The lost-contact pages: one person's cases (the open one with its day counter, grounds, search, notice and
closing; the closed ones read-only), and the list of cases in the user's jurisdiction."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.lostcontact import selectors, services
from sqjz.lostcontact.forms import AttemptForm, CloseForm, NoticeForm, OpenForm, RefusalForm
from sqjz.lostcontact.models import LostContact, Outcome
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user

RULE_CODES = (selectors.START_RULE, selectors.LEVEL_RULE, selectors.NOTICE_RULE)


def _propose_link(case: LostContact, s: Supervisee, decision, user, editable: bool) -> tuple[str, str] | None:
    """Where the office proposes what the span grounds: the admonition or warning form pre-filled with the span
    (enforcement; only the case id travels in the URL), or the proposals page past the revocation ground."""
    if not editable or s.status != Status.UNDER_CORRECTION or case.outcome == Outcome.ENDED:
        return None
    if decision.outcome in selectors.AGENCY_MEASURES and has_capability(user, Capability.ENFORCEMENT_PROPOSE):
        return reverse("enforcement:case", args=[s.pk]) + f"?lost_contact={case.pk}#propose", "提出训诫/警告"
    if decision.outcome in selectors.AUTHORITY_PROPOSALS and has_capability(user, Capability.PROPOSAL_DRAFT):
        return reverse("proposals:person", args=[s.pk]), "提请撤销/收监"
    return None


def _case_view(ctx, case: LostContact, s: Supervisee, today, user, editable: bool) -> dict:
    decision = selectors.level_decision(ctx, case, s.correction_type, today)
    view = {
        "propose": _propose_link(case, s, decision, user, editable),
        "case": case,
        "days": selectors.days_out(case, today),
        "decision": decision,
        "ground": selectors.GROUND_LABELS.get(decision.outcome, decision.outcome),
        "attempts": list(case.attempts.select_related("recorded_by").order_by("attempted_at", "id")),
    }
    if case.is_open and case.police_notified_on is None:
        view["notice_due"] = selectors.police_notice_due(ctx, case).outcome
    if not case.is_open:
        view["ground"] = selectors.GROUND_LABELS.get(case.measure, case.measure)
    return view


def _shown(form_name: str, current: LostContact | None, s: Supervisee) -> bool:
    """Whether the page shows the form's section (a refused form whose section is gone shows its reason on top)."""
    if form_name == "open_form":
        return current is None
    if current is None:
        return False
    if form_name == "notice_form":
        return current.police_notified_on is None
    if form_name == "refusal_form":
        return s.correction_type == "temporary_release" and not current.refused_to_report
    return True


def _page(request: HttpRequest, s: Supervisee, **forms) -> HttpResponse:
    today = timezone.localdate()
    ctx = statute_context()
    cases = selectors.cases_of(s)
    current = next((c for c in cases if c.is_open), None)
    editable = can_access(request.user, s, Access.EDIT)
    # Contact recorded after the open case's last day of contact: said on the page, and the close form pre-filled.
    restored = selectors.restored_contacts([current]).get(s.pk) if current else None
    close_initial = {"restored_on": restored.day, "outcome": restored.outcome} if restored else {"restored_on": today}
    context = {
        "s": s,
        "current": _case_view(ctx, current, s, today, request.user, editable) if current else None,
        "restored": restored,
        "closed": [_case_view(ctx, c, s, today, request.user, editable) for c in cases if not c.is_open],
        "editable": editable,
        # A refused form the page does not show now (the case was opened or closed meanwhile): its reason on top.
        "hidden_forms": [f for name, f in forms.items() if f is not None and not _shown(name, current, s)],
        "may_find": editable and has_capability(request.user, Capability.LOST_CONTACT_FINDING),
        "temporary_release": s.correction_type == "temporary_release",
        "open_form": forms.get("open_form") or OpenForm(initial={"since": today}),
        "attempt_form": forms.get("attempt_form")
        or AttemptForm(initial={"attempted_at": timezone.localtime().replace(second=0, microsecond=0)}),
        "notice_form": forms.get("notice_form") or NoticeForm(),
        "refusal_form": forms.get("refusal_form") or RefusalForm(initial={"refused_found_on": today}),
        "close_form": forms.get("close_form") or CloseForm(initial=close_initial),
        "rules": [RULES[c] for c in RULE_CODES],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("失联查找", None),
        ],
    }
    return render(request, "lostcontact/person.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _page(request, s)


def _step(request: HttpRequest, pk: int, form_name: str | None, form, act, done: str) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _page(request, s, **({form_name: form} if form_name else {}))

    return run_step(
        request,
        form=form,
        act=lambda data: act(s, data),
        done=done,
        back_to=reverse("lostcontact:person", args=[pk]),
        rerender=rerender,
        draft_key=f"lostcontact-{pk}-{form_name.removesuffix('_form')}" if form_name else "",
    )


def _post(capability: Capability = Capability.SUPERVISEE_EDIT):
    return lambda view: require_POST(capability_required(capability)(view))


@_post()
def open_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "open_form",
        OpenForm(request.POST),
        lambda s, d: services.lost_contact_open(
            actor=request.user, supervisee=s, since=d["since"], reasons=d["trigger_reasons"]
        ),
        "已启动失联查找，请立即组织查找并逐次登记。",
    )


@_post()
def attempt_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttemptForm(request.POST)
    return _step(
        request,
        pk,
        "attempt_form",
        form,
        lambda s, d: services.search_attempt_record(actor=request.user, supervisee=s, attempt=form.instance),
        "已登记本次查找。",
    )


@_post()
def notify_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "notice_form",
        NoticeForm(request.POST),
        lambda s, d: services.lost_contact_notify(actor=request.user, supervisee=s, note=d["note"]),
        "已生成失联情况通报（送公安机关，抄送人民检察院），可在下方下载打印。",
    )


@_post(Capability.LOST_CONTACT_FINDING)
def refusal_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "refusal_form",
        RefusalForm(request.POST),
        lambda s, d: services.refusal_record(
            actor=request.user, supervisee=s, found_on=d["refused_found_on"], reasons=d["refused_reasons"]
        ),
        "已登记拒不报告行踪的认定。",
    )


@_post()
def close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        "close_form",
        CloseForm(request.POST),
        lambda s, d: services.lost_contact_close(
            actor=request.user,
            supervisee=s,
            outcome=d["outcome"],
            restored_on=d["restored_on"],
            note=d["outcome_note"],
        ),
        "失联查找已结案，应予处理的情形已按失联天数认定。",
    )


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    show = show if show in selectors.LIST_VIEWS else "open"
    q = request.GET.get("q", "").strip()[:50]
    today = timezone.localdate()
    ctx = statute_context()
    page = Paginator(selectors.case_list(request.user, show=show, q=q), 20).get_page(request.GET.get("page"))
    rows = []
    for case in page.object_list:
        s = case.supervisee
        measure = (
            selectors.level_decision(ctx, case, s.correction_type, today).outcome if case.is_open else case.measure
        )
        rows.append((case, selectors.days_out(case, today), selectors.GROUND_LABELS.get(measure, measure)))
    context = {
        "page": page,
        "rows": rows,
        "show": show,
        "views": selectors.LIST_VIEWS,
        "q": q,
        "crumbs": [("失联查找", None)],
    }
    return render(request, "lostcontact/list.html", context)
