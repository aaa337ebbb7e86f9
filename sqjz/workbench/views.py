"""The workbench (工作台): first the to-dos the user must act on (待我办理), then, for those who follow the casework
of an area, what others must do in it (辖区待办: counts per office, then the items, to look at only)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.http import int_param
from sqjz.figures.selectors import figure_top, figure_totals, oldest
from sqjz.inbox.figures import TODO_FIGURE
from sqjz.organisation.models import Unit
from sqjz.statute.registry import RULES
from sqjz.supervisees.figures import REGISTER_FIGURE
from sqjz.supervisees.permissions import area_offices
from sqjz.supervisees.selectors import area_level, figure_units, supervisee_status_counts
from sqjz.workbench import selectors
from sqjz.workbench.panels import panels_for

# The offices shown in the summary of a county's or a city's to-dos: the most overdue first (a city has hundreds).
BY_OFFICE_SHOWN = 30
PER_PAGE = 50


def _rows(page, today):
    return [(item, (item.due - today).days, RULES.get(item.rule)) for item in page.object_list]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.role == Role.SUPERVISEE:
        return redirect("mobile:home")
    today = timezone.localdate()
    kinds = selectors.kinds_for(user)
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(kinds) else ""
    context: dict = {"crumbs": None, "today": today, "kind": kind, "kinds": kinds}
    context["panels"] = panels_for(user, today)  # the areas' panels (workbench.panels), e.g. the notices
    if has_capability(user, Capability.SUPERVISEE_VIEW):
        units = figure_units(user)
        if units is None:
            context["counts"] = supervisee_status_counts(user)
        else:  # the area's stored figures (decision 0025): exact, minors counted but not named
            context |= {"counts": figure_totals(REGISTER_FIGURE, units).values, "counts_exact": True}
    if selectors.can_act(user):
        page = Paginator(selectors.my_items(user, kind=kind), PER_PAGE).get_page(request.GET.get("page"))
        context |= {"mine": page, "mine_rows": _rows(page, today)}
        if not kind:
            request.inbox_mine = page.paginator.count  # the badge says the same: counted once
    if selectors.can_watch(user):
        office_id = int_param(request.GET.get("office"))
        # Any unit may be drilled into: the items shown are still only those the user may see.
        office = Unit.objects.filter(pk=office_id).first() if office_id else None
        context["office"] = office
        area = area_offices(user)
        if area_level(user) and office is None and area is not None:
            # Stored per office (decision 0025): the area's offices with open to-dos, the most overdue first.
            shown, more = figure_top(TODO_FIGURE, area, BY_OFFICE_SHOWN, urgent=True)
            context |= {"by_office": shown, "by_office_more": more, "by_office_as_of": oldest(shown)}
        else:
            watched = selectors.watched_items(user, office=office.pk if office else None, kind=kind)
            page = Paginator(watched, PER_PAGE).get_page(request.GET.get("wpage"))
            context |= {"watched": page, "watched_rows": _rows(page, today)}
    return render(request, "workbench/home.html", context)
