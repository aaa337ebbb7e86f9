"""Reads of received messages: partner users see what their agency sent; EXCHANGE_VIEW officers see those of their
area (a county agency: messages concerning its offices, and refusals from its county's agencies; the city: all)."""

from django.db.models import Q, QuerySet

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.exchange.models import InboundMessage

PARTNER_ROLES = (Role.JUDGE, Role.POLICE, Role.PRISON_OFFICER)


def messages_visible(user) -> QuerySet[InboundMessage]:
    messages = InboundMessage.objects.select_related("agency", "office", "credential", "sent_by")
    unit = getattr(user, "unit", None)
    if unit is None:
        return messages.none()
    if user.role in PARTNER_ROLES and has_capability(user, Capability.EXCHANGE_SUBMIT):
        return messages.filter(agency=unit)
    if not has_capability(user, Capability.EXCHANGE_VIEW):
        return messages.none()
    if unit.kind == "city_agency":
        return messages
    if unit.kind == "county_agency":
        return messages.filter(Q(office__county_id=unit.county_id) | Q(office=None, agency__county_id=unit.county_id))
    return messages.none()


def body_visible(user, m: InboundMessage) -> bool:
    """The content names people: not a minor's above the office (社区矫正法第五十四条); partners see their own."""
    if user.role in PARTNER_ROLES:
        return m.agency_id == user.unit_id
    return not m.is_minor
