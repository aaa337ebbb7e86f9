"""外出 and 执行地变更: who approves leave to go outside the city or county, the lead times, the return day,
the frequent-travel permit, and the deadlines of a change of the place of execution
(../shared/domain/statute.md §4, §5; 社区矫正法第二十七条; 实施办法第二十六至三十一条, tag R: the article
numbers are approximate and every figure is a parameter).

How days are counted here:

- A leave of `days` days starting on `start` covers `start` … `start + days - 1`: the day of departure is a day
  away. So a one-day trip returns the same day, and the last day of leave is the day to be back (销假).
- "两个月内累计外出超过三十日" (TRAVEL_LEAVE_APPROVER): a two-month window ending on day `e` runs from the day
  after the same date two months earlier to `e` (the start day is not counted, 刑事诉讼法第一百零五条; month
  arithmetic by `calendar.add_months`, so 31 December − 2 months = 31 October, and the window is
  1 November … 31 December). The rule looks at **every** such window that includes at least one day of the
  trip applied for, counts the days away inside it — the days of this trip and of other approved leave
  (earlier or already approved for later), a day counted once even if two trips cover it, a trip crossing the
  window's edge counting only its days inside — and takes the largest total. When other leave lies only
  before this trip, that is (up to the unevenness of month lengths) the two months ending on this trip's last
  day; on a tie the rule reports that window. Above TRAVEL_WINDOW_MAX_DAYS the next-level-up agency approves.
- Procedural deadlines (执行地变更) are calendar days, start day not counted, a last day on a holiday rolling to
  the next working day (`calendar.add_days`). Durations (the return day, the permit's validity) do not roll:
  they are the end of a permission, not a time limit for an act.
- Figures are read on the day the period or trip starts (for lead times, the day of the application).
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from sqjz.statute.calendar import ARTICLE as COUNTING
from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.rules.deadlines import _deadline
from sqjz.statute.text import cn_date

LAW = "社区矫正法第二十七条"
HOME = "实施办法第二十六条"
LEAVE = "实施办法第二十七条"
RETURN = "实施办法第二十八条"
FREQUENT = "实施办法第二十九条"
TRANSFER_APPLY = "实施办法第三十条"
TRANSFER_HANDOVER = "实施办法第三十一条"

# Approval levels of TRAVEL_LEAVE_APPROVER, lowest first.
APPROVAL_LEVELS = {
    "judicial_office": "司法所（受县级社区矫正机构委托）",
    "county_agency": "县级社区矫正机构",
    "city_agency": "上一级社区矫正机构",
}
APPROVAL_RANK = {level: rank for rank, level in enumerate(APPROVAL_LEVELS)}


def last_day_of_leave(start: date, days: int) -> date:
    """The last day away of a leave of `days` days from `start` (the day of departure counts)."""
    if days < 1:
        raise ValueError(f"外出天数应当至少为1日，收到{days}")
    return start + timedelta(days=days - 1)


def window_first_day(end: date, months: int) -> date:
    """The first day of the `months`-month window that ends on `end`."""
    return add_months(end, -months) + timedelta(days=1)


def busiest_window(
    start: date, days: int, other_trips: Iterable[tuple[date, int]], months: int
) -> tuple[date, date, int]:
    """The `months`-month window with the most days away among those that include a day of this trip:
    (first day, last day, days away inside), days away counting this trip and the other trips, each day once.
    On a tie the window ending on this trip's last day wins."""
    last = last_day_of_leave(start, days)
    away = {start + timedelta(days=i) for i in range(days)}
    for trip_start, trip_days in other_trips:
        away.update(trip_start + timedelta(days=i) for i in range(max(trip_days, 0)))
    ordered = sorted(away)

    def total(first: date, end: date) -> int:
        return bisect_right(ordered, end) - bisect_left(ordered, first)

    best = (window_first_day(last, months), last, total(window_first_day(last, months), last))
    end = start  # the earliest window that reaches this trip ends on its first day
    while (first := window_first_day(end, months)) <= last:
        if (count := total(first, end)) > best[2]:
            best = (first, end, count)
        end += timedelta(days=1)
    return best


@rule(
    "TRAVEL_LEAVE_APPROVER",
    title="外出审批权限",
    statement="社区矫正对象因正当理由确需离开所居住的市、县的，应当经批准；有正当理由的，应当批准。"
    "外出七日以内的，县级社区矫正机构委托司法所的，由司法所批准并报县级社区矫正机构备案，未委托的由县级社区矫正机构批准；"
    "超过七日的，由县级社区矫正机构批准，每次批准外出不超过三十日。因特殊情况确需外出超过三十日的，"
    "或者两个月内外出时间累计超过三十日的，应当报上一级社区矫正机构审批，县级社区矫正机构将审批情况抄送同级人民检察院。"
    "本系统计算“两个月内累计”时，查看包含本次外出任何一日的每一个连续两个月期间，"
    "合计其中本次及其他已批准外出的天数（同一日只计一次，跨越期间边界的外出只计期间内的天数），取最大值。",
    articles=(LAW, LEAVE),
    parameters=("TRAVEL_OFFICE_MAX_DAYS", "TRAVEL_COUNTY_MAX_DAYS", "TRAVEL_WINDOW_MONTHS", "TRAVEL_WINDOW_MAX_DAYS"),
    examples=(
        Example(
            "外出恰好7日，已委托司法所",
            {"start": date(2026, 11, 2), "days": 7, "approved_trips": [], "office_delegated": True},
            "judicial_office",
        ),
        Example(
            "外出7日，未委托司法所",
            {"start": date(2026, 11, 2), "days": 7, "approved_trips": [], "office_delegated": False},
            "county_agency",
        ),
        Example(
            "外出8日",
            {"start": date(2026, 11, 2), "days": 8, "approved_trips": [], "office_delegated": True},
            "county_agency",
        ),
        Example(
            "外出恰好30日",
            {"start": date(2026, 11, 2), "days": 30, "approved_trips": [], "office_delegated": True},
            "county_agency",
        ),
        Example(
            "外出31日（特殊情况）",
            {"start": date(2026, 11, 2), "days": 31, "approved_trips": [], "office_delegated": True},
            "city_agency",
        ),
        Example(
            "两个月内已外出20日和10日，再申请1日（累计31日）",
            {
                "start": date(2026, 11, 20),
                "days": 1,
                "approved_trips": [(date(2026, 10, 12), 20), (date(2026, 11, 5), 10)],
                "office_delegated": True,
            },
            "city_agency",
        ),
        Example(
            "两个月内已外出20日和10日，但20日那次在两个月之前（8月）",
            {
                "start": date(2026, 11, 20),
                "days": 1,
                "approved_trips": [(date(2026, 8, 1), 20), (date(2026, 11, 5), 10)],
                "office_delegated": True,
            },
            "judicial_office",
        ),
        Example(
            "跨越期间边界的外出只计期间内的天数（9月15日起20日，期间内14日；合计25日）",
            {
                "start": date(2026, 11, 20),
                "days": 1,
                "approved_trips": [(date(2026, 9, 15), 20), (date(2026, 11, 5), 10)],
                "office_delegated": True,
            },
            "judicial_office",
        ),
        Example(
            "已批准12月外出25日，再申请11月外出7日（两个月内累计32日）",
            {
                "start": date(2026, 11, 20),
                "days": 7,
                "approved_trips": [(date(2026, 12, 1), 25)],
                "office_delegated": True,
            },
            "city_agency",
        ),
    ),
)
def travel_leave_approver(
    ctx: Context, *, start: date, days: int, approved_trips: Iterable[tuple[date, int]], office_delegated: bool
) -> Decision:
    trips = [(trip_start, trip_days) for trip_start, trip_days in approved_trips]
    if any(trip_days < 0 for _, trip_days in trips):
        raise ValueError("已批准外出的天数不能为负数")
    last = last_day_of_leave(start, days)
    office_max = ctx.use("TRAVEL_OFFICE_MAX_DAYS", start)
    county_max = ctx.use("TRAVEL_COUNTY_MAX_DAYS", start)
    window_months = ctx.use("TRAVEL_WINDOW_MONTHS", start)
    window_max = ctx.use("TRAVEL_WINDOW_MAX_DAYS", start)
    first, end, window_total = busiest_window(start, days, trips, window_months.value)

    reasons = [
        f"本次外出{days}日（{cn_date(start)}至{cn_date(last)}，外出当日计入）"
        if days > 1
        else f"本次外出1日（{cn_date(start)}当日）",
        f"含本次在内，{cn_date(first)}至{cn_date(end)}这{window_months.value}个月内累计外出{window_total}日"
        f"（上限{window_max.value}日）",
    ]
    if days > county_max.value:
        level = "city_agency"
        reasons.append(
            f"超过{county_max.value}日，县级社区矫正机构每次批准外出不得超过{county_max.value}日；"
            f"因特殊情况确需外出的，报上一级社区矫正机构审批"
        )
    elif window_total > window_max.value:
        level = "city_agency"
        reasons.append(f"{window_months.value}个月内累计外出超过{window_max.value}日，报上一级社区矫正机构审批")
    elif days > office_max.value:
        level = "county_agency"
        reasons.append(f"超过{office_max.value}日、不超过{county_max.value}日，由县级社区矫正机构审批")
    elif office_delegated:
        level = "judicial_office"
        reasons.append(f"{office_max.value}日以内，县级社区矫正机构已委托司法所，由司法所审批并报县级社区矫正机构备案")
    else:
        level = "county_agency"
        reasons.append(f"{office_max.value}日以内，但县级社区矫正机构未委托司法所，由县级社区矫正机构审批")
    if level == "city_agency":
        reasons.append("上一级社区矫正机构批准的，县级社区矫正机构应当将审批情况抄送同级人民检察院")
    reasons.append("有正当理由（就医、就学、参与诉讼、处理家庭或者工作重要事务等）的，应当批准")

    return Decision(
        rule="TRAVEL_LEAVE_APPROVER",
        outcome=level,
        articles=(LAW, LEAVE),
        reasons=tuple(reasons),
        facts={
            "start": start,
            "days": days,
            "last_day": last,
            "approved_trips": trips,
            "office_delegated": office_delegated,
            "window_start": first,
            "window_end": end,
            "window_total": window_total,
        },
        parameters=(office_max, county_max, window_months, window_max),
    )


@rule(
    "TRAVEL_LEAVE_LEAD_TIME",
    title="外出申请提前期",
    statement="社区矫正对象外出，一般应当提前三日提交书面申请，并提供相应证明材料。"
    "“一般应当”：申请不足三日的，提示承办人员核实情况，不是不予批准的理由；有正当理由的仍应当批准。",
    articles=(LEAVE,),
    parameters=("TRAVEL_LEAD_DAYS",),
    examples=(
        Example("提前3日申请", {"applied_on": date(2026, 11, 2), "start": date(2026, 11, 5)}, True),
        Example("提前2日申请", {"applied_on": date(2026, 11, 3), "start": date(2026, 11, 5)}, False),
        Example("当日申请（如急病就医）", {"applied_on": date(2026, 11, 5), "start": date(2026, 11, 5)}, False),
        Example("提前10日申请", {"applied_on": date(2026, 9, 21), "start": date(2026, 10, 1)}, True),
    ),
)
def travel_leave_lead_time(ctx: Context, *, applied_on: date, start: date) -> Decision:
    lead = ctx.use("TRAVEL_LEAD_DAYS", applied_on)
    ahead = (start - applied_on).days
    in_time = ahead >= lead.value
    reasons = [
        f"{cn_date(applied_on)}申请，{cn_date(start)}外出，提前{ahead}日"
        if ahead >= 0
        else f"{cn_date(applied_on)}申请，外出已于{cn_date(start)}开始，事后申请"
    ]
    if in_time:
        reasons.append(f"已按规定提前{lead.value}日申请")
    else:
        reasons.append(
            f"不足{lead.value}日：规定为“一般应当提前{lead.value}日”，请承办人员核实未能提前申请的原因；"
            "这是提示，不是不予批准的理由，有正当理由的仍应当依法审批"
        )
    return Decision(
        rule="TRAVEL_LEAVE_LEAD_TIME",
        outcome=in_time,
        articles=(LEAVE,),
        reasons=tuple(reasons),
        facts={"applied_on": applied_on, "start": start, "days_ahead": ahead},
        parameters=(lead,),
    )


def is_city_district(code: str) -> bool:
    """Whether the county-level division `code` (GB/T 2260, six digits) is a district of a city (市辖区): its last two
    digits are 01–20 (21–80 are counties, 81–99 county-level cities)."""
    if len(code) < 6 or not code[:6].isdigit():
        raise ValueError(f"区划代码应为6位数字，收到{code!r}")
    return 1 <= int(code[4:6]) <= 20


@rule(
    "HOME_AREA",
    title="无需批准即可往来的居住地范围",
    statement="社区矫正对象离开所居住的市、县，应当经批准。所称“市”，是指直辖市的城市市区、设区的市的城市市区和县级市的辖区；"
    "在设区的市的市辖区之间往来，不属于离开所居住的市、县。居住地为县或者县级市的，其范围为该县、县级市。",
    articles=(LAW, HOME),
    examples=(
        Example(
            "居住在红塔区：玉溪市的两个市辖区之间往来不算离开",
            {"county": "530402", "city_counties": ("530402", "530403", "530423", "530481")},
            ("530402", "530403"),
        ),
        Example(
            "居住在江川区：同上",
            {"county": "530403", "city_counties": ("530402", "530403", "530423", "530481")},
            ("530402", "530403"),
        ),
        Example(
            "居住在通海县：离开通海县即须批准",
            {"county": "530423", "city_counties": ("530402", "530403", "530423", "530481")},
            ("530423",),
        ),
        Example(
            "居住在县级市澄江市：范围为澄江市",
            {"county": "530481", "city_counties": ("530402", "530403", "530423", "530481")},
            ("530481",),
        ),
    ),
)
def home_area(ctx: Context, *, county: str, city_counties: Iterable[str]) -> Decision:
    """The county-level divisions (codes, sorted) the person may move between without leave: all the districts of
    the city when `county` is one of them, otherwise `county` alone. `city_counties`: the county-level divisions of
    the person's city."""
    if is_city_district(county):
        area = tuple(sorted({code for code in city_counties if is_city_district(code)} | {county}))
        reason = "居住地为设区的市的市辖区，在该市各市辖区之间往来不属于离开所居住的市、县"
    else:
        area = (county,)
        reason = "居住地为县或者县级市，离开该县、县级市即属离开所居住的市、县"
    return Decision(
        rule="HOME_AREA",
        outcome=area,
        articles=(LAW, HOME),
        reasons=(reason, "离开上述范围应当经批准外出；外出返回时应当在上述范围内报告（销假）"),
        facts={"county": county},
    )


@rule(
    "TRAVEL_RETURN_DUE",
    title="外出返回销假日",
    statement="社区矫正对象应当在批准的外出期限届满前返回居住地，并向执行地县级社区矫正机构或者司法所报告（销假）；"
    "因特殊情况无法按期返回的，应当及时报告。外出天数含出发当日，外出期限的最后一日即应返回并销假之日，不因节假日顺延。",
    articles=(LAW, RETURN),
    examples=(
        Example("2026年11月2日起外出3日", {"start": date(2026, 11, 2), "days": 3}, date(2026, 11, 4)),
        Example("外出1日，当日返回", {"start": date(2026, 11, 2), "days": 1}, date(2026, 11, 2)),
        Example("国庆期间外出7日，最后一日为假日也不顺延", {"start": date(2026, 10, 1), "days": 7}, date(2026, 10, 7)),
        Example("跨年外出30日", {"start": date(2026, 12, 15), "days": 30}, date(2027, 1, 13)),
    ),
)
def travel_return_due(ctx: Context, *, start: date, days: int) -> Decision:
    last = last_day_of_leave(start, days)
    return Decision(
        rule="TRAVEL_RETURN_DUE",
        outcome=last,
        articles=(LAW, RETURN),
        reasons=(
            f"批准外出{days}日，自{cn_date(start)}至{cn_date(last)}（外出当日计入）",
            f"应当于{cn_date(last)}当日或者之前返回居住地，并向社区矫正机构或者司法所报告，按期返回并销假",
            "因特殊情况不能按期返回的，应当及时报告；逾期未返回的，责令立即返回并视情节依法处理",
        ),
        facts={"start": start, "days": days},
    )


@rule(
    "TRAVEL_LEAVE_DECISION_DUE",
    title="外出申请的审批时限",
    statement="社区矫正对象有正当理由申请外出的，应当批准（社区矫正法第二十七条）。有审批权的机关应当在申请的外出起始日前"
    "作出批准或者不予批准的决定，不予批准的应当说明理由。",
    articles=(LAW, LEAVE),
    examples=(
        Example(
            "申请12月1日起外出，由县级社区矫正机构审批",
            {"start": date(2026, 12, 1), "approver": "county_agency"},
            date(2026, 12, 1),
        ),
    ),
)
def travel_leave_decision_due(ctx: Context, *, start: date, approver: str) -> Decision:
    if approver not in APPROVAL_LEVELS:
        raise ValueError(f"unknown approval level {approver!r}")
    return Decision(
        rule="TRAVEL_LEAVE_DECISION_DUE",
        outcome=start,
        articles=(LAW, LEAVE),
        reasons=(
            f"由{APPROVAL_LEVELS[approver]}审批（依“外出审批权限”规则）",
            f"应当在外出起始日{cn_date(start)}前作出决定；有正当理由的应当批准，不予批准的说明理由",
        ),
        facts={"start": start, "approver": approver},
    )


@rule(
    "FREQUENT_TRAVEL_PERMIT_EXPIRY",
    title="经常性跨市、县活动批准的有效期",
    statement="社区矫正对象因正常工作和生活需要经常性跨市、县活动的，可以书面申请简化批准程序，"
    "由执行地县级社区矫正机构批准，批准一次的有效期为六个月；有效期内外出可通过电话、微信等方式报告，期满需继续的应当重新申请。"
    "有效期按期间计算规则计算（批准当日不计入），至六个月后的同一日届满（该月无此日的，至该月最后一日），不因节假日顺延。",
    articles=(LAW, FREQUENT, COUNTING),
    parameters=("FREQUENT_TRAVEL_PERMIT_MONTHS",),
    examples=(
        Example("2026年3月5日批准", {"approved_on": date(2026, 3, 5)}, date(2026, 9, 5)),
        Example("2026年8月31日批准（次年2月无31日）", {"approved_on": date(2026, 8, 31)}, date(2027, 2, 28)),
        Example("2026年4月4日批准，届满日为国庆假日也不顺延", {"approved_on": date(2026, 4, 4)}, date(2026, 10, 4)),
    ),
)
def frequent_travel_permit_expiry(ctx: Context, *, approved_on: date) -> Decision:
    months = ctx.use("FREQUENT_TRAVEL_PERMIT_MONTHS", approved_on)
    until = add_months(approved_on, months.value)
    return Decision(
        rule="FREQUENT_TRAVEL_PERMIT_EXPIRY",
        outcome=until,
        articles=(LAW, FREQUENT, COUNTING),
        reasons=(
            f"执行地县级社区矫正机构于{cn_date(approved_on)}批准经常性跨市、县活动",
            f"有效期{months.value}个月（批准当日不计入），至{cn_date(until)}届满，届满日不因节假日顺延",
            "有效期内外出可通过电话、微信等方式报告；期满后仍需经常性跨市、县活动的，应当重新申请",
        ),
        facts={"approved_on": approved_on},
        parameters=(months,),
    )


@rule(
    "FREQUENT_TRAVEL_PERMIT_DECISION_DUE",
    title="经常性跨市、县活动申请的审批时限",
    statement="社区矫正对象因正常工作和生活需要经常性跨市、县活动的，应当简化批准程序（社区矫正法第二十七条），"
    "由执行地县级社区矫正机构在申请写明的开始日期前作出批准或者不予批准的决定，不予批准的说明理由；"
    "批准前的外出仍应当逐次申请。",
    articles=(LAW, FREQUENT),
    examples=(Example("申请自12月1日起经常往返昆明", {"starts_on": date(2026, 12, 1)}, date(2026, 12, 1)),),
)
def frequent_travel_permit_decision_due(ctx: Context, *, starts_on: date) -> Decision:
    return Decision(
        rule="FREQUENT_TRAVEL_PERMIT_DECISION_DUE",
        outcome=starts_on,
        articles=(LAW, FREQUENT),
        reasons=(
            "经常性跨市、县活动由执行地县级社区矫正机构批准，简化批准程序",
            f"应当在申请的开始日期{cn_date(starts_on)}前作出决定；批准前的外出仍应当逐次申请",
        ),
        facts={"starts_on": starts_on},
    )


@rule(
    "FREQUENT_TRAVEL_TRIP",
    title="经常性跨市、县活动批准下的外出报告",
    statement="经批准经常性跨市、县活动的，有效期内前往批准的目的地，不再逐次审批，由社区矫正对象通过电话、微信等方式报告。"
    "报告的外出应当前往批准的目的地之一，外出日期应当在批准之日至有效期届满日之间（含两端）；"
    "目的地不在批准范围内或者超出有效期的，不属于批准的经常性活动，应当按规定另行申请外出。",
    articles=(LAW, FREQUENT),
    parameters=("FREQUENT_TRAVEL_PERMIT_MONTHS",),
    examples=(
        Example(
            "有效期内前往批准的目的地",
            {
                "approved_on": date(2026, 11, 2),
                "destinations": ("昆明市", "红河州个旧市"),
                "destination": "昆明市",
                "start": date(2026, 12, 1),
                "days": 2,
            },
            True,
        ),
        Example(
            "目的地不在批准范围内",
            {
                "approved_on": date(2026, 11, 2),
                "destinations": ("昆明市",),
                "destination": "大理市",
                "start": date(2026, 12, 1),
                "days": 2,
            },
            False,
        ),
        Example(
            "返回日超过有效期届满日",
            {
                "approved_on": date(2026, 3, 5),
                "destinations": ("昆明市",),
                "destination": "昆明市",
                "start": date(2026, 9, 4),
                "days": 3,
            },
            False,
        ),
        Example(
            "最后一日为届满日",
            {
                "approved_on": date(2026, 3, 5),
                "destinations": ("昆明市",),
                "destination": "昆明市",
                "start": date(2026, 9, 4),
                "days": 2,
            },
            True,
        ),
    ),
)
def frequent_travel_trip(
    ctx: Context, *, approved_on: date, destinations: Iterable[str], destination: str, start: date, days: int
) -> Decision:
    expiry = frequent_travel_permit_expiry(ctx, approved_on=approved_on)
    until, last = expiry.outcome, last_day_of_leave(start, days)
    allowed = tuple(d.strip() for d in destinations)
    reasons = [f"{cn_date(approved_on)}批准，有效期至{cn_date(until)}，批准的目的地：{'、'.join(allowed)}"]
    ok = True
    if destination.strip() not in allowed:
        ok = False
        reasons.append(f"目的地“{destination.strip()}”不在批准的目的地之内，应当另行申请外出")
    if start < approved_on:
        ok = False
        reasons.append(f"外出起始日{cn_date(start)}早于批准日，不属于本次批准的经常性活动")
    if last > until:
        ok = False
        reasons.append(f"外出至{cn_date(last)}，超过有效期届满日{cn_date(until)}；期满后仍需经常性外出的，应当重新申请")
    if ok:
        reasons.append(f"外出{cn_date(start)}至{cn_date(last)}在有效期内，目的地在批准范围内，报告即可，无需逐次审批")
    return Decision(
        rule="FREQUENT_TRAVEL_TRIP",
        outcome=ok,
        articles=(LAW, FREQUENT),
        reasons=tuple(reasons),
        facts={
            "approved_on": approved_on,
            "valid_until": until,
            "destination": destination,
            "start": start,
            "days": days,
        },
        parameters=expiry.parameters,
    )


# 执行地变更 — change of the place of execution


@rule(
    "TRANSFER_APPLICATION_LEAD_TIME",
    title="执行地变更申请提前期",
    statement="社区矫正对象因工作、居所变化等原因需要变更执行地的，一般应当提前一个月提出书面申请，并提供相应证明材料。"
    "“一般应当”：不足一个月的，提示承办人员核实情况，不是不予受理的理由。"
    "提前一个月指拟变更日期不早于申请日一个月后的同一日。",
    articles=(LAW, TRANSFER_APPLY),
    parameters=("TRANSFER_APPLICATION_LEAD_MONTHS",),
    examples=(
        Example("提前恰好一个月", {"applied_on": date(2026, 11, 2), "move_on": date(2026, 12, 2)}, True),
        Example("差一日不足一个月", {"applied_on": date(2026, 11, 2), "move_on": date(2026, 12, 1)}, False),
        Example(
            "1月31日申请、2月28日迁居（2月无31日）",
            {"applied_on": date(2027, 1, 31), "move_on": date(2027, 2, 28)},
            True,
        ),
    ),
)
def transfer_application_lead_time(ctx: Context, *, applied_on: date, move_on: date) -> Decision:
    lead = ctx.use("TRANSFER_APPLICATION_LEAD_MONTHS", applied_on)
    earliest = add_months(applied_on, lead.value)
    in_time = move_on >= earliest
    reasons = [
        f"{cn_date(applied_on)}申请，拟于{cn_date(move_on)}变更执行地；提前{lead.value}个月，拟变更日期应不早于{cn_date(earliest)}"
    ]
    if in_time:
        reasons.append(f"已按规定提前{lead.value}个月申请")
    else:
        reasons.append(
            f"不足{lead.value}个月：规定为“一般应当提前{lead.value}个月”，请承办人员核实原因；这是提示，不是不予受理的理由"
        )
    return Decision(
        rule="TRANSFER_APPLICATION_LEAD_TIME",
        outcome=in_time,
        articles=(LAW, TRANSFER_APPLY),
        reasons=tuple(reasons),
        facts={"applied_on": applied_on, "move_on": move_on, "earliest_move_on": earliest},
        parameters=(lead,),
    )


@rule(
    "TRANSFER_CONSULT_DEADLINE",
    title="征求新执行地意见期限",
    statement="执行地县级社区矫正机构收到变更执行地申请后，应当在五日内书面征求新执行地县级社区矫正机构的意见。",
    articles=(LAW, TRANSFER_APPLY),
    parameters=("TRANSFER_CONSULT_DAYS",),
    examples=(
        Example("2026年11月2日收到申请", {"application_received": date(2026, 11, 2)}, date(2026, 11, 9)),
        Example(
            "2026年9月28日收到申请，期满日10月3日在国庆假期内，顺延至10月8日",
            {"application_received": date(2026, 9, 28)},
            date(2026, 10, 8),
        ),
        Example(
            "2026年10月5日收到申请，期满日10月10日（周六）为调休上班日，不顺延",
            {"application_received": date(2026, 10, 5)},
            date(2026, 10, 10),
        ),
    ),
)
def transfer_consult_deadline(ctx: Context, *, application_received: date) -> Decision:
    return _deadline(
        ctx,
        "TRANSFER_CONSULT_DEADLINE",
        (LAW, TRANSFER_APPLY),
        "书面征求新执行地县级社区矫正机构意见期限",
        application_received,
        "TRANSFER_CONSULT_DAYS",
        facts={"application_received": application_received},
    )


@rule(
    "TRANSFER_REPLY_DEADLINE",
    title="新执行地书面回复期限",
    statement="新执行地县级社区矫正机构接到征求意见函后，应当在五日内核实有关情况，作出是否同意接收的意见并书面回复。"
    "对回复意见有异议的，可以报上一级社区矫正机构协调解决。",
    articles=(TRANSFER_APPLY,),
    parameters=("TRANSFER_REPLY_DAYS",),
    examples=(
        Example("2026年11月9日收到征求意见函", {"request_received": date(2026, 11, 9)}, date(2026, 11, 16)),
        Example(
            "2026年9月15日收到征求意见函，期满日9月20日（周日）为调休上班日，不顺延",
            {"request_received": date(2026, 9, 15)},
            date(2026, 9, 20),
        ),
        Example(
            "2026年9月21日收到征求意见函，期满日9月26日在中秋假期内，顺延至9月28日",
            {"request_received": date(2026, 9, 21)},
            date(2026, 9, 28),
        ),
    ),
)
def transfer_reply_deadline(ctx: Context, *, request_received: date) -> Decision:
    return _deadline(
        ctx,
        "TRANSFER_REPLY_DEADLINE",
        (TRANSFER_APPLY,),
        "新执行地书面回复是否同意接收期限",
        request_received,
        "TRANSFER_REPLY_DAYS",
        facts={"request_received": request_received},
    )


@rule(
    "TRANSFER_REFUSAL_NOTICE_DEADLINE",
    title="不同意变更执行地的告知期限",
    statement="经审核，执行地县级社区矫正机构不同意变更执行地的，应当自决定作出之日起五日内告知社区矫正对象。",
    articles=(TRANSFER_APPLY,),
    parameters=("TRANSFER_REFUSAL_NOTICE_DAYS",),
    examples=(
        Example("2026年11月16日决定不同意", {"decided_on": date(2026, 11, 16)}, date(2026, 11, 23)),
        Example(
            "2026年9月30日决定不同意，期满日10月5日在国庆假期内", {"decided_on": date(2026, 9, 30)}, date(2026, 10, 8)
        ),
    ),
)
def transfer_refusal_notice_deadline(ctx: Context, *, decided_on: date) -> Decision:
    return _deadline(
        ctx,
        "TRANSFER_REFUSAL_NOTICE_DEADLINE",
        (TRANSFER_APPLY,),
        "不同意变更执行地告知社区矫正对象期限",
        decided_on,
        "TRANSFER_REFUSAL_NOTICE_DAYS",
        facts={"decided_on": decided_on},
    )


@rule(
    "TRANSFER_FILE_HANDOVER_DEADLINE",
    title="变更执行地移交档案期限",
    statement="同意变更执行地的，执行地县级社区矫正机构应当自作出决定之日起五日内，将有关法律文书和矫正档案移交新执行地"
    "县级社区矫正机构，并将有关法律文书抄送社区矫正决定机关和原执行地县级人民检察院、公安机关。",
    articles=(LAW, TRANSFER_HANDOVER),
    parameters=("TRANSFER_FILE_HANDOVER_DAYS",),
    examples=(
        Example("2026年11月16日作出变更决定", {"decided_on": date(2026, 11, 16)}, date(2026, 11, 23)),
        Example(
            "2026年9月30日作出变更决定，期满日10月5日在国庆假期内", {"decided_on": date(2026, 9, 30)}, date(2026, 10, 8)
        ),
    ),
)
def transfer_file_handover_deadline(ctx: Context, *, decided_on: date) -> Decision:
    return _deadline(
        ctx,
        "TRANSFER_FILE_HANDOVER_DEADLINE",
        (LAW, TRANSFER_HANDOVER),
        "移交法律文书和矫正档案期限",
        decided_on,
        "TRANSFER_FILE_HANDOVER_DAYS",
        facts={"decided_on": decided_on},
    )


@rule(
    "TRANSFER_RECEIPT_DEADLINE",
    title="新执行地送达回执期限",
    statement="新执行地县级社区矫正机构收到法律文书和矫正档案后，应当在五日内送达回执，并将有关法律文书抄送所在地县级人民检察院、公安机关。",
    articles=(TRANSFER_HANDOVER,),
    parameters=("TRANSFER_RECEIPT_DAYS",),
    examples=(
        Example("2026年11月20日收到档案", {"files_received": date(2026, 11, 20)}, date(2026, 11, 25)),
        Example(
            "2026年10月2日收到档案，期满日10月7日为国庆假日", {"files_received": date(2026, 10, 2)}, date(2026, 10, 8)
        ),
    ),
)
def transfer_receipt_deadline(ctx: Context, *, files_received: date) -> Decision:
    return _deadline(
        ctx,
        "TRANSFER_RECEIPT_DEADLINE",
        (TRANSFER_HANDOVER,),
        "新执行地送达回执期限",
        files_received,
        "TRANSFER_RECEIPT_DAYS",
        facts={"files_received": files_received},
    )


@rule(
    "TRANSFER_REPORT_IN_DEADLINE",
    title="到新执行地报到期限",
    statement="社区矫正对象应当自收到变更执行地决定之日起七日内，到新执行地县级社区矫正机构报到。"
    "未按期报到的，新执行地县级社区矫正机构应当立即通知原执行地县级社区矫正机构，由其组织查找。",
    articles=(LAW, TRANSFER_HANDOVER),
    parameters=("TRANSFER_REPORT_IN_DAYS",),
    examples=(
        Example("2026年11月18日收到变更决定", {"decision_received": date(2026, 11, 18)}, date(2026, 11, 25)),
        Example(
            "2026年9月26日收到变更决定，期满日10月3日在国庆假期内，顺延至10月8日",
            {"decision_received": date(2026, 9, 26)},
            date(2026, 10, 8),
        ),
        Example(
            "2026年10月3日收到变更决定，期满日10月10日（周六）为调休上班日",
            {"decision_received": date(2026, 10, 3)},
            date(2026, 10, 10),
        ),
    ),
)
def transfer_report_in_deadline(ctx: Context, *, decision_received: date) -> Decision:
    return _deadline(
        ctx,
        "TRANSFER_REPORT_IN_DEADLINE",
        (LAW, TRANSFER_HANDOVER),
        "到新执行地县级社区矫正机构报到期限",
        decision_received,
        "TRANSFER_REPORT_IN_DAYS",
        facts={"decision_received": decision_received},
    )


# The outcomes of TRANSFER_DECISION_OPTIONS and the replies it reads.
TRANSFER_REPLIES = {"agree_to_receive": "同意接收", "refuse_to_receive": "不同意接收"}
TRANSFER_DECISIONS = {"approve_transfer": "同意变更执行地", "refuse_transfer": "不同意变更执行地"}


@rule(
    "TRANSFER_DECISION_OPTIONS",
    title="变更执行地的决定",
    statement="执行地县级社区矫正机构收到申请后书面征求新执行地县级社区矫正机构意见，新执行地书面回复是否同意接收，"
    "执行地县级社区矫正机构据此作出决定。本系统：新执行地同意接收的，可以同意或者不同意变更；新执行地不同意接收的，"
    "只能不同意变更（对回复意见有异议的，报上一级社区矫正机构协调解决，协调后由新执行地重新回复）。"
    "不同意变更的，应当说明理由并在五日内告知社区矫正对象。",
    articles=(LAW, TRANSFER_APPLY),
    examples=(
        Example("新执行地同意接收", {"receiving_reply": "agree_to_receive"}, ("approve_transfer", "refuse_transfer")),
        Example("新执行地不同意接收", {"receiving_reply": "refuse_to_receive"}, ("refuse_transfer",)),
    ),
)
def transfer_decision_options(ctx: Context, *, receiving_reply: str) -> Decision:
    if receiving_reply not in TRANSFER_REPLIES:
        raise ValueError(f"unknown reply {receiving_reply!r}")
    if receiving_reply == "agree_to_receive":
        options = ("approve_transfer", "refuse_transfer")
        reasons = (
            "新执行地县级社区矫正机构书面回复同意接收",
            "执行地县级社区矫正机构可以同意变更；不同意的应当说明理由",
        )
    else:
        options = ("refuse_transfer",)
        reasons = (
            "新执行地县级社区矫正机构书面回复不同意接收，不能同意变更执行地",
            "对回复意见有异议的，可以报上一级社区矫正机构协调解决",
        )
    return Decision(
        rule="TRANSFER_DECISION_OPTIONS",
        outcome=options,
        articles=(LAW, TRANSFER_APPLY),
        reasons=reasons,
        facts={"receiving_reply": receiving_reply},
    )


@rule(
    "TRANSFER_DECISION_DUE",
    title="变更执行地决定的办理期限",
    statement="法规未规定执行地县级社区矫正机构收到新执行地回复后作出决定的期限。本系统以申请的拟变更日期为办理期限"
    "（申请一般应当提前一个月提出，以便在迁居前办结）；拟变更日期已过的，应当立即决定。",
    articles=(TRANSFER_APPLY,),
    examples=(Example("拟于2026年12月2日变更", {"move_on": date(2026, 12, 2)}, date(2026, 12, 2)),),
)
def transfer_decision_due(ctx: Context, *, move_on: date) -> Decision:
    return Decision(
        rule="TRANSFER_DECISION_DUE",
        outcome=move_on,
        articles=(TRANSFER_APPLY,),
        reasons=(
            "法规未规定作出变更决定的期限",
            f"以拟变更日期{cn_date(move_on)}为办理期限，收到新执行地回复后及时决定",
        ),
        facts={"move_on": move_on},
    )
