"""Procuratorate opinions about the person on the timeline, and the written replies."""

from django.urls import reverse

from sqjz.oversight.models import CorrectionOpinion
from sqjz.timeline.registry import Event, at, kind, name, source

OPINION = kind("opinion", "检察监督", 160)


@source
def opinion_events(s):
    for o in CorrectionOpinion.objects.filter(supervisee=s).select_related("procuratorate", "issued_by", "replied_by"):
        url = reverse("oversight:detail", args=[o.pk])
        title = f"{o.procuratorate.name}提出{o.get_kind_display()}（{o.get_matter_display()}）"
        yield Event(at(o.issued_on), OPINION, title, name(o.issued_by), url)
        if o.replied_on:
            verdict = "采纳" if o.adopted else "未采纳"
            yield Event(at(o.replied_on), OPINION, f"书面回复检察监督意见（{verdict}）", name(o.replied_by), url)
