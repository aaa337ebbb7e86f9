"""Figures of the law that a province or an administrator may set differently (tags R and LOCAL in
../shared/domain/statute.md), each with its versions and effective dates. Figures the law itself fixes
(tag L) are parameters too, but not editable.

A rule reads a figure with `ParameterSet.use(code, on)` and records the version in its Decision.
Administrators add versions in the database; `ParameterSet.with_versions` merges them over the defaults.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqjz.statute.decision import ParameterUse

LAW_IN_FORCE = date(2020, 7, 1)  # 社区矫正法 and 实施办法 took effect
SHIPPED = "随系统发布的默认值"


@dataclass(frozen=True)
class Parameter:
    code: str
    label: str  # plain Chinese
    unit: str
    default: Any
    articles: tuple[str, ...]
    editable: bool  # R / LOCAL: an administrator may set another value with an effective date
    note: str = ""
    later: tuple["Version", ...] = ()  # versions shipped with the system that take effect later (a revised law)


@dataclass(frozen=True)
class Version:
    value: Any
    effective_from: date
    source: str


P = Parameter
PARAMETERS: tuple[Parameter, ...] = (
    # Investigation (调查评估)
    P("INVESTIGATION_WORKING_DAYS", "调查评估期限", "个工作日", 10, ("实施办法第十四条",), True),
    P("INVESTIGATION_FAST_TRACK_WORKING_DAYS", "速裁案件调查评估期限", "个工作日", 5, ("实施办法第十四条",), True),
    # Hand-over and report-in (交付、报到)
    P("NOTIFICATION_DAYS", "决定机关通知执行地社区矫正机构期限", "日", 5, ("社区矫正法第二十条",), False),
    P("DOCUMENT_DELIVERY_DAYS", "决定机关送达法律文书期限", "日", 10, ("社区矫正法第二十条",), False),
    P("REPORT_IN_DAYS", "社区矫正对象报到期限", "日", 10, ("社区矫正法第二十一条",), False),
    P("TRANSFER_HANDOVER_DAYS", "暂予监外执行罪犯移送期限", "日", 10, ("社区矫正法第二十一条",), False),
    P("RECEIPT_DAYS", "送达回执期限", "日", 5, ("实施办法（交付接收）",), True),
    P(
        "REGISTRATION_CONFLICT_CHECK_WORKING_DAYS",
        "登记冲突核查期限",
        "个工作日",
        3,
        ("社区矫正法第二十二条",),
        True,
        "地方做法：证件号码已有未解除矫正记录、登记被拒的，由市级社区矫正机构核查并告知有关单位，以免延误接收登记",
    ),
    P("DOCUMENT_COMPLETION_DAYS", "补齐法律文书期限", "日", 5, ("实施办法（交付接收）",), True),
    # Travel leave (外出)
    P("TRAVEL_LEAD_DAYS", "外出申请一般提前", "日", 3, ("实施办法第二十七条",), True),
    P("TRAVEL_OFFICE_MAX_DAYS", "司法所（受委托）可批准的外出天数上限", "日", 7, ("实施办法第二十七条",), True),
    P("TRAVEL_COUNTY_MAX_DAYS", "县级社区矫正机构单次批准外出天数上限", "日", 30, ("实施办法第二十七条",), True),
    P("TRAVEL_WINDOW_MONTHS", "累计外出天数的计算区间", "个月", 2, ("实施办法第二十七条",), True),
    P("TRAVEL_WINDOW_MAX_DAYS", "区间内累计外出天数上限（超过报上一级审批）", "日", 30, ("实施办法第二十七条",), True),
    P("FREQUENT_TRAVEL_PERMIT_MONTHS", "经常性跨市县活动批准有效期", "个月", 6, ("实施办法第二十九条",), True),
    # Residence transfer (执行地变更)
    P("TRANSFER_APPLICATION_LEAD_MONTHS", "执行地变更一般提前申请", "个月", 1, ("实施办法第三十条",), True),
    P("TRANSFER_CONSULT_DAYS", "征求新执行地意见期限", "日", 5, ("实施办法第三十条",), True),
    P("TRANSFER_REPLY_DAYS", "新执行地书面回复期限", "日", 5, ("实施办法第三十条",), True),
    P("TRANSFER_REFUSAL_NOTICE_DAYS", "不同意变更告知期限", "日", 5, ("实施办法第三十条",), True),
    P("TRANSFER_FILE_HANDOVER_DAYS", "移交档案期限", "日", 5, ("实施办法第三十一条",), True),
    P("TRANSFER_RECEIPT_DAYS", "新执行地送达回执期限", "日", 5, ("实施办法第三十一条",), True),
    P("TRANSFER_REPORT_IN_DAYS", "到新执行地报到期限", "日", 7, ("实施办法第三十一条",), True),
    # The length of the term by correction type (矫正期限)
    P("CONTROL_MAX_MONTHS", "管制期限上限", "个月", 24, ("刑法第三十八条",), False),
    P("CONTROL_COMBINED_MAX_MONTHS", "数罪并罚管制期限上限", "个月", 36, ("刑法第六十九条",), False),
    P("PROBATION_DETENTION_MIN_MONTHS", "拘役缓刑考验期限下限", "个月", 2, ("刑法第七十三条",), False),
    P("PROBATION_DETENTION_MAX_MONTHS", "拘役缓刑考验期限上限", "个月", 12, ("刑法第七十三条",), False),
    P("PROBATION_IMPRISONMENT_MIN_MONTHS", "有期徒刑缓刑考验期限下限", "个月", 12, ("刑法第七十三条",), False),
    P("PROBATION_IMPRISONMENT_MAX_MONTHS", "有期徒刑缓刑考验期限上限", "个月", 60, ("刑法第七十三条",), False),
    # Electronic monitoring (电子定位)
    P("MONITORING_MAX_MONTHS", "使用电子定位装置期限上限", "个月", 3, ("社区矫正法第二十九条",), False),
    P("MONITORING_EXTENSION_MAX_MONTHS", "电子定位每次延长期限上限", "个月", 3, ("社区矫正法第二十九条",), False),
    # Lost contact and escalation (脱管、奖惩)
    P(
        "LOST_CONTACT_ADMONITION_MAX_DAYS",
        "未按时报到或脱离监管给予训诫的天数上限",
        "日",
        10,
        ("实施办法第三十四条",),
        True,
    ),
    P(
        "LOST_CONTACT_REVOCATION_MONTHS",
        "未按时报到或脱离监管提请撤销的期限",
        "个月",
        1,
        ("实施办法第四十六条", "最高法解释第五百四十三条"),
        False,
    ),
    P(
        "LOST_CONTACT_POLICE_NOTICE_DAYS",
        "失联查找不到时通报公安机关的期限（自启动查找起）",
        "日",
        1,
        ("社区矫正法第三十条", "实施办法第三十八条"),
        True,
        "地方做法：实施办法第三十八条只要求查找不到的“及时”通报公安机关，本系统默认启动查找次日前通报，节假日不顺延",
    ),
    P("ADMONITIONS_FOR_WARNING", "受到训诫仍不改正，给予警告所需训诫次数", "次", 2, ("实施办法第三十五条",), True),
    P(
        "WARNINGS_FOR_REVOCATION",
        "受到警告仍不改正，提请撤销或收监所需警告次数",
        "次",
        2,
        ("实施办法第四十六条", "最高法解释第五百四十三条"),
        False,
    ),
    P(
        "PUBLIC_ORDER_LAW",
        "违反监督管理规定适用的治安管理处罚法条文",
        "",
        {
            "article": "治安管理处罚法（2012）第六十条第（四）项",
            "penalty": "处五日以上十日以下拘留，并处二百元以上五百元以下罚款",
            "types": ["control", "probation", "temporary_release"],
        },
        ("实施办法第三十六条", "社区矫正法第五十九条"),
        False,
        "按违法行为发生之日适用的文本：2026年1月1日前的行为适用2012年文本第六十条第（四）项（列管制、缓刑、"
        "暂予监外执行中的罪犯，未列假释犯）；此后的行为适用2025年修订文本第七十二条。2025年文本的处罚幅度和所列"
        "人员尚未与官方文本核对，核对前不显示数额，所列人员沿用2012年文本",
        later=(
            Version(
                {
                    "article": "治安管理处罚法（2025）第七十二条",
                    "penalty": "",
                    "types": ["control", "probation", "temporary_release"],
                },
                date(2026, 1, 1),
                "治安管理处罚法（2025年6月27日修订，2026年1月1日起施行）",
            ),
        ),
    ),
    P(
        "COMMUTATION_RULING_DAYS",
        "人民法院对减刑建议作出裁定期限",
        "日",
        30,
        ("社区矫正法第三十三条",),
        False,
    ),
    P(
        "PROBATION_MIN_TEST_AFTER_COMMUTATION",
        "缓刑对象减刑后缩减的考验期下限",
        "个月",
        {"detention": 2, "fixed_term": 12},
        ("最高法减刑假释规定第十八条", "刑法第七十三条"),
        False,
        "拘役的缓刑考验期不少于二个月，有期徒刑的缓刑考验期不少于一年",
    ),
    P("ARREST_DECISION_HOURS", "人民法院作出逮捕决定期限", "小时", 48, ("社区矫正法第四十七条",), False),
    P("ARREST_CUSTODY_MAX_DAYS", "逮捕后羁押期限上限", "日", 30, ("社区矫正法第四十七条",), False),
    P("COURT_RULING_DAYS", "人民法院对撤销建议作出裁定期限", "日", 30, ("社区矫正法第四十八条",), False),
    P("COMMITTAL_DECISION_DAYS", "收监执行决定期限", "日", 30, ("社区矫正法第四十九条",), False),
    # Temporary release (暂予监外执行)
    P("MEDICAL_REEXAMINATION_MONTHS", "保外就医病情复查间隔", "个月", 3, ("实施办法第二十四条",), True),
    P(
        "HEALTH_REPORT_DAY",
        "暂予监外执行每月身体情况报告的提交日（次月几日前）",
        "日",
        5,
        ("实施办法第二十四条",),
        True,
        "地方做法：每月的身体情况报告至迟于次月5日前提交（1至28日）",
    ),
    # Discharge (解除)
    P(
        "DISCHARGE_EVALUATION_LEAD_DAYS",
        "期满前书面鉴定提前",
        "日",
        30,
        ("实施办法（解除矫正）",),
        True,
        "实施办法未载明具体天数，沿用原办法及地方做法",
    ),
    # Quarterly assessment (SUP-6, SUP-7)
    P("ASSESSMENT_PERIOD_MONTHS", "考核评议周期", "个月", 3, ("玉溪市实施意见二(一)",), True),
    P("GOOD_GRADES_FOR_OPTIONAL_COMMENDATION", "累计良好次数可以表扬", "次", 2, ("玉溪市实施意见二(一)",), True),
    P("FAIL_GRADES_FOR_SERIOUS_CIRCUMSTANCES", "不合格次数可认定情节严重", "次", 2, ("玉溪市实施意见二(一)",), True),
    # Minors
    P("ADULT_AGE", "成年年龄", "周岁", 18, ("刑法第十七条", "社区矫正法第五十二条"), False),
    # Procuratorate
    P(
        "ORAL_OPINION_CORRECTION_DAYS",
        "口头纠正意见后仍未纠正即提出书面意见的期限",
        "日",
        7,
        ("人民检察院刑事诉讼规则第六百二十四条",),
        False,
    ),
    # Classification (分类管理 严管 / 普管 / 宽管; LOCAL, statute.md §8)
    P(
        "SUPERVISION_LEVEL_REQUIREMENTS",
        "严管、普管、宽管的监管要求",
        "",
        {
            "strict": {
                "in_person_reports_per_month": 4,
                "written_reports_per_quarter": 12,
                "individual_education_per_month": 4,
                "study_hours_per_month": 12,
                "public_benefit_hours_per_month": 12,
                "app_checkin_days": 1,
            },
            "ordinary": {
                "in_person_reports_per_month": 2,
                "written_reports_per_quarter": 3,
                "individual_education_per_month": 1,
                "study_hours_per_month": 8,
                "public_benefit_hours_per_month": 8,
                "app_checkin_days": 1,
            },
            "lenient": {
                "in_person_reports_per_month": 1,
                "written_reports_per_quarter": 1,
                "individual_education_per_month": 0,
                "study_hours_per_month": 4,
                "public_benefit_hours_per_month": 0,
                "app_checkin_days": 7,
            },
        },
        ("实施办法（分类管理）", "省级社区矫正对象分类管理办法"),
        True,
        "严管按每周报到、每周书面汇报、每周个别教育计为每月4次（每季度12次），每月学习、公益活动各12小时；"
        "普管每两周报到、每月书面汇报和个别教育各一次、学习和公益活动各8小时；宽管每月报到一次、每季度书面汇报一次、"
        "学习4小时，个别教育和公益活动按安排（0表示不设下限）。公益活动限有劳动能力者。手机APP签到：严管、普管每日一次，"
        "宽管每7日一次（0表示不要求APP签到）。均为地方做法，非法定最低要求",
    ),
    P(
        "COMMUNITY_SERVICE_AGE_LIMITS",
        "参加公益活动的年龄范围（按体力强度）",
        "周岁",
        {"light": [16, None], "moderate": [16, 60], "heavy": [18, 55]},
        ("社区矫正法第四十二条", "人民检察院刑事诉讼规则第六百四十三条"),
        True,
        "地方做法：轻体力活动年满16周岁即可参加，中等体力16至60周岁，重体力18至55周岁（含）；暂予监外执行中患严重疾病、"
        "怀孕或哺乳、生活不能自理的和残疾人只参加轻体力活动。不得超时间、超体力安排公益活动",
    ),
    P("WORKING_AGE", "可以提供职业技能培训和就业帮助的年龄", "周岁", 16, ("社区矫正法第五十五条",), False),
    P(
        "ASSISTANCE_ASSESSMENT_DAYS",
        "报到后帮扶需求评估期限",
        "日",
        30,
        ("社区矫正法第三十七条", "社区矫正法第四十三条", "玉溪市实施意见三(二)"),
        True,
        "地方做法：报到之日起30日内评估就业、就学、住房、收入、健康、家庭和社会保险等情况，确定帮扶需求；情况变化时重新评估",
    ),
    P(
        "ASSISTANCE_REFERRAL_FOLLOW_UP_DAYS",
        "帮扶转介后跟进并登记结果的期限",
        "日",
        60,
        ("社区矫正法第三十七条", "社区矫正法第四十三条", "玉溪市实施意见三(二)"),
        True,
        "地方做法：转介或最近一次登记进展之日起60日内仍无结果的，承办人员应当与负责部门联系，了解进展并登记",
    ),
    P(
        "EDUCATION_VENUE_RADIUS",
        "集中教育现场签到的会场范围",
        "米",
        300,
        ("社区矫正法第三十六条",),
        True,
        "地方做法：集中教育当日在会场300米范围内手机签到的计为到场（定位误差计入，误差超过范围的由工作人员点名确认）",
    ),
    P(
        "CRISIS_FOLLOW_UP_DAYS",
        "心理危机个案跟进间隔（按风险等级）",
        "日",
        {"high": 3, "medium": 7},
        ("玉溪市实施意见三(一)",),
        True,
        "地方做法：高风险个案至少每3日、中风险至少每7日跟进干预一次，自立案或最近一次干预之日起计算，节假日不顺延",
    ),
    P(
        "MENTORING_VISIT_DAYS",
        "五必访走访期限（知悉情形之日起）",
        "日",
        7,
        ("玉溪市实施意见三(三)2",),
        True,
        "地方做法：实施意见要求“实时”掌握情况，未定期限；本系统默认知悉之日起7日内上门走访或面对面谈话",
    ),
    P(
        "MENTORING_ESCALATE_DAYS",
        "五必访逾期后由司法所督办的期限",
        "日",
        3,
        ("玉溪市实施意见三(三)2",),
        True,
        "地方做法：走访期限届满后3日内仍未走访的，列入司法所待办，由司法所督办或安排走访",
    ),
    P(
        "CHECKIN_FOLLOW_UP_DAYS",
        "未按要求签到的核实期限（签到周期届满后）",
        "日",
        1,
        ("社区矫正法第二十六条", "社区矫正法第三十条", "实施办法第三十八条"),
        True,
        "地方做法：发现未按要求签到的，次日（遇节假日顺延至下一工作日）前通过电话、信息化核查或实地查访核实；"
        "无法取得联系的，按失去联系立即组织查找",
    ),
    P(
        "SPOT_CHECK_ANSWER_MINUTES",
        "随机抽查签到的应答时限",
        "分钟",
        30,
        ("社区矫正法第二十六条",),
        True,
        "地方做法：司法所发起抽查后，社区矫正对象应在时限内通过手机APP现场自拍并定位签到；逾期未应答的按未签到核实",
    ),
    P(
        "STRICT_INTAKE_MONTHS",
        "入矫后实行严管的期间",
        "个月",
        2,
        ("实施办法（分类管理）", "省级社区矫正对象分类管理办法"),
        True,
    ),
    P(
        "STRICT_ADMONITIONS",
        "实行严管的训诫次数",
        "次",
        2,
        ("实施办法（分类管理）", "省级社区矫正对象分类管理办法"),
        True,
    ),
    P(
        "LENIENT_ORDINARY_MONTHS",
        "连续普管满该期间且考核良好的可转宽管",
        "个月",
        6,
        ("实施办法（分类管理）", "地方宽管条件"),
        True,
        "原地方做法为普管满6个月且季度考核平均分80分以上；玉溪市季度考核只评良好、合格、不合格，"
        "本系统以期间内无不合格且至少一次良好代替平均分条件",
    ),
    P(
        "LENIENT_CONSECUTIVE_COMMENDATIONS",
        "连续受到表扬可转宽管的次数",
        "次",
        3,
        ("实施办法（分类管理）", "地方宽管条件"),
        True,
    ),
    P(
        "HELP_CONTACT_DAYS",
        "社工、志愿者帮扶所联系对象的间隔",
        "日",
        30,
        ("社区矫正法第十一条", "社区矫正法第十三条", "社区矫正法第四十条"),
        True,
        "地方做法：社会工作者、志愿者对分派给本人联系的社区矫正对象，至少每30日走访、谈心或帮扶一次并记录",
    ),
    # Staffing (队伍建设, 玉溪市实施意见四(一)、(二))
    P(
        "STAFFING_LEVEL_WEIGHTS",
        "计算监管工作量的管理等级权重",
        "",
        {"strict": 2, "ordinary": 1, "lenient": 0.5, "unset": 1},
        ("社区矫正法第十一条", "玉溪市实施意见四(一)"),
        True,
        "地方做法：实施意见要求社工数量与监管工作量相匹配，未定算法；本系统默认在矫人员按管理等级加权：严管2、普管1、"
        "宽管0.5，尚未确定等级的按1计",
    ),
    P(
        "SOCIAL_WORKER_WORKLOAD",
        "每名专职社工对应的加权监管工作量",
        "人",
        30,
        ("社区矫正法第十一条", "玉溪市实施意见四(一)"),
        True,
        "地方做法：每30个加权工作量配备1名专职社工，向上取整（有在矫人员的司法所至少1名）",
    ),
    P(
        "VILLAGE_SPECIALIST_MIN_PEOPLE",
        "应设兼职社区矫正工作专干的村（社区）在矫人数",
        "人",
        5,
        ("社区矫正法第十二条", "玉溪市实施意见四(二)"),
        True,
        "地方做法：实施意见要求在矫正对象人数较多、相对集中的村（社区）设置一名兼职专干，未定人数；本系统默认在矫5人以上",
    ),
    P(
        "VILLAGE_EVALUATORS",
        "每个村（社区）的社区矫正评议员人数",
        "名",
        3,
        ("社区矫正法第十二条", "玉溪市实施意见四(二)"),
        True,
        "玉溪市实施意见：每个村（社区）选聘3名社区矫正评议员",
    ),
    # Funding (经费保障, 玉溪市实施意见六(二))
    P(
        "FUNDING_SUBSIDY_PER_PERSON_YEAR",
        "省级财政社区矫正经费补助标准（每监管1名矫正对象每年）",
        "元",
        1000,
        ("玉溪市实施意见六(二)",),
        True,
        "玉溪市实施意见：严格落实省级财政对县级司法机关开展社区矫正工作必要经费给予补助的标准要求，其标准为每监管"
        "1名矫正对象每年补助1000元。一年中部分时间在矫的按实际在矫天数折算",
    ),
)
PARAMETERS_BY_CODE = {p.code: p for p in PARAMETERS}


@dataclass(frozen=True)
class ParameterSet:
    """Parameter versions in force over time: the shipped defaults plus administrators' versions."""

    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)

    @classmethod
    def defaults(cls) -> "ParameterSet":
        return cls({p.code: (Version(p.default, LAW_IN_FORCE, SHIPPED), *p.later) for p in PARAMETERS})

    def with_versions(self, extra: dict[str, list[Version]]) -> "ParameterSet":
        merged = dict(self.versions)
        for code, added in extra.items():
            if code not in PARAMETERS_BY_CODE:
                raise KeyError(f"unknown parameter {code}")
            merged[code] = tuple(sorted([*merged.get(code, ()), *added], key=lambda v: v.effective_from))
        return ParameterSet(merged)

    def use(self, code: str, on: date) -> ParameterUse:
        """The version in force on `on` (the earliest version if `on` precedes them all)."""
        versions = self.versions[code]
        current = versions[0]
        for version in versions:
            if version.effective_from <= on:
                current = version
        return ParameterUse(code, current.value, current.effective_from, current.source)
