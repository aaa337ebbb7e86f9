"""减刑: when the correction agency proposes a sentence reduction (../shared/domain/statute.md §9.2).

- 社区矫正法第三十三条: a person who meets the conditions of the Criminal Law is proposed by the agency to the
  intermediate or higher people's court of the place of execution, copied to the procuratorate of that level.
- 刑法第七十八条: a person sentenced to 管制 (and so one serving a sentence outside prison, 暂予监外执行, whose time
  counts as execution) *may* be commuted for genuine repentance (确有悔改表现) or a meritorious act (立功), and *must*
  be for a major meritorious act (重大立功).
- 最高法《关于办理减刑、假释案件具体应用法律的规定》第十八条: a probationer (拘役 or up to three years with 缓刑) is
  generally not commuted; only a 重大立功 during the test period allows it (可以, referring to 刑法第七十八条), and the
  test period is shortened to no less than two months (拘役) or one year (有期徒刑).
- 假释: the test period is not the execution of the sentence, so 刑法第七十八条 does not apply (prevailing reading;
  the official text on parolees is not yet checked, statute.md §16).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.rules.discipline import CORRECTION_TYPES
from sqjz.statute.text import cn_date

MERITS = {"repentance": "确有悔改表现", "merit": "立功表现", "major_merit": "重大立功表现"}
SENTENCES = {"detention": "拘役", "fixed_term": "有期徒刑"}
CRIMINAL_LAW = "刑法第七十八条"
PROBATION = "最高法减刑假释规定第十八条"
ADDRESSEE = "社区矫正执行地的中级以上人民法院"
LABELS = {
    "mandatory": "应当减刑",
    "merit": "悔改或立功表现",
    "sentence": "缓刑所附原判刑罚",
    "new_term_end": "减刑后的期满日",
    "earliest": "最早期满日",
    **MERITS,
    **SENTENCES,
}


@dataclass(frozen=True)
class Commutation:
    available: bool
    mandatory: bool = False
    addressee: str | None = None


@rule(
    "COMMUTATION_GROUNDS",
    title="提请减刑的情形",
    statement="管制、暂予监外执行对象在执行期间确有悔改表现或者有立功表现的，可以减刑；有重大立功表现的，应当减刑。"
    "缓刑对象一般不适用减刑，在缓刑考验期内有重大立功表现的，可以参照刑法第七十八条减刑，同时缩减缓刑考验期"
    "（拘役不少于二个月，有期徒刑不少于一年）。假释考验期内不适用减刑。减刑建议向社区矫正执行地的中级以上人民法院"
    "提出，抄送同级人民检察院。",
    articles=("社区矫正法第三十三条", CRIMINAL_LAW, PROBATION),
    parameters=("PROBATION_MIN_TEST_AFTER_COMMUTATION",),
    examples=(
        Example(
            "管制对象确有悔改表现",
            {"today": date(2026, 6, 1), "correction_type": "control", "merit": "repentance"},
            Commutation(True, False, ADDRESSEE),
        ),
        Example(
            "暂予监外执行对象有重大立功表现",
            {"today": date(2026, 6, 1), "correction_type": "temporary_release", "merit": "major_merit"},
            Commutation(True, True, ADDRESSEE),
        ),
        Example(
            "缓刑对象有立功表现（非重大立功）",
            {"today": date(2026, 6, 1), "correction_type": "probation", "merit": "merit"},
            Commutation(False),
        ),
        Example(
            "缓刑对象（有期徒刑）有重大立功表现",
            {
                "today": date(2026, 6, 1),
                "correction_type": "probation",
                "merit": "major_merit",
                "sentence": "fixed_term",
            },
            Commutation(True, False, ADDRESSEE),
        ),
        Example(
            "假释对象有重大立功表现",
            {"today": date(2026, 6, 1), "correction_type": "parole", "merit": "major_merit"},
            Commutation(False),
        ),
        Example(
            "管制对象无悔改或立功表现",
            {"today": date(2026, 6, 1), "correction_type": "control", "merit": None},
            Commutation(False),
        ),
    ),
)
def commutation_grounds(
    ctx: Context, *, correction_type: str, today: date, merit: str | None, sentence: str | None = None
) -> Decision:
    """`merit`: the strongest of 确有悔改表现 / 立功 / 重大立功 the county agency found, or None; `sentence`: for a
    probationer, whether the suspended sentence is 拘役 or 有期徒刑 (how far the test period may be shortened)."""
    if correction_type not in CORRECTION_TYPES:
        raise ValueError(f"unknown correction type {correction_type!r}")
    if merit is not None and merit not in MERITS:
        raise ValueError(f"unknown merit {merit!r}")
    if sentence is not None and sentence not in SENTENCES:
        raise ValueError(f"unknown sentence {sentence!r}")
    type_name = CORRECTION_TYPES[correction_type]
    facts = {"correction_type": correction_type, "today": today, "merit": merit, "sentence": sentence}
    found = f"经查有{MERITS[merit]}" if merit else "未查实确有悔改表现或者立功表现"
    uses = ()
    if correction_type == "parole":
        outcome, articles = Commutation(False), (CRIMINAL_LAW,)
        reasons = (found, f"{CRIMINAL_LAW}的减刑适用于刑罚执行期间；假释考验期内不适用减刑")
    elif correction_type == "probation":
        articles = (PROBATION, CRIMINAL_LAW, "社区矫正法第三十三条")
        if merit == "major_merit":
            minimum = ctx.use("PROBATION_MIN_TEST_AFTER_COMMUTATION", today)
            uses = (minimum,)
            limits = "，".join(
                f"{SENTENCES[key]}的不少于{months}个月" for key, months in minimum.value.items() if key in SENTENCES
            )
            outcome = Commutation(True, False, ADDRESSEE)
            reasons = (
                found,
                f"缓刑考验期内有重大立功表现的，可以参照{CRIMINAL_LAW}减刑（{PROBATION}）",
                f"减刑的同时缩减缓刑考验期：{limits}",
                f"向{ADDRESSEE}提出减刑建议，抄送同级人民检察院（社区矫正法第三十三条）",
            )
        else:
            outcome = Commutation(False)
            reasons = (
                found,
                f"被宣告缓刑的罪犯一般不适用减刑，只有在缓刑考验期内有重大立功表现的才可以减刑（{PROBATION}）",
            )
    else:
        articles = (CRIMINAL_LAW, "社区矫正法第三十三条")
        if merit is None:
            outcome = Commutation(False)
            reasons = (found, f"{type_name}对象确有悔改表现或者有立功表现的，才可以减刑（{CRIMINAL_LAW}）")
        else:
            mandatory = merit == "major_merit"
            outcome = Commutation(True, mandatory, ADDRESSEE)
            reasons = (
                found,
                f"{type_name}对象在执行期间{MERITS[merit]}，{'应当' if mandatory else '可以'}减刑（{CRIMINAL_LAW}）",
                f"向{ADDRESSEE}提出减刑建议，抄送同级人民检察院（社区矫正法第三十三条）",
            )
    return Decision(
        rule="COMMUTATION_GROUNDS", outcome=outcome, articles=articles, reasons=reasons, facts=facts, parameters=uses
    )


@dataclass(frozen=True)
class CommutedTerm:
    allowed: bool
    earliest: date | None = None  # the earliest end a probationer's shortened test period may have


@rule(
    "COMMUTED_TERM_END",
    title="减刑后的矫正期满日",
    statement="人民法院裁定减刑的，矫正期限相应缩短：减刑后的期满日应早于原期满日、晚于矫正起始日。缓刑对象减刑的，"
    "缩减后的缓刑考验期限拘役不少于二个月，有期徒刑不少于一年。",
    articles=(CRIMINAL_LAW, PROBATION),
    parameters=("PROBATION_MIN_TEST_AFTER_COMMUTATION",),
    examples=(
        Example(
            "缓刑（有期徒刑）考验期缩减为一年",
            {
                "correction_type": "probation",
                "term_start": date(2025, 6, 1),
                "term_end": date(2027, 5, 31),
                "new_term_end": date(2026, 5, 31),
                "sentence": "fixed_term",
            },
            CommutedTerm(True, date(2026, 5, 31)),
        ),
        Example(
            "缓刑（有期徒刑）考验期缩减至不足一年",
            {
                "correction_type": "probation",
                "term_start": date(2025, 6, 1),
                "term_end": date(2027, 5, 31),
                "new_term_end": date(2026, 5, 30),
                "sentence": "fixed_term",
            },
            CommutedTerm(False, date(2026, 5, 31)),
        ),
        Example(
            "管制减刑三个月",
            {
                "correction_type": "control",
                "term_start": date(2026, 1, 1),
                "term_end": date(2027, 12, 31),
                "new_term_end": date(2027, 9, 30),
            },
            CommutedTerm(True, None),
        ),
        Example(
            "期满日未提前",
            {
                "correction_type": "temporary_release",
                "term_start": date(2026, 1, 1),
                "term_end": date(2027, 12, 31),
                "new_term_end": date(2027, 12, 31),
            },
            CommutedTerm(False, None),
        ),
    ),
)
def commuted_term_end(
    ctx: Context,
    *,
    correction_type: str,
    term_start: date,
    term_end: date,
    new_term_end: date,
    sentence: str | None = None,
) -> Decision:
    """Whether the term end a commutation ruling gives fits the law: earlier than the old end, later than the start,
    and for a probationer no shorter a test period than the floor for the suspended sentence (`sentence`, or the
    lower floor when it is not known)."""
    if correction_type not in CORRECTION_TYPES:
        raise ValueError(f"unknown correction type {correction_type!r}")
    if sentence is not None and sentence not in SENTENCES:
        raise ValueError(f"unknown sentence {sentence!r}")
    facts = {
        "correction_type": correction_type,
        "term_start": term_start,
        "term_end": term_end,
        "new_term_end": new_term_end,
        "sentence": sentence,
    }
    reasons = [f"原矫正期限自{cn_date(term_start)}起至{cn_date(term_end)}止，减刑后的期满日为{cn_date(new_term_end)}"]
    allowed = term_start < new_term_end < term_end
    if new_term_end >= term_end:
        reasons.append("减刑后的期满日应早于原期满日")
    elif new_term_end <= term_start:
        reasons.append("减刑后的期满日应晚于矫正起始日")
    earliest, uses, articles = None, (), (CRIMINAL_LAW,)
    if correction_type == "probation":
        minimum = ctx.use("PROBATION_MIN_TEST_AFTER_COMMUTATION", new_term_end)
        uses, articles = (minimum,), (PROBATION, CRIMINAL_LAW)
        months = minimum.value[sentence] if sentence else min(minimum.value.values())
        earliest = add_months(term_start, months) - timedelta(days=1)
        kind = SENTENCES[sentence] if sentence else "拘役或有期徒刑（原判刑罚未能识别，按较短的下限）"
        reasons.append(f"{kind}的缓刑考验期缩减后不少于{months}个月，期满日不早于{cn_date(earliest)}")
        if new_term_end < earliest:
            allowed = False
    reasons.append("符合法律规定" if allowed else "不符合法律规定，请核对减刑裁定书")
    return Decision(
        rule="COMMUTED_TERM_END",
        outcome=CommutedTerm(allowed, earliest),
        articles=articles,
        reasons=tuple(reasons),
        facts=facts,
        parameters=uses,
    )
