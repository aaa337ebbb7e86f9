"""Staffing (队伍建设): social workers in proportion to the supervision workload, a part-time correction specialist in
villages with many people under correction, and three community evaluators per village (玉溪市实施意见四(一)、(二);
requirements TEAM-1, TEAM-3, TEAM-4).

The city's policy sets the principle, not the figures: "按照社会工作者数量与监管工作量相匹配的原则" and "在城乡矫正对象
人数较多、相对集中的村（社区）…设置一名兼职社区矫正工作专干". The figures are LOCAL parameters.

Judgement calls (*):
- *The workload is the people under correction weighted by their supervision level in force (STAFFING_LEVEL_WEIGHTS);
  a person whose level is not yet set counts as its own weight ("unset"), ordinary by default.
- *One social worker per SOCIAL_WORKER_WORKLOAD weighted people, rounded up: an office with any workload needs at
  least one. The shortfall is what the office lacks; a surplus in one office does not fill another's gap.
- *A specialist (兼职专干, or a full-time one) is needed from VILLAGE_SPECIALIST_MIN_PEOPLE people under correction in
  the village; one in post meets it.
- *The evaluators are needed where the village has people under correction to evaluate (VILLAGE_EVALUATORS each).
"""

from datetime import date
from decimal import ROUND_CEILING, Decimal

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

SOCIAL_WORKERS = "社区矫正法第十一条"
VILLAGES = "社区矫正法第十二条"
WORKERS_POLICY = "玉溪市实施意见四(一)"
VILLAGE_POLICY = "玉溪市实施意见四(二)"
LEVELS = {"strict": "严管", "ordinary": "普管", "lenient": "宽管", "unset": "未定等级"}
LABELS = {
    "unset": "未定等级",
    "people": "在矫人数（按管理等级）",
    "social_workers": "现有社工（人）",
    "workload": "加权监管工作量",
    "workers_needed": "应配备社工（人）",
    "workers_short": "尚缺社工（人）",
    "people_in_village": "村（社区）在矫人数",
    "specialists": "在任专干（人）",
    "specialist_needed": "应设社区矫正工作专干",
    "specialist_short": "尚未设置专干",
    "evaluators": "评议员（人）",
    "evaluators_due": "应有评议员（人）",
    "evaluators_short": "尚缺评议员（人）",
}


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _version(use) -> str:
    return f"（{cn_date(use.effective_from)}起施行的参数版本）"


@rule(
    "STAFFING_WORKLOAD",
    title="社工配备与监管工作量相匹配",
    statement="按照社会工作者数量与监管工作量相匹配的原则配备专职社工：在矫人数按管理等级加权（严管、普管、宽管、未定等级"
    "各有权重）得出监管工作量，每名专职社工对应规定的加权工作量，向上取整为应配备的社工人数，与现有社工相比得出缺口。",
    articles=(SOCIAL_WORKERS, WORKERS_POLICY),
    parameters=("STAFFING_LEVEL_WEIGHTS", "SOCIAL_WORKER_WORKLOAD"),
    examples=(
        Example(
            "严管3人、普管20人、宽管10人、未定1人，现有社工1名：工作量32，应配2名，缺1名",
            {
                "on": date(2026, 11, 28),
                "people": {"strict": 3, "ordinary": 20, "lenient": 10, "unset": 1},
                "social_workers": 1,
            },
            {"workload": Decimal("32"), "workers_needed": 2, "workers_short": 1},
        ),
        Example(
            "普管12人，现有社工1名：工作量12，应配1名，不缺",
            {"on": date(2026, 11, 28), "people": {"ordinary": 12}, "social_workers": 1},
            {"workload": Decimal("12"), "workers_needed": 1, "workers_short": 0},
        ),
        Example(
            "无在矫人员：不需配备",
            {"on": date(2026, 11, 28), "people": {}, "social_workers": 0},
            {"workload": Decimal("0"), "workers_needed": 0, "workers_short": 0},
        ),
    ),
)
def staffing_workload(ctx: Context, *, on: date, people: dict[str, int], social_workers: int) -> Decision:
    """`people`: the people under correction by level in force ("unset" for no level yet; a level not given counts 0).
    Outcome {workload, workers_needed, workers_short}."""
    if set(people) - set(LEVELS):
        raise ValueError(f"unknown supervision levels {sorted(set(people) - set(LEVELS))}")
    if social_workers < 0 or any(n < 0 for n in people.values()):
        raise ValueError("counts cannot be negative")
    weights = ctx.use("STAFFING_LEVEL_WEIGHTS", on)
    per_worker = ctx.use("SOCIAL_WORKER_WORKLOAD", on)
    parts, workload = [], Decimal("0")
    for level, label in LEVELS.items():
        count = people.get(level, 0)
        if count:
            weight = Decimal(str(weights.value[level]))
            workload += weight * count
            parts.append(f"{label}{count}人×{_number(weight)}")
    needed = int((workload / Decimal(str(per_worker.value))).to_integral_value(rounding=ROUND_CEILING))
    short = max(needed - social_workers, 0)
    reasons = (
        ("、".join(parts) + f"，加权监管工作量{_number(workload)}{_version(weights)}") if parts else "无在矫人员",
        f"每名专职社工对应加权工作量{per_worker.value}{_version(per_worker)}，应配备社工{needed}名",
        f"现有社工{social_workers}名，" + (f"尚缺{short}名" if short else "配备达到要求"),
    )
    return Decision(
        rule="STAFFING_WORKLOAD",
        outcome={"workload": workload, "workers_needed": needed, "workers_short": short},
        articles=(SOCIAL_WORKERS, WORKERS_POLICY),
        reasons=reasons,
        facts={"on": on, "people": dict(people), "social_workers": social_workers},
        parameters=(weights, per_worker),
    )


@rule(
    "VILLAGE_SPECIALIST_NEEDED",
    title="矫正对象较多的村（社区）设置兼职社区矫正工作专干",
    statement="在城乡矫正对象人数较多、相对集中的村（社区），在现有大岗位人员中设置一名兼职社区矫正工作专干："
    "村（社区）在矫人数达到规定人数的，应有一名在任专干。",
    articles=(VILLAGES, VILLAGE_POLICY),
    parameters=("VILLAGE_SPECIALIST_MIN_PEOPLE",),
    examples=(
        Example(
            "在矫6人，尚无专干：应设，尚未设置",
            {"on": date(2026, 11, 28), "people_in_village": 6, "specialists": 0},
            {"specialist_needed": True, "specialist_short": True},
        ),
        Example(
            "在矫5人，已有专干1名",
            {"on": date(2026, 11, 28), "people_in_village": 5, "specialists": 1},
            {"specialist_needed": True, "specialist_short": False},
        ),
        Example(
            "在矫2人：不要求设置",
            {"on": date(2026, 11, 28), "people_in_village": 2, "specialists": 0},
            {"specialist_needed": False, "specialist_short": False},
        ),
    ),
)
def village_specialist_needed(ctx: Context, *, on: date, people_in_village: int, specialists: int) -> Decision:
    if people_in_village < 0 or specialists < 0:
        raise ValueError("counts cannot be negative")
    use = ctx.use("VILLAGE_SPECIALIST_MIN_PEOPLE", on)
    needed = people_in_village >= use.value
    short = needed and specialists == 0
    reasons = [
        f"村（社区）在矫{people_in_village}人，达到{use.value}人的应设置兼职社区矫正工作专干{_version(use)}",
        f"在任专干{specialists}名",
    ]
    if not needed:
        reasons.append("人数未达到，不要求设置")
    else:
        reasons.append("尚未设置专干" if short else "已设置专干")
    return Decision(
        rule="VILLAGE_SPECIALIST_NEEDED",
        outcome={"specialist_needed": needed, "specialist_short": short},
        articles=(VILLAGES, VILLAGE_POLICY),
        reasons=tuple(reasons),
        facts={"on": on, "people_in_village": people_in_village, "specialists": specialists},
        parameters=(use,),
    )


@rule(
    "EVALUATORS_PER_VILLAGE",
    title="每个村（社区）选聘社区矫正评议员",
    statement="每个村（社区）选聘3名社区矫正评议员，开展社区矫正对象遵纪守法、接受监督管理、参加教育学习和社区服务的"
    "社区评议，评议结果反馈司法所作为考核依据。有在矫人员的村（社区）评议员不足规定人数的，列明缺额。",
    articles=(VILLAGES, VILLAGE_POLICY),
    parameters=("VILLAGE_EVALUATORS",),
    examples=(
        Example(
            "在矫4人，评议员1名：缺2名",
            {"on": date(2026, 11, 28), "people_in_village": 4, "evaluators": 1},
            {"evaluators_due": 3, "evaluators_short": 2},
        ),
        Example(
            "在矫1人，评议员3名：不缺",
            {"on": date(2026, 11, 28), "people_in_village": 1, "evaluators": 3},
            {"evaluators_due": 3, "evaluators_short": 0},
        ),
        Example(
            "无在矫人员：不要求",
            {"on": date(2026, 11, 28), "people_in_village": 0, "evaluators": 0},
            {"evaluators_due": 0, "evaluators_short": 0},
        ),
    ),
)
def evaluators_per_village(ctx: Context, *, on: date, people_in_village: int, evaluators: int) -> Decision:
    if people_in_village < 0 or evaluators < 0:
        raise ValueError("counts cannot be negative")
    use = ctx.use("VILLAGE_EVALUATORS", on)
    due = use.value if people_in_village else 0
    short = max(due - evaluators, 0)
    if people_in_village:
        first = f"村（社区）在矫{people_in_village}人，应有评议员{due}名{_version(use)}"
    else:
        first = "村（社区）无在矫人员，不要求评议员"
    last = f"尚缺{short}名" if short else "人数达到要求"
    return Decision(
        rule="EVALUATORS_PER_VILLAGE",
        outcome={"evaluators_due": due, "evaluators_short": short},
        articles=(VILLAGES, VILLAGE_POLICY),
        reasons=(first, f"现有评议员{evaluators}名", last),
        facts={"on": on, "people_in_village": people_in_village, "evaluators": evaluators},
        parameters=(use,),
    )
