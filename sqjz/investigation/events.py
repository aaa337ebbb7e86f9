"""The investigation's events on the timeline of the person it was about (matched by identity number)."""

from django.urls import reverse

from sqjz.investigation.models import Investigation
from sqjz.timeline.registry import Event, at, kind, name, source

INVESTIGATION = kind("investigation", "调查评估", 10)


@source
def investigation_events(s):
    for inv in Investigation.objects.filter(id_number_index=s.id_number_index).select_related(
        "commissioning_body", "approved_by"
    ):
        url = reverse("investigation:detail", args=[inv.pk])
        yield Event(at(inv.received_on), INVESTIGATION, f"收到{inv.commissioning_body.name}委托调查评估", url=url)
        if inv.approved_at:
            title = f"调查评估意见审批同意：{inv.get_opinion_display()}"
            yield Event(at(inv.approved_at), INVESTIGATION, title, name(inv.approved_by), url)
        if inv.delivered_on:
            yield Event(at(inv.delivered_on), INVESTIGATION, "调查评估意见书送达委托机关", url=url)
        if inv.adoption:
            yield Event(at(inv.updated_at), INVESTIGATION, f"委托机关{inv.get_adoption_display()}评估意见", url=url)
