"""禁止令 and 进入特定场所: who approves entering a place or area a prohibition order covers, contacting a person
it names, or receiving visitors, and which time windows can be approved (../shared/domain/statute.md §6; 刑法第三十八、
七十二条; 社区矫正法第二十三条; 实施办法第二十五条; 人民检察院刑事诉讼规则第六百四十三条; tag R: the article on
the entry approval is given by its subject, the numbering being unconfirmed).

- A prohibition order binds during its own term (禁止令的执行期限, from its start to its end date, both included).
  An approval is needed, and can be given, only for a window inside that term: outside it the order does not bind.
- The window is a time span (from – to, minutes), since an entry is usually for hours (a hospital visit, a court
  hearing at the place); it must end after it starts.
"""

from datetime import date, datetime

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date, cn_datetime

CONTROL = "刑法第三十八条"
PROBATION = "刑法第七十二条"
DUTIES = "社区矫正法第二十三条"
CONTACT = "实施办法第二十五条"
ENTRY = "实施办法（禁止令执行中进入特定区域、场所的批准）"
OVERSIGHT = "人民检察院刑事诉讼规则第六百四十三条"

# What is applied for (SpecialPlaceEntry.Kind).
ENTRY_KINDS = {
    "place": "进入禁止令所列的特定区域、场所",
    "contact": "接触禁止令所列的特定的人",
    "visitor": "按要求会见来访人员（会客）",
}
ENTRY_ARTICLES = {
    "place": (CONTROL, PROBATION, ENTRY, OVERSIGHT),
    "contact": (CONTROL, PROBATION, CONTACT, OVERSIGHT),
    "visitor": (DUTIES, CONTACT),
}


def wall(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A local wall-clock time (the rules read times as the office's clock shows them, without a zone)."""
    return datetime(year, month, day, hour, minute)  # noqa: DTZ001


LABELS = {
    **ENTRY_KINDS,
    "order_start": "禁止令起始日",
    "order_end": "禁止令截止日",
    "window_from": "申请时段起",
    "window_to": "申请时段止",
}


@rule(
    "SPECIAL_PLACE_ENTRY_APPROVER",
    title="进入特定场所、接触特定的人的审批机关",
    statement="人民法院判决禁止令禁止进入特定区域、场所的，社区矫正对象确需进入的，应当经执行地县级社区矫正机构批准，"
    "并告知人民检察院。未经执行地县级社区矫正机构批准，社区矫正对象不得接触其犯罪案件中的被害人、控告人、举报人、"
    "同案犯等可能诱发其再犯罪的人。会客应当遵守监督管理规定。批准违反禁止令的，人民检察院应当提出纠正意见，"
    "因此批准情况应当告知执行地县级人民检察院。司法所不能批准，可以受理申请并提出意见。",
    articles=(CONTROL, PROBATION, ENTRY, CONTACT, DUTIES, OVERSIGHT),
    examples=(
        Example("申请进入禁止令所列的娱乐场所", {"kind": "place"}, "county_agency"),
        Example("申请接触被害人（赔偿协商）", {"kind": "contact"}, "county_agency"),
        Example("禁止令要求会客须经批准", {"kind": "visitor"}, "county_agency"),
    ),
)
def special_place_entry_approver(ctx: Context, *, kind: str) -> Decision:
    if kind not in ENTRY_KINDS:
        raise ValueError(f"unknown entry kind {kind!r}")
    return Decision(
        rule="SPECIAL_PLACE_ENTRY_APPROVER",
        outcome="county_agency",
        articles=ENTRY_ARTICLES[kind],
        reasons=(
            f"申请事项：{ENTRY_KINDS[kind]}",
            "由执行地县级社区矫正机构审批；司法所受理申请、核实理由并提出意见，不能批准",
            "批准的，告知执行地县级人民检察院（违反禁止令批准的，检察院应当提出纠正意见）",
        ),
        facts={"kind": kind},
    )


@rule(
    "SPECIAL_PLACE_ENTRY_WINDOW",
    title="进入特定场所的批准时段",
    statement="禁止令在其执行期限内约束社区矫正对象。申请进入禁止令所列区域、场所或者接触所列的人，应当写明起止时间；"
    "起止时间应当在禁止令的执行期限之内（期限外禁止令不再约束，无需批准），结束时间应当晚于开始时间。",
    articles=(CONTROL, PROBATION, ENTRY),
    examples=(
        Example(
            "禁止令期限内的半日",
            {
                "window_from": wall(2026, 12, 3, 9, 0),
                "window_to": wall(2026, 12, 3, 12, 0),
                "order_start": date(2026, 6, 1),
                "order_end": date(2027, 5, 31),
            },
            True,
        ),
        Example(
            "禁止令最后一日的全天",
            {
                "window_from": wall(2027, 5, 31, 0, 0),
                "window_to": wall(2027, 5, 31, 23, 59),
                "order_start": date(2026, 6, 1),
                "order_end": date(2027, 5, 31),
            },
            True,
        ),
        Example(
            "禁止令期满后：无需批准",
            {
                "window_from": wall(2027, 6, 1, 9, 0),
                "window_to": wall(2027, 6, 1, 12, 0),
                "order_start": date(2026, 6, 1),
                "order_end": date(2027, 5, 31),
            },
            False,
        ),
        Example(
            "结束早于开始",
            {
                "window_from": wall(2026, 12, 3, 12, 0),
                "window_to": wall(2026, 12, 3, 9, 0),
                "order_start": date(2026, 6, 1),
                "order_end": date(2027, 5, 31),
            },
            False,
        ),
    ),
)
def special_place_entry_window(
    ctx: Context, *, window_from: datetime, window_to: datetime, order_start: date, order_end: date
) -> Decision:
    span = f"{cn_datetime(window_from)}至{cn_datetime(window_to)}"
    term = f"禁止令执行期限为{cn_date(order_start)}至{cn_date(order_end)}"
    first, last = window_from.date(), window_to.date()
    if window_to <= window_from:
        ok, reason = False, f"申请时段{span}的结束时间应当晚于开始时间"
    elif last < order_start or first > order_end:
        ok, reason = False, f"申请时段{span}在禁止令执行期限之外，禁止令不再约束，无需批准"
    elif first < order_start or last > order_end:
        ok, reason = False, f"申请时段{span}部分在禁止令执行期限之外，请将申请时段限于执行期限之内"
    else:
        ok, reason = True, f"申请时段{span}在禁止令执行期限之内，须经批准"
    return Decision(
        rule="SPECIAL_PLACE_ENTRY_WINDOW",
        outcome=ok,
        articles=(CONTROL, PROBATION, ENTRY),
        reasons=(term, reason),
        facts={"window_from": window_from, "window_to": window_to, "order_start": order_start, "order_end": order_end},
    )


@rule(
    "SPECIAL_PLACE_ENTRY_DECISION_DUE",
    title="进入特定场所申请的审批时限",
    statement="社区矫正对象申请进入禁止令所列区域、场所，接触所列的人或者会客的，执行地县级社区矫正机构应当在申请的时段开始前"
    "作出批准或者不予批准的决定，不予批准的说明理由；时段开始后尚未批准的，社区矫正对象不得进入或者接触。",
    articles=(CONTROL, PROBATION, ENTRY, CONTACT),
    examples=(Example("申请12月3日9时起进入", {"window_from": wall(2026, 12, 3, 9, 0)}, date(2026, 12, 3)),),
)
def special_place_entry_decision_due(ctx: Context, *, window_from: datetime) -> Decision:
    return Decision(
        rule="SPECIAL_PLACE_ENTRY_DECISION_DUE",
        outcome=window_from.date(),
        articles=(CONTROL, PROBATION, ENTRY, CONTACT),
        reasons=(
            "由执行地县级社区矫正机构审批（依“进入特定场所、接触特定的人的审批机关”规则）",
            f"应当在申请的时段开始（{cn_datetime(window_from)}）前作出决定；未获批准的不得进入或者接触",
        ),
        facts={"window_from": window_from},
    )
