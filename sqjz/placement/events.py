"""Placement on the timeline: the person moved into a transitional placement base, and left it."""

from django.urls import reverse

from sqjz.placement.models import Placement
from sqjz.statute.text import cn_date
from sqjz.timeline.registry import Event, at, kind, name, source

PLACEMENT = kind("placement", "过渡性安置", 135)


@source
def placement_events(s):
    for p in Placement.objects.filter(supervisee=s).select_related("base", "placed_by", "ended_by"):
        base, url = p.base, reverse("placement:base", args=[p.base_id])
        yield Event(
            at(p.started_on),
            PLACEMENT,
            f"入住安置基地：{base.name}（{base.get_kind_display()}），计划至{cn_date(p.planned_end)}",
            name(p.placed_by),
            url,
        )
        if p.ended_on is not None:
            yield Event(at(p.ended_on), PLACEMENT, f"离开安置基地：{base.name}，{p.end_note}", name(p.ended_by), url)
