"""One timeline of a supervisee's whole course, from the pre-sentence investigation to discharge or
termination, built from the records each step leaves (one query per kind of record, whatever the length).

An event has a day (and a time when the record has one), a kind officers filter by, what happened, who
recorded it and the page where it can be read.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.documents.models import Document
from sqjz.intake.models import CorrectionPlan, FirstInterview, Handover, IntakeAnnouncement, LevelDecision, TeamMember
from sqjz.investigation.models import Investigation
from sqjz.supervisees.models import Supervisee

KINDS = {
    "investigation": "调查评估",
    "register": "登记",
    "handover": "交付接收",
    "intake": "入矫",
    "level": "管理等级",
    "plan": "矫正方案",
    "team": "矫正小组",
    "document": "文书",
    "closing": "解除终止",
}


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    title: str
    who: str = ""
    url: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def has_time(self) -> bool:
        return self.at.timetz().replace(tzinfo=None) != time.min


def _at(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return timezone.localtime(value)
    return datetime.combine(value, time.min, timezone.get_current_timezone())


def _name(user) -> str:
    return user.full_name if user else ""


def _investigations(s: Supervisee):
    for inv in Investigation.objects.filter(id_number_index=s.id_number_index).select_related(
        "commissioning_body", "approved_by"
    ):
        url = reverse("investigation:detail", args=[inv.pk])
        yield Event(_at(inv.received_on), "investigation", f"收到{inv.commissioning_body.name}委托调查评估", url=url)
        if inv.approved_at:
            title = f"调查评估意见审批同意：{inv.get_opinion_display()}"
            yield Event(_at(inv.approved_at), "investigation", title, _name(inv.approved_by), url)
        if inv.delivered_on:
            yield Event(_at(inv.delivered_on), "investigation", "调查评估意见书送达委托机关", url=url)
        if inv.adoption:
            yield Event(_at(inv.updated_at), "investigation", f"委托机关{inv.get_adoption_display()}评估意见", url=url)


def _register(s: Supervisee):
    url = reverse("supervisees:detail", args=[s.pk])
    for h in s.history.select_related("history_user").order_by("history_date"):
        title = "登记入册" if h.history_type == "+" else f"修改档案信息（状态：{h.get_status_display()}）"
        yield Event(_at(h.history_date), "register", title, _name(h.history_user), url)


def _handover(s: Supervisee):
    h = Handover.objects.filter(supervisee=s).select_related("report_recorded_by").first()
    if h is None:
        return
    url = reverse("intake:page", args=[s.pk])
    if h.notified_on:
        yield Event(_at(h.notified_on), "handover", "收到决定机关通知", url=url)
    if h.documents_received_on:
        yield Event(_at(h.documents_received_on), "handover", "收到法律文书", url=url)
    if h.receipt_issued_on:
        yield Event(_at(h.receipt_issued_on), "handover", "送达回执", url=url)
    if h.completion_requested_on:
        yield Event(_at(h.completion_requested_on), "handover", "通知决定机关补齐法律文书", url=url)
    if h.search_started_on:
        yield Event(_at(h.search_started_on), "handover", "未按时报到，组织查找并通报", url=url)
    if h.reported_on:
        yield Event(_at(h.reported_on), "handover", "报到（核实身份、拍照）", _name(h.report_recorded_by), url)


def _intake(s: Supervisee):
    url = reverse("intake:page", args=[s.pk])
    for fi in FirstInterview.objects.filter(supervisee=s).select_related("recorded_by"):
        yield Event(_at(fi.held_on), "intake", f"首次谈话（谈话人：{fi.interviewer}）", _name(fi.recorded_by), url)
    for a in IntakeAnnouncement.objects.filter(supervisee=s).select_related("recorded_by"):
        yield Event(_at(a.held_on), "intake", f"入矫宣告（{a.place}）", _name(a.recorded_by), url)
    for lv in LevelDecision.objects.filter(supervisee=s).select_related("decided_by"):
        yield Event(_at(lv.effective_from), "level", f"管理等级：{lv.get_level_display()}", _name(lv.decided_by), url)
    for p in CorrectionPlan.objects.filter(supervisee=s).select_related("created_by"):
        title = f"制定矫正方案第{p.number}版" + (f"（{p.change_reason}）" if p.change_reason else "")
        yield Event(_at(p.created_at), "plan", title, _name(p.created_by), url)
    for m in TeamMember.history.filter(supervisee_id=s.pk).select_related("history_user").order_by("history_date"):
        if m.history_type == "+":
            title = f"{m.name}（{m.get_kind_display()}）加入矫正小组"
        elif not m.is_active:
            title = f"{m.name}移出矫正小组"
        else:
            continue
        yield Event(_at(m.history_date), "team", title, _name(m.history_user), url)


def _documents(s: Supervisee):
    for d in Document.objects.filter(supervisee=s).select_related("issued_by"):
        url = reverse("documents:download", args=[d.pk, "pdf"])
        yield Event(_at(d.issued_at), "document", f"制作{d.title}（{d.number}）", _name(d.issued_by), url)


def _closing(s: Supervisee):
    url = reverse("discharge:case", args=[s.pk])
    for e in DischargeEvaluation.objects.filter(supervisee=s).select_related("evaluated_by"):
        yield Event(_at(e.evaluated_on), "closing", "期满前书面鉴定", _name(e.evaluated_by), url)
    for d in Discharge.objects.filter(supervisee=s).select_related("decided_by"):
        yield Event(
            _at(d.discharged_on), "closing", f"解除社区矫正（{d.get_cause_display()}）", _name(d.decided_by), url
        )
        yield Event(_at(d.handed_over_on), "closing", f"移交{d.resettlement_body}安置帮教", url=url)
    for t in Termination.objects.filter(supervisee=s).select_related("decided_by"):
        yield Event(
            _at(t.terminated_on), "closing", f"终止社区矫正（{t.get_cause_display()}）", _name(t.decided_by), url
        )


SOURCES = (_investigations, _register, _handover, _intake, _documents, _closing)


def timeline_for(s: Supervisee, kind: str = "") -> list[Event]:
    """Every event of the course, newest first; `kind` keeps one kind only."""
    events = [e for source in SOURCES for e in source(s)]
    if kind:
        events = [e for e in events if e.kind == kind]
    return sorted(events, key=lambda e: e.at, reverse=True)
