import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.supervisees.selectors import supervisee_status_counts

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
    counts = None
    if has_capability(request.user, Capability.SUPERVISEE_VIEW):
        counts = supervisee_status_counts(request.user)
    return render(request, "core/home.html", {"counts": counts})
