"""提请 pages: the person's proposals (with the draft form), the county's list, the receiving body's list
(待处理的建议), and each proposal's page with its grounds, evidence, documents, clock and decision. Procurators read
them all within their jurisdiction. Every page checks a capability and reaches proposals only through
`selectors.proposal_q`; opening a proposal is logged like opening the person's record."""

from functools import wraps
from urllib.parse import quote

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.committee.selectors import deliberation_level
from sqjz.core.workflow import run_step
from sqjz.documents.services import document_file
from sqjz.proposals import selectors, services
from sqjz.proposals.forms import ArrestForm, CorrectForm, DecisionForm, DraftForm, EditForm, WithdrawForm
from sqjz.proposals.models import Proposal
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user

S = Proposal.Status
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
RULE_CODES = (
    "POLICE_PENALTY_PROPOSAL",
    "REVOCATION_PROPOSAL",
    "COMMUTATION_GROUNDS",
    "ARREST_DECISION_DEADLINE",
    "COURT_RULING_DEADLINE",
    "COMMITTAL_DECISION_DEADLINE",
    "COMMUTATION_RULING_DEADLINE",
    "COMMUTED_TERM_END",
)


def any_capability_required(*capabilities: Capability):
    """Like capability_required, for pages that users of more than one kind of work use: anonymous users go to the
    login page, signed-in users with none of the capabilities get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(has_capability(request.user, c) for c in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Correction staff and procurators read proposals through the person's record; receiving bodies through their list.
viewer_required = any_capability_required(Capability.CASEWORK_VIEW, Capability.PROPOSAL_DECIDE)
# The receiving body records its decision; the county agency enters a paper reply.
decider_required = any_capability_required(Capability.PROPOSAL_DECIDE, Capability.PROPOSAL_PREPARE)


def _person_page(request: HttpRequest, s, form=None) -> HttpResponse:
    user = request.user
    can_draft = (
        s.status == Status.UNDER_CORRECTION
        and has_capability(user, Capability.PROPOSAL_DRAFT)
        and can_access(user, s, Access.EDIT)
    )
    proposals = list(
        Proposal.objects.filter(selectors.proposal_q(user), supervisee=s).select_related("addressee", "document")
    )
    facts = selectors.record_facts(s, timezone.localdate())
    context = {
        "s": s,
        "proposals": proposals,
        "facts": facts,
        "penalties": selectors.police_penalties(s.pk),
        "can_draft": can_draft,
        "can_oppose": has_capability(user, Capability.OVERSIGHT_ISSUE),
        "form": form or DraftForm(),
        "rules": [RULES[c] for c in RULE_CODES[:3]],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("提请", None),
        ],
    }
    return render(request, "proposals/person.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, supervisee_viewed(request, pk))


@require_POST
@capability_required(Capability.PROPOSAL_DRAFT)
def draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = DraftForm(request.POST)

    def act(d):
        return services.proposal_draft(
            actor=request.user,
            supervisee=s,
            kind=d["kind"],
            findings=form.findings(),
            statement=d["statement"],
            chosen_evidence=d.get("chosen_evidence", ""),
            addressee_choice=d["addressee_choice"],
            arrest_requested=d.get("arrest_requested", False),
        )

    return run_step(
        request,
        form=form,
        act=act,
        done="已起草提请建议。",
        back_to=reverse("proposals:person", args=[pk]),
        rerender=lambda: _person_page(request, get_supervisee_for_user(request.user, pk), form),
    )


def _proposal(request, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.filter(selectors.proposal_q(request.user)).select_related(
            "supervisee__judicial_office",
            "supervisee__deciding_authority",
            "addressee",
            "drafted_by",
            "sent_by",
            "decided_by",
            "withdrawn_by",
            "document",
            "arrest_document",
        ),
        pk=pk,
    )


def _detail_page(request: HttpRequest, p: Proposal, forms: dict | None = None) -> HttpResponse:
    forms = forms or {}
    user = request.user
    works = (Capability.PROPOSAL_DRAFT, Capability.PROPOSAL_PREPARE, Capability.PROPOSAL_SIGN)
    editor = any(has_capability(user, c) for c in works) and can_access(user, p.supervisee, Access.EDIT)
    agency = has_capability(user, Capability.PROPOSAL_PREPARE) and editor
    receiver = has_capability(user, Capability.PROPOSAL_DECIDE) and p.addressee_id == user.unit_id
    sent = p.status == S.SENT
    granted, refused = selectors.DECISIONS[p.kind]
    documents = [d for d in (p.document, p.arrest_document) if d]
    today = timezone.localdate()
    drafter = has_capability(user, Capability.PROPOSAL_DRAFT) and editor and p.drafted_by.unit_id == user.unit_id
    context = {
        "p": p,
        "s": p.supervisee,
        "clock": selectors.clock(p, today),
        "arrest_clock": selectors.arrest_clock(p),
        "documents": documents,
        "granted_label": granted,
        "refused_label": refused,
        "can_submit": agency and p.status == S.DRAFT,
        "can_edit": drafter and p.status == S.DRAFT and p.supervisee.status == Status.UNDER_CORRECTION,
        "can_withdraw": (drafter or agency) and p.status in (S.DRAFT, S.READY),
        "can_send": (
            has_capability(user, Capability.PROPOSAL_SIGN)
            and editor
            and (
                p.status == S.READY or (p.status == S.DRAFT and not deliberation_level(selectors.MATTER_KINDS[p.kind]))
            )
        ),
        "can_decide": sent and (receiver or agency),
        "can_arrest": sent and (receiver or agency) and p.arrest_requested and not p.arrest_decision,
        "can_correct": (
            p.kind == Proposal.Kind.POLICE_PENALTY
            and p.status == S.GRANTED
            and not p.corrected_on
            and has_capability(user, Capability.PROPOSAL_DRAFT)
            and editor
        ),
        "entering_for": not receiver,
        "can_oppose": has_capability(user, Capability.OVERSIGHT_ISSUE),
        "decide_form": forms.get("decide") or DecisionForm(initial={"decided_on": today}),
        "arrest_form": forms.get("arrest") or ArrestForm(initial={"decided_on": today}),
        "correct_form": forms.get("correct") or CorrectForm(initial={"corrected_on": today}),
        "edit_form": forms.get("edit") or EditForm(proposal=p),
        "withdraw_form": forms.get("withdraw") or WithdrawForm(),
        "rule": RULES.get(p.grounds_rule),
        "crumbs": [
            ("提请建议", reverse("proposals:received" if receiver else "proposals:list")),
            (f"{p.supervisee.name} {p.get_kind_display()}", None),
        ],
    }
    return render(request, "proposals/detail.html", context)


def _logged(request, p: Proposal) -> None:
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[p.supervisee_id], request=request
        )


@viewer_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    _logged(request, p)
    return _detail_page(request, p)


def _back(pk: int) -> str:
    return reverse("proposals:detail", args=[pk])


def _again(request, pk: int, name: str, form):
    return lambda: _detail_page(request, _proposal(request, pk), {name: form})


@require_POST
@capability_required(Capability.PROPOSAL_PREPARE)
def submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    return run_step(
        request,
        form=None,
        act=lambda _: services.proposal_submit(actor=request.user, proposal_id=p.pk),
        done="已提交审核（需要评议的，已提交社区矫正审核委员会）。",
        back_to=_back(pk),
        rerender=lambda: None,
    )


@require_POST
@capability_required(Capability.PROPOSAL_DRAFT)
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafting unit corrects a draft; the statute rule is applied again, as when drafting."""
    p = _proposal(request, pk)
    form = EditForm(request.POST, proposal=p)
    return run_step(
        request,
        form=form,
        act=lambda d: services.proposal_edit(
            actor=request.user,
            proposal_id=p.pk,
            findings=form.findings(),
            statement=d["statement"],
            chosen_evidence=d.get("chosen_evidence", ""),
            addressee_choice=d.get("addressee_choice") or Proposal.Addressee.ORIGINAL,
            arrest_requested=d.get("arrest_requested", False),
        ),
        done="已保存修改。",
        back_to=_back(pk),
        rerender=_again(request, pk, "edit", form),
    )


@require_POST
@any_capability_required(Capability.PROPOSAL_DRAFT, Capability.PROPOSAL_PREPARE)
def withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    form = WithdrawForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.proposal_withdraw(actor=request.user, proposal_id=p.pk, reason=d["reason"]),
        done="已撤回提请建议。",
        back_to=_back(pk),
        rerender=_again(request, pk, "withdraw", form),
    )


@require_POST
@capability_required(Capability.PROPOSAL_SIGN)
def send_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    return run_step(
        request,
        form=None,
        act=lambda _: services.proposal_send(actor=request.user, proposal_id=p.pk),
        done="已签发并提请，建议书已抄送人民检察院。",
        back_to=_back(pk),
        rerender=lambda: None,
    )


@require_POST
@decider_required
def arrest_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    form = ArrestForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.arrest_decide(
            actor=request.user,
            proposal_id=p.pk,
            arrested=d["decision"] == Proposal.Arrest.ARRESTED,
            decided_on=d["decided_on"],
            note=d.get("note", ""),
        ),
        done="已录入逮捕决定。",
        back_to=_back(pk),
        rerender=_again(request, pk, "arrest", form),
    )


@require_POST
@decider_required
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    form = DecisionForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.proposal_decide(
            actor=request.user,
            proposal_id=p.pk,
            granted=d["decision"] == "granted",
            decided_on=d["decided_on"],
            ruling_number=d["ruling_number"],
            imposed=d.get("imposed", ""),
            new_term_end=d.get("new_term_end"),
            note=d.get("note", ""),
        ),
        done="已录入决定。",
        back_to=_back(pk),
        rerender=_again(request, pk, "decide", form),
    )


@require_POST
@capability_required(Capability.PROPOSAL_DRAFT)
def correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    p = _proposal(request, pk)
    form = CorrectForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.penalty_correct(actor=request.user, proposal_id=p.pk, corrected_on=d["corrected_on"]),
        done="已登记改正。",
        back_to=_back(pk),
        rerender=_again(request, pk, "correct", form),
    )


@viewer_required
def document_view(request: HttpRequest, pk: int, document_id: int, fmt: str) -> HttpResponse:
    """A proposal's own document (建议书, 提请逮捕建议书), for whoever may read the proposal: the receiving body reads
    what was sent to it even when the person's record is not in its jurisdiction. Logged as a download."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    p = _proposal(request, pk)
    if document_id not in (p.document_id, p.arrest_document_id):
        raise Http404
    document = p.document if document_id == p.document_id else p.arrest_document
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.DOWNLOAD, supervisee_ids=[p.supervisee_id], request=request
        )
    response = HttpResponse(document_file(document, fmt), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(document.title + document.number)}.{fmt}"
    return response


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    """The county's list: drafts, in deliberation, sent with their clocks (nearest first), decided."""
    show = request.GET.get("show", "sent")
    show = show if show in selectors.LIST_VIEWS else "sent"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.proposal_list(request.user, show=show, q=q), 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(p, selectors.clock(p, today)) for p in page]
    context = {
        "page": page,
        "rows": rows,
        "show": show,
        "views": selectors.LIST_VIEWS,
        "q": q,
        "can_oppose": has_capability(request.user, Capability.OVERSIGHT_ISSUE),
        "crumbs": [("提请建议", None)],
    }
    return render(request, "proposals/list.html", context)


@capability_required(Capability.PROPOSAL_DECIDE)
def received_view(request: HttpRequest) -> HttpResponse:
    """待处理的建议: the proposals addressed to the user's own unit, with their clocks; and those decided."""
    pending = request.GET.get("show", "pending") != "decided"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.received_list(request.user, pending=pending, q=q), 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(p, selectors.clock(p, today), selectors.arrest_clock(p)) for p in page]
    context = {
        "page": page,
        "rows": rows,
        "pending": pending,
        "q": q,
        "crumbs": [("待处理的建议", None)],
    }
    return render(request, "proposals/received.html", context)
