"""Demo education (教育学习), made through the services as the officers would, for 李娜's office (玉兴街道司法所):
a legal-warning session held five days ago with its roll call (one absent with leave), one planned for next week
with people enrolled, a minors' session if the office has minors, and individual education of 陈刚 and others this
month and last, so that people's pages show months met and months short; and a community clean-up four days ago with
its roll call, and a visit to the old people's home in five days that the volunteer 何平 (heping) helps run; 陈刚's
written report (思想汇报) of three days ago, not yet read."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sqjz.education import selectors, services
from sqjz.education.models import CommunityService, EducationSession, PersonalReport
from sqjz.supervisees.models import Status, Supervisee

YUXING = "530402001"


def _session(actor, *, held_on: date, topic: str, theme: str, hours: str, for_minors=False, summary=""):
    return services.session_create(
        actor=actor,
        session=EducationSession(
            theme=theme,
            topic=topic,
            held_on=held_on,
            hours=Decimal(hours),
            place="玉兴街道司法所二楼会议室",
            teacher="红塔区人民法院 杨法官" if theme == "legal" else "玉兴街道司法所 李娜",
            for_minors=for_minors,
            summary=summary,
        ),
    )


def seed_education(*, today: date, users: dict) -> None:
    lina = users.get("lina")
    if lina is None or EducationSession.objects.exists():
        return
    people = Supervisee.objects.filter(judicial_office__division__code=YUXING, status=Status.UNDER_CORRECTION)
    adults = list(people.filter(is_minor=False).order_by("id")[:8])
    minors = list(people.filter(is_minor=True).order_by("id")[:3])
    if not adults:
        return
    chen = people.filter(name="陈刚").first()
    if chen is not None and chen not in adults:
        adults[-1] = chen
    held = _session(
        lina,
        held_on=today - timedelta(days=5),
        topic="酒驾醉驾的法律后果——以案释法",
        theme="legal",
        hours="2",
        summary="结合本地典型案例讲解危险驾驶罪的刑事责任和社区矫正期间的纪律要求，参加人员认真听讲，课后交流踊跃。",
    )
    services.session_enrol(actor=lina, session=held, people=adults)
    absent = adults[1] if len(adults) > 2 else None
    services.session_roll_call(
        actor=lina,
        session=held,
        present={p.pk for p in adults if p != absent},
        notes={absent.pk: "请假（住院治疗），已安排补课"} if absent else {},
    )
    planned = _session(lina, held_on=today + timedelta(days=7), topic="家庭关系与亲情修复", theme="family", hours="1.5")
    services.session_enrol(actor=lina, session=planned, people=adults[:5])
    if minors:
        young = _session(
            lina,
            held_on=today - timedelta(days=3),
            topic="未成年人自我保护与法律常识",
            theme="legal",
            hours="1.5",
            for_minors=True,
        )
        services.session_enrol(actor=lina, session=young, people=minors)
        services.session_roll_call(actor=lina, session=young, present={p.pk for p in minors}, notes={})
    talks = [
        (person, today - timedelta(days=days), theme, topic)
        for person, (days, theme, topic) in zip(
            adults[::2],
            [
                (2, "thought", "了解近期工作和思想状况，提醒按时签到"),
                (9, "moral", "谈邻里纠纷的处理，引导其以合法方式解决"),
            ],
            strict=False,
        )
    ]
    if chen is not None:
        talks.append((chen, today - timedelta(days=1), "legal", "重申禁止令内容，提醒不得进入酒吧等娱乐场所"))
    cleanup = services.service_create(
        actor=lina,
        activity=CommunityService(
            title="荷花社区环境整治",
            held_on=today - timedelta(days=4),
            hours=Decimal("3"),
            place="荷花社区",
            demand="moderate",
            capacity=10,
            content="清理社区绿化带和公共楼道，分类收集垃圾",
        ),
    )
    fit = list(selectors.service_candidates(cleanup)[:5])
    if fit:
        services.service_enrol(actor=lina, activity=cleanup, people=fit)
        services.service_roll_call(actor=lina, activity=cleanup, present={p.pk for p in fit}, notes={})
    coming = services.service_create(
        actor=lina,
        activity=CommunityService(
            title="玉兴敬老院志愿服务",
            held_on=today + timedelta(days=5),
            hours=Decimal("2"),
            place="玉兴街道敬老院",
            demand="light",
            capacity=8,
            content="陪伴老人聊天、打扫活动室；志愿者何平带领并讲解安全注意事项",
        ),
    )
    fit = list(selectors.service_candidates(coming)[:4])
    if fit:
        services.service_enrol(actor=lina, activity=coming, people=fit)
    heping = users.get("heping")
    if heping is not None:  # the volunteer helps run it: on his home page until the day
        services.service_helpers_set(actor=lina, activity=coming, users=[heping])
    if chen is not None:  # his written report of three days ago, not yet read: lina's to read on his page
        report = PersonalReport.objects.create(
            supervisee=chen,
            content="本月在仓储中心正常上班，每天按时手机签到，没有饮酒，参加了司法所组织的法治警示教育，"
            "认识到醉酒驾驶的危害，今后一定遵守法律和社区矫正的各项规定。",
        )
        PersonalReport.objects.filter(pk=report.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    for person, day, theme, topic in talks:
        services.individual_record(
            actor=lina,
            supervisee=person,
            session=EducationSession(
                theme=theme, topic=topic, held_on=day, hours=Decimal("1"), place="玉兴街道司法所", teacher="李娜"
            ),
        )
