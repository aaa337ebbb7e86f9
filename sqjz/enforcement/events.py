"""Enforcement on the timeline: facts, measures (proposed, decided, served, corrected) and level reviews."""

from django.urls import reverse

from sqjz.enforcement.models import Fact, LevelReview, Measure
from sqjz.statute.rules.supervision import LEVELS
from sqjz.timeline.registry import Event, at, kind, name, source

ENFORCEMENT = kind("enforcement", "奖惩", 150)


@source
def enforcement_events(s):
    url = reverse("enforcement:case", args=[s.pk])
    for f in Fact.objects.filter(supervisee=s).select_related("recorded_by"):
        yield Event(at(f.occurred_on), ENFORCEMENT, f"奖惩事实：{f.get_kind_display()}", name(f.recorded_by), url)
    for m in Measure.objects.filter(supervisee=s).select_related("proposed_by", "decided_by", "document"):
        yield Event(m.proposed_at, ENFORCEMENT, f"提请{m.get_kind_display()}", name(m.proposed_by), url)
        if m.decided_on:
            what = f"决定给予{m.get_kind_display()}" if m.status == "approved" else f"不予{m.get_kind_display()}"
            number = f"（{m.document.number}）" if m.document else ""
            yield Event(at(m.decided_on), ENFORCEMENT, what + number, name(m.decided_by), url)
        if m.served_on:
            yield Event(at(m.served_on), ENFORCEMENT, f"{m.get_kind_display()}决定书已送达", "", url)
        if m.corrected_on:
            yield Event(at(m.corrected_on), ENFORCEMENT, f"{m.get_kind_display()}后已改正", "", url)
    for r in LevelReview.objects.filter(supervisee=s).select_related("decided_by"):
        if r.decided_on:
            text = (
                f"管理等级复核：{LEVELS.get(r.current_level)}→{LEVELS.get(r.proposed_level)}"
                if r.status == "approved"
                else "管理等级复核：不予调整"
            )
            yield Event(at(r.decided_on), ENFORCEMENT, text, name(r.decided_by), url)
