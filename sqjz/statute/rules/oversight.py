"""Procuratorate oversight (检察监督, ../shared/domain/statute.md §14): when a correction opinion must be answered.

Judgement calls:
- *The law sets no deadline for the written reply (社区矫正法第六十二条); the Yunnan rules say "按期回复". The
  reply is due on the date the procuratorate sets; for an oral opinion the system takes the seven days after
  which the procuratorate escalates to a written opinion (检察规则第六百二十四条) as the time to correct.
"""

from datetime import date

from sqjz.statute.calendar import add_days
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

REPLY = ("社区矫正法第六十二条", "云南省社区矫正实施细则第五条")
ORAL = "人民检察院刑事诉讼规则第六百二十四条"


@rule(
    "OPINION_REPLY_DUE",
    title="纠正意见、检察建议的回复期限",
    statement="人民检察院发现社区矫正工作违法的，提出纠正意见或者检察建议；有关单位应当将采纳情况书面回复人民检察院，"
    "没有采纳的应当说明理由。法律未规定回复期限，按人民检察院确定的期限回复。口头纠正意见发出后七日内仍未纠正的，"
    "人民检察院应当发出书面纠正意见。",
    articles=(*REPLY, ORAL),
    parameters=("ORAL_OPINION_CORRECTION_DAYS",),
    examples=(
        Example(
            "书面纠正意见，要求12月15日前回复",
            {"kind": "written", "issued_on": date(2026, 12, 1), "reply_by": date(2026, 12, 15)},
            date(2026, 12, 15),
        ),
        Example(
            "口头纠正意见，11月23日提出",
            {"kind": "oral", "issued_on": date(2026, 11, 23), "reply_by": None},
            date(2026, 11, 30),
        ),
    ),
)
def opinion_reply_due(ctx: Context, *, kind: str, issued_on: date, reply_by: date | None) -> Decision:
    if kind == "oral":
        days = ctx.use("ORAL_OPINION_CORRECTION_DAYS", issued_on)
        deadline = add_days(ctx.calendar, issued_on, days.value)
        return Decision(
            rule="OPINION_REPLY_DUE",
            outcome=deadline,
            articles=(ORAL,),
            reasons=(f"口头纠正意见：{deadline.explain()}；逾期仍未纠正的，人民检察院将发出书面纠正意见",),
            facts={"kind": kind, "issued_on": issued_on},
            parameters=(days,),
        )
    if reply_by is None or reply_by < issued_on:
        raise ValueError("a written opinion or recommendation needs a reply date on or after its issue")
    return Decision(
        rule="OPINION_REPLY_DUE",
        outcome=reply_by,
        articles=REPLY,
        reasons=(
            f"法律未规定回复期限，按人民检察院确定的期限于{cn_date(reply_by)}前书面回复采纳情况；不采纳的说明理由",
        ),
        facts={"kind": kind, "issued_on": issued_on, "reply_by": reply_by},
    )
