"""表扬 and who decides the agency's own measures (../shared/domain/statute.md §9.1).

COMMENDATION_GROUNDS: 社区矫正法第二十八条 — a person who admits guilt and shows remorse, obeys the law, follows
supervision and accepts education *with outstanding performance* (表现突出) shall be commended; 实施办法第三十三条
gives the decision to the county agency. What counts as outstanding performance is recorded as facts:

- `outstanding_conduct`: an officer's recorded fact of outstanding conduct (表现突出的事实);
- `assessment_excellent`: the quarterly grading found the person 优秀 (QUARTERLY_GRADE_CONSEQUENCES: 应当表扬);
- `assessment_commendable`: the grading found a commendation possible (可以表扬);
- `meritorious_act`: a meritorious act (见义勇为、抢险救灾、立功等) confirmed by the county agency.

*Judgement call (documented here so it can be changed in one place): a person with an admonition or warning not
yet corrected (`measures_uncorrected` > 0) does not "服从监督管理" and so has no commendation ground, whatever else
is recorded; the reasons say so.

MEASURE_DECIDER: who proposes and who decides 表扬 / 训诫 / 警告, a meritorious act's confirmation and a change of
supervision level: the judicial office investigates and proposes; the county agency decides
(实施办法第三十三条至第三十五条; 分类管理 by the county agency that carries out the correction).
"""

from dataclasses import dataclass
from datetime import date

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule

COMMENDATION = "实施办法第三十三条"
LAW_28 = "社区矫正法第二十八条"

COMMENDATION_GROUNDS_TEXT = {
    "outstanding_conduct": ("认罪悔罪、遵守法律法规、服从监督管理、接受教育，表现突出", LAW_28),
    "assessment_excellent": ("季度考核认定为优秀（应当给予表扬）", LAW_28),
    "assessment_commendable": ("季度考核结果表明可以给予表扬", LAW_28),
    "meritorious_act": ("有见义勇为、抢险救灾、立功等突出表现，经县级社区矫正机构确认", LAW_28),
}

# measure → (what is decided, articles)
DECIDED = {
    "commendation": ("表扬", (COMMENDATION, LAW_28)),
    "admonition": ("训诫", ("实施办法第三十四条",)),
    "warning": ("警告", ("实施办法第三十五条",)),
    "meritorious_act": ("确认立功等突出表现", (COMMENDATION, LAW_28)),
    "level": ("调整管理等级", ("社区矫正法第三条", "实施办法（分类管理）")),
}

LABELS = {
    "available": "具备情形",
    "grounds": "情形",
    "proposer": "提出单位",
    "decider": "决定机关",
    "commendation": "表扬",
    "meritorious_act": "立功等突出表现",
    "level": "管理等级",
    "measure": "措施",
    "outstanding_conduct": COMMENDATION_GROUNDS_TEXT["outstanding_conduct"][0],
    "assessment_excellent": COMMENDATION_GROUNDS_TEXT["assessment_excellent"][0],
    "assessment_commendable": COMMENDATION_GROUNDS_TEXT["assessment_commendable"][0],
    "measures_uncorrected": "受训诫、警告仍未改正次数",
    "judicial_office": "司法所（受委托）",
    "county_agency": "县级社区矫正机构",
}


@dataclass(frozen=True)
class CommendationGrounds:
    available: bool
    grounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decider:
    """Who proposes (after investigating the facts) and who decides."""

    proposer: str
    decider: str


@rule(
    "COMMENDATION_GROUNDS",
    title="表扬的情形",
    statement="社区矫正对象认罪悔罪、遵守法律法规、服从监督管理、接受教育表现突出的，应当给予表扬。季度考核认定为优秀的"
    "应当表扬，可以表扬的由县级社区矫正机构决定；有见义勇为、抢险救灾、立功等突出表现经确认的，属于表现突出。"
    "受到训诫、警告仍未改正的，不属于服从监督管理，不予表扬。",
    articles=(LAW_28, COMMENDATION),
    examples=(
        Example(
            "无表现突出的事实", {"correction_type": "probation", "today": date(2026, 6, 1)}, CommendationGrounds(False)
        ),
        Example(
            "季度考核认定为优秀",
            {"correction_type": "parole", "today": date(2026, 6, 1), "assessment_excellent": True},
            CommendationGrounds(True, ("assessment_excellent",)),
        ),
        Example(
            "见义勇为，且有表现突出的事实",
            {
                "correction_type": "control",
                "today": date(2026, 6, 1),
                "outstanding_conduct": True,
                "meritorious_act": True,
            },
            CommendationGrounds(True, ("outstanding_conduct", "meritorious_act")),
        ),
        Example(
            "考核优秀，但受到训诫仍未改正",
            {
                "correction_type": "probation",
                "today": date(2026, 6, 1),
                "assessment_excellent": True,
                "measures_uncorrected": 1,
            },
            CommendationGrounds(False),
        ),
    ),
)
def commendation_grounds(
    ctx: Context,
    *,
    correction_type: str,
    today: date,
    outstanding_conduct: bool = False,
    assessment_excellent: bool = False,
    assessment_commendable: bool = False,
    meritorious_act: bool = False,
    measures_uncorrected: int = 0,
) -> Decision:
    if correction_type not in ("control", "probation", "parole", "temporary_release"):
        raise ValueError(f"unknown correction type {correction_type!r}")
    if measures_uncorrected < 0:
        raise ValueError("measures_uncorrected cannot be negative")
    held = {
        "outstanding_conduct": outstanding_conduct,
        "assessment_excellent": assessment_excellent,
        "assessment_commendable": assessment_commendable,
        "meritorious_act": meritorious_act,
    }
    found = [code for code, value in held.items() if value]
    reasons = [f"{COMMENDATION_GROUNDS_TEXT[code][0]}（{LAW_28}）" for code in found]
    if found and measures_uncorrected:
        reasons.append(f"受到训诫、警告{measures_uncorrected}次仍未改正，不属于服从监督管理，不予表扬（{LAW_28}）")
        found = []
    elif not found:
        reasons.append(f"未发现{LAW_28}规定的表现突出的事实")
    else:
        reasons.append(f"由县级社区矫正机构决定表扬（{COMMENDATION}）")
    return Decision(
        rule="COMMENDATION_GROUNDS",
        outcome=CommendationGrounds(bool(found), tuple(found)),
        articles=(LAW_28, COMMENDATION),
        reasons=tuple(reasons),
        facts={
            "correction_type": correction_type,
            "today": today,
            **held,
            "measures_uncorrected": measures_uncorrected,
        },
    )


@rule(
    "MEASURE_DECIDER",
    title="奖惩措施的提出和决定",
    statement="表扬、训诫、警告，立功等突出表现的确认和管理等级的调整，由司法所调查核实事实后提出，"
    "县级社区矫正机构决定。",
    articles=(COMMENDATION, "实施办法第三十四条", "实施办法第三十五条", "实施办法（分类管理）"),
    examples=(
        Example("警告", {"measure": "warning"}, Decider("judicial_office", "county_agency")),
        Example("表扬", {"measure": "commendation"}, Decider("judicial_office", "county_agency")),
        Example("管理等级调整", {"measure": "level"}, Decider("judicial_office", "county_agency")),
    ),
)
def measure_decider(ctx: Context, *, measure: str) -> Decision:
    if measure not in DECIDED:
        raise ValueError(f"unknown measure {measure!r}")
    what, articles = DECIDED[measure]
    return Decision(
        rule="MEASURE_DECIDER",
        outcome=Decider("judicial_office", "county_agency"),
        articles=articles,
        reasons=(f"{what}由司法所调查核实后提出，县级社区矫正机构决定（{'、'.join(articles)}）",),
        facts={"measure": measure},
    )
