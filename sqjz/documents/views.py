"""Downloading a document of the case file, as DOCX (to edit) or PDF (to file). Access follows the
record the document belongs to, and each download is written to the access log."""

from urllib.parse import quote

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.documents.selectors import documents_for
from sqjz.documents.services import document_file

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def document_download_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (
        has_capability(request.user, Capability.SUPERVISEE_VIEW)
        or has_capability(request.user, Capability.INVESTIGATION_VIEW)
    ):
        raise PermissionDenied
    if fmt not in CONTENT_TYPES:
        raise Http404
    with transaction.atomic():
        document = get_object_or_404(documents_for(request.user), pk=pk)
        access_log_write(
            actor=request.user,
            action=AccessLog.Action.DOWNLOAD,
            supervisee_ids=[document.supervisee_id] if document.supervisee_id else [],
            investigation_ids=[document.investigation_id] if document.investigation_id else [],
            request=request,
        )
    data = document_file(document, fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    filename = f"{document.title}{document.number}.{fmt}"
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    return response
