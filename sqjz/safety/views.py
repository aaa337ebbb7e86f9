"""Screening campaigns: the list with progress, organising one (county and city agencies), a campaign's exact
counts per office with the people still to screen, and recording one person's screening."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.context_processors import clear_draft
from sqjz.core.workflow import run_step
from sqjz.safety import services
from sqjz.safety.forms import CampaignForm, ScreeningForm
from sqjz.safety.selectors import campaign_people, campaign_progress, campaigns_for
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user


@capability_required(Capability.CASEWORK_VIEW)
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(campaigns_for(request.user).select_related("area"), 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "today": timezone.localdate(),
        "can_create": has_capability(request.user, Capability.SCREENING_MANAGE),
        "crumbs": [("排查", None)],
    }
    return render(request, "safety/list.html", context)


@capability_required(Capability.SCREENING_MANAGE)
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, campaign=form.instance)
        except services.SafetyError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            clear_draft(request, "campaign-new")
            return redirect("safety:campaign", pk=campaign.pk)
    context = {"form": form, "crumbs": [("排查", reverse("safety:list")), ("组织排查", None)]}
    return render(request, "safety/create.html", context, status=400 if form.errors else 200)


@capability_required(Capability.CASEWORK_VIEW)
def campaign_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(campaigns_for(request.user).select_related("area"), pk=pk)
    show = "done" if request.GET.get("show") == "done" else "todo"
    people = campaign_people(request.user, campaign).filter(screened=(show == "done")).order_by("judicial_office", "id")
    progress = campaign_progress(request.user, campaign)
    total, screened = sum(p.total for p in progress), sum(p.screened for p in progress)
    context = {
        "campaign": campaign,
        "progress": progress,
        "total": total,
        "screened": screened,
        "missing": total - screened,
        "show": show,
        "page": Paginator(people, 50).get_page(request.GET.get("page")),
        "crumbs": [("排查", reverse("safety:list")), (campaign.name, None)],
    }
    return render(request, "safety/campaign.html", context)


@capability_required(Capability.SUPERVISEE_EDIT)
def screening_view(request: HttpRequest, pk: int, supervisee_id: int) -> HttpResponse:
    campaign = get_object_or_404(campaigns_for(request.user), pk=pk)
    s = get_supervisee_for_user(request.user, supervisee_id, Access.EDIT)
    form = ScreeningForm(request.POST or None, initial={"screened_on": timezone.localdate()})

    def page() -> HttpResponse:
        context = {
            "campaign": campaign,
            "s": s,
            "form": form,
            "can_edit": can_access(request.user, s, Access.EDIT),
            "crumbs": [
                ("排查", reverse("safety:list")),
                (campaign.name, reverse("safety:campaign", args=[pk])),
                (s.name, None),
            ],
        }
        return render(request, "safety/screening.html", context)

    if request.method != "POST":
        return page()
    return run_step(
        request,
        form=form,
        act=lambda _: services.screening_record(
            actor=request.user,
            campaign=campaign,
            supervisee=s,
            screening=form.instance,
            occasion=form.cleaned_data["occasion"],
        ),
        done=f"已登记{s.name}的排查情况。",
        back_to=reverse("safety:campaign", args=[pk]),
        rerender=page,
        draft_key=f"screening-{pk}-{s.pk}",
    )
