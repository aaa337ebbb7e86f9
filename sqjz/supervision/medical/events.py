"""Medical re-examinations on the timeline."""

from django.urls import reverse

from sqjz.supervision.medical.models import MedicalExamination
from sqjz.timeline.registry import Event, at, kind, name, source

MEDICAL = kind("medical", "病情复查", 130)


@source
def medical_events(s):
    url = reverse("supervision:medical", args=[s.pk])
    for e in MedicalExamination.objects.filter(supervisee=s).select_related("recorded_by"):
        persists = "仍符合保外就医条件" if e.conditions_persist else "不再符合保外就医条件"
        yield Event(at(e.examined_on), MEDICAL, f"病情复查（{e.hospital}）：{persists}", name(e.recorded_by), url)
