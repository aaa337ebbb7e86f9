"""What the supervision sub-areas (check-ins, travel, monitoring, medical re-examinations) share: the error their
writes raise and the locked read of the person they write about."""

from sqjz.core.errors import ServiceError
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user


class SupervisionError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def locked_person(actor, supervisee: Supervisee, access: Access = Access.EDIT) -> Supervisee:
    """The person under correction, reloaded under a row lock within the actor's jurisdiction."""
    s = lock_supervisee_for_user(actor, supervisee.pk, access, status=Status.UNDER_CORRECTION)
    if s is None:
        raise SupervisionError("您无权办理该矫正对象的此项事务，或该对象不在矫。")
    return s
