"""考核奖惩 pages: one person's enforcement page (facts, measures, counts, grounds arising, level history and
review, meritorious acts) with the office's and the county's forms, and the jurisdiction list of measures (the
county's decision queue; read-only for procurators)."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.photos import photo_file_response
from sqjz.core.workflow import run_step
from sqjz.enforcement import selectors, services
from sqjz.enforcement.forms import CorrectForm, DecideForm, FactForm, ProposeForm, ServeForm
from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.supervision import LEVELS
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, get_supervisee_for_user, jurisdiction_q
from sqjz.supervision.selectors import record_breaches


def _page(
    request: HttpRequest, s: Supervisee, forms: dict | None = None, lost_contact_id: int | None = None
) -> HttpResponse:
    """`lost_contact_id`: a lost-contact case of the person whose span the propose form offers and pre-selects (the
    lost-contact page links here with the case id only)."""
    forms = forms or {}
    today = timezone.localdate()
    ctx = statute_context()
    user = request.user
    editable = s.status == Status.UNDER_CORRECTION and selectors.can_act(user, s)
    can_propose = editable and has_capability(user, Capability.ENFORCEMENT_PROPOSE)
    can_decide = editable and has_capability(user, Capability.ENFORCEMENT_DECIDE)
    facts = list(s.enforcement_facts.select_related("recorded_by", "confirmed_by"))
    measures = list(s.measures.select_related("proposed_by", "decided_by", "document").prefetch_related("facts"))
    counts = selectors.discipline_counts(s.pk, on=today)
    grounds = [
        {"rule": d.rule, "articles": "、".join(d.articles), "reasons": d.reasons}
        for d in (selectors.warning_ground(ctx, s, counts, today), selectors.revocation_ground(ctx, s, counts, today))
        if d
    ]
    latest = s.assessments.order_by("-period_end").first()
    if latest and latest.consequence.get("serious_circumstances_possible") and latest.consequence.get("proposal"):
        grounds.append(
            {
                "rule": latest.consequence_rule,
                "articles": latest.consequence_articles,
                "reasons": [r for r in latest.consequence_reasons.split("；") if r],
            }
        )
    for m in measures:  # one form of each kind per measure, with ids of its own
        m.decide_form = forms.get(("decide", m.pk)) or _decide_form(m.pk)
        m.serve_form = forms.get(("serve", m.pk)) or _serve_form(m.pk, initial={"served_on": today})
        m.correct_form = forms.get(("correct", m.pk)) or _correct_form(m.pk, initial={"corrected_on": today})
    reviews = list(s.level_reviews.select_related("proposed_by", "decided_by"))
    pending_review = next((r for r in reviews if r.status == LevelReview.Status.PROPOSED), None)
    proposal = None
    if can_propose and s.levels.exists() and pending_review is None:
        proposal = selectors.level_proposal(s, today)
    records = record_breaches(s.pk) if can_propose else []
    offer = None
    if can_propose and lost_contact_id is not None:
        offer = selectors.lost_contact_offer(ctx, s, lost_contact_id, facts, today)
    context = {
        "s": s,
        "facts": facts,
        "measures": measures,
        "counts": counts,
        "grounds": grounds,
        "levels": list(s.levels.select_related("decided_by")),
        "level_words": LEVELS,
        "reviews": reviews,
        "pending_review": pending_review,
        "pending_reasons": [r for r in pending_review.reasons.split("；") if r] if pending_review else [],
        "proposal": proposal,
        "latest": latest,
        "can_propose": can_propose,
        "can_decide": can_decide,
        "can_oppose": has_capability(user, Capability.OVERSIGHT_ISSUE),
        "fact_form": forms.get("fact") or FactForm(records=records, initial={"occurred_on": today}),
        "propose_form": forms.get("propose")
        or ProposeForm(
            facts=facts,
            assessment=_commendable(latest),
            lost_contact=offer,
            initial=_propose_initial(s, facts, latest, offer),
        ),
        "lost_contact": offer,
        "level_form": (forms.get(("level", pending_review.pk)) or _level_form()) if pending_review else None,
        "rules": [
            RULES[c]
            for c in (
                "COMMENDATION_GROUNDS",
                "ADMONITION_GROUNDS",
                "WARNING_GROUNDS",
                "MEASURE_DECIDER",
                "SUPERVISION_LEVEL",
            )
        ],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("考核奖惩", None),
        ],
    }
    return render(request, "enforcement/case.html", context)


def _decide_form(pk: int, data=None) -> DecideForm:
    return DecideForm(data, auto_id=f"decide{pk}_%s")


def _serve_form(pk: int, data=None, **kwargs) -> ServeForm:
    return ServeForm(data, auto_id=f"serve{pk}_%s", **kwargs)


def _correct_form(pk: int, data=None, **kwargs) -> CorrectForm:
    return CorrectForm(data, auto_id=f"correct{pk}_%s", **kwargs)


def _level_form(data=None) -> DecideForm:
    return DecideForm(data, auto_id="level_%s")


def _commendable(latest):
    return latest if latest and latest.consequence.get("commendation") else None


def _propose_initial(s: Supervisee, facts: list[Fact], latest, offer=None) -> dict:
    """From a lost-contact case: the admonition or warning its span grounds (LOST_CONTACT_LEVEL), with the span as its
    fact. 应当表扬 / 可以表扬 after the latest grade: the commendation pre-filled with the assessment as its fact."""
    if offer is not None:
        chosen = [str(offer.fact.pk) if offer.fact else offer.value]
        kind = offer.measure if offer.measure in (Measure.Kind.ADMONITION, Measure.Kind.WARNING) else ""
        return {"kind": kind, "facts": chosen} if kind else {"facts": chosen}
    if _commendable(latest):
        chosen = [str(f.pk) for f in facts if f.assessment_id == latest.pk] or [f"a{latest.pk}"]
        return {"kind": Measure.Kind.COMMENDATION, "facts": chosen}
    return {}


@capability_required(Capability.SUPERVISEE_VIEW)
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    lost_contact_id = selectors.lost_contact_case_id([f"l{request.GET.get('lost_contact', '')}"])
    return _page(request, supervisee_viewed(request, pk), lost_contact_id=lost_contact_id)


def _back(pk: int) -> str:
    return reverse("enforcement:case", args=[pk])


def _rerender(request, pk: int, name, form):
    def again() -> HttpResponse:
        return _page(request, get_supervisee_for_user(request.user, pk), {name: form})

    return again


@require_POST
@capability_required(Capability.ENFORCEMENT_PROPOSE)
def fact_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    records = record_breaches(s.pk)
    form = FactForm(request.POST, request.FILES, records=records)

    def act(data):
        photos = [f.read() for f in request.FILES.getlist("photos")]
        return services.fact_record(
            actor=request.user, supervisee=s, fact=form.instance, photos=photos, record_ref=data.get("record_ref", "")
        )

    return run_step(
        request,
        form=form,
        act=act,
        done="已登记事实。",
        back_to=_back(pk),
        rerender=_rerender(request, pk, "fact", form),
    )


@require_POST
@capability_required(Capability.ENFORCEMENT_PROPOSE)
def propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    facts = list(s.enforcement_facts.all())
    lost_contact_id = selectors.lost_contact_case_id(request.POST.getlist("facts"))
    offer = None
    if lost_contact_id is not None:
        offer = selectors.lost_contact_offer(statute_context(), s, lost_contact_id, facts, timezone.localdate())
    form = ProposeForm(
        request.POST,
        facts=facts,
        assessment=_commendable(s.assessments.order_by("-period_end").first()),
        lost_contact=offer,
    )
    return run_step(
        request,
        form=form,
        act=lambda d: services.measure_propose(
            actor=request.user,
            supervisee=s,
            kind=d["kind"],
            fact_ids=[int(x) for x in d["facts"] if x.isdigit()],
            assessment_id=next((int(x[1:]) for x in d["facts"] if x.startswith("a")), None),
            lost_contact_id=selectors.lost_contact_case_id(d["facts"]),
            proposal=d["proposal"],
        ),
        done="已提请，等待县级社区矫正机构决定。",
        back_to=_back(pk),
        rerender=_rerender(request, pk, "propose", form),
    )


@require_POST
@capability_required(Capability.ENFORCEMENT_PROPOSE)
def level_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    return run_step(
        request,
        form=None,
        act=lambda _: services.level_review_propose(actor=request.user, supervisee=s),
        done="已提请管理等级复核，等待县级社区矫正机构决定。",
        back_to=_back(pk),
        rerender=lambda: None,
    )


def _measure(request, measure_id: int, access: Access = Access.EDIT) -> Measure:
    return get_object_or_404(
        Measure.objects.filter(jurisdiction_q(request.user, access, prefix="supervisee__")), pk=measure_id
    )


@require_POST
@capability_required(Capability.ENFORCEMENT_DECIDE)
def decide_view(request: HttpRequest, measure_id: int) -> HttpResponse:
    m = _measure(request, measure_id)
    form = _decide_form(m.pk, request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.measure_decide(
            actor=request.user, measure_id=m.pk, approve=d["decision"] == "approve", reason=d["reason"]
        ),
        done="已作出决定。",
        back_to=_back(m.supervisee_id),
        rerender=_rerender(request, m.supervisee_id, ("decide", m.pk), form),
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def serve_view(request: HttpRequest, measure_id: int) -> HttpResponse:
    m = _measure(request, measure_id)
    form = _serve_form(m.pk, request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.measure_serve(actor=request.user, measure_id=m.pk, served_on=d["served_on"]),
        done="已登记送达。",
        back_to=_back(m.supervisee_id),
        rerender=_rerender(request, m.supervisee_id, ("serve", m.pk), form),
    )


@require_POST
@capability_required(Capability.ENFORCEMENT_PROPOSE)
def correct_view(request: HttpRequest, measure_id: int) -> HttpResponse:
    m = _measure(request, measure_id)
    form = _correct_form(m.pk, request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.measure_correct(
            actor=request.user, measure_id=m.pk, corrected_on=d["corrected_on"], finding=d["finding"]
        ),
        done="已登记改正。",
        back_to=_back(m.supervisee_id),
        rerender=_rerender(request, m.supervisee_id, ("correct", m.pk), form),
    )


@require_POST
@capability_required(Capability.ENFORCEMENT_DECIDE)
def merit_confirm_view(request: HttpRequest, fact_id: int) -> HttpResponse:
    f = get_object_or_404(
        Fact.objects.filter(jurisdiction_q(request.user, Access.EDIT, prefix="supervisee__")), pk=fact_id
    )
    return run_step(
        request,
        form=None,
        act=lambda _: services.merit_confirm(actor=request.user, fact_id=f.pk),
        done="已确认突出表现。",
        back_to=_back(f.supervisee_id),
        rerender=lambda: None,
    )


@require_POST
@capability_required(Capability.ENFORCEMENT_DECIDE)
def level_decide_view(request: HttpRequest, review_id: int) -> HttpResponse:
    r = get_object_or_404(
        LevelReview.objects.filter(jurisdiction_q(request.user, Access.EDIT, prefix="supervisee__")), pk=review_id
    )
    form = _level_form(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.level_review_decide(
            actor=request.user, review_id=r.pk, approve=d["decision"] == "approve", reason=d["reason"]
        ),
        done="已作出管理等级决定，自次日起执行。",
        back_to=_back(r.supervisee_id),
        rerender=_rerender(request, r.supervisee_id, ("level", r.pk), form),
    )


@capability_required(Capability.SUPERVISEE_VIEW)
def attachment_view(request: HttpRequest, fact_id: int, n: int) -> HttpResponse:
    f = get_object_or_404(Fact.objects.filter(jurisdiction_q(request.user, prefix="supervisee__")), pk=fact_id)
    if not 1 <= n <= len(f.attachments):
        return photo_file_response("")
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[f.supervisee_id], request=request
        )
    return photo_file_response(f.attachments[n - 1]["path"])


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    """The measures of the jurisdiction (pending first: the county's decision queue), with pending level reviews
    and meritorious acts awaiting confirmation."""
    show = request.GET.get("show", "pending")
    show = show if show in selectors.LIST_VIEWS else "pending"
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.measure_list(request.user, show=show, q=q, kind=kind), 20).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "show": show,
        "views": selectors.LIST_VIEWS,
        "kind": kind,
        "kinds": Measure.Kind.choices,
        "q": q,
        "reviews": list(selectors.pending_level_reviews(request.user, q)[:20]) if show == "pending" else [],
        "merits": list(selectors.pending_merits(request.user, q)[:20]) if show == "pending" else [],
        "level_words": LEVELS,
        "can_oppose": has_capability(request.user, Capability.OVERSIGHT_ISSUE),
        "crumbs": [("考核奖惩", None)],
    }
    return render(request, "enforcement/list.html", context)
