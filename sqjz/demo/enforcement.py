"""Demo records of 考核奖惩 in 玉兴 (李娜; 红塔区: 张丽, 王强) and 星云 (周丽; 江川区: 罗明, 普华), made
through the services as the officers would: an admonition and a warning issued with their documents and
served, a commendation after two good quarters, a meritorious act confirmed and the level stepped down by the
county (宽管 from the next day: daily check-ins become weekly), and in 玉兴 one admonition waiting in 张丽's and
王强's decision queue."""

from datetime import date, timedelta

from django.utils import timezone

from sqjz.enforcement import services
from sqjz.enforcement.models import Fact
from sqjz.statute.rules.assessment import POSSIBLE, REQUIRED
from sqjz.supervisees.models import Status, Supervisee

OFFICES = {
    # township code → (office officer, county officer, county head, a pending proposal too)
    "530402001": ("lina", "zhangli", "wangqiang", True),
    "530403001": ("zhouli", "luoming", "puhua", False),
}


def _fact(actor, s: Supervisee, day: date, kind: str, severity: str, source: str, text: str, **extra) -> Fact:
    return services.fact_record(
        actor=actor,
        supervisee=s,
        fact=Fact(occurred_on=day, kind=kind, severity=severity, source=source, description=text, **extra),
    )


def _issue(office, county, s: Supervisee, kind: str, fact: Fact, proposal: str, *, decide: bool = True) -> None:
    m = services.measure_propose(actor=office, supervisee=s, kind=kind, fact_ids=[fact.pk], proposal=proposal)
    if decide:
        services.measure_decide(actor=county, measure_id=m.pk, approve=True, reason="经审查，事实清楚，同意。")
        services.measure_serve(actor=office, measure_id=m.pk, served_on=timezone.localdate())


def _commendable(s: Supervisee):
    latest = s.assessments.order_by("-period_end").first()
    return latest if latest and latest.consequence.get("commendation") in (REQUIRED, POSSIBLE) else None


def _day(today: date) -> date:
    return min(today, timezone.localdate()) - timedelta(days=3)


def eligible(people: list[Supervisee], code: str, today: date) -> list[Supervisee]:
    """The office's people under correction for at least a month whose term runs past today, in order."""
    day = _day(today)
    return sorted(
        (
            s
            for s in people
            if s.status == Status.UNDER_CORRECTION
            and s.judicial_office.division.code == code
            and s.term_start <= day - timedelta(days=30)
            and s.term_end > today
        ),
        key=lambda s: s.pk,
    )


def seed_enforcement(people: list[Supervisee], *, today: date, users: dict) -> None:
    day = _day(today)
    for code, (office_name, officer_name, head_name, pending) in OFFICES.items():
        office, officer, head = users[office_name], users[officer_name], users[head_name]
        active = eligible(people, code, today)
        commended = next((s for s in active if s.name == "陈刚" and _commendable(s)), None) or next(
            (s for s in active if _commendable(s)), None
        )
        others = [s for s in active if s is not commended and s.name != "陈刚"]
        if len(others) >= 2:
            s = others[0]
            f = _fact(
                office, s, day, "supervision_breach", "minor", "checkin", "未按规定时间签到报告，经电话联系后次日补报。"
            )
            _issue(office, officer, s, "admonition", f, "违反报告规定，情节轻微，建议给予训诫。")
            s = others[1]
            f = _fact(
                office, s, day, "supervision_breach", "more_serious", "travel", "未经批准前往昆明市，三日后返回。"
            )
            _issue(office, head, s, "warning", f, "违反外出规定，情节较重，建议给予警告。")
        if pending and len(others) >= 3:
            s = others[2]
            f = _fact(office, s, day, "supervision_breach", "minor", "report", "村委会反映其未经报告会见同案人员。")
            _issue(office, officer, s, "admonition", f, "违反会客规定，情节轻微，建议给予训诫。", decide=False)
        if commended is not None:
            a = _commendable(commended)
            m = services.measure_propose(
                actor=office,
                supervisee=commended,
                kind="commendation",
                fact_ids=[],
                assessment_id=a.pk,
                proposal="季度考核连续表现良好，建议给予表扬。",
            )
            services.measure_decide(actor=head, measure_id=m.pk, approve=True, reason="同意表扬。")
            merit = _fact(
                office, commended, day, "meritorious", "", "report", "在玉溪大河边救起落水儿童一名。", merit="brave"
            )
            services.merit_confirm(actor=head, fact_id=merit.pk)
            if commended.levels.exists():
                review = services.level_review_propose(actor=office, supervisee=commended)
                services.level_review_decide(actor=head, review_id=review.pk, approve=True, reason="同意调整。")
