"""Demo "511" mentoring (五必访), made through the services as the people would: 马军 (majun, 红塔区公安局) is 陈刚's
mentor; 陈刚 reported a job change from his phone two days ago, so majun has a visit due and 李娜 a report to read;
majun visited his other mentee last month after a major family event; an office-recorded occasion of a 玉兴 person with
no mentor waits for 李娜 to arrange the visit."""

from datetime import date, timedelta

from django.utils import timezone

from sqjz.accounts.models import User
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring import services
from sqjz.mentoring.models import ChangeReport, Trigger, Visit
from sqjz.supervisees.models import CaseAssignment, Status, Supervisee

YUXING = "530402001"


def _backdate(trigger: Trigger, days: int) -> None:
    day = timezone.localdate() - timedelta(days=days)
    Trigger.objects.filter(pk=trigger.pk).update(known_on=day)
    if trigger.change_report_id:
        ChangeReport.objects.filter(pk=trigger.change_report_id).update(
            submitted_at=timezone.now() - timedelta(days=days), happened_on=day - timedelta(days=1)
        )


def seed_mentoring(*, today: date, users: dict) -> None:
    lina, majun = users.get("lina"), users.get("majun")
    if lina is None or majun is None or Trigger.objects.exists():
        return
    people = Supervisee.objects.filter(judicial_office__division__code=YUXING, status=Status.UNDER_CORRECTION)
    chen = people.filter(name="陈刚").first()
    account = User.objects.filter(supervisee=chen).first() if chen else None
    if chen is None or account is None:
        return
    CaseAssignment.objects.get_or_create(
        supervisee=chen, user=majun, kind=CaseAssignment.Kind.MENTOR, defaults={"assigned_by": lina}
    )
    CaseAssignment.objects.filter(supervisee=chen, user=majun, kind=CaseAssignment.Kind.MENTOR).update(is_active=True)
    report = services.change_report_own(
        user=account,
        change="job_change",
        happened_on=today,
        content="本月从红塔区仓储中心离职，已在玉兴物流公司找到分拣员的工作，上班时间为早八点到晚六点，周日休息。",
    )
    _backdate(report.trigger, 2)

    mentored = (
        people.filter(
            assignments__user=majun, assignments__kind=CaseAssignment.Kind.MENTOR, assignments__is_active=True
        )
        .exclude(pk=chen.pk)
        .order_by("id")
        .first()
    )
    changed = [report.trigger.pk]
    if mentored is not None:
        event = services.trigger_record(
            actor=lina,
            supervisee=mentored,
            occasion="family_event",
            source="office",
            detail="村委会反映其母亲因病去世，本人情绪低落，料理后事期间请假在家。",
            known_on=today - timedelta(days=30),
        )
        services.visit_record(
            actor=majun,
            supervisee=mentored,
            trigger_id=event.pk,
            visit=Visit(
                visited_on=today - timedelta(days=27),
                manner=Visit.Manner.HOME_VISIT,
                place="本人家中",
                findings="丧事已料理完毕，本人情绪基本平稳，家中尚有父亲需要照顾，经济压力较大。",
                help_given="进行了谈心疏导，讲解了临时救助的申请条件，鼓励其按时签到、参加教育学习。",
                follow_up="建议司法所协助申请临时救助。",
            ),
        )
        changed.append(event.pk)
    paired = CaseAssignment.objects.filter(kind=CaseAssignment.Kind.MENTOR, is_active=True).values("supervisee_id")
    lonely = people.filter(is_minor=False).exclude(pk__in=paired).order_by("id").first()
    if lonely is not None:
        hardship = services.trigger_record(
            actor=lina,
            supervisee=lonely,
            occasion="hardship",
            source="screening",
            detail="季度排查发现其失业已三个月，拖欠房租，靠亲友接济生活。",
            known_on=today - timedelta(days=3),
        )
        changed.append(hardship.pk)
    inbox_refresh(area="mentoring", ids=[*changed, report.pk])
