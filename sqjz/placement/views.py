"""The placement pages: the bases of the user's counties with their occupancy today, a base with the people staying
and those who stayed (named where the user may open the record), placing a person and ending the stay; the
enterprises and their offers, and an offer with the open assistance cases it fits, its proposals and their answers.

Reading: those who follow the casework (CASEWORK_VIEW), within their counties (the city: all). Writing:
PLACEMENT_MANAGE (the offices' officers and the county agency), for their own county."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.workflow import run_step
from sqjz.placement import selectors, services
from sqjz.placement.forms import (
    BaseForm,
    DecideForm,
    EndForm,
    EnterpriseForm,
    MatchForm,
    OfferForm,
    PlacementForm,
)
from sqjz.placement.models import OfferKind, OfferMatch, PlacementBase
from sqjz.statute.registry import RULES
from sqjz.statute.rules.assistance import KINDS
from sqjz.statute.rules.placement import OFFER_FITS
from sqjz.supervisees.models import Status
from sqjz.supervisees.permissions import supervisees_for

PER_PAGE = 20
BASE_KINDS = {"": "全部", **dict(PlacementBase.Kind.choices)}
OFFER_KINDS = {"": "全部", **dict(OfferKind.choices)}
BASES = ("安置基地", "placement:list")
ENTERPRISES = ("帮扶企业", "placement:enterprises")
OFFERS = ("企业帮扶项目", "placement:offers")


def _crumbs(top: tuple[str, str], *rest) -> list:
    return [(top[0], reverse(top[1]) if rest else None), *rest]


def _may_write(user, county_id: int) -> bool:
    return selectors.writer_county(user) == county_id


def _log(request: HttpRequest, ids) -> None:
    if ids:
        access_log_write(actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=ids, request=request)


def _rules() -> list:
    return [RULES[selectors.THREE_NO_RULE], RULES[selectors.CAPACITY_RULE]]


def _q(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:50]


# ------------------------------------------------------------------------------------------------------ bases


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    g, today = request.GET, timezone.localdate()
    kind = g.get("kind", "") if g.get("kind", "") in BASE_KINDS else ""
    active = g.get("inactive", "") != "1"
    q = _q(request)
    bases = selectors.base_list(request.user, day=today, q=q, kind=kind, active=active)
    context = {
        "page": Paginator(bases, PER_PAGE).get_page(g.get("page")),
        "q": q,
        "kind": kind,
        "kinds": BASE_KINDS,
        "active": active,
        "may_write": selectors.writer_county(request.user) is not None,
        "crumbs": _crumbs(BASES),
    }
    return render(request, "placement/list.html", context)


def _base_form_page(request: HttpRequest, base: PlacementBase | None) -> HttpResponse:
    form = BaseForm(request.POST or None, instance=base, initial={} if base else {"active": True})
    title = f"修改：{base.name}" if base else "登记安置基地"
    crumbs = _crumbs(BASES, *([(base.name, reverse("placement:base", args=[base.pk]))] if base else []), (title, None))

    def rerender() -> HttpResponse:
        return render(
            request, "placement/base_form.html", {"form": form, "base": base, "title": title, "crumbs": crumbs}
        )

    if request.method != "POST":
        return rerender()
    saved = []
    response = run_step(
        request,
        form=form,
        act=lambda data: saved.append(services.base_save(actor=request.user, base=form.instance)),
        done="已保存安置基地。",
        back_to=reverse("placement:list"),
        rerender=rerender,
    )
    return redirect("placement:base", pk=saved[0].pk) if saved else response


@capability_required(Capability.PLACEMENT_MANAGE)
def base_new_view(request: HttpRequest) -> HttpResponse:
    return _base_form_page(request, None)


@capability_required(Capability.PLACEMENT_MANAGE)
def base_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    base = selectors.get_base_for_user(request.user, pk)
    if not _may_write(request.user, base.county_id):
        raise Http404
    return _base_form_page(request, base)


@transaction.atomic
def _base_page(
    request: HttpRequest, base: PlacementBase, form: PlacementForm | None = None, ending: tuple | None = None
) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    placements = selectors.placements_of(base)
    visible = selectors.visible_people(user, {p.supervisee_id for p in placements})
    _log(request, sorted(visible))
    may_write = _may_write(user, base.county_id)
    staying = [p for p in placements if p.ended_on is None]
    end_forms = {p.pk: EndForm(pk=p.pk, initial={"ended_on": today}) for p in staying if p.supervisee_id in visible}
    if ending is not None:
        end_forms[ending[0]] = ending[1]
    if may_write and base.active and form is None:
        form = PlacementForm(
            queryset=selectors.candidates(user, base), initial={"started_on": today, "family_to_turn_to": ""}
        )
    context = {
        "base": base,
        "occupied": len(staying),  # nobody's stay is ended ahead of the day
        "room": base.capacity - len(staying),
        "staying": [(p, p.supervisee_id in visible, end_forms.get(p.pk) if may_write else None) for p in staying],
        "left": [(p, p.supervisee_id in visible) for p in placements if p.ended_on is not None],
        "may_write": may_write,
        "form": form if may_write and base.active else None,
        "rules": _rules(),
        "crumbs": _crumbs(BASES, (base.name, None)),
    }
    return render(request, "placement/base.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def base_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _base_page(request, selectors.get_base_for_user(request.user, pk))


@require_POST
@capability_required(Capability.PLACEMENT_MANAGE)
def place_view(request: HttpRequest, pk: int) -> HttpResponse:
    base = selectors.get_base_for_user(request.user, pk)
    # Anyone the user may see may be posted, so that the service says why a person may not be placed.
    people = supervisees_for(request.user).filter(status=Status.UNDER_CORRECTION).select_related("judicial_office")
    form = PlacementForm(request.POST, queryset=people)

    def act(data) -> None:
        services.placement_create(
            actor=request.user,
            base=base,
            supervisee=data["person"],
            started_on=data["started_on"],
            planned_end=data["planned_end"],
            reason=data["reason"],
            family_to_turn_to=data["family_to_turn_to"],
        )

    return run_step(
        request,
        form=form,
        act=act,
        done="已安置。",
        back_to=reverse("placement:base", args=[pk]),
        rerender=lambda: _base_page(request, base, form=form),
    )


@require_POST
@capability_required(Capability.PLACEMENT_MANAGE)
def end_view(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.get_stay_for_user(request.user, pk)
    form = EndForm(request.POST, pk=pk)
    return run_step(
        request,
        form=form,
        act=lambda data: services.placement_end(
            actor=request.user, placement=placement, ended_on=data["ended_on"], end_note=data["end_note"]
        ),
        done="已办理离开。",
        back_to=reverse("placement:base", args=[placement.base_id]),
        rerender=lambda: _base_page(request, placement.base, ending=(pk, form)),
    )


# ------------------------------------------------------------------------------------------------ enterprises


@capability_required(Capability.CASEWORK_VIEW)
def enterprises_view(request: HttpRequest) -> HttpResponse:
    q, today = _q(request), timezone.localdate()
    enterprises = selectors.enterprise_list(request.user, day=today, q=q)
    context = {
        "page": Paginator(enterprises, PER_PAGE).get_page(request.GET.get("page")),
        "q": q,
        "may_write": selectors.writer_county(request.user) is not None,
        "crumbs": _crumbs(ENTERPRISES),
    }
    return render(request, "placement/enterprises.html", context)


@capability_required(Capability.PLACEMENT_MANAGE)
def enterprise_new_view(request: HttpRequest) -> HttpResponse:
    form = EnterpriseForm(request.POST or None)
    crumbs = _crumbs(ENTERPRISES, ("登记帮扶企业", None))

    def rerender() -> HttpResponse:
        return render(request, "placement/enterprise_form.html", {"form": form, "crumbs": crumbs})

    if request.method != "POST":
        return rerender()
    saved = []
    response = run_step(
        request,
        form=form,
        act=lambda data: saved.append(services.enterprise_create(actor=request.user, enterprise=form.instance)),
        done="已登记帮扶企业，请登记其帮扶项目。",
        back_to=reverse("placement:enterprises"),
        rerender=rerender,
    )
    return redirect("placement:enterprise", pk=saved[0].pk) if saved else response


def _enterprise_page(request: HttpRequest, enterprise, form: OfferForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    may_write = _may_write(request.user, enterprise.county_id)
    initial = {"valid_from": today, "valid_to": today.replace(year=today.year + 1) if today.month != 2 else today}
    context = {
        "enterprise": enterprise,
        "offers": list(enterprise.offers.order_by("-valid_to", "-id")),
        "today": today,
        "form": form or (OfferForm(initial=initial) if may_write else None),
        "crumbs": _crumbs(ENTERPRISES, (enterprise.name, None)),
    }
    return render(request, "placement/enterprise.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def enterprise_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _enterprise_page(request, selectors.get_enterprise_for_user(request.user, pk))


@require_POST
@capability_required(Capability.PLACEMENT_MANAGE)
def offer_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.get_enterprise_for_user(request.user, pk)
    form = OfferForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.offer_create(actor=request.user, enterprise=enterprise, offer=form.instance),
        done="已登记帮扶项目。",
        back_to=reverse("placement:enterprise", args=[pk]),
        rerender=lambda: _enterprise_page(request, enterprise, form),
    )


# ------------------------------------------------------------------------------------------------------ offers


@capability_required(Capability.CASEWORK_VIEW)
def offers_view(request: HttpRequest) -> HttpResponse:
    g, today = request.GET, timezone.localdate()
    kind = g.get("kind", "") if g.get("kind", "") in OFFER_KINDS else ""
    current = g.get("all", "") != "1"
    q = _q(request)
    offers = selectors.offer_list(request.user, day=today, q=q, kind=kind, current=current)
    context = {
        "page": Paginator(offers, PER_PAGE).get_page(g.get("page")),
        "q": q,
        "kind": kind,
        "kinds": OFFER_KINDS,
        "current": current,
        "today": today,
        "crumbs": _crumbs(OFFERS),
    }
    return render(request, "placement/offers.html", context)


@transaction.atomic
def _offer_page(
    request: HttpRequest, offer, form: MatchForm | None = None, deciding: tuple | None = None
) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    may_write = _may_write(user, offer.enterprise.county_id)
    matches = selectors.matches_of(offer)
    cases = list(selectors.matching_cases(user, offer))
    shown = {m.case.supervisee_id for m in matches} | {c.supervisee_id for c in cases}
    visible = selectors.visible_people(user, shown)
    _log(request, sorted(visible))
    decide_forms = {
        m.pk: DecideForm(pk=m.pk, initial={"day": today})
        for m in matches
        if m.status == OfferMatch.Status.PROPOSED and m.case.supervisee_id in visible
    }
    if deciding is not None:
        decide_forms[deciding[0]] = deciding[1]
    valid = offer.valid_from <= today <= offer.valid_to
    if may_write and valid and form is None and cases:
        form = MatchForm(queryset=selectors.matching_cases(user, offer), initial={"day": today})
    context = {
        "offer": offer,
        "valid": valid,
        "fits": "、".join(KINDS[code].label for code in OFFER_FITS[offer.kind]),
        "matches": [
            (m, m.case.supervisee_id in visible, decide_forms.get(m.pk) if may_write else None) for m in matches
        ],
        "cases": cases,
        "accepted": sum(1 for m in matches if m.status == OfferMatch.Status.ACCEPTED),
        "may_write": may_write,
        "form": form if may_write else None,
        "crumbs": _crumbs(OFFERS, (offer.title, None)),
    }
    return render(request, "placement/offer.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def offer_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _offer_page(request, selectors.get_offer_for_user(request.user, pk))


@require_POST
@capability_required(Capability.PLACEMENT_MANAGE)
def match_view(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.get_offer_for_user(request.user, pk)
    form = MatchForm(request.POST, queryset=selectors.matching_cases(request.user, offer))
    return run_step(
        request,
        form=form,
        act=lambda data: services.match_propose(
            actor=request.user, offer=offer, case_id=data["case"].pk, day=data["day"], note=data["note"]
        ),
        done="已推荐，请登记本人是否接受。",
        back_to=reverse("placement:offer", args=[pk]),
        rerender=lambda: _offer_page(request, offer, form=form),
    )


@require_POST
@capability_required(Capability.PLACEMENT_MANAGE)
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.get_match_for_user(request.user, pk)
    form = DecideForm(request.POST, pk=pk)
    return run_step(
        request,
        form=form,
        act=lambda data: services.match_decide(
            actor=request.user, match=match, status=data["status"], day=data["day"], note=data["note"]
        ),
        done="已登记结果。",
        back_to=reverse("placement:offer", args=[match.offer_id]),
        rerender=lambda: _offer_page(
            request, selectors.get_offer_for_user(request.user, match.offer_id), deciding=(pk, form)
        ),
    )
