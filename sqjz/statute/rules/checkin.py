"""手机APP签到 (打卡, like Yunnan's 在矫通): which check-in periods a person missed, and by when the officer must
find out why (../shared/domain/statute.md §7 and §11: 社区矫正法第二十六条 信息化核查, 第三十条 and 实施办法第三十八条
on lost contact).

How it is counted (judgement calls marked *):

- A person enrolled in the app must check in at least once in each period of `app_checkin_days` days, the figure
  of the supervision level in force on the period's first day (SUPERVISION_LEVEL_REQUIREMENTS, a LOCAL table);
  0 means the level asks for no app check-in, and that day is skipped.
- *Periods run back to back from `since`: the day after enrolment, or the day after the last follow-up that
  reached the person (a follow-up settles everything missed before it, and the count starts afresh). Only
  periods that have ended before `today` are judged.
- The officer follows up within CHECKIN_FOLLOW_UP_DAYS calendar days after the end of the first missed period; a
  last day on a holiday rolls to the next working day (刑诉法第一百零五条, as every period here). A person who
  cannot be reached is treated as lost contact: search at once (社区矫正法第三十条), which this rule does not decide.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqjz.statute.calendar import add_days
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.rules.supervision import LEVELS
from sqjz.statute.text import cn_date, cn_datetime

CHINA = ZoneInfo("Asia/Shanghai")
ARTICLES = ("社区矫正法第二十六条", "社区矫正法第三十条", "实施办法第三十八条")


def _level_on(levels: Sequence[tuple[date, str]], day: date) -> str:
    """The level in force on `day`: the latest decision effective by then (the first, before any)."""
    ordered = sorted(levels)
    current = ordered[0][1]
    for effective_from, level in ordered:
        if effective_from > day:
            break
        current = level
    return current


@rule(
    "CHECKIN_MISSED",
    title="未按要求签到的核实",
    statement="社区矫正对象应当按照监管等级的要求通过手机APP签到（严管、普管每日一次，宽管每7日一次，地方做法）。"
    "签到周期届满未签到的，司法所应当在次日（遇节假日顺延）前通过电话、信息化核查或者实地查访核实情况并记录；"
    "无法取得联系的，立即组织查找，查找不到的通报公安机关并告知人民检察院。",
    articles=ARTICLES,
    parameters=("SUPERVISION_LEVEL_REQUIREMENTS", "CHECKIN_FOLLOW_UP_DAYS"),
    examples=(
        Example(
            "严管每日签到，11月26日（周四）未签到",
            {
                "since": date(2026, 11, 20),
                "today": date(2026, 11, 28),
                "levels": [(date(2026, 10, 10), "strict")],
                "checkin_days": [date(2026, 11, d) for d in (20, 21, 22, 23, 24, 25, 27, 28)],
            },
            date(2026, 11, 27),
        ),
        Example(
            "每日按时签到，无需核实",
            {
                "since": date(2026, 11, 25),
                "today": date(2026, 11, 28),
                "levels": [(date(2026, 10, 10), "ordinary")],
                "checkin_days": [date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)],
            },
            None,
        ),
        Example(
            "宽管每7日签到一次，第三周未签到",
            {
                "since": date(2026, 11, 2),
                "today": date(2026, 11, 28),
                "levels": [(date(2026, 5, 1), "lenient")],
                "checkin_days": [date(2026, 11, 4), date(2026, 11, 12)],
            },
            date(2026, 11, 23),
        ),
        Example(
            "9月30日未签到，核实期限遇国庆假期顺延",
            {
                "since": date(2026, 9, 28),
                "today": date(2026, 10, 3),
                "levels": [(date(2026, 8, 1), "strict")],
                "checkin_days": [date(2026, 9, 28), date(2026, 9, 29), date(2026, 10, 1), date(2026, 10, 2)],
            },
            date(2026, 10, 8),
        ),
    ),
)
def checkin_missed(
    ctx: Context,
    *,
    since: date,
    today: date,
    levels: Sequence[tuple[date, str]],
    checkin_days: Iterable[date],
    unanswered_spot_checks: Iterable[date] = (),
) -> Decision:
    """`levels`: (effective_from, level) of each supervision-level decision; `checkin_days`: the days with a check-in;
    `unanswered_spot_checks`: the days of spot checks not answered in time (each is a missed check-in of its own).
    The outcome is the follow-up deadline (a Deadline) when something was missed, else None."""
    if not levels:
        raise ValueError("a person checking in has a supervision level")
    if any(level not in LEVELS for _, level in levels):
        raise ValueError(f"unknown supervision level in {levels!r}")
    days = set(checkin_days)
    missed: list[tuple[date, date, str, int]] = []
    used = {}
    start = since
    while start < today:
        use = ctx.use("SUPERVISION_LEVEL_REQUIREMENTS", start)
        used[use.effective_from] = use
        level = _level_on(levels, start)
        interval = use.value[level].get("app_checkin_days", 0)
        if not interval:
            start += timedelta(days=1)
            continue
        end = start + timedelta(days=interval - 1)
        if end >= today:
            break
        if not any(start + timedelta(days=i) in days for i in range(interval)):
            missed.append((start, end, level, interval))
        start = end + timedelta(days=1)
    spot = sorted(d for d in unanswered_spot_checks if since <= d <= today)  # each one is already over
    missed = sorted(missed + [(d, d, "spot_check", 0) for d in spot])
    facts = {"since": since, "today": today, "levels": list(levels), "checkin_days": sorted(days)}
    if spot:
        facts["unanswered_spot_checks"] = spot
    if not missed:
        return Decision(
            rule="CHECKIN_MISSED",
            outcome=None,
            articles=ARTICLES,
            reasons=(f"自{cn_date(since)}起已届满的签到周期均已签到",),
            facts=facts,
            parameters=tuple(used.values()),
        )
    follow_up = ctx.use("CHECKIN_FOLLOW_UP_DAYS", missed[0][1])
    deadline = add_days(ctx.calendar, missed[0][1], follow_up.value)

    def day(d: date) -> str:
        return f"{d.month}月{d.day}日"

    def period(start: date, end: date) -> str:
        return day(start) if start == end else f"{day(start)}至{day(end)}"

    periods = [(s, e, level, n) for s, e, level, n in missed if level != "spot_check"]
    reasons = []
    if periods:
        listed = "、".join(period(s, e) for s, e, _, _ in periods[:5]) + ("等" if len(periods) > 5 else "")
        reasons.append(f"自{cn_date(since)}起有{len(periods)}个签到周期未签到：{listed}")
        reasons.append(f"{LEVELS[periods[0][2]]}每{periods[0][3]}日应至少签到一次")
    if spot:
        reasons.append(f"随机抽查未在时限内应答{len(spot)}次：" + "、".join(day(d) for d in spot[:5]))
    reasons += [f"应在首个未签到周期届满后核实情况：{deadline.explain()}", "无法取得联系的，立即组织查找"]
    return Decision(
        rule="CHECKIN_MISSED",
        outcome=deadline,
        articles=ARTICLES,
        reasons=tuple(reasons),
        facts=facts | {"missed": [(s, e) for s, e, _, _ in missed]},
        parameters=(*used.values(), follow_up),
    )


@rule(
    "SPOT_CHECK_ANSWER_DUE",
    title="随机抽查签到的应答时限",
    statement="司法所可以随时发起抽查（信息化核查），社区矫正对象应当在应答时限内通过手机APP现场自拍并定位签到；"
    "逾期未应答的，按“未按要求签到的核实”规则处理。",
    articles=("社区矫正法第二十六条",),
    parameters=("SPOT_CHECK_ANSWER_MINUTES",),
    examples=(
        Example(
            "15时10分发起抽查",
            {"requested_at": datetime(2026, 11, 28, 15, 10, tzinfo=CHINA)},
            datetime(2026, 11, 28, 15, 40, tzinfo=CHINA),
        ),
    ),
)
def spot_check_answer_due(ctx: Context, *, requested_at: datetime) -> Decision:
    if requested_at.tzinfo is None:
        raise ValueError("requested_at must carry its time zone")
    requested_at = requested_at.astimezone(CHINA)
    minutes = ctx.use("SPOT_CHECK_ANSWER_MINUTES", requested_at.date())
    due = requested_at + timedelta(minutes=minutes.value)
    return Decision(
        rule="SPOT_CHECK_ANSWER_DUE",
        outcome=due,
        articles=("社区矫正法第二十六条",),
        reasons=(f"{cn_datetime(requested_at)}发起抽查，应在{minutes.value}分钟内、即{due:%H:%M}前签到应答",),
        facts={"requested_at": requested_at},
        parameters=(minutes,),
    )


@rule(
    "CHECKIN_DUE",
    title="本期签到期限",
    statement="社区矫正对象应当在每个签到周期内至少签到一次（周期按“未按要求签到的核实”规则划分）：本期最后一日"
    "24时前签到即为按要求签到。本期已签到的，下一周期自本期届满次日开始。",
    articles=("社区矫正法第二十六条",),
    parameters=("SUPERVISION_LEVEL_REQUIREMENTS",),
    examples=(
        Example(
            "严管每日签到，今日尚未签到",
            {
                "since": date(2026, 11, 20),
                "today": date(2026, 11, 28),
                "levels": [(date(2026, 10, 10), "strict")],
                "checkin_days": [date(2026, 11, 27)],
            },
            (date(2026, 11, 28), date(2026, 11, 28), False),
        ),
        Example(
            "宽管每7日一次，本期（11月23日至29日）已于25日签到",
            {
                "since": date(2026, 11, 2),
                "today": date(2026, 11, 28),
                "levels": [(date(2026, 5, 1), "lenient")],
                "checkin_days": [date(2026, 11, 25)],
            },
            (date(2026, 11, 23), date(2026, 11, 29), True),
        ),
        Example(
            "开通次日起算：开通当日无需签到",
            {
                "since": date(2026, 11, 29),
                "today": date(2026, 11, 28),
                "levels": [(date(2026, 10, 10), "strict")],
                "checkin_days": [],
            },
            None,
        ),
    ),
)
def checkin_due(
    ctx: Context, *, since: date, today: date, levels: Sequence[tuple[date, str]], checkin_days: Iterable[date]
) -> Decision:
    """The check-in period that contains `today` — its first and last day and whether a check-in already falls in
    it — or None when no period runs today (before `since`, or the level asks for no app check-in today)."""
    if not levels:
        raise ValueError("a person checking in has a supervision level")
    days = set(checkin_days)
    start = since
    while start <= today:
        use = ctx.use("SUPERVISION_LEVEL_REQUIREMENTS", start)
        level = _level_on(levels, start)
        interval = use.value[level].get("app_checkin_days", 0)
        if not interval:
            start += timedelta(days=1)
            continue
        end = start + timedelta(days=interval - 1)
        if end >= today:
            done = any(start + timedelta(days=i) in days for i in range(interval))
            if done:
                after = end + timedelta(days=1)
                reason = f"本期（{_span(start, end)}）已签到，下一周期自{_span(after, after)}开始"
            else:
                reason = f"本期（{_span(start, end)}）尚未签到，请于{cn_date(end)}24时前签到"
            return Decision(
                rule="CHECKIN_DUE",
                outcome=(start, end, done),
                articles=("社区矫正法第二十六条",),
                reasons=(f"{LEVELS[level]}每{interval}日应至少签到一次", reason),
                facts={"since": since, "today": today, "levels": list(levels)},
                parameters=(use,),
            )
        start = end + timedelta(days=1)
    return Decision(
        rule="CHECKIN_DUE",
        outcome=None,
        articles=("社区矫正法第二十六条",),
        reasons=(f"{cn_date(today)}无需手机签到",),
        facts={"since": since, "today": today, "levels": list(levels)},
        parameters=(),
    )


def _span(start: date, end: date) -> str:
    return (
        f"{start.month}月{start.day}日" if start == end else f"{start.month}月{start.day}日至{end.month}月{end.day}日"
    )
