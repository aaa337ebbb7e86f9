"""Writes of electronic monitoring: proposals on the statute's grounds, the bureau head's decisions and
extensions, release. Each is one transaction; views call only these."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.inbox.services import inbox_refresh
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import Access
from sqjz.supervision.common import SupervisionError, locked_person
from sqjz.supervision.monitoring import duties
from sqjz.supervision.monitoring.models import ElectronicMonitoring, MonitoringExtension


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


def monitoring_period(start: date, months: int, *, extension: bool = False) -> Decision:
    return RULES["ELECTRONIC_MONITORING_PERIOD"](
        statute_context(), start=start, requested_months=months, extension=extension
    )


@transaction.atomic
def monitoring_propose(*, actor, supervisee: Supervisee, monitoring: ElectronicMonitoring) -> ElectronicMonitoring:
    """Propose the device on the statute's grounds for a lawful period; the bureau head decides."""
    s = locked_person(actor, supervisee)
    if s.monitorings.filter(status__in=(ElectronicMonitoring.Status.PROPOSED, ElectronicMonitoring.Status.ACTIVE)):
        raise SupervisionError("该矫正对象已有待批准或使用中的电子定位。")
    grounds = RULES["ELECTRONIC_MONITORING_GROUNDS"](statute_context(), grounds=monitoring.grounds)
    if not grounds.outcome:
        raise SupervisionError("不属于法定情形，不得使用电子定位装置（社区矫正法第二十九条）。", "grounds")
    if monitoring.start < timezone.localdate():
        raise SupervisionError("起始日期不能早于今天。", "start")
    period = monitoring_period(monitoring.start, monitoring.months)
    if not period.outcome.allowed:
        raise SupervisionError(period.reasons[0] + "。", "months")
    if period.outcome.end > s.term_end:
        raise SupervisionError(f"截止日期{period.outcome.end:%Y-%m-%d}超过矫正期满日，请缩短期限。", "months")
    monitoring.supervisee, monitoring.proposed_by, monitoring.end = s, actor, period.outcome.end
    monitoring.status = ElectronicMonitoring.Status.PROPOSED
    monitoring._history_user = actor
    monitoring.save()
    _refresh(s)
    return monitoring


def _locked_monitoring(actor, monitoring: ElectronicMonitoring, status: str) -> ElectronicMonitoring:
    current = ElectronicMonitoring.objects.select_for_update().get(pk=monitoring.pk)
    locked_person(actor, current.supervisee, Access.VIEW)
    if current.status != status:
        raise SupervisionError(f"该电子定位当前为“{current.get_status_display()}”。")
    return current


def _check_head(actor, s: Supervisee) -> None:
    if not has_capability(actor, Capability.MONITORING_APPROVE) or actor.unit.county_id != s.judicial_office.county_id:
        raise SupervisionError("使用、延长电子定位装置须经县级司法行政部门负责人批准。")


@transaction.atomic
def monitoring_decide(*, actor, monitoring: ElectronicMonitoring, approve: bool, reason: str) -> ElectronicMonitoring:
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.PROPOSED)
    _check_head(actor, m.supervisee)
    if not approve and not reason.strip():
        raise SupervisionError("不予批准的，请写明理由。", "reason")
    m.status = ElectronicMonitoring.Status.ACTIVE if approve else ElectronicMonitoring.Status.REFUSED
    m.decided_by, m.decided_at, m.decision_reason = actor, timezone.now(), reason.strip()
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


@transaction.atomic
def monitoring_extend(*, actor, monitoring: ElectronicMonitoring, months: int, reason: str) -> ElectronicMonitoring:
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.ACTIVE)
    _check_head(actor, m.supervisee)
    if not reason.strip():
        raise SupervisionError("请写明经评估仍有必要继续使用的理由。", "reason")
    period = monitoring_period(m.end, months, extension=True)
    if not period.outcome.allowed:
        raise SupervisionError(period.reasons[0] + "。", "months")
    if period.outcome.end > m.supervisee.term_end:
        raise SupervisionError("延长后超过矫正期满日，请缩短期限。", "months")
    MonitoringExtension.objects.create(
        monitoring=m, months=months, previous_end=m.end, new_end=period.outcome.end, reason=reason, approved_by=actor
    )
    m.end = period.outcome.end
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


@transaction.atomic
def monitoring_end(*, actor, monitoring: ElectronicMonitoring, ended_on: date, reason: str) -> ElectronicMonitoring:
    """Release the device: no longer needed, or the period is over."""
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.ACTIVE)
    locked_person(actor, m.supervisee)
    if ended_on < m.start or ended_on > timezone.localdate():
        raise SupervisionError("解除日期应在起始日期至今天之间。", "ended_on")
    m.status, m.ended_on, m.end_reason = ElectronicMonitoring.Status.ENDED, ended_on, reason.strip()
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m
