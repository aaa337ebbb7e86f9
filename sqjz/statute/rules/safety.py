"""Safety screening (排查): the city's policy (玉溪市实施意见 二(二), requirement SAFE-2) — every person under
correction is screened once a quarter, more intensively in sensitive periods, major holidays and major political
events, with exact counts (底数清、情况明). The screening period is the campaign's, set by the organising agency."""

from datetime import date

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

POLICY = "玉溪市实施意见二(二)"


@rule(
    "SCREENING_DUE",
    title="集中排查的完成期限",
    statement="坚持集中排查和经常性排查相结合，平时每季度排查一次，敏感时期、重大节日、重大政治活动等重点时段加大排查力度，"
    "做到底数清、情况明。每次排查覆盖组织单位辖区内的全部在矫人员，应在排查期限内逐人完成。",
    articles=(POLICY,),
    examples=(
        Example(
            "2026年第四季度常规排查，12月20日截止",
            {"campaign": "2026年第四季度常规排查", "ends_on": date(2026, 12, 20)},
            date(2026, 12, 20),
        ),
    ),
)
def screening_due(ctx: Context, *, campaign: str, ends_on: date) -> Decision:
    return Decision(
        rule="SCREENING_DUE",
        outcome=ends_on,
        articles=(POLICY,),
        reasons=(f"“{campaign}”应于{cn_date(ends_on)}前完成，逐人排查、底数清楚",),
        facts={"campaign": campaign, "ends_on": ends_on},
    )
