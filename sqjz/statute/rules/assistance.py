"""Assistance (帮扶): which kinds of help a needs assessment makes a person eligible for, and which body is responsible
for each (../shared/domain/statute.md §10, §13; 玉溪市实施意见三(二) 汇聚帮扶力量); and the two working deadlines of
the casework, both LOCAL parameters: the needs assessment after report-in, and the follow-up of a referral.

The law: the agency may arrange vocational training and job guidance for those who find work hard and help students
finish their studies (社区矫正法第三十七条); the person may apply for social assistance, join social insurance and get
legal aid, and the agency helps (第四十三条); a minor who has not completed compulsory education is helped to complete
it with the education department; from 16, a person who wants to work may be given training and job help (第五十五条).
The city's policy names the body for each: 人力资源社会保障 (training for those 16 and over who want it, job
guidance and referral, start-up help, social and unemployment insurance), 教育 (compulsory schooling of minors,
support for further study), 民政 (temporary relief for severe temporary hardship, 低保 for families that qualify:
应保尽保); the trade union, youth league, women's federation, federation of industry and commerce and disabled persons'
federation help employees of firms in difficulty, minors, women and the disabled.

Judgement calls (*):
- *The facts are the officer's findings at the assessment, as yes/no answers; the rule does not test income against a
  figure (the local 低保 standard is 民政's and changes yearly): "income below the local minimum" is the finding.
- *Job referral is for a person of working age (WORKING_AGE, 16 周岁, 第五十五条) without work who is able to work; a
  person in school is helped with schooling, not referred to jobs.
- *Unemployment insurance is for an unemployed person the officer finds qualifies for the benefit (insured for a year,
  lost the job involuntarily: 人社's conditions); social insurance for anyone not insured.
- *Further study (非义务教育阶段就学) is for a person who has completed compulsory education and is in school or wants
  to study.
- *A group organisation helps alongside the responsible body, offered as a second body a case may be referred to: the
  youth league for a minor, the women's federation for a woman, the disabled persons' federation for a disabled
  person, the trade union for an employee of a firm in difficulty, the federation of industry and commerce for
  start-up help.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqjz.statute.age import age_on
from sqjz.statute.calendar import ARTICLE as COUNTING
from sqjz.statute.calendar import add_days
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule

POLICY = "玉溪市实施意见三(二)"
TRAINING_ARTICLE = "社区矫正法第三十七条"
HELP_ARTICLE = "社区矫正法第四十三条"
MINORS_ARTICLE = "社区矫正法第五十五条"

WORK = {"employed": "在业", "unemployed": "无业或失业", "student": "在校学习", "unable": "无劳动能力"}

BODIES = {
    "hrss": "人力资源社会保障部门",
    "education_dept": "教育部门",
    "civil_affairs": "民政部门",
    "legal_aid_office": "法律援助机构",
    "trade_union": "工会",
    "youth_league": "共青团",
    "womens_federation": "妇联",
    "commerce_federation": "工商联",
    "disabled_federation": "残联",
}


@dataclass(frozen=True)
class Facts:
    age: int
    is_minor: bool
    is_female: bool
    is_disabled: bool
    work: str
    employer_in_difficulty: bool
    wants_training: bool
    wants_startup: bool
    compulsory_education_completed: bool
    wants_further_study: bool
    income_below_minimum: bool
    severe_hardship: bool
    insured: bool
    unemployment_benefit_qualified: bool
    needs_legal_aid: bool


@dataclass(frozen=True)
class Kind:
    label: str
    body: str  # the responsible body
    articles: tuple[str, ...]
    condition: str  # what makes a person eligible, in plain Chinese
    test: Callable[[Facts, int], bool]  # (facts, working age) → eligible


KINDS: dict[str, Kind] = {
    "vocational_training": Kind(
        "职业技能培训",
        "hrss",
        (TRAINING_ARTICLE, MINORS_ARTICLE, POLICY),
        "年满16周岁、有培训意愿",
        lambda f, working: f.age >= working and f.wants_training,
    ),
    "job_referral": Kind(
        "就业指导和推介",
        "hrss",
        (TRAINING_ARTICLE, MINORS_ARTICLE, POLICY),
        "年满16周岁、无业或失业且有劳动能力",
        lambda f, working: f.age >= working and f.work == "unemployed",
    ),
    "startup_support": Kind(
        "创业帮扶",
        "hrss",
        (POLICY,),
        "年满16周岁、有创业意愿",
        lambda f, working: f.age >= working and f.wants_startup,
    ),
    "schooling": Kind(
        "义务教育",
        "education_dept",
        (MINORS_ARTICLE, POLICY),
        "未成年社区矫正对象未完成义务教育",
        lambda f, working: f.is_minor and not f.compulsory_education_completed,
    ),
    "further_study": Kind(
        "就学支持",
        "education_dept",
        (TRAINING_ARTICLE, POLICY),
        "已完成义务教育、在校学习或有就学意愿",
        lambda f, working: f.compulsory_education_completed and (f.work == "student" or f.wants_further_study),
    ),
    "temporary_relief": Kind(
        "临时救助",
        "civil_affairs",
        (HELP_ARTICLE, POLICY),
        "基本生活暂时出现严重困难",
        lambda f, working: f.severe_hardship,
    ),
    "minimum_living": Kind(
        "最低生活保障",
        "civil_affairs",
        (HELP_ARTICLE, POLICY),
        "家庭生活困难、收入低于当地最低生活保障标准",
        lambda f, working: f.income_below_minimum,
    ),
    "social_insurance": Kind(
        "社会保险",
        "hrss",
        (HELP_ARTICLE, POLICY),
        "未参加社会保险",
        lambda f, working: not f.insured,
    ),
    "unemployment_insurance": Kind(
        "失业保险待遇",
        "hrss",
        (HELP_ARTICLE, POLICY),
        "失业且符合申领失业保险金条件",
        lambda f, working: f.work == "unemployed" and f.unemployment_benefit_qualified,
    ),
    "legal_aid": Kind(
        "法律援助",
        "legal_aid_office",
        (HELP_ARTICLE,),
        "有需要法律援助的事项",
        lambda f, working: f.needs_legal_aid,
    ),
}

LABELS = {
    **{code: kind.label for code, kind in KINDS.items()},
    **BODIES,
    **WORK,
    "birth_date": "出生日期",
    "assessment_day": "评估日期",
    "is_minor": "未成年社区矫正对象",
    "is_female": "女性",
    "work": "就业状况",
    "employer_in_difficulty": "困难企业职工",
    "wants_training": "有培训意愿",
    "wants_startup": "有创业意愿",
    "compulsory_education_completed": "已完成义务教育",
    "wants_further_study": "有就学意愿",
    "income_below_minimum": "家庭收入低于当地低保标准",
    "severe_hardship": "基本生活暂时出现严重困难",
    "insured": "已参加社会保险",
    "unemployment_benefit_qualified": "符合申领失业保险金条件",
    "needs_legal_aid": "有需要法律援助的事项",
    "reported_on": "报到日期",
    "followed_up_on": "最近一次跟进日期",
}


def _helpers(kind: str, f: Facts) -> list[str]:
    """The group organisations that help alongside the responsible body (实施意见三(二))."""
    helpers = []
    if kind == "startup_support":
        helpers.append("commerce_federation")
    if f.employer_in_difficulty and kind in ("job_referral", "vocational_training", "legal_aid", "social_insurance"):
        helpers.append("trade_union")
    if f.is_minor:
        helpers.append("youth_league")
    if f.is_female:
        helpers.append("womens_federation")
    if f.is_disabled:
        helpers.append("disabled_federation")
    return helpers


YOUNG = {
    "birth_date": date(2010, 3, 1),
    "assessment_day": date(2026, 11, 28),
    "is_minor": True,
    "compulsory_education_completed": False,
}
ADULT = {"birth_date": date(1990, 5, 1), "assessment_day": date(2026, 11, 28)}


@rule(
    "ASSISTANCE_ELIGIBILITY",
    title="帮扶需求与责任部门",
    statement="根据需求评估查明的情况确定可以提供的帮扶和负责的部门：年满16周岁有培训意愿的，由人力资源社会保障部门开展职业"
    "技能培训；无业或失业的，给予就业指导和推介；有创业意愿的，给予创业帮扶；未参加社会保险的协助参保，符合条件的解决失业"
    "保险待遇。未完成义务教育的未成年人，由教育部门帮助其接受义务教育；已完成义务教育、有就学意愿的，予以鼓励和支持。基本"
    "生活暂时出现严重困难的，由民政部门给予临时救助；家庭收入低于当地低保标准的，纳入最低生活保障，应保尽保。有需要法律援助"
    "事项的，协助其获得法律援助。工会、共青团、妇联、工商联、残联协助困难企业职工、未成年人、女性、创业者和残疾人的帮扶。",
    articles=(TRAINING_ARTICLE, HELP_ARTICLE, MINORS_ARTICLE, POLICY),
    parameters=("WORKING_AGE",),
    examples=(
        Example(
            "30岁失业，有培训意愿，已参保",
            {**ADULT, "work": "unemployed", "wants_training": True, "insured": True},
            {"vocational_training": ["hrss"], "job_referral": ["hrss"]},
        ),
        Example(
            "16岁未成年人，未完成义务教育，想参加培训",
            {**YOUNG, "work": "unemployed", "wants_training": True, "insured": True},
            {
                "vocational_training": ["hrss", "youth_league"],
                "job_referral": ["hrss", "youth_league"],
                "schooling": ["education_dept", "youth_league"],
            },
        ),
        Example(
            "15岁未成年人在校，未完成义务教育：不安排培训和就业",
            {
                "birth_date": date(2011, 3, 1),
                "assessment_day": date(2026, 11, 28),
                "is_minor": True,
                "compulsory_education_completed": False,
                "work": "student",
                "wants_training": True,
                "insured": True,
            },
            {"schooling": ["education_dept", "youth_league"]},
        ),
        Example(
            "女性，家庭收入低于低保标准，基本生活暂时严重困难，未参保",
            {
                **ADULT,
                "is_female": True,
                "work": "employed",
                "income_below_minimum": True,
                "severe_hardship": True,
                "insured": False,
            },
            {
                "temporary_relief": ["civil_affairs", "womens_federation"],
                "minimum_living": ["civil_affairs", "womens_federation"],
                "social_insurance": ["hrss", "womens_federation"],
            },
        ),
        Example(
            "失业，符合申领失业保险金条件，有创业意愿",
            {
                **ADULT,
                "work": "unemployed",
                "insured": True,
                "unemployment_benefit_qualified": True,
                "wants_startup": True,
            },
            {
                "job_referral": ["hrss"],
                "startup_support": ["hrss", "commerce_federation"],
                "unemployment_insurance": ["hrss"],
            },
        ),
        Example(
            "困难企业职工，被拖欠工资需要法律援助",
            {**ADULT, "work": "employed", "employer_in_difficulty": True, "insured": True, "needs_legal_aid": True},
            {"legal_aid": ["legal_aid_office", "trade_union"]},
        ),
        Example("在业、已参保，无帮扶需求", {**ADULT, "work": "employed", "insured": True}, {}),
    ),
)
def assistance_eligibility(
    ctx: Context,
    *,
    birth_date: date,
    assessment_day: date,
    work: str,
    is_minor: bool = False,
    is_female: bool = False,
    is_disabled: bool = False,
    employer_in_difficulty: bool = False,
    wants_training: bool = False,
    wants_startup: bool = False,
    compulsory_education_completed: bool = True,
    wants_further_study: bool = False,
    income_below_minimum: bool = False,
    severe_hardship: bool = False,
    insured: bool = False,
    unemployment_benefit_qualified: bool = False,
    needs_legal_aid: bool = False,
) -> Decision:
    """The kinds of assistance the person is eligible for: outcome {kind: [the responsible body, then the group
    organisations that help]}, in the order of KINDS. The reasons give one line a kind, starting with its label
    (`reason_for`), eligible or not."""
    if work not in WORK:
        raise ValueError(f"unknown work status {work!r}")
    use = ctx.use("WORKING_AGE", assessment_day)
    facts = Facts(
        age_on(birth_date, assessment_day),
        is_minor,
        is_female,
        is_disabled,
        work,
        employer_in_difficulty,
        wants_training,
        wants_startup,
        compulsory_education_completed,
        wants_further_study,
        income_below_minimum,
        severe_hardship,
        insured,
        unemployment_benefit_qualified,
        needs_legal_aid,
    )
    outcome: dict[str, list[str]] = {}
    reasons = [f"评估日{facts.age}周岁，{WORK[work]}"]
    articles: list[str] = []
    for code, kind in KINDS.items():
        condition = kind.condition.replace("16", str(use.value))
        where = "、".join(kind.articles)
        if kind.test(facts, use.value):
            outcome[code] = [kind.body, *_helpers(code, facts)]
            bodies = "、".join(BODIES[b] for b in outcome[code])
            reasons.append(f"{kind.label}：{condition}，由{bodies}负责（{where}）")
            articles += [a for a in kind.articles if a not in articles]
        else:
            reasons.append(f"{kind.label}：不符合条件（须{condition}，{where}）")
    return Decision(
        rule="ASSISTANCE_ELIGIBILITY",
        outcome=outcome,
        articles=tuple(articles) or (HELP_ARTICLE,),
        reasons=tuple(reasons),
        facts={
            "birth_date": birth_date,
            "assessment_day": assessment_day,
            "work": work,
            "is_minor": is_minor,
            "is_female": is_female,
            "is_disabled": is_disabled,
            "employer_in_difficulty": employer_in_difficulty,
            "wants_training": wants_training,
            "wants_startup": wants_startup,
            "compulsory_education_completed": compulsory_education_completed,
            "wants_further_study": wants_further_study,
            "income_below_minimum": income_below_minimum,
            "severe_hardship": severe_hardship,
            "insured": insured,
            "unemployment_benefit_qualified": unemployment_benefit_qualified,
            "needs_legal_aid": needs_legal_aid,
        },
        parameters=(use,),
    )


def reason_for(decision: Decision, kind: str) -> str:
    """The line of an ASSISTANCE_ELIGIBILITY decision about `kind`."""
    prefix = f"{KINDS[kind].label}："
    return next(r for r in decision.reasons if r.startswith(prefix))


def _deadline(ctx: Context, code: str, what: str, start: date, parameter: str, facts: dict) -> Decision:
    use = ctx.use(parameter, start)
    deadline = add_days(ctx.calendar, start, use.value)
    return Decision(
        rule=code,
        outcome=deadline,
        articles=(TRAINING_ARTICLE, HELP_ARTICLE, POLICY, COUNTING),
        reasons=(f"{what}：{deadline.explain()}", "地方做法，非法定期限"),
        facts=facts,
        parameters=(use,),
    )


@rule(
    "ASSISTANCE_ASSESSMENT_DUE",
    title="帮扶需求评估期限",
    statement="社区矫正对象报到后，司法所（或负责的社会工作者）在规定日数内评估其就业、就学、住房、收入、健康、家庭和社会保险"
    "等情况，确定帮扶需求；情况变化时重新评估（地方做法）。",
    articles=(TRAINING_ARTICLE, HELP_ARTICLE, POLICY),
    parameters=("ASSISTANCE_ASSESSMENT_DAYS",),
    examples=(Example("2026年11月2日报到", {"reported_on": date(2026, 11, 2)}, date(2026, 12, 2)),),
)
def assistance_assessment_due(ctx: Context, *, reported_on: date) -> Decision:
    return _deadline(
        ctx,
        "ASSISTANCE_ASSESSMENT_DUE",
        "帮扶需求评估期限",
        reported_on,
        "ASSISTANCE_ASSESSMENT_DAYS",
        {"reported_on": reported_on},
    )


@rule(
    "ASSISTANCE_REFERRAL_FOLLOW_UP",
    title="帮扶转介跟进期限",
    statement="帮扶事项转介有关部门后，承办的工作人员自转介或最近一次登记进展之日起，在规定日数内跟进，登记进展或结果"
    "（已完成、本人放弃或未获批准）；到期仍无结果的，应当与负责部门联系，了解进展（地方做法）。",
    articles=(TRAINING_ARTICLE, HELP_ARTICLE, POLICY),
    parameters=("ASSISTANCE_REFERRAL_FOLLOW_UP_DAYS",),
    examples=(Example("2026年10月1日转介后未再登记进展", {"followed_up_on": date(2026, 10, 1)}, date(2026, 11, 30)),),
)
def assistance_referral_follow_up(ctx: Context, *, followed_up_on: date) -> Decision:
    return _deadline(
        ctx,
        "ASSISTANCE_REFERRAL_FOLLOW_UP",
        "帮扶转介跟进期限",
        followed_up_on,
        "ASSISTANCE_REFERRAL_FOLLOW_UP_DAYS",
        {"followed_up_on": followed_up_on},
    )
