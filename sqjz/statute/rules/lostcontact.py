"""脱管 / 失联: when a person is out of contact, from which day, and how soon the police are told
(../shared/domain/statute.md §11; 社区矫正法第三十条 [L], 实施办法第三十八条 [R: article number as commonly cited,
the full 2020 text was not at hand]).

How it is read (judgement calls marked *):

- 社区矫正法第三十条: when a person loses contact the agency searches *immediately*. The law does not say when
  missed check-ins become lost contact. *This system says: when the office's follow-up of the missed check-ins
  (CHECKIN_MISSED) did not reach the person, or when none reached them within CHECKIN_FOLLOW_UP_DAYS after the
  first missed period (the local follow-up figure, tag LOCAL).
- The day contact was lost is the last day of contact (the latest check-in, follow-up that reached the person,
  or the day the app account was opened). Days out of contact are counted from the next day (刑事诉讼法第一百零五条,
  as LOST_CONTACT_LEVEL counts them).
- A person who did not report in by the deadline (社区矫正法第二十一条) is out of contact from the deadline's last
  day (实施办法第三十四条 treats 未按规定时间报到 and 脱离监管 alike).
- 实施办法第三十八条: not found → notify the police *promptly* (及时). *The figure is LOCAL:
  LOST_CONTACT_POLICE_NOTICE_DAYS calendar days after the case opened, not rolled over holidays (a search does not
  wait for a working day).
"""

from collections.abc import Sequence
from datetime import date, timedelta

from sqjz.statute.calendar import Deadline, add_days
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

START_ARTICLES = ("社区矫正法第三十条", "实施办法第三十八条", "实施办法第三十四条")
NOTICE_ARTICLES = ("社区矫正法第三十条", "实施办法第三十八条")

LABELS = {
    "last_contact": "最后联系日",
    "missed_periods": "未签到周期（起止日）",
    "unreached_follow_ups": "未联系上本人的核实日期",
    "report_in_due": "报到期限届满日",
    "opened_on": "失联查找启动日",
}


@rule(
    "LOST_CONTACT_START",
    title="失去联系的认定",
    statement="社区矫正对象未按要求签到，司法所核实未能联系上本人，或者在核实期限内未能联系上本人的，按失去联系处理，"
    "立即组织查找；失联之日为最后一次联系（签到、核实联系上本人或开通签到）之日，天数自次日起算。"
    "报到期限届满仍未报到的，自期限届满之日起按脱离监管处理。",
    articles=START_ARTICLES,
    parameters=("CHECKIN_FOLLOW_UP_DAYS",),
    examples=(
        Example(
            "11月20日最后签到，11月21日（周六）起未签到，核实期限顺延至11月23日届满仍未联系上",
            {
                "today": date(2026, 11, 24),
                "last_contact": date(2026, 11, 20),
                "missed_periods": [(date(2026, 11, 21), date(2026, 11, 21)), (date(2026, 11, 22), date(2026, 11, 22))],
            },
            date(2026, 11, 20),
        ),
        Example(
            "11月21日（周六）未签到，核实期限顺延至11月23日（周一），尚未届满",
            {
                "today": date(2026, 11, 23),
                "last_contact": date(2026, 11, 20),
                "missed_periods": [(date(2026, 11, 21), date(2026, 11, 21)), (date(2026, 11, 22), date(2026, 11, 22))],
            },
            None,
        ),
        Example(
            "11月25日未签到，11月26日电话核实未联系上本人",
            {
                "today": date(2026, 11, 26),
                "last_contact": date(2026, 11, 24),
                "missed_periods": [(date(2026, 11, 25), date(2026, 11, 25))],
                "unreached_follow_ups": [date(2026, 11, 26)],
            },
            date(2026, 11, 24),
        ),
        Example(
            "漏签后又按时签到，未失去联系",
            {
                "today": date(2026, 11, 26),
                "last_contact": date(2026, 11, 25),
                "missed_periods": [(date(2026, 11, 23), date(2026, 11, 23))],
            },
            None,
        ),
        Example(
            "报到期限11月10日届满仍未报到",
            {"today": date(2026, 11, 12), "report_in_due": date(2026, 11, 10)},
            date(2026, 11, 10),
        ),
    ),
)
def lost_contact_start(
    ctx: Context,
    *,
    today: date,
    last_contact: date | None = None,
    missed_periods: Sequence[tuple[date, date]] = (),
    unreached_follow_ups: Sequence[date] = (),
    report_in_due: date | None = None,
) -> Decision:
    """The day contact was lost (the last day of contact), or None when the facts do not (yet) show lost contact.

    Either `report_in_due` (the last day to report in, for a person who has not reported) or the check-in facts:
    `last_contact` (the last day of contact), `missed_periods` ((first day, last day) of each missed check-in
    period; only those after `last_contact` count) and `unreached_follow_ups` (days of follow-ups that did not
    reach the person)."""
    facts: dict = {"today": today}
    if report_in_due is not None:
        facts["report_in_due"] = report_in_due
        if today > report_in_due:
            outcome = report_in_due
            reasons = [
                f"报到期限于{cn_date(report_in_due)}届满，至{cn_date(today)}仍未报到",
                "未按规定时间报到的，自期限届满之日起按脱离监管处理，立即组织查找（社区矫正法第三十条）",
            ]
        else:
            outcome, reasons = None, [f"报到期限{cn_date(report_in_due)}尚未届满"]
        return Decision("LOST_CONTACT_START", outcome, START_ARTICLES, tuple(reasons), facts)
    if last_contact is None:
        raise ValueError("give either report_in_due or last_contact")
    if last_contact > today:
        raise ValueError("the last contact cannot be after today")
    missed = sorted((s, e) for s, e in missed_periods if s > last_contact and e < today)
    unreached = sorted(d for d in unreached_follow_ups if last_contact < d <= today)
    facts |= {"last_contact": last_contact, "missed_periods": missed, "unreached_follow_ups": unreached}
    if not missed:
        reasons = (f"{cn_date(last_contact)}后已届满的签到周期均已签到，或已联系上本人",)
        return Decision("LOST_CONTACT_START", None, START_ARTICLES, reasons, facts)
    follow_up = ctx.use("CHECKIN_FOLLOW_UP_DAYS", missed[0][1])
    deadline = add_days(ctx.calendar, missed[0][1], follow_up.value)
    first = missed[0]
    period = cn_date(first[0]) if first[0] == first[1] else f"{cn_date(first[0])}至{cn_date(first[1])}"
    reasons = [f"最后一次联系为{cn_date(last_contact)}，此后{period}等{len(missed)}个签到周期未签到"]
    if unreached:
        outcome = last_contact
        reasons.append(f"{cn_date(unreached[0])}核实未能联系上本人")
    elif today > deadline.due:
        outcome = last_contact
        reasons.append(f"核实期限（{deadline.explain()}）届满仍未联系上本人")
    else:
        outcome = None
        reasons.append(f"核实期限（{deadline.explain()}）尚未届满，司法所应先核实")
    if outcome is not None:
        reasons.append(f"按失去联系处理，立即组织查找；失联天数自{cn_date(last_contact)}次日起算")
    return Decision("LOST_CONTACT_START", outcome, START_ARTICLES, tuple(reasons), facts, (follow_up,))


@rule(
    "LOST_CONTACT_POLICE_NOTICE_DUE",
    title="失联查找不到时通报公安机关",
    statement="社区矫正对象失去联系的，社区矫正机构应当立即组织查找；查找不到的，应当及时通报公安机关，"
    "并将查找情况报告人民检察院。及时通报的期限为地方做法（默认自启动查找起一日，节假日不顺延）。",
    articles=NOTICE_ARTICLES,
    parameters=("LOST_CONTACT_POLICE_NOTICE_DAYS",),
    examples=(
        Example("11月23日启动查找", {"opened_on": date(2026, 11, 23)}, date(2026, 11, 24)),
        Example("9月30日启动查找，国庆假期不顺延", {"opened_on": date(2026, 9, 30)}, date(2026, 10, 1)),
    ),
)
def lost_contact_police_notice_due(ctx: Context, *, opened_on: date) -> Decision:
    days = ctx.use("LOST_CONTACT_POLICE_NOTICE_DAYS", opened_on)
    due = Deadline(opened_on, opened_on + timedelta(days=days.value), days.value, "日")
    return Decision(
        rule="LOST_CONTACT_POLICE_NOTICE_DUE",
        outcome=due,
        articles=NOTICE_ARTICLES,
        reasons=(
            f"{cn_date(opened_on)}启动查找；查找不到的，应当及时通报公安机关：{due.explain()}，节假日不顺延",
            "通报同时抄送人民检察院（实施办法第三十八条：将查找情况报告人民检察院）",
        ),
        facts={"opened_on": opened_on},
        parameters=(days,),
    )
