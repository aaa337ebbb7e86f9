"""Writes of procuratorate oversight. Each is one transaction; views call only these."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.core.errors import ServiceError
from sqjz.inbox.services import inbox_refresh
from sqjz.organisation.models import Unit
from sqjz.oversight import duties
from sqjz.oversight.models import CorrectionOpinion
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.calendar import Deadline
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import Access, jurisdiction_q, opinion_q

Opinion = CorrectionOpinion


class OversightError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def reply_due(kind: str, issued_on: date, reply_by: date | None):
    return duties.reply_due(statute_context(), kind=kind, issued_on=issued_on, reply_by=reply_by)


def addressable_units(user):
    """The agencies and offices a procurator oversees: those of the procuratorate's county."""
    if user.role != Role.PROCURATOR or user.unit is None or not user.unit.county_id:
        return Unit.objects.none()
    return Unit.objects.filter(
        kind__in=(Unit.Kind.COUNTY_AGENCY, Unit.Kind.JUDICIAL_OFFICE), county_id=user.unit.county_id, is_active=True
    ).order_by("kind", "division__code")


def _refresh(opinion: Opinion) -> None:
    inbox_refresh(area=duties.AREA, ids=[opinion.pk])


@transaction.atomic
def opinion_issue(*, actor, opinion: Opinion) -> Opinion:
    today = timezone.localdate()
    if not addressable_units(actor).filter(pk=opinion.addressed_to_id).exists():
        raise OversightError("只能向本院辖区的社区矫正机构或司法所提出。", "addressed_to")
    if opinion.issued_on > today:
        raise OversightError("提出日期不能晚于今天。", "issued_on")
    if opinion.kind != Opinion.Kind.ORAL and not opinion.reply_by:
        raise OversightError("书面纠正意见和检察建议请填写要求回复日期。", "reply_by")
    if opinion.reply_by and opinion.reply_by < opinion.issued_on:
        raise OversightError("要求回复日期不能早于提出日期。", "reply_by")
    if opinion.supervisee_id:
        s = Supervisee.objects.filter(jurisdiction_q(actor), pk=opinion.supervisee_id).select_related("judicial_office")
        person = s.first()
        if person is None or person.judicial_office.county_id != opinion.addressed_to.county_id:
            raise OversightError("涉及的矫正对象不在被监督单位的辖区内。")
    opinion.procuratorate, opinion.issued_by = actor.unit, actor
    due = reply_due(opinion.kind, opinion.issued_on, opinion.reply_by).outcome
    opinion.reply_due = due.due if isinstance(due, Deadline) else due
    opinion.status = Opinion.Status.AWAITING_REPLY
    opinion.save()
    _refresh(opinion)
    return opinion


@transaction.atomic
def opinion_reply(*, actor, opinion: Opinion, adopted: bool, reply: str, replied_on: date) -> Opinion:
    """The written reply (社区矫正法第六十二条): whether the opinion was adopted and, if not, why."""
    current = (
        Opinion.objects.select_for_update(of=("self",)).filter(opinion_q(actor, Access.EDIT), pk=opinion.pk).first()
    )
    if current is None:
        raise OversightError("您无权回复该意见。")
    if current.status != Opinion.Status.AWAITING_REPLY:
        raise OversightError("该意见已回复。")
    if not reply.strip():
        raise OversightError("请写明整改措施和结果；不采纳的，请说明理由。", "reply")
    if replied_on < current.issued_on or replied_on > timezone.localdate():
        raise OversightError("回复日期应在提出日期至今天之间。", "replied_on")
    current.adopted, current.reply, current.replied_on, current.replied_by = adopted, reply.strip(), replied_on, actor
    current.status = Opinion.Status.REPLIED
    current.save()
    _refresh(current)
    return current
