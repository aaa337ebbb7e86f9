"""Partner notices on the timeline: a detention or compulsory measure the police notified (社区矫正法第三十二条)."""

from sqjz.exchange.models import DetentionNotice
from sqjz.statute.text import cn_date
from sqjz.timeline.registry import Event, at, kind, source

DETENTION = kind("detention_notice", "拘留、强制措施通知", 128)


@source
def detention_events(s):
    for n in DetentionNotice.objects.filter(supervisee=s).select_related("agency"):
        until = f"，至{cn_date(n.until)}" if n.until else ""
        title = f"{n.agency.name}通知：{n.get_measure_display()}（{n.document_number}{until}）"
        yield Event(at(n.decided_on), DETENTION, title, n.agency.name)
