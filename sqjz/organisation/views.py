from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.organisation.models import Division


@capability_required(Capability.ORGANISATION_VIEW)
def my_unit_view(request: HttpRequest) -> HttpResponse:
    """The user's own unit: its place in the tree and what lies directly under it."""
    unit = request.user.unit
    context = {"unit": unit, "crumbs": [("本单位", None)]}
    if unit is not None:
        context |= {
            "chain": unit.ancestors(),
            "children": unit.children.filter(is_active=True).select_related("division").order_by("division__code"),
            "villages": unit.division.children.order_by("code")
            if unit.division.level == Division.Level.TOWNSHIP
            else [],
            "colleagues": unit.users.filter(is_active=True).order_by("role", "full_name"),
        }
    return render(request, "organisation/mine.html", context)
