"""A change of the place of execution on the timeline: the application, the consultation, the reply, the decision,
the notice of a refusal and the report-in at the new office. The events belong to the record, so they pass with it:
the new office sees the whole procedure."""

from django.urls import reverse

from sqjz.supervision.transfer.models import ResidenceTransfer
from sqjz.timeline.registry import Event, at, kind, name, source

TRANSFER = kind("transfer", "执行地变更", 115)


@source
def transfer_events(s):
    transfers = ResidenceTransfer.objects.filter(supervisee=s).select_related(
        "recorded_by", "consulted_by", "replied_by", "decided_by", "notified_by", "completed_by", "to_office"
    )
    for t in transfers:
        url = reverse("supervision:transfer_detail", args=[t.pk])
        where = t.destination
        yield Event(at(t.applied_on), TRANSFER, f"申请变更执行地至{where}", name(t.recorded_by), url)
        if t.consulted_on:
            yield Event(at(t.consulted_on), TRANSFER, f"书面征求{where}意见", name(t.consulted_by), url)
        if t.replied_on:
            yield Event(at(t.replied_on), TRANSFER, f"新执行地回复：{t.get_reply_display()}", name(t.replied_by), url)
        if t.decided_on:
            verdict = "同意变更执行地，档案移交" if t.approved else "不同意变更执行地"
            yield Event(at(t.decided_on), TRANSFER, f"{verdict}（{where}）", name(t.decided_by), url)
        if t.notified_on:
            yield Event(at(t.notified_on), TRANSFER, "已告知本人不同意变更的决定及理由", name(t.notified_by), url)
        if t.completed_on:
            what = "到新执行地报到" if t.within_city else "新执行地送达回执"
            yield Event(at(t.completed_on), TRANSFER, f"{what}，执行地变更办结", name(t.completed_by), url)
