"""Opening a person's record or photo on a page: within the user's jurisdiction (404 outside it), with the access
to the personal data written to the access log in the same transaction."""

from django.db import transaction
from django.http import FileResponse

from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.photos import photo_file_response
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import get_supervisee_for_user


@transaction.atomic
def supervisee_viewed(request, pk: int) -> Supervisee:
    """The pages that show one person's record start here."""
    s = get_supervisee_for_user(request.user, pk)
    access_log_write(actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[pk], request=request)
    return s


def photo_viewed(request, supervisee_id: int, relative: str) -> FileResponse:
    """A stored photo of a record the caller has found within the user's jurisdiction; showing it is logged."""
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[supervisee_id], request=request
        )
    return photo_file_response(relative)
