"""The hand-over and intake page of one supervisee: 交付接收 → 报到 → 入矫, each step posting to its own URL."""

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.photos import photo_file_response
from sqjz.core.workflow import run_step
from sqjz.inbox.registry import duty
from sqjz.intake import duties, services
from sqjz.intake.forms import (
    AnnouncementForm,
    DocumentsForm,
    FirstInterviewForm,
    NoShowForm,
    PlanForm,
    ReportInForm,
    TeamMemberForm,
)
from sqjz.intake.models import FirstInterview, IntakeAnnouncement
from sqjz.intake.selectors import INTAKE_MARKS, STAGES, intake_list, intake_rows
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.age import is_minor_on
from sqjz.statute.registry import RULES
from sqjz.statute.rules.intake import ANNOUNCEMENT_ITEMS
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user


@capability_required(Capability.CASEWORK_VIEW)
def intake_list_view(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "incomplete")
    stage = stage if stage in STAGES else "incomplete"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(intake_list(request.user, stage=stage, q=q), 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": intake_rows(page.object_list, today=timezone.localdate(), ctx=statute_context()),
        "mark_labels": [label for _, label in INTAKE_MARKS],
        "stage": stage,
        "stages": STAGES,
        "q": q,
        "crumbs": [("交付接收与入矫", None)],
    }
    return render(request, "intake/list.html", context)


def _page(request: HttpRequest, s, *, status: int = 200, **forms) -> HttpResponse:
    today = timezone.localdate()
    handover = services.handover_for(s)
    documents = list(s.documents.order_by("issued_at", "id"))
    team = services.active_team(s)
    deadlines = [
        (duty(kind).label + "期限", d, (d.outcome.due - today).days)
        for kind, d in duties.deadlines(statute_context(), s, handover).items()
    ]
    missing = duties.missing_documents(statute_context(), s, handover)
    plan = s.plans.first()
    initial_plan = (
        {f: getattr(plan, f) for f in PlanForm.Meta.fields if f != "change_reason"} | {"review_on": None}
        if plan
        else services.plan_suggestion(s, today)
    )
    editable = can_access(request.user, s, Access.EDIT)
    context = {
        "s": s,
        "handover": handover,
        "steps": services.intake_steps(s, handover, documents),
        "deadlines": deadlines,
        "missing": missing,
        "team": team,
        "team_check": services.team_check(s, team) if team else None,
        "levels": list(s.levels.select_related("decided_by")),
        "plans": list(s.plans.select_related("created_by")),
        "first_interview": FirstInterview.objects.filter(supervisee=s).first(),
        "announcement": IntakeAnnouncement.objects.filter(supervisee=s).first(),
        "documents": documents,
        "editable": editable,
        # A guardian attends only a person under 18 on the day (sqjz.statute.age); sealing follows `s.is_minor`.
        "minor_now": is_minor_on(statute_context(), birth_date=s.birth_date, on=today),
        "rules": [
            RULES[c]
            for c in (
                "REPORT_IN_DEADLINE",
                "RECEIPT_DEADLINE",
                "HANDOVER_DOCUMENTS",
                "INTAKE_ANNOUNCEMENT",
                "TEAM_COMPOSITION",
                "SUPERVISION_LEVEL",
            )
        ],
        "documents_form": forms.get("documents_form")
        or DocumentsForm(
            supervisee=s,
            initial={
                "notified_on": handover.notified_on,
                "documents_received_on": handover.documents_received_on,
                "received_documents": handover.received_documents,
                "other_documents": handover.other_documents,
            },
        ),
        "report_form": forms.get("report_form") or ReportInForm(initial={"reported_on": today}),
        "no_show_form": forms.get("no_show_form") or NoShowForm(),
        "interview_form": forms.get("interview_form")
        or FirstInterviewForm(initial={"held_on": today, "interviewer": request.user.full_name}),
        "team_form": forms.get("team_form") or TeamMemberForm(),
        "announcement_form": forms.get("announcement_form")
        or AnnouncementForm(
            initial={
                "held_on": today,
                "items": [],
                "is_public": False,
                "participants": "\n".join(f"{m.name}（{m.get_kind_display()}）" for m in team),
            }
        ),
        "plan_form": forms.get("plan_form") or PlanForm(initial=initial_plan),
        "announcement_items": ANNOUNCEMENT_ITEMS,
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("交付接收与入矫", None),
        ],
    }
    return render(request, "intake/page.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def intake_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _page(request, s)


def _step(request: HttpRequest, pk: int, form_name: str | None, form, act, done: str) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _page(request, s, **{form_name: form})

    return run_step(
        request,
        form=form,
        act=lambda data: act(s, data),
        done=done,
        back_to=reverse("intake:page", args=[pk]),
        rerender=rerender,
        draft_key=f"intake-{pk}-{form_name.removesuffix('_form')}" if form_name else "",
    )


def _post(view):
    return require_POST(capability_required(Capability.SUPERVISEE_EDIT)(view))


@_post
def documents_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = DocumentsForm(request.POST, supervisee=s)
    return _step(
        request,
        pk,
        "documents_form",
        form,
        lambda s, d: services.documents_record(actor=request.user, supervisee=s, **d),
        "已登记收到的法律文书。",
    )


@_post
def receipt_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        None,
        None,
        lambda s, _: services.receipt_issue(actor=request.user, supervisee=s),
        "已出具送达回执，可在下方文书中下载打印。",
    )


@_post
def completion_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        None,
        None,
        lambda s, _: services.completion_request(actor=request.user, supervisee=s),
        "已生成补齐法律文书通知书。",
    )


@_post
def report_in_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReportInForm(request.POST, request.FILES)

    def act(s, d):
        services.report_in_record(
            actor=request.user,
            supervisee=s,
            reported_on=d["reported_on"],
            identity_verified=d["identity_verified"],
            photo=d["photo"].read(),
        )

    return _step(request, pk, "report_form", form, act, "已登记报到，矫正对象转为在矫，管理等级已按规定确定。")


@_post
def no_show_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = NoShowForm(request.POST)
    return _step(
        request,
        pk,
        "no_show_form",
        form,
        lambda s, d: services.no_show_search(actor=request.user, supervisee=s, note=d["note"]),
        "已启动查找，并生成向决定机关和人民检察院的通报。",
    )


@_post
def first_interview_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = FirstInterviewForm(request.POST)
    return _step(
        request,
        pk,
        "interview_form",
        form,
        lambda s, _: services.first_interview_record(actor=request.user, supervisee=s, interview=form.instance),
        "已记录首次谈话，谈话笔录已生成。",
    )


@_post
def team_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = TeamMemberForm(request.POST)
    return _step(
        request,
        pk,
        "team_form",
        form,
        lambda s, _: services.team_member_add(actor=request.user, supervisee=s, member=form.instance),
        "已添加矫正小组成员。",
    )


@_post
def team_remove_view(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    return _step(
        request,
        pk,
        None,
        None,
        lambda s, _: services.team_member_remove(actor=request.user, supervisee=s, member_id=member_id),
        "已将该成员移出矫正小组。",
    )


@_post
def letter_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        None,
        None,
        lambda s, _: services.responsibility_letter_issue(actor=request.user, supervisee=s),
        "已生成矫正责任书，请打印后由小组成员签字。",
    )


@_post
def announcement_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AnnouncementForm(request.POST)
    return _step(
        request,
        pk,
        "announcement_form",
        form,
        lambda s, _: services.announcement_record(actor=request.user, supervisee=s, announcement=form.instance),
        "已记录入矫宣告，宣告书已生成。",
    )


@_post
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = PlanForm(request.POST)
    return _step(
        request,
        pk,
        "plan_form",
        form,
        lambda s, _: services.plan_save(actor=request.user, supervisee=s, plan=form.instance),
        "已保存矫正方案。",
    )


@capability_required(Capability.SUPERVISEE_VIEW)
def photo_view(request: HttpRequest, pk: int) -> FileResponse:
    s = supervisee_viewed(request, pk)
    return photo_file_response(services.handover_for(s).photo)
