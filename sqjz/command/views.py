"""The command centre's screen: the whole page, and its live part that the page fetches again every few seconds
(htmx), so that a wall screen follows the day without reloading."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.command import selectors
from sqjz.core.http import int_param

REFRESH_SECONDS = 15


def _context(request: HttpRequest) -> dict:
    area = selectors.area_for(
        request.user, county=int_param(request.GET.get("county")), office=int_param(request.GET.get("office"))
    )
    if area is None:
        raise PermissionDenied
    today = timezone.localdate()
    s = selectors.screen(request.user, area, request.GET.get("page"))
    charts = selectors.chart_data(s, today)
    trend = charts["trend"]
    return {
        "screen": s,
        "tiles": selectors.tiles(s),
        "charts": charts,
        "trend_rows": list(zip(trend["months"], trend["active"], trend["intake"], trend["ended"], strict=True))[::-1],
        "today": today,
        "now": timezone.localtime(),
        "refresh": REFRESH_SECONDS,
        "crumbs": s.crumbs,
        "query": request.GET.urlencode(),
    }


@never_cache
@capability_required(Capability.COMMAND_VIEW)
def screen_view(request: HttpRequest) -> HttpResponse:
    return render(request, "command/screen.html", _context(request))


@never_cache
@capability_required(Capability.COMMAND_VIEW)
def live_view(request: HttpRequest) -> HttpResponse:
    return render(request, "command/_live.html", _context(request))
