"""Demo phone courses (网上学习, decision 0040), made through the services as the officers would: 张丽 (zhangli) of
红塔区's agency publishes the text course 《社区矫正法》要点 and counts finished courses as study hours for 红塔区;
李娜 (lina) assigns it to 玉兴's people under correction. 陈刚 (chengang) has it, not yet opened; one other person
opened it three days ago and finished it (the times set as the phone would have)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sqjz.learning import services
from sqjz.learning.models import Assignment, Course
from sqjz.supervisees.models import Status, Supervisee

YUXING = "530402001"
BODY = """一、社区矫正的对象：被判处管制、宣告缓刑、假释和暂予监外执行的罪犯（第二条）。
二、社区矫正对象应当遵守法律、行政法规，履行判决、裁定、决定确定的义务，遵守监督管理规定，服从社区矫正机构的管理（第二十三条）。
三、按照规定报告活动情况、参加教育学习和公益活动；未经批准不得离开所居住的市、县（第二十三条、第二十七条）。
四、变更执行地、外出须经批准；违反监督管理规定的，视情节给予训诫、警告，直至提请撤销缓刑、假释（第二十七条、第二十八条）。
五、表现良好的，可以依法获得表扬；矫正期满，依法解除社区矫正（第二十八条、第四十四条）。"""


def seed_learning(*, today: date, users: dict) -> None:
    zhangli, lina = users.get("zhangli"), users.get("lina")
    if zhangli is None or lina is None or Course.objects.exists():
        return
    people = Supervisee.objects.filter(judicial_office__division__code=YUXING, status=Status.UNDER_CORRECTION)
    chosen = list(people.order_by("id")[:6])
    chen = people.filter(name="陈刚").first()
    if chen is not None and chen not in chosen:
        chosen.append(chen)
    if not chosen:
        return
    course = services.course_create(actor=zhangli, title="《社区矫正法》要点", kind="text", hours=1, body=BODY)
    services.course_assign(actor=lina, course=course, people=chosen)
    services.counting_rule_set(actor=zhangli, counts_as_hours=True)
    finisher = next((p for p in chosen if p != chen), None)
    if finisher is not None:
        opened = datetime.combine(today - timedelta(days=3), time(20, 0), tzinfo=timezone.get_current_timezone())
        Assignment.objects.filter(course=course, supervisee=finisher).update(
            started_at=opened, completed_at=opened + timedelta(minutes=50)
        )
