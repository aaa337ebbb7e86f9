import logging

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.http import int_param
from sqjz.inbox.models import InboxItem
from sqjz.inbox.selectors import inbox_counts_by_office, inbox_items
from sqjz.supervisees.selectors import register_filter_options, supervisee_status_counts

logger = logging.getLogger(__name__)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    backend = connection.vendor
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not reachable"; the details go to the log, not to the caller
        logger.exception("health check: database not reachable")
        return JsonResponse({"status": "error", "database": {"backend": backend, "reachable": False}}, status=503)
    return JsonResponse({"status": "ok", "database": {"backend": backend, "reachable": True}})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The workbench: the officer's inbox of what is due; above office level, counts per office first. A supervisee
    goes to the phone pages."""
    user = request.user
    if user.role == Role.SUPERVISEE:
        return redirect("mobile:home")
    context: dict = {"crumbs": None}
    if has_capability(user, Capability.SUPERVISEE_VIEW):
        today = timezone.localdate()
        office = int_param(request.GET.get("office"))
        kind = request.GET.get("kind", "") if request.GET.get("kind") in InboxItem.Kind.values else ""
        _, offices = register_filter_options(user)
        by_office = bool(offices) and office is None and not kind
        context |= {
            "today": today,
            "counts": supervisee_status_counts(user),
            "by_office": inbox_counts_by_office(user, today) if by_office else None,
            "office": next((o for o in offices if o.pk == office), None),
            "kind": kind,
            "kinds": InboxItem.Kind.choices,
        }
        if not by_office:
            page = Paginator(inbox_items(user, office=office, kind=kind), 50).get_page(request.GET.get("page"))
            context["page"] = page
            context["rows"] = [(item, (item.due - today).days) for item in page.object_list]
    return render(request, "core/home.html", context)
