"""Social workers and volunteers (司法社工、志愿者) and purchased social-work services (购买社区矫正社会工作服务):
what the law lets them do, and how often a helper is expected to see the people assigned to them.

社区矫正法第十条 gives the duties of supervision and of education and help as law enforcement (执法职责) to the
agency's own staff; 第十一条 lets the agency organise social workers for "related work", 第十三条 encourages volunteers,
and 第四十条 lets it buy social-work services for education, counselling, vocational training and repairing social
relations. The city's policy (玉溪市实施意见三(三)1) hands the non-enforcement work (非执法类工作) to such services.

Judgement calls (*):
- *What a helper records is one of the help kinds (走访, 谈心谈话和心理疏导, 帮扶, 教育, 其他帮扶): non-enforcement by
  construction. The enforcement tasks listed here are those the system's other areas decide; none is open to a helper.
- *A helper sees each person assigned to them at least every HELP_CONTACT_DAYS (LOCAL; the law sets no figure),
  counted from the last help they recorded for the person, or from the assignment when there is none.
"""

from datetime import date, timedelta

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

STAFF = "社区矫正法第十条"
SOCIAL_WORKERS = "社区矫正法第十一条"
VOLUNTEERS = "社区矫正法第十三条"
PURCHASE = "社区矫正法第四十条"
POLICY = "玉溪市实施意见三(三)1"

HELP_TASKS = {
    "visit": "走访",
    "counselling": "谈心谈话、心理疏导",
    "assistance": "帮扶（就业、就学、救助等）",
    "education": "教育",
    "other_help": "其他帮扶",
}
ENFORCEMENT_TASKS = {
    "travel_approval": "审批外出、执行地变更",
    "enforcement_decision": "训诫、警告、表扬等奖惩决定",
    "grading": "考核评定、管理等级",
    "monitoring_decision": "决定使用电子定位装置",
    "revocation_proposal": "提请治安管理处罚、撤销缓刑或假释、收监执行",
}
LABELS = {
    "task": "工作事项",
    **HELP_TASKS,
    **ENFORCEMENT_TASKS,
    "last_help": "上次帮扶日期",
    "assigned_on": "分派日期",
}


@rule(
    "SOCIAL_WORK_NON_ENFORCEMENT",
    title="社会工作者、志愿者只承担非执法类工作",
    statement="监督管理、教育帮扶等执法职责由社区矫正机构工作人员履行。社区矫正机构可以组织社会工作者、志愿者参与社区矫正，"
    "并可以公开择优购买社会工作服务，为社区矫正对象在教育、心理辅导、职业技能培训、社会关系改善等方面提供帮扶：他们承担"
    "走访、谈心谈话和心理疏导、帮扶、教育等非执法类工作，不作出审批、考核、奖惩等执法决定，不提请撤销或收监。",
    articles=(STAFF, SOCIAL_WORKERS, VOLUNTEERS, PURCHASE, POLICY),
    examples=(
        Example("社工走访社区矫正对象", {"task": "visit"}, True),
        Example("社工开展心理疏导", {"task": "counselling"}, True),
        Example("社工审批外出", {"task": "travel_approval"}, False),
        Example("社工作出警告决定", {"task": "enforcement_decision"}, False),
    ),
)
def social_work_non_enforcement(ctx: Context, *, task: str) -> Decision:
    if task in HELP_TASKS:
        allowed, what = True, HELP_TASKS[task]
        verdict = "属于非执法类工作，社会工作者、志愿者可以承担"
    elif task in ENFORCEMENT_TASKS:
        allowed, what = False, ENFORCEMENT_TASKS[task]
        verdict = "属于执法职责，由社区矫正机构工作人员履行，社会工作者、志愿者不能承担"
    else:
        raise ValueError(f"unknown task {task!r}")
    return Decision(
        rule="SOCIAL_WORK_NON_ENFORCEMENT",
        outcome=allowed,
        articles=(STAFF, SOCIAL_WORKERS, PURCHASE) if allowed else (STAFF,),
        reasons=(what, verdict),
        facts={"task": task},
    )


@rule(
    "HELP_CONTACT_DUE",
    title="社工、志愿者定期帮扶所联系的社区矫正对象",
    statement="社会工作者、志愿者对分派给本人联系的社区矫正对象，自上次记录帮扶之日（尚无记录的，自分派之日）起，"
    "在规定天数内再次走访、谈心或者帮扶，并记录在系统中。",
    articles=(SOCIAL_WORKERS, VOLUNTEERS, PURCHASE),
    parameters=("HELP_CONTACT_DAYS",),
    examples=(
        Example(
            "11月1日走访，30日内再次帮扶",
            {"last_help": date(2026, 11, 1), "assigned_on": date(2026, 9, 1)},
            date(2026, 12, 1),
        ),
        Example("分派后尚无帮扶记录", {"last_help": None, "assigned_on": date(2026, 11, 10)}, date(2026, 12, 10)),
    ),
)
def help_contact_due(ctx: Context, *, last_help: date | None, assigned_on: date) -> Decision:
    since = last_help or assigned_on
    use = ctx.use("HELP_CONTACT_DAYS", since)
    due = since + timedelta(days=use.value)
    start = f"上次帮扶{cn_date(last_help)}" if last_help else f"分派联系{cn_date(assigned_on)}，尚无帮扶记录"
    return Decision(
        rule="HELP_CONTACT_DUE",
        outcome=due,
        articles=(SOCIAL_WORKERS, VOLUNTEERS, PURCHASE),
        reasons=(
            start,
            f"应在{use.value}日内再次帮扶（{cn_date(use.effective_from)}起施行的参数版本）",
            f"{cn_date(due)}前",
        ),
        facts={"last_help": last_help, "assigned_on": assigned_on},
        parameters=(use,),
    )
