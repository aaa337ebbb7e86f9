import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

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
