"""The end of the course on the timeline: the written evaluation, the discharge and hand-over to resettlement, or
the termination."""

from django.urls import reverse

from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.timeline.registry import Event, at, kind, name, source

CLOSING = kind("closing", "解除终止", 990)


@source
def closing_events(s):
    url = reverse("discharge:case", args=[s.pk])
    for e in DischargeEvaluation.objects.filter(supervisee=s).select_related("evaluated_by"):
        yield Event(at(e.evaluated_on), CLOSING, "期满前书面鉴定", name(e.evaluated_by), url)
    for d in Discharge.objects.filter(supervisee=s).select_related("decided_by"):
        yield Event(at(d.discharged_on), CLOSING, f"解除社区矫正（{d.get_cause_display()}）", name(d.decided_by), url)
        yield Event(at(d.handed_over_on), CLOSING, f"移交{d.resettlement_body}安置帮教", url=url)
    for t in Termination.objects.filter(supervisee=s).select_related("decided_by"):
        yield Event(at(t.terminated_on), CLOSING, f"终止社区矫正（{t.get_cause_display()}）", name(t.decided_by), url)
