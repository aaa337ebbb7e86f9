"""Placement bases and enterprises (过渡性安置基地, 企业帮扶; 玉溪市实施意见三(三)3, requirement AID-9): who may be
placed in a transitional placement base, whether a base has room, and which kinds of assistance case an enterprise's
offer fits.

The city's policy: enterprises help people under correction back into society by donating goods, offering jobs,
skills training and professional services; transitional placement entities or bases are set up "重点解决无家可归、无亲
可投、无业可就的“三无”社区矫正对象的就业安置"; people under correction who can are encouraged to found placement bases
and take on others. The law encourages enterprises to offer jobs and skills training (社区矫正法第四十一条) and lets the
agency arrange training and job guidance for those who find work hard (第三十七条).

Judgement calls (*):
- *A placement base takes "three-no" people (三无): the person is placed only when all three hold. Others who need a
  job or training are matched to enterprises' offers through their assistance cases.
- *No home (无家可归) and no job (无业可就) are the findings of the person's standing needs assessment: no stable
  housing; out of work or unable to work (not employed, not in school). No family to turn to (无亲可投) is the
  officer's finding at the placement (the needs assessment does not record it).
- *A placement occupies its base from the day the person moves in until the day they leave (that day not counted);
  until it is ended, it occupies the base whatever its planned end (a person who stays on still has the bed). A base is
  full on a day when as many placements occupy it as it has places; a new placement needs a free place on every day
  from its first, as far as the other placements are known.
- *An offer fits the cases of the kinds it helps with (OFFER_FITS): a job the job-referral cases, training the
  vocational-training ones, a donation the relief ones (临时救助, 低保), a professional service legal aid and start-up
  help.
"""

from collections.abc import Iterable
from datetime import date

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.rules.assistance import WORK
from sqjz.statute.text import cn_date

POLICY = "玉溪市实施意见三(三)3"
TRAINING_ARTICLE = "社区矫正法第三十七条"
ENTERPRISES_ARTICLE = "社区矫正法第四十一条"

NO_JOB = ("unemployed", "unable")  # 无业可就: out of work or unable to work

# An enterprise's offer → the kinds of assistance case it may be matched to (ASSISTANCE_ELIGIBILITY's kinds).
OFFER_FITS: dict[str, tuple[str, ...]] = {
    "job": ("job_referral",),
    "training": ("vocational_training",),
    "donation": ("temporary_relief", "minimum_living"),
    "service": ("legal_aid", "startup_support"),
}
OFFER_KINDS = {"job": "工作岗位", "training": "技能培训", "donation": "捐赠物资", "service": "专业服务"}

LABELS = {
    **OFFER_KINDS,
    "stable_housing": "有固定住所",
    "family_to_turn_to": "有亲可投",
    "capacity": "基地容量（人）",
    "placed_on": "入住日期",
    "stays": "在住及曾住人员（入住日，离开日）",
}


@rule(
    "THREE_NO_PERSON",
    title="“三无”社区矫正对象的过渡性安置",
    statement="过渡性安置基地重点解决无家可归、无亲可投、无业可就的“三无”社区矫正对象的就业安置。按现行帮扶需求评估，无固定"
    "住所、无业（失业或无劳动能力），且经核实无亲可投的，为“三无”人员，可以安置；三项有一项不符合的，不予安置，可通过帮扶"
    "个案和企业提供的岗位、培训等给予帮扶。",
    articles=(POLICY, TRAINING_ARTICLE, ENTERPRISES_ARTICLE),
    examples=(
        Example(
            "无固定住所、失业、无亲可投",
            {"stable_housing": False, "work": "unemployed", "family_to_turn_to": False},
            True,
        ),
        Example(
            "无固定住所、无劳动能力、无亲可投",
            {"stable_housing": False, "work": "unable", "family_to_turn_to": False},
            True,
        ),
        Example(
            "无固定住所、失业，但有亲属可以投靠",
            {"stable_housing": False, "work": "unemployed", "family_to_turn_to": True},
            False,
        ),
        Example(
            "有固定住所、失业、无亲可投",
            {"stable_housing": True, "work": "unemployed", "family_to_turn_to": False},
            False,
        ),
        Example(
            "无固定住所、在业、无亲可投",
            {"stable_housing": False, "work": "employed", "family_to_turn_to": False},
            False,
        ),
    ),
)
def three_no_person(
    ctx: Context, *, stable_housing: bool, work: str, family_to_turn_to: bool, assessed_on: date | None = None
) -> Decision:
    """Whether the person is "three-no" and may be placed; one reason a condition, then the conclusion."""
    if work not in WORK:
        raise ValueError(f"unknown work status {work!r}")
    source = f"按{cn_date(assessed_on)}的帮扶需求评估，" if assessed_on else "按帮扶需求评估，"
    homeless, jobless, alone = not stable_housing, work in NO_JOB, not family_to_turn_to
    reasons = (
        f"无家可归：{source}{'无固定住所' if homeless else '有固定住所，不符合'}",
        f"无业可就：{source}{WORK[work]}{'' if jobless else '，不符合'}",
        f"无亲可投：{'经核实无亲属可以投靠' if alone else '有亲属可以投靠，不符合'}",
        "为“三无”社区矫正对象，可以过渡性安置"
        if homeless and jobless and alone
        else "不是“三无”社区矫正对象，不予安置，可通过帮扶个案和企业帮扶给予帮助",
    )
    facts = {"stable_housing": stable_housing, "work": work, "family_to_turn_to": family_to_turn_to}
    if assessed_on:
        facts["assessed_on"] = assessed_on
    return Decision(
        rule="THREE_NO_PERSON",
        outcome=homeless and jobless and alone,
        articles=(POLICY, TRAINING_ARTICLE, ENTERPRISES_ARTICLE),
        reasons=reasons,
        facts=facts,
    )


Stay = tuple[date, date | None]  # (moved in, left; None while staying)


def occupies(stay: Stay, day: date) -> bool:
    """Whether a placement occupies its base on `day`: from the day the person moved in, until the day they left (that
    day not counted)."""
    start, end = stay
    return start <= day and (end is None or end > day)


def occupancy(stays: Iterable[Stay], day: date) -> int:
    return sum(1 for stay in stays if occupies(stay, day))


@rule(
    "PLACEMENT_CAPACITY",
    title="安置基地容量",
    statement="过渡性安置基地按其容量接收社区矫正对象。当日在住人数（已入住、尚未离开的，离开当日不计）达到容量的，基地已满，"
    "不再安置；补登以前入住的，自入住之日起每一日均须有空位。",
    articles=(POLICY,),
    examples=(
        Example(
            "容量2人，1人在住",
            {"capacity": 2, "placed_on": date(2026, 11, 28), "stays": [(date(2026, 10, 1), None)]},
            True,
        ),
        Example(
            "容量2人，2人在住：已满",
            {
                "capacity": 2,
                "placed_on": date(2026, 11, 28),
                "stays": [(date(2026, 10, 1), None), (date(2026, 11, 1), None)],
            },
            False,
        ),
        Example(
            "容量1人，原住人员当日离开",
            {"capacity": 1, "placed_on": date(2026, 11, 28), "stays": [(date(2026, 10, 1), date(2026, 11, 28))]},
            True,
        ),
        Example(
            "容量1人，补登11月1日入住，而11月20日起已有他人入住",
            {"capacity": 1, "placed_on": date(2026, 11, 1), "stays": [(date(2026, 11, 20), None)]},
            False,
        ),
    ),
)
def placement_capacity(ctx: Context, *, capacity: int, placed_on: date, stays: list[Stay]) -> Decision:
    """Whether the base has a free place on every day from `placed_on` on, given the other placements (`stays`)."""
    if capacity < 1:
        raise ValueError("a base has at least one place")
    days = sorted({placed_on, *(start for start, _ in stays if start > placed_on)})
    counts = [(occupancy(stays, day), day) for day in days]
    peak = max(count for count, _ in counts)
    peak_day = next(day for count, day in counts if count == peak)  # the first day it is reached
    allowed = peak < capacity
    when = "入住当日" if peak_day == placed_on else cn_date(peak_day)
    reasons = (
        f"基地容量{capacity}人；{cn_date(placed_on)}起在住人数最多{peak}人（{when}）",
        f"尚有{capacity - peak}个空位，可以安置" if allowed else "基地已满，不能安置",
    )
    return Decision(
        rule="PLACEMENT_CAPACITY",
        outcome=allowed,
        articles=(POLICY,),
        reasons=reasons,
        facts={"capacity": capacity, "placed_on": placed_on, "stays": list(stays)},
    )
