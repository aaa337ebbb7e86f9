"""Hand-over and intake events on the timeline: documents, receipt, report-in, first interview, announcement,
supervision levels, correction plans and the correction team."""

from django.urls import reverse

from sqjz.intake.models import CorrectionPlan, FirstInterview, Handover, IntakeAnnouncement, LevelDecision, TeamMember
from sqjz.timeline.registry import Event, at, kind, name, source

HANDOVER = kind("handover", "交付接收", 30)
INTAKE = kind("intake", "入矫", 40)
LEVEL = kind("level", "管理等级", 50)
PLAN = kind("plan", "矫正方案", 60)
TEAM = kind("team", "矫正小组", 70)


@source
def handover_events(s):
    h = Handover.objects.filter(supervisee=s).select_related("report_recorded_by").first()
    if h is None:
        return
    url = reverse("intake:page", args=[s.pk])
    if h.notified_on:
        yield Event(at(h.notified_on), HANDOVER, "收到决定机关通知", url=url)
    if h.documents_received_on:
        yield Event(at(h.documents_received_on), HANDOVER, "收到法律文书", url=url)
    if h.receipt_issued_on:
        yield Event(at(h.receipt_issued_on), HANDOVER, "送达回执", url=url)
    if h.completion_requested_on:
        yield Event(at(h.completion_requested_on), HANDOVER, "通知决定机关补齐法律文书", url=url)
    if h.search_started_on:
        yield Event(at(h.search_started_on), HANDOVER, "未按时报到，组织查找并通报", url=url)
    if h.reported_on:
        yield Event(at(h.reported_on), HANDOVER, "报到（核实身份、拍照）", name(h.report_recorded_by), url)


@source
def intake_events(s):
    url = reverse("intake:page", args=[s.pk])
    for fi in FirstInterview.objects.filter(supervisee=s).select_related("recorded_by"):
        yield Event(at(fi.held_on), INTAKE, f"首次谈话（谈话人：{fi.interviewer}）", name(fi.recorded_by), url)
    for a in IntakeAnnouncement.objects.filter(supervisee=s).select_related("recorded_by"):
        yield Event(at(a.held_on), INTAKE, f"入矫宣告（{a.place}）", name(a.recorded_by), url)
    for lv in LevelDecision.objects.filter(supervisee=s).select_related("decided_by"):
        yield Event(at(lv.effective_from), LEVEL, f"管理等级：{lv.get_level_display()}", name(lv.decided_by), url)
    for p in CorrectionPlan.objects.filter(supervisee=s).select_related("created_by"):
        title = f"制定矫正方案第{p.number}版" + (f"（{p.change_reason}）" if p.change_reason else "")
        yield Event(at(p.created_at), PLAN, title, name(p.created_by), url)
    for m in TeamMember.history.filter(supervisee_id=s.pk).select_related("history_user").order_by("history_date"):
        if m.history_type == "+":
            title = f"{m.name}（{m.get_kind_display()}）加入矫正小组"
        elif not m.is_active:
            title = f"{m.name}移出矫正小组"
        else:
            continue
        yield Event(at(m.history_date), TEAM, title, name(m.history_user), url)
