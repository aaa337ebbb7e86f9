"""Demo leading groups' and liaison meetings (GOV-2, decision 0047), recorded through the services: the city's
community-correction committee's plenary meeting (刘建国) with its decisions and follow-up tasks, two done, one
overdue, one not yet due; and 红塔区's liaison meeting with the court, procuratorate and police (张丽)."""

from datetime import date, timedelta

from sqjz.leadership import services
from sqjz.leadership.models import Meeting


def seed_leadership(*, today: date, users: dict) -> None:
    if Meeting.objects.exists():
        return
    city, zhangli = users.get("liujianguo"), users.get("zhangli")
    if city is not None:
        held = today - timedelta(days=45)
        meeting = services.meeting_create(
            actor=city,
            meeting=Meeting(
                kind=Meeting.Kind.COMMITTEE,
                held_on=held,
                place="玉溪市人民政府第三会议室",
                chaired_by="杨明 副市长、市社区矫正委员会主任",
                topics="通报全市社区矫正工作情况\n研究社区矫正对象就业帮扶和过渡性安置\n部署年底安全稳定工作",
                minutes="会议听取了市司法局关于全市社区矫正工作情况的汇报，各成员单位就帮扶安置、信息共享作了发言。",
            ),
            attendance="\n".join(
                (
                    "杨明 市人民政府 副市长",
                    "刘建国 市司法局 社区矫正管理局局长",
                    "李卫东 市中级人民法院 副院长",
                    "张雪梅 市人民检察院 副检察长",
                    "赵永刚 市公安局 副局长",
                    "孙丽 市财政局 副局长",
                    "陈海 市民政局 副局长 缺席 参加省厅会议",
                    "何军 市人力资源和社会保障局 副局长",
                )
            ),
            decisions="\n".join(
                (
                    "各县（市、区）年内至少建成一个过渡性安置基地",
                    "建立法院、检察院、公安、司法行政信息共享机制",
                    "将社区矫正工作经费纳入各级财政预算并足额保障",
                )
            ),
        )
        first, second, third = meeting.decisions.order_by("number")
        summary = services.task_add(
            actor=city,
            decision=first,
            task="汇总各县（市、区）安置基地建设情况",
            department="市司法局",
            due_on=held + timedelta(days=20),
        )
        services.task_done(
            actor=city, task=summary, done_on=held + timedelta(days=18), outcome="已汇总，5个县（市、区）已建成基地"
        )
        done = services.task_add(
            actor=city,
            decision=second,
            task="拟定信息共享工作办法",
            department="市中级人民法院",
            due_on=held + timedelta(days=30),
        )
        services.task_done(
            actor=city, task=done, done_on=held + timedelta(days=28), outcome="已印发《信息共享工作办法（试行）》"
        )
        services.task_add(
            actor=city,
            decision=third,
            task="核定下一年度社区矫正经费预算",
            department="市财政局",
            due_on=today + timedelta(days=30),
        )
        services.task_add(  # overdue: the list shows it first
            actor=city,
            decision=first,
            task="提供就业培训项目和岗位清单",
            department="市人力资源和社会保障局",
            due_on=today - timedelta(days=7),
        )
    if zhangli is not None:
        held = today - timedelta(days=20)
        meeting = services.meeting_create(
            actor=zhangli,
            meeting=Meeting(
                kind=Meeting.Kind.LIAISON,
                held_on=held,
                place="红塔区司法局会议室",
                chaired_by="王强 红塔区社区矫正管理局负责人",
                topics="社区矫正对象交付接收衔接\n脱管漏管排查",
            ),
            attendance="\n".join(
                (
                    "王强 红塔区社区矫正管理局 负责人",
                    "张丽 红塔区社区矫正管理局 科员",
                    "孙磊 红塔区人民法院 刑庭庭长",
                    "赵敏 红塔区人民检察院 刑事执行检察科科长",
                    "杨波 红塔区玉兴派出所 副所长",
                )
            ),
            decisions="判决生效后五日内将法律文书送达社区矫正机构\n每季度联合开展一次脱管漏管排查",
        )
        services.task_add(
            actor=zhangli,
            decision=meeting.decisions.get(number=2),
            task="组织第四季度联合排查",
            department="红塔区社区矫正管理局",
            due_on=today + timedelta(days=10),
        )
