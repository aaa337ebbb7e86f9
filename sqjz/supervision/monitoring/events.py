"""Electronic monitoring on the timeline: the proposal, the bureau head's decision, extensions and release; alerts
and how they were closed."""

from django.urls import reverse

from sqjz.supervision.monitoring.models import ElectronicMonitoring, MonitoringAlert, MonitoringExtension
from sqjz.timeline.registry import Event, at, kind, name, source

MONITORING = kind("monitoring", "电子定位", 120)


@source
def monitoring_events(s):
    url = reverse("supervision:monitoring", args=[s.pk])
    for m in ElectronicMonitoring.objects.filter(supervisee=s).select_related("proposed_by", "decided_by"):
        yield Event(at(m.proposed_at), MONITORING, f"提请使用电子定位装置（{m.months}个月）", name(m.proposed_by), url)
        if m.decided_at:
            verdict = "不予批准" if m.status == ElectronicMonitoring.Status.REFUSED else "批准"
            yield Event(at(m.decided_at), MONITORING, f"{verdict}使用电子定位装置", name(m.decided_by), url)
        if m.ended_on:
            yield Event(at(m.ended_on), MONITORING, f"解除电子定位（{m.end_reason}）", url=url)
    for x in MonitoringExtension.objects.filter(monitoring__supervisee=s).select_related("approved_by"):
        title = f"批准延长电子定位{x.months}个月，至{x.new_end:%Y年%m月%d日}"
        yield Event(at(x.approved_at), MONITORING, title, name(x.approved_by), url)
    for a in MonitoringAlert.objects.filter(supervisee=s).select_related("closed_by"):
        yield Event(at(a.occurred_at), MONITORING, f"电子定位报警：{a.get_kind_display()}", url=url)
        if a.closed_at:
            title = f"电子定位报警办结：{a.get_outcome_display()}"
            yield Event(at(a.closed_at), MONITORING, title, name(a.closed_by), url)
