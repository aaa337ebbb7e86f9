"""Procuratorate oversight pages: the list, issuing an opinion (procurators), and an opinion with its reply."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.context_processors import clear_draft
from sqjz.core.http import int_param
from sqjz.core.workflow import run_step
from sqjz.documents.models import Document
from sqjz.documents.selectors import document_ledger
from sqjz.oversight import services
from sqjz.oversight.forms import OpinionForm, ReplyForm
from sqjz.oversight.models import CorrectionOpinion
from sqjz.statute.registry import RULES
from sqjz.supervisees.permissions import Access, opinion_q, supervisees_for


def _visible(user):
    return CorrectionOpinion.objects.filter(opinion_q(user)).select_related(
        "procuratorate", "addressed_to", "supervisee", "issued_by"
    )


@capability_required(Capability.OVERSIGHT_VIEW)
def opinion_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in CorrectionOpinion.Status.values else ""
    opinions = _visible(request.user)
    if status:
        opinions = opinions.filter(status=status)
    page = Paginator(opinions, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": CorrectionOpinion.Status.choices,
        "today": timezone.localdate(),
        "can_issue": has_capability(request.user, Capability.OVERSIGHT_ISSUE),
        "crumbs": [("检察监督", None)],
    }
    return render(request, "oversight/list.html", context)


@capability_required(Capability.OVERSIGHT_ISSUE)
def opinion_create_view(request: HttpRequest) -> HttpResponse:
    supervisee_id = int_param(request.GET.get("supervisee"))
    supervisee = get_object_or_404(supervisees_for(request.user), pk=supervisee_id) if supervisee_id else None
    initial = {"issued_on": timezone.localdate()}
    if supervisee:
        initial["addressed_to"] = supervisee.judicial_office.parent_id
    if request.GET.get("matter") in CorrectionOpinion.Matter.values:
        initial["matter"] = request.GET["matter"]
    form = OpinionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.supervisee = supervisee
        try:
            opinion = services.opinion_issue(actor=request.user, opinion=form.instance)
        except services.OversightError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            clear_draft(request, "opinion-new")
            return redirect("oversight:detail", pk=opinion.pk)
    context = {
        "form": form,
        "supervisee": supervisee,
        "rule": RULES["OPINION_REPLY_DUE"],
        "crumbs": [("检察监督", reverse("oversight:list")), ("提出纠正意见或检察建议", None)],
    }
    return render(request, "oversight/create.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, opinion: CorrectionOpinion, reply_form=None) -> HttpResponse:
    can_reply = (
        opinion.status == CorrectionOpinion.Status.AWAITING_REPLY
        and CorrectionOpinion.objects.filter(opinion_q(request.user, Access.EDIT), pk=opinion.pk).exists()
    )
    context = {
        "o": opinion,
        "days_left": (opinion.reply_due - timezone.localdate()).days,
        "due": services.reply_due(opinion.kind, opinion.issued_on, opinion.reply_by),
        "rule": RULES["OPINION_REPLY_DUE"],
        "can_reply": can_reply,
        "reply_form": reply_form or ReplyForm(initial={"replied_on": timezone.localdate()}),
        "crumbs": [("检察监督", reverse("oversight:list")), (opinion.get_kind_display(), None)],
    }
    return render(request, "oversight/detail.html", context)


@capability_required(Capability.OVERSIGHT_VIEW)
def opinion_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(_visible(request.user), pk=pk))


@require_POST
@capability_required(Capability.OVERSIGHT_REPLY)
def opinion_reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(_visible(request.user), pk=pk)
    form = ReplyForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.opinion_reply(
            actor=request.user, opinion=opinion, adopted=d["adopted"], reply=d["reply"], replied_on=d["replied_on"]
        ),
        done="已书面回复人民检察院。",
        back_to=reverse("oversight:detail", args=[pk]),
        rerender=lambda: _detail(request, opinion, form),
        draft_key=f"opinion-{pk}-reply",
    )


# The supervision point (检察规则第六百四十二至六百四十四条) an opinion on a document of each kind is about.
DOCUMENT_MATTERS = {
    Document.Kind.RECEIPT: CorrectionOpinion.Matter.HANDOVER,
    Document.Kind.DOCUMENT_REQUEST: CorrectionOpinion.Matter.HANDOVER,
    Document.Kind.NO_SHOW_NOTICE: CorrectionOpinion.Matter.LOST_CONTACT,
    Document.Kind.DISCHARGE_CERTIFICATE: CorrectionOpinion.Matter.RELEASE,
    Document.Kind.DISCHARGE_NOTICE: CorrectionOpinion.Matter.RELEASE,
    Document.Kind.TERMINATION_NOTICE: CorrectionOpinion.Matter.RELEASE,
    Document.Kind.LOST_CONTACT_NOTICE: CorrectionOpinion.Matter.LOST_CONTACT,
    Document.Kind.ADMONITION_DECISION: CorrectionOpinion.Matter.DISCIPLINE,
    Document.Kind.WARNING_DECISION: CorrectionOpinion.Matter.DISCIPLINE,
    Document.Kind.POLICE_PENALTY_PROPOSAL: CorrectionOpinion.Matter.DISCIPLINE,
    Document.Kind.PROBATION_REVOCATION_PROPOSAL: CorrectionOpinion.Matter.PROPOSAL,
    Document.Kind.PAROLE_REVOCATION_PROPOSAL: CorrectionOpinion.Matter.PROPOSAL,
    Document.Kind.COMMITTAL_PROPOSAL: CorrectionOpinion.Matter.PROPOSAL,
    Document.Kind.ARREST_REQUEST: CorrectionOpinion.Matter.PROPOSAL,
    Document.Kind.COMMUTATION_PROPOSAL: CorrectionOpinion.Matter.PROPOSAL,
    Document.Kind.SPECIAL_PLACE_ENTRY_NOTICE: CorrectionOpinion.Matter.LEAVE,
}


@capability_required(Capability.OVERSIGHT_VIEW)
def ledger_view(request: HttpRequest) -> HttpResponse:
    """法律文书台账: every document of the people in the user's jurisdiction, newest first, as the procuratorate's
    copies of the decisions, proposals and notices; a procurator opens an opinion on any of them from here."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in Document.Kind.values else ""
    q = request.GET.get("q", "")[:50]
    page = Paginator(document_ledger(request.user, kind=kind, q=q), 20).get_page(request.GET.get("page"))
    rows = [(d, DOCUMENT_MATTERS.get(d.kind, "")) for d in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "kind": kind,
        "q": q,
        "kinds": Document.Kind.choices,
        "can_issue": has_capability(request.user, Capability.OVERSIGHT_ISSUE),
        "crumbs": [("检察监督", reverse("oversight:list")), ("法律文书台账", None)],
    }
    return render(request, "oversight/ledger.html", context)
