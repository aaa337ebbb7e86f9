"""The shared test world with a record behind every key page (a level, a pending 18-day leave, a monitoring
proposal, a procurator's opinion, an overdue quarterly assessment, a newcomer waiting to report in), entered
through the pages as officers do; and the key pages each role reads. Used by the page checks (no rule codes,
one date format, "请选择…") and the accessibility tests (axe-core). Dates are relative to today, as the browser
tests run on the real clock."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.intake.models import LevelDecision
from sqjz.oversight.models import CorrectionOpinion
from sqjz.proposals.models import Proposal
from sqjz.supervisees.models import Status
from sqjz.supervision.models import AppEnrolment, ElectronicMonitoring
from tests.factories import SuperviseeFactory
from tests.world import World


def _as(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _post(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def furnish(w: World) -> World:
    """Add the records; `w.people["N"]` is the newcomer (pending report-in, nothing owed yet)."""
    today = timezone.localdate()
    a = w.people["A"]
    office = w.users["office_officer"]
    LevelDecision.objects.create(
        supervisee=a,
        level="strict",
        effective_from=a.term_start,
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons="入矫不满2个月",
        decided_by=office,
    )
    AppEnrolment.objects.create(supervisee=a, enrolled_on=today - timedelta(days=3), enrolled_by=office)
    officer = _as(office)
    _post(
        officer,
        reverse("supervision:travel_apply", args=[a.pk]),
        {
            "purpose": "medical",
            "reason": "母亲住院，前往陪护",
            "destination": "昆明市",
            "start": (today + timedelta(days=5)).isoformat(),
            "days": 18,  # beyond the office's 7 days: the county decides
            "applied_on": today.isoformat(),
            "evidence": "医院住院通知书",
        },
    )
    _post(
        officer,
        reverse("supervision:monitoring_propose", args=[a.pk]),
        {
            "grounds": ["left_without_approval"],
            "facts": "未经批准前往昆明，经查找于次日返回。",
            "start": today.isoformat(),
            "months": 3,
            "device_number": "YX-0001",
        },
    )
    _post(
        _as(w.users["procurator"]),
        f"{reverse('oversight:create')}?supervisee={a.pk}",
        {
            "kind": "written",
            "addressed_to": w.units["hongta_agency"].pk,
            "matter": "leave",
            "facts": "对张三的外出申请审批超出权限。",
            "opinion": "应当报上一级社区矫正机构审批，请立即纠正。",
            "issued_on": today.isoformat(),
            "reply_by": (today + timedelta(days=14)).isoformat(),
        },
    )
    _post(  # 考核奖惩: a breach recorded by the office and an admonition proposed to the county agency
        officer,
        reverse("enforcement:fact", args=[a.pk]),
        {
            "occurred_on": today.isoformat(),
            "kind": "supervision_breach",
            "severity": "minor",
            "source": "observation",
            "description": "未按规定时间报告外出情况。",
        },
    )
    _post(
        officer,
        reverse("enforcement:propose", args=[a.pk]),
        {"kind": "admonition", "facts": [a.enforcement_facts.get().pk], "proposal": "建议给予训诫。"},
    )
    _post(
        officer,
        reverse("lostcontact:open", args=[a.pk]),
        {"since": (today - timedelta(days=3)).isoformat(), "trigger_reasons": "电话关机，家属称已外出。"},
    )
    _post(
        officer,
        reverse("lostcontact:attempt", args=[a.pk]),
        {
            "attempted_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "method": "family",
            "contacted": "母亲",
            "result": "不知去向",
        },
    )
    _post(  # 提请: a police-penalty proposal drafted by the office, checked by the county, signed by its head
        officer,
        reverse("proposals:draft", args=[a.pk]),
        {
            "kind": "police_penalty",
            "addressee_choice": "original",
            "conduct_on": (today - timedelta(days=2)).isoformat(),
            "supervision_breach": "more_serious",
            "statement": "未经批准离开玉溪市三日。",
        },
    )
    proposal = Proposal.objects.get(supervisee=a)
    _post(_as(w.users["county_officer"]), reverse("proposals:submit", args=[proposal.pk]), {})
    _post(_as(w.users["county_head"]), reverse("proposals:send", args=[proposal.pk]), {})
    w.people["N"] = SuperviseeFactory(
        name="周报到",
        status=Status.PENDING_REPORT,
        judicial_office=w.yuxing,
        deciding_authority=w.units["hongta_court"],
        judgment_effective_date=today - timedelta(days=2),
        term_start=today - timedelta(days=2),
        term_end=today + timedelta(days=728),
    )
    assert ElectronicMonitoring.objects.filter(supervisee=a).exists()
    assert CorrectionOpinion.objects.exists()
    return w


def key_pages(w: World, *, all_pages: bool = True) -> dict[str, list[str]]:
    """Persona → the pages that persona reads most: A's record pages (an overdue assessment, a pending leave, a
    monitoring proposal, the check-ins), the newcomer's intake, the register and the lists, the opinion.
    `all_pages=False` leaves out pages built like another of the list (the slower browser checks use it)."""
    a, n = w.people["A"], w.people["N"]
    opinion = CorrectionOpinion.objects.first()
    person = [
        reverse(name, args=[a.pk])
        for name in (
            "supervisees:detail",
            "intake:page",
            "supervision:travel",
            "supervision:checkins",
            "supervision:monitoring",
            "assessment:case",
            "enforcement:case",
            "discharge:case",
        )
    ]
    office = [
        reverse("supervisees:list"),
        reverse("supervisees:create"),
        *person,
        reverse("intake:list"),
        reverse("investigation:detail", args=[w.investigation.pk]),
        reverse("assessment:list"),
    ]
    office_more = [
        reverse("intake:page", args=[n.pk]),
        reverse("investigation:list"),
        reverse("investigation:create"),
        reverse("supervision:travel_list"),
        reverse("supervision:checkin_list"),
        reverse("oversight:list"),
        reverse("safety:list"),
        reverse("committee:index"),
        reverse("committee:case", args=[a.pk]),
        reverse("enforcement:list"),
    ]
    county = [
        reverse("supervision:monitoring", args=[a.pk]),
        reverse("supervision:travel_list"),
        reverse("enforcement:case", args=[a.pk]),
        reverse("lostcontact:person", args=[a.pk]),
        reverse("lostcontact:list"),
    ]
    county_more = [
        reverse("proposals:list"),
        reverse("proposals:person", args=[a.pk]),
        *(reverse("proposals:detail", args=[p.pk]) for p in Proposal.objects.filter(supervisee=a)),
        reverse("supervision:travel", args=[a.pk]),
        reverse("oversight:detail", args=[opinion.pk]),
        reverse("safety:create"),
        reverse("committee:members"),
        reverse("enforcement:list"),
    ]
    procurator = [
        reverse("oversight:list"),
        reverse("oversight:create"),
        reverse("oversight:detail", args=[opinion.pk]),
        reverse("enforcement:case", args=[a.pk]),
    ]
    home = reverse("workbench:home")
    pages = {
        "office_officer": [home, *office] + (office_more if all_pages else []),
        "county_head": [home, *county] + (county_more if all_pages else []),
        "procurator": [home, *procurator] + ([reverse("supervisees:detail", args=[a.pk])] if all_pages else []),
        "judge": [home, reverse("supervisees:list")]
        + (
            [
                reverse("investigation:list"),
                reverse("proposals:received"),
                reverse("exchange:judgment_new"),
                reverse("exchange:commission_new"),
            ]
            if all_pages
            else []
        ),
        "supervisee": [reverse("mobile:home"), reverse("mobile:checkin"), reverse("mobile:travel")],
    }
    if all_pages:  # every other role's home and what it reads
        pages["office_officer"].append(reverse("supervisees:assignments", args=[a.pk]))
        # Issue 15: the command centre, the numbers, the exchange with partner agencies, publicity and meetings.
        pages["office_officer"] += [reverse("command:screen"), reverse("statistics:index"), reverse("publicity:list")]
        pages["county_head"] += [
            reverse("command:screen"),
            reverse("statistics:index"),
            reverse("appraisal:index"),
            reverse("appraisal:quality"),
            reverse("funding:overview"),
            reverse("outbox:list"),
            reverse("exchange:messages"),
            reverse("leadership:list"),
        ]
        pages["supervisee"] += [reverse("mobile:return_report"), reverse("mobile:account")]
        pages |= {
            "county_officer": [home, reverse("intake:list")],
            "city_officer": [
                home,
                reverse("supervisees:list"),
                reverse("supervisees:conflicts"),
                reverse("command:screen"),
                reverse("appraisal:recidivism"),
                reverse("appraisal:settings"),
            ],
            "police": [home, reverse("supervisees:detail", args=[a.pk]), reverse("exchange:detention_new")],
            "county_police": [home, reverse("proposals:received")],
            "prison_officer": [home],
            "social_worker": [home, reverse("supervisees:detail", args=[a.pk])],
            "volunteer": [home],
            "mentor": [home],
            "evaluator": [home, reverse("supervisees:list")],
            "auditor": [home, reverse("audit:list")],
            "admin": [home, reverse("admin:organisation_unit_add")],
            "security_admin": [home, reverse("admin:accounts_user_add")],
        }
    return pages
