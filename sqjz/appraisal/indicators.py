"""The appraisal indicators (考核指标, GOV-1): each a rate of 0–100 % per judicial office for a period, with its written
definition as the page shows it, whether a higher rate is better, and its default weight."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    numerator: str
    denominator: str
    source: str
    higher_is_better: bool
    default_weight: Decimal


DEADLINES = "deadlines"
SCREENING = "screening"
ASSESSMENTS = "assessments"
LOST_CONTACT = "lost_contact"
RECIDIVISM = "recidivism"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        DEADLINES,
        "期限内办结率",
        "考核期内办结、且办结日不晚于法定期限的待办事项数",
        "考核期内办结的待办事项数，加上考核期末仍未办结且已超过期限的待办事项数",
        "工作台待办事项（法定期限、办结时间、所属司法所）；期限按各项规则计算",
        True,
        Decimal(30),
    ),
    Indicator(
        SCREENING,
        "排查完整率",
        "考核期内完成期限届满的各次排查中已排查的人次",
        "同上各次排查应排查的人次：排查范围内、完成期限前已入矫且现仍在矫的对象，以及已在该次排查中排查的对象",
        "安全稳定“排查”记录（排查范围、完成期限、排查日期）",
        True,
        Decimal(20),
    ),
    Indicator(
        ASSESSMENTS,
        "考核按时率",
        "考核日在考核期内、且在考核日当日或之前完成考核的季度考核数",
        "考核日在考核期内的季度考核数：已登记的考核，加上现仍在矫对象考核日已过（不含今日）而未考核的考核周期",
        "季度考核记录（考核周期届满之日、考核日期）；考核周期按矫正期起算，每满三个月为一个周期",
        True,
        Decimal(20),
    ),
    Indicator(
        LOST_CONTACT,
        "失联率",
        "考核期内启动失联查找的对象人数（同一人只计一次）",
        "考核期内曾在矫的对象人数（矫正期与考核期有交集、已报到入矫的对象）",
        "失联查找记录（启动查找日期）、矫正对象名册（矫正起止日）",
        False,
        Decimal(15),
    ),
    Indicator(
        RECIDIVISM,
        "重新犯罪率（矫正期间）",
        "考核期内在矫正期间重新犯罪的对象人数（按重新犯罪日期，同一人只计一次）",
        "考核期内曾在矫的对象人数（同上）",
        "重新犯罪记录（重新犯罪日期、是否在矫正期间）、矫正对象名册",
        False,
        Decimal(15),
    ),
)
BY_CODE = {i.code: i for i in INDICATORS}
