"""Writes of hand-over, report-in and intake. Each is one transaction; views call only these."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.core.photos import PhotoError, photo_accept, photo_store
from sqjz.core.validators import validate_person_name
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh, inbox_refresh_people
from sqjz.intake import duties, paperwork
from sqjz.intake.models import CorrectionPlan, FirstInterview, Handover, IntakeAnnouncement, LevelDecision, TeamMember
from sqjz.outbox import services as outbox
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import lock_supervisee_for_user


class IntakeError(ServiceError):
    """A step refused for a reason the officer can act on; `field` names the form field, if any."""


def _locked(actor, supervisee: Supervisee, *statuses: str) -> Supervisee:
    current = lock_supervisee_for_user(actor, supervisee.pk)
    if current is None:
        raise IntakeError("您无权办理该矫正对象的事项，或该记录已解除、终止矫正。")
    if statuses and current.status not in statuses:
        raise IntakeError(f"该矫正对象当前为“{current.get_status_display()}”，不能办理此事项。")
    return current


def handover_for(supervisee: Supervisee) -> Handover:
    return Handover.objects.get_or_create(supervisee=supervisee)[0]


def _agency(s: Supervisee):
    return s.judicial_office.parent


def _today_or_before(value: date | None, field: str, label: str) -> None:
    if value and value > timezone.localdate():
        raise IntakeError(f"{label}不能晚于今天。", field)


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


@transaction.atomic
def documents_record(
    *, actor, supervisee: Supervisee, notified_on, documents_received_on, received_documents, other_documents: str
) -> Handover:
    """Record which legal documents arrived and when (the receipt is then due within 5 days)."""
    s = _locked(actor, supervisee, Status.PENDING_REPORT, Status.UNDER_CORRECTION)
    _today_or_before(notified_on, "notified_on", "收到通知日期")
    _today_or_before(documents_received_on, "documents_received_on", "收到法律文书日期")
    for value, field in ((notified_on, "notified_on"), (documents_received_on, "documents_received_on")):
        if value and value < s.judgment_effective_date:
            raise IntakeError("日期不能早于判决（裁定、决定）生效日期。", field)
    if received_documents and not documents_received_on:
        raise IntakeError("已勾选收到的文书，请填写收到法律文书日期。", "documents_received_on")
    handover = Handover.objects.select_for_update().get_or_create(supervisee=s)[0]
    if handover.receipt_issued_on and documents_received_on != handover.documents_received_on:
        raise IntakeError("已出具送达回执，收到法律文书日期不能再修改。", "documents_received_on")
    handover.notified_on, handover.documents_received_on = notified_on, documents_received_on
    handover.received_documents, handover.other_documents = list(received_documents), other_documents.strip()
    handover.version += 1
    handover._history_user = actor
    handover.save()
    _refresh(s)
    return handover


@transaction.atomic
def receipt_issue(*, actor, supervisee: Supervisee) -> Document:
    s = _locked(actor, supervisee, Status.PENDING_REPORT, Status.UNDER_CORRECTION)
    handover = Handover.objects.select_for_update().get_or_create(supervisee=s)[0]
    if not handover.documents_received_on:
        raise IntakeError("请先登记收到的法律文书。")
    if handover.receipt_issued_on:
        raise IntakeError("送达回执已出具，不能重复出具。")
    today = timezone.localdate()
    documents = [*handover.received_documents, *filter(None, [handover.other_documents])]
    doc = document_issue(
        actor=actor,
        kind=Document.Kind.RECEIPT,
        agency=_agency(s),
        doc=paperwork.receipt(s, handover.documents_received_on, documents, _agency(s).name, today),
        supervisee=s,
    )
    handover.receipt_issued_on = today
    handover._history_user = actor
    handover.save()
    # Pushed to the deciding authority's interface too, if it has one (decision 0042); otherwise delivered on paper.
    outbox.notify(
        agency=s.deciding_authority,
        kind="receipt",
        payload={
            "name": s.name,
            "id_number": s.id_number,
            "correction_type": s.get_correction_type_display(),
            "documents": [str(d) for d in documents],
            "received_on": handover.documents_received_on.isoformat(),
            "document_number": doc.number,
            "issued_on": today.isoformat(),
            "issued_by": _agency(s).name,
        },
        supervisee=s,
        document=doc,
    )
    _refresh(s)
    return doc


@transaction.atomic
def completion_request(*, actor, supervisee: Supervisee) -> Document:
    """Ask the deciding authority to send or complete the documents within 5 days."""
    s = _locked(actor, supervisee, Status.PENDING_REPORT, Status.UNDER_CORRECTION)
    handover = Handover.objects.select_for_update().get_or_create(supervisee=s)[0]
    missing = duties.missing_documents(statute_context(), s, handover).outcome
    if not missing:
        raise IntakeError("法律文书已齐全，无需通知补齐。")
    today = timezone.localdate()
    doc = document_issue(
        actor=actor,
        kind=Document.Kind.DOCUMENT_REQUEST,
        agency=_agency(s),
        doc=paperwork.completion_request(s, missing, _agency(s).name, today),
        supervisee=s,
    )
    handover.completion_requested_on = today
    handover._history_user = actor
    handover.save()
    _refresh(s)
    return doc


@transaction.atomic
def report_in_record(
    *, actor, supervisee: Supervisee, reported_on: date, identity_verified: bool, photo: bytes
) -> Handover:
    """The person reported in: identity checked, photo taken; a record pending report-in goes under
    correction, and the supervision level is set by the statute (strict for the intake period). A person
    registered as already under correction has the report-in recorded the same way, without a status change."""
    s = _locked(actor, supervisee, Status.PENDING_REPORT, Status.UNDER_CORRECTION)
    handover = Handover.objects.select_for_update().get_or_create(supervisee=s)[0]
    if handover.reported_on:
        raise IntakeError(f"已于{cn_date(handover.reported_on)}登记报到。")
    _today_or_before(reported_on, "reported_on", "报到日期")
    if reported_on < s.judgment_effective_date:
        raise IntakeError("报到日期不能早于判决（裁定、决定）生效日期。", "reported_on")
    if not identity_verified:
        raise IntakeError("请当面核对身份证件与本人一致后勾选“已核实身份”。", "identity_verified")
    try:
        photo, extension = photo_accept(photo)
    except PhotoError as e:
        raise IntakeError(str(e), "photo") from None
    handover.photo = f"photos/{s.pk}/report-in.{extension}"
    photo_store(handover.photo, photo)
    handover.reported_on, handover.identity_verified, handover.report_recorded_by = reported_on, True, actor
    handover.version += 1
    handover._history_user = actor
    handover.save()
    if s.status == Status.PENDING_REPORT:
        s.status = Status.UNDER_CORRECTION
        s.version += 1
        s._history_user = actor
        s.save()
    if not s.levels.exists():
        level_set(actor=actor, supervisee=s, on=reported_on)
    inbox_refresh_people([s.pk])  # under correction now: every area's duties start for the person
    return handover


def level_set(*, actor, supervisee: Supervisee, on: date) -> LevelDecision:
    """Classify by the SUPERVISION_LEVEL rule (at intake: strict for the intake period)."""
    handover = getattr(supervisee, "handover", None)
    intake_date = handover.reported_on if handover and handover.reported_on else supervisee.term_start
    current = supervisee.levels.first()
    decision = RULES["SUPERVISION_LEVEL"](
        statute_context(), intake_date=intake_date, today=on, current_level=current.level if current else None
    )
    return LevelDecision.objects.create(
        supervisee=supervisee,
        level=decision.outcome,
        effective_from=on,
        rule=decision.rule,
        articles="、".join(decision.articles),
        reasons="；".join(decision.reasons),
        decided_by=actor,
    )


def level_record(
    *,
    actor,
    supervisee: Supervisee,
    level: str,
    effective_from: date,
    rule: str,
    articles: str,
    reasons: str,
) -> LevelDecision:
    """Record a supervision level another body has decided (e.g. the county agency after the quarterly level review),
    in force from `effective_from`; the check-ins and every duty about the person follow the level history. The
    caller has checked the decision and holds the person's row lock."""
    decision = LevelDecision.objects.create(
        supervisee=supervisee,
        level=level,
        effective_from=effective_from,
        rule=rule,
        articles=articles[:300],
        reasons=reasons,
        decided_by=actor,
    )
    inbox_refresh_people([supervisee.pk])
    return decision


@transaction.atomic
def no_show_search(*, actor, supervisee: Supervisee, note: str) -> Document:
    """The person did not report in time: start the search and notify the deciding authority and the
    procuratorate (实施办法 未按时报到)."""
    s = _locked(actor, supervisee, Status.PENDING_REPORT)
    due = duties.report_in_due(statute_context(), s).outcome.due
    today = timezone.localdate()
    if today <= due:
        raise IntakeError(f"报到期限为{cn_date(due)}，期限届满后仍未报到的，方可启动查找。")
    handover = Handover.objects.select_for_update().get_or_create(supervisee=s)[0]
    if handover.search_started_on:
        raise IntakeError(f"已于{cn_date(handover.search_started_on)}启动查找并通报。")
    handover.search_started_on, handover.search_note = today, note.strip()
    handover._history_user = actor
    handover.save()
    return document_issue(
        actor=actor,
        kind=Document.Kind.NO_SHOW_NOTICE,
        agency=_agency(s),
        doc=paperwork.no_show_notice(s, due, today, note, _agency(s).name, today),
        supervisee=s,
    )


def _after_report_in(s: Supervisee, value: date, field: str, label: str) -> None:
    handover = Handover.objects.filter(supervisee=s).first()
    if handover and handover.reported_on and value < handover.reported_on:
        raise IntakeError(f"{label}不能早于报到日期（{cn_date(handover.reported_on)}）。", field)
    _today_or_before(value, field, label)


@transaction.atomic
def first_interview_record(*, actor, supervisee: Supervisee, interview: FirstInterview) -> Document:
    s = _locked(actor, supervisee, Status.UNDER_CORRECTION)
    if FirstInterview.objects.filter(supervisee=s).exists():
        raise IntakeError("首次谈话已记录。")
    _after_report_in(s, interview.held_on, "held_on", "谈话日期")
    interview.supervisee, interview.recorded_by = s, actor
    interview.save()
    return document_issue(
        actor=actor,
        kind=Document.Kind.FIRST_INTERVIEW,
        agency=_agency(s),
        doc=paperwork.first_interview(s, interview, _agency(s).name),
        supervisee=s,
    )


def active_team(s: Supervisee) -> list[TeamMember]:
    return list(s.team.filter(is_active=True))


def team_check(s: Supervisee, team: list[TeamMember]):
    return RULES["TEAM_COMPOSITION"](
        statute_context(),
        supervisee_female=s.is_female,
        minor=s.is_minor,
        members=[(m.kind, m.gender, m.understands_minors) for m in team],
    )


def _basis(decision) -> str:
    """The rule's title and articles, as a page shows them."""
    return f"依据：{RULES[decision.rule].title}，{'、'.join(decision.articles)}"


def _team_meets_the_rule(s: Supervisee, team: list[TeamMember]) -> None:
    """The team of 社区矫正法第二十五条 (a woman for a woman, someone who understands minors for a minor) is checked
    for the responsibility letter and the announcement alike."""
    decision = team_check(s, team)
    if decision.outcome:
        raise IntakeError(f"矫正小组组成不符合规定：{'；'.join(decision.outcome)}（{_basis(decision)}）。")


@transaction.atomic
def announcement_record(*, actor, supervisee: Supervisee, announcement: IntakeAnnouncement) -> Document:
    s = _locked(actor, supervisee, Status.UNDER_CORRECTION)
    if IntakeAnnouncement.objects.filter(supervisee=s).exists():
        raise IntakeError("入矫宣告已记录。")
    _after_report_in(s, announcement.held_on, "held_on", "宣告日期")
    team = active_team(s)
    if not team:
        raise IntakeError("请先组建矫正小组：宣告内容包括矫正小组人员组成及职责，宣告时矫正小组成员应当到场。")
    _team_meets_the_rule(s, team)
    problems = RULES["INTAKE_ANNOUNCEMENT"](
        statute_context(),
        minor_at_offence=s.is_minor,
        birth_date=s.birth_date,
        held_on=announcement.held_on,
        items=announcement.items,
        public=announcement.is_public,
        guardian_present=announcement.guardian_present,
        signed=announcement.signed,
    ).outcome
    if problems:
        raise IntakeError("；".join(problems) + "。")
    announcement.supervisee, announcement.recorded_by = s, actor
    announcement.save()
    return document_issue(
        actor=actor,
        kind=Document.Kind.INTAKE_ANNOUNCEMENT,
        agency=_agency(s),
        doc=paperwork.announcement(s, announcement, team, _agency(s).name),
        supervisee=s,
    )


@transaction.atomic
def plan_save(*, actor, supervisee: Supervisee, plan: CorrectionPlan) -> CorrectionPlan:
    """A new version of the plan; every version after the first says why the plan was adjusted."""
    s = _locked(actor, supervisee, Status.UNDER_CORRECTION)
    last = s.plans.first()
    if last and not plan.change_reason.strip():
        raise IntakeError("调整矫正方案时请写明调整理由。", "change_reason")
    if plan.review_on <= timezone.localdate():
        raise IntakeError("下次评估调整日期应晚于今天。", "review_on")
    plan.pk = None
    plan.supervisee, plan.created_by = s, actor
    plan.number = last.number + 1 if last else 1
    plan.save()
    return plan


@transaction.atomic
def team_member_add(*, actor, supervisee: Supervisee, member: TeamMember) -> TeamMember:
    s = _locked(actor, supervisee, Status.PENDING_REPORT, Status.UNDER_CORRECTION)
    try:
        validate_person_name(member.name)
    except ValidationError as error:
        raise IntakeError(error.messages[0], "name") from None
    member.supervisee = s
    member._history_user = actor
    member.save()
    return member


@transaction.atomic
def team_member_remove(*, actor, supervisee: Supervisee, member_id: int) -> None:
    s = _locked(actor, supervisee, Status.PENDING_REPORT, Status.UNDER_CORRECTION)
    member = TeamMember.objects.filter(supervisee=s, pk=member_id, is_active=True).first()
    if member is None:
        raise IntakeError("该成员不在矫正小组中。")
    team = active_team(s)
    before = set(team_check(s, team).outcome)
    after = team_check(s, [m for m in team if m.pk != member.pk])
    broken = [problem for problem in after.outcome if problem not in before]
    if broken:
        raise IntakeError(
            f"不能移出{member.name}：移出后{'；'.join(broken)}（{_basis(after)}）。请先添加符合条件的成员，再移出。"
        )
    member.is_active = False
    member._history_user = actor
    member.save()


@transaction.atomic
def responsibility_letter_issue(*, actor, supervisee: Supervisee) -> Document:
    s = _locked(actor, supervisee, Status.UNDER_CORRECTION)
    team = active_team(s)
    _team_meets_the_rule(s, team)
    return document_issue(
        actor=actor,
        kind=Document.Kind.RESPONSIBILITY_LETTER,
        agency=_agency(s),
        doc=paperwork.responsibility_letter(s, team, _agency(s).name, timezone.localdate()),
        supervisee=s,
    )


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    done: bool
    detail: str = ""
    owner: str = "司法所"

    @property
    def state(self) -> str:
        return "done" if self.done else "todo"


def intake_steps(s: Supervisee, handover: Handover, documents: list[Document]) -> list[Step]:
    """The checklist of 交付接收 → 报到 → 入矫 for the page: what is done and what is missing."""
    kinds = {d.kind for d in documents}
    missing = duties.missing_documents(statute_context(), s, handover).outcome
    has = {
        "first_interview": FirstInterview.objects.filter(supervisee=s).exists(),
        "announcement": IntakeAnnouncement.objects.filter(supervisee=s).exists(),
    }
    plan = s.plans.first()
    team = active_team(s)
    level = s.levels.first()
    return [
        Step(
            "documents",
            "法律文书齐全",
            bool(handover.documents_received_on) and not missing,
            "尚缺：" + "、".join(missing) if missing else "",
        ),
        Step("receipt", "送达回执", bool(handover.receipt_issued_on), owner="县级社区矫正机构或司法所"),
        Step("report_in", "报到（核实身份、拍照）", bool(handover.reported_on)),
        Step("level", "确定管理等级", level is not None, level.get_level_display() if level else ""),
        Step("first_interview", "首次谈话", has["first_interview"]),
        Step("team", "组建矫正小组", bool(team) and not team_check(s, team).outcome, f"{len(team)}人" if team else ""),
        Step("letter", "签订矫正责任书", Document.Kind.RESPONSIBILITY_LETTER in kinds),
        Step("announcement", "入矫宣告", has["announcement"]),
        Step("plan", "制定矫正方案", plan is not None, f"第{plan.number}版" if plan else ""),
    ]


def plan_suggestion(s: Supervisee, today: date) -> dict:
    """A first draft of the plan from the person's record and the level's requirements; the officer edits it."""
    from sqjz.statute.age import age_on
    from sqjz.statute.calendar import add_months

    level = s.levels.first()
    requirements = RULES["SUPERVISION_LEVEL_REQUIREMENTS"](
        statute_context(), level=level.level if level else "strict", on=today
    )
    flags = [label for flag, label in ((s.is_three_no, "“三无”人员"), (s.is_disabled, "残疾人")) if flag]
    situation = (
        f"{s.get_correction_type_display()}，因犯{s.crime}被判处{s.original_sentence}，矫正期限"
        f"{cn_date(s.term_start)}至{cn_date(s.term_end)}。"
        f"{age_on(s.birth_date, today)}周岁，{s.get_education_display()}，"
        f"{s.occupation or '无固定职业'}{'，' + '、'.join(flags) if flags else ''}。"
    )
    return {
        "situation": situation,
        "risks": "未成年人，按未成年人社区矫正规定分别进行、身份保密。" if s.is_minor else "",
        "supervision_measures": f"实行{level.get_level_display() if level else '严管'}：{requirements.reasons[0]}。",
        "education_measures": "",
        "review_on": add_months(today, 3),
    }
