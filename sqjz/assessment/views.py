"""The quarterly assessment pages: one supervisee's periods with their grades, the form for the next period
and the consequences of the latest grade; and the list of people whose assessment is due."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.assessment import selectors, services
from sqjz.assessment.committee_kinds import CONTESTED_GRADE
from sqjz.assessment.forms import AssessmentForm, ContestForm, RatingForm
from sqjz.assessment.models import Grade, QuarterlyAssessment
from sqjz.committee.selectors import deliberation_level
from sqjz.core.workflow import run_step
from sqjz.education.selectors import months_progress
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.parameters import PARAMETERS
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user

PARAMETER_LABELS = {p.code: (p.label, p.unit) for p in PARAMETERS}
GRADE_LABELS = dict(Grade.choices)


def _form(s: Supervisee, period, today: date, data=None) -> AssessmentForm:
    initial = {"assessed_on": today, "period_end": period.end.isoformat()} if period else {"assessed_on": today}
    if period is not None:  # the evaluators' ratings of the period, as the office would have typed them
        ratings = selectors.period_ratings(s, period.end)
        initial["evaluator_views"] = "；".join(
            f"{r.evaluator.full_name}：{r.summary()}" + (f"（{r.note}）" if r.note else "") for r in ratings
        )
    return AssessmentForm(data, periods=[period] if period else [], initial=initial)


def _decision(latest: QuarterlyAssessment, s: Supervisee) -> dict:
    """The stored decision of the latest assessment, in the shape of ui.md's decision panel."""
    facts = latest.consequence_facts
    return {
        "assessment": latest,
        "lines": selectors.consequence_lines(latest, s),
        "grades": [
            {
                "period": g["period"],
                "period_end": date.fromisoformat(g["period_end"]),
                "grade": GRADE_LABELS.get(g["grade"], g["grade"]),
                "code": g["grade"],
                "assessed_on": date.fromisoformat(g["assessed_on"]),
            }
            for g in facts.get("grades", [])
        ],
        "outstanding_education": facts.get("outstanding_education", False),
        "corrected_after_fails": facts.get("corrected_after_fails", False),
        "correction_type": selectors.correction_type_label(facts.get("correction_type", s.correction_type)),
        "parameters": [
            {
                "label": PARAMETER_LABELS.get(u["code"], (u["code"], ""))[0],
                "value": f"{u['value']}{PARAMETER_LABELS.get(u['code'], ('', ''))[1]}",
                "effective_from": date.fromisoformat(u["effective_from"]),
                "source": u["source"],
            }
            for u in facts.get("parameters", [])
        ],
        "rule": latest.consequence_rule,
        "articles": latest.consequence_articles,
        "reasons": [r for r in latest.consequence_reasons.split("；") if r],
    }


def _page(
    request: HttpRequest, s: Supervisee, *, form: AssessmentForm | None = None, contest_form: ContestForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    ctx = statute_context()
    assessments = list(s.assessments.select_related("assessed_by").order_by("period_end"))
    rows = selectors.period_rows(ctx, s, assessments, today)
    period = selectors.period_to_assess(ctx, s, assessments, today)
    upcoming = selectors.next_period(
        ctx,
        term_start=s.term_start,
        term_end=s.term_end,
        after=rows[-1].period.end if rows else None,
        number=len(rows) + 1,
    )
    under_correction = s.status == Status.UNDER_CORRECTION
    latest = assessments[-1] if assessments else None
    shown = period or upcoming
    context = {
        # Education against the level's requirement in the period assessed next (education's figures, not typed).
        "education": months_progress(s, shown.start + timedelta(days=1), min(shown.end, today)) if shown else [],
        "education_link": has_capability(request.user, Capability.CASEWORK_VIEW),
        "ratings": selectors.period_ratings(s, shown.end) if shown else [],
        "s": s,
        "rows": [(r, selectors.consequence_summary(r.assessment) if r.assessment else "") for r in rows],
        "under_correction": under_correction,
        "editable": under_correction and can_access(request.user, s, Access.EDIT),
        "period": period,
        "period_overdue": (today - period.end).days if period else None,
        "form": form or _form(s, period, today),
        "upcoming": upcoming if under_correction else None,
        "days_to_upcoming": (upcoming.end - today).days if upcoming else None,
        "decision": _decision(latest, s) if latest else None,
        "may_contest": latest is not None
        and under_correction
        and can_access(request.user, s, Access.EDIT)
        and deliberation_level(CONTESTED_GRADE.code) is not None,
        "contest_form": contest_form or ContestForm(),
        "rules": [RULES[selectors.DUE_RULE], RULES[selectors.CONSEQUENCES_RULE]],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("季度考核", None),
        ],
    }
    return render(request, "assessment/case.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _page(request, s)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def record_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    today = timezone.localdate()
    period = selectors.period_to_assess(statute_context(), s, list(s.assessments.all()), today)
    form = _form(s, period, today, request.POST)

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _page(request, s, form=form)

    return run_step(
        request,
        form=form,
        act=lambda _: services.assessment_record(actor=request.user, supervisee=s, assessment=form.instance),
        done="已登记季度考核，奖惩后果已按历次考核等次认定。",
        back_to=reverse("assessment:case", args=[pk]),
        rerender=rerender,
        draft_key=f"assessment-{pk}",
    )


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    """People in the jurisdiction whose assessment day has come (or comes within SOON_DAYS) without an
    assessment; the longest waiting first."""
    show = request.GET.get("show", "due")
    show = show if show in selectors.LIST_VIEWS else "due"
    q = request.GET.get("q", "").strip()[:50]
    today = timezone.localdate()
    rows = selectors.due_list(request.user, statute_context(), today, show=show, q=q)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": selectors.due_people(list(page.object_list)),
        "show": show,
        "views": selectors.LIST_VIEWS,
        "q": q,
        "crumbs": [("季度考核", None)],
    }
    return render(request, "assessment/list.html", context)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def contest_view(request: HttpRequest, pk: int) -> HttpResponse:
    """提交审核委员会: the person contests their latest grade; the review committee deliberates it."""
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = ContestForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.assessment_contest(actor=request.user, supervisee=s, summary=d["summary"]),
        done="已将考核结果异议提交审核委员会审议。",
        back_to=reverse("assessment:case", args=[pk]),
        rerender=lambda: _page(request, s, contest_form=form),
    )


@capability_required(Capability.COMMUNITY_RATE)
def ratings_view(request: HttpRequest) -> HttpResponse:
    """社区评议: the evaluator's village, each person with the period to rate and the evaluator's rating."""
    rows = selectors.village_ratings(statute_context(), request.user, timezone.localdate())
    context = {
        "rows": rows,
        "pending": sum(1 for r in rows if r.period and r.rating is None),
        "crumbs": [("社区评议", None)],
    }
    return render(request, "assessment/ratings.html", context)


@capability_required(Capability.COMMUNITY_RATE)
def rating_view(request: HttpRequest, pk: int) -> HttpResponse:
    rows = [
        r for r in selectors.village_ratings(statute_context(), request.user, timezone.localdate()) if r.person.pk == pk
    ]
    if not rows or rows[0].period is None:
        raise Http404
    row = rows[0]
    form = RatingForm(request.POST or None, instance=row.rating)

    def page() -> HttpResponse:
        context = {
            "row": row,
            "form": form,
            "crumbs": [("社区评议", reverse("assessment:ratings")), (row.person.name, None)],
        }
        return render(request, "assessment/rating.html", context)

    if request.method != "POST":
        return page()
    return run_step(
        request,
        form=form,
        act=lambda data: services.rating_save(actor=request.user, supervisee_id=pk, rating=form.instance),
        done=f"已保存对{row.person.name}的评议。",
        back_to=reverse("assessment:ratings"),
        rerender=page,
    )
