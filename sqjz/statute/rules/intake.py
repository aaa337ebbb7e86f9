"""Hand-over and intake (../shared/domain/statute.md §2, §8, §13): which legal documents must arrive, what
the intake announcement must contain and who attends it, and how a correction team must be composed.

Judgement calls:
- *The document list per correction type is the usual practice of the deciding authorities (社区矫正法第二十条
  says only "有关法律文书"); a document missing from the list below can still be recorded as received.
- *An announcement that leaves out one of the six statutory items is incomplete; the officer ticks each one.
"""

from datetime import date

from sqjz.statute.age import AGE_COUNTING, age_on
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule

TYPES = {"control": "管制", "probation": "缓刑", "parole": "假释", "temporary_release": "暂予监外执行"}
HANDOVER_DOCUMENTS = {
    "control": ("起诉书副本", "刑事判决书", "执行通知书", "结案登记表"),
    "probation": ("起诉书副本", "刑事判决书", "执行通知书", "结案登记表"),
    "parole": ("刑事判决书", "假释裁定书", "执行通知书", "罪犯出监鉴定表"),
    "temporary_release": ("刑事判决书", "暂予监外执行决定书", "病情诊断、妊娠检查或生活不能自理鉴别材料", "保证书"),
}
MINOR_EXTRA_DOCUMENT = "未成年人社会调查报告"
TEAM_MEMBER_KINDS = {
    "office": "司法所（社区矫正机构）工作人员",
    "village": "村（居）民委员会人员",
    "family": "监护人、家庭成员",
    "employer": "所在单位或就读学校人员",
    "social_worker": "社会工作者",
    "volunteer": "志愿者",
    "other": "其他人员",
}
LABELS = {
    **TEAM_MEMBER_KINDS,
    "male": "男",
    "female": "女",
    "minor_at_offence": "犯罪时未成年（档案封存）",
    "held_on": "宣告日期",
}


@rule(
    "HANDOVER_DOCUMENTS",
    title="交付接收的法律文书",
    statement="社区矫正决定机关应当自判决、裁定或者决定生效之日起十日内送达有关法律文书，同时抄送人民检察院和执行地公安机关。"
    "社区矫正机构核对法律文书；文书未送达或者不齐全的，先行登记并通知决定机关在五日内送达或者补齐。",
    articles=("社区矫正法第二十条", "社区矫正法第二十二条", "实施办法（交付接收）", "最高法解释第五百八十条"),
    examples=(
        Example(
            "缓刑，文书齐全",
            {
                "correction_type": "probation",
                "received_documents": ["起诉书副本", "刑事判决书", "执行通知书", "结案登记表"],
            },
            (),
        ),
        Example(
            "假释，缺假释裁定书",
            {"correction_type": "parole", "received_documents": ["刑事判决书", "执行通知书", "罪犯出监鉴定表"]},
            ("假释裁定书",),
        ),
        Example(
            "未成年人缓刑，缺社会调查报告",
            {
                "correction_type": "probation",
                "received_documents": ["起诉书副本", "刑事判决书", "执行通知书", "结案登记表"],
                "minor": True,
            },
            ("未成年人社会调查报告",),
        ),
    ),
)
def handover_documents(ctx: Context, *, correction_type: str, received_documents, minor: bool = False) -> Decision:
    """The outcome is the tuple of required documents not yet received (empty when the file is complete)."""
    required = required_documents(correction_type, minor)
    missing = tuple(d for d in required if d not in set(received_documents))
    reasons = [f"{TYPES[correction_type]}应送达：{'、'.join(required)}"]
    reasons.append(f"尚缺：{'、'.join(missing)}" if missing else "法律文书齐全")
    return Decision(
        rule="HANDOVER_DOCUMENTS",
        outcome=missing,
        articles=("社区矫正法第二十条", "实施办法（交付接收）"),
        reasons=tuple(reasons),
        facts={"correction_type": correction_type, "received_documents": tuple(received_documents), "minor": minor},
    )


def required_documents(correction_type: str, minor: bool = False) -> tuple[str, ...]:
    if correction_type not in HANDOVER_DOCUMENTS:
        raise ValueError(f"unknown correction type {correction_type!r}")
    return HANDOVER_DOCUMENTS[correction_type] + ((MINOR_EXTRA_DOCUMENT,) if minor else ())


ANNOUNCEMENT_ITEMS = (
    "判决书、裁定书、决定书、执行通知书等有关法律文书的主要内容",
    "社区矫正期限",
    "社区矫正对象应当遵守的规定、被剥夺或者限制行使的权利、被禁止的事项以及违反规定的法律后果",
    "社区矫正对象依法享有的权利",
    "矫正小组人员组成及职责",
    "其他有关事项",
)


ADULT = {"minor_at_offence": False, "birth_date": date(1990, 5, 17), "held_on": date(2026, 11, 27)}


@rule(
    "INTAKE_ANNOUNCEMENT",
    title="入矫宣告",
    statement="社区矫正机构或者受委托的司法所接收社区矫正对象后，应当组织入矫宣告，矫正小组成员到场。宣告内容：法律文书主要内容；"
    "矫正期限；应当遵守的规定、被剥夺或者限制行使的权利、被禁止的事项及违反规定的法律后果；依法享有的权利；矫正小组人员组成及职责；"
    "其他有关事项。宣告后社区矫正对象签字确认已了解宣告内容。犯罪时未成年的，宣告不公开进行（身份信息保密、档案封存）；"
    "宣告之日未满十八周岁的，其监护人应当到场（周岁从生日的第二天起算）。",
    articles=("社区矫正法第二十二条", "实施办法（入矫宣告）", "社区矫正法第五十四条", "刑事诉讼法第二百八十六条"),
    parameters=("ADULT_AGE",),
    examples=(
        Example(
            "成年人，六项内容齐全、已签字",
            {**ADULT, "items": ANNOUNCEMENT_ITEMS, "public": True, "guardian_present": False, "signed": True},
            (),
        ),
        Example(
            "16周岁，公开宣告、监护人未到场",
            {
                "minor_at_offence": True,
                "birth_date": date(2010, 3, 1),
                "held_on": date(2026, 11, 27),
                "items": ANNOUNCEMENT_ITEMS,
                "public": True,
                "guardian_present": False,
                "signed": True,
            },
            ("犯罪时未成年的社区矫正对象，入矫宣告不得公开进行", "未成年人的入矫宣告应当有监护人到场"),
        ),
        Example(
            "犯罪时17周岁、宣告时已满18周岁：不公开，无需监护人到场",
            {
                "minor_at_offence": True,
                "birth_date": date(2008, 8, 8),
                "held_on": date(2026, 11, 27),
                "items": ANNOUNCEMENT_ITEMS,
                "public": False,
                "guardian_present": False,
                "signed": True,
            },
            (),
        ),
        Example(
            "十八周岁生日当天宣告：仍未满十八周岁，监护人应当到场",
            {
                "minor_at_offence": True,
                "birth_date": date(2008, 11, 27),
                "held_on": date(2026, 11, 27),
                "items": ANNOUNCEMENT_ITEMS,
                "public": False,
                "guardian_present": False,
                "signed": True,
            },
            ("未成年人的入矫宣告应当有监护人到场",),
        ),
        Example(
            "未签字确认",
            {**ADULT, "items": ANNOUNCEMENT_ITEMS, "public": False, "guardian_present": False, "signed": False},
            ("社区矫正对象应当签字确认",),
        ),
    ),
)
def intake_announcement(
    ctx: Context,
    *,
    minor_at_offence: bool,
    birth_date: date,
    held_on: date,
    items,
    public: bool,
    guardian_present: bool,
    signed: bool,
) -> Decision:
    """The outcome is the tuple of problems (empty when the announcement meets the rules). `minor_at_offence` is the
    record's sealed flag (MINOR_RULES_APPLY); whether a guardian attends depends on the age on `held_on`."""
    adult = ctx.use("ADULT_AGE", held_on)
    age = age_on(birth_date, held_on)
    minor_now = age < adult.value
    problems = [f"宣告内容缺少：{item}" for item in ANNOUNCEMENT_ITEMS if item not in set(items)]
    if minor_at_offence and public:
        problems.append("犯罪时未成年的社区矫正对象，入矫宣告不得公开进行")
    if minor_now and not guardian_present:
        problems.append("未成年人的入矫宣告应当有监护人到场")
    if not signed:
        problems.append("社区矫正对象应当签字确认")
    notes = []
    if minor_at_offence:
        notes.append(
            f"宣告之日{age}周岁，" + ("监护人应当到场" if minor_now else f"已满{adult.value}周岁，无监护人到场要求")
        )
    minor_articles = ("社区矫正法第五十四条", "刑事诉讼法第二百八十六条", AGE_COUNTING) if minor_at_offence else ()
    return Decision(
        rule="INTAKE_ANNOUNCEMENT",
        outcome=tuple(problems),
        articles=("社区矫正法第二十二条", "实施办法（入矫宣告）", *minor_articles),
        reasons=tuple(problems) or ("宣告内容和程序符合规定", *notes),
        facts={
            "minor_at_offence": minor_at_offence,
            "birth_date": birth_date,
            "held_on": held_on,
            "public": public,
            "guardian_present": guardian_present,
            "signed": signed,
        },
        parameters=(adult,),
    )


@rule(
    "TEAM_COMPOSITION",
    title="矫正小组的组成",
    statement="社区矫正机构根据需要组织矫正小组，可以由司法所、居民委员会或者村民委员会的人员，社区矫正对象的监护人、家庭成员，"
    "所在单位或者就读学校的人员以及社会工作者、志愿者等组成。社区矫正对象为女性的，矫正小组中应有女性成员；"
    "为未成年人的，应有熟悉青少年成长特点的人员参加。",
    articles=("社区矫正法第二十五条", "社区矫正法第五十二条"),
    examples=(
        Example(
            "男性成年人：司法所、村委会、家属",
            {
                "supervisee_female": False,
                "minor": False,
                "members": [("office", "male", False), ("village", "male", False), ("family", "female", False)],
            },
            (),
        ),
        Example(
            "女性对象，小组无女性",
            {
                "supervisee_female": True,
                "minor": False,
                "members": [("office", "male", False), ("village", "male", False)],
            },
            ("社区矫正对象为女性，矫正小组中应有女性成员",),
        ),
        Example(
            "未成年人，无熟悉青少年特点的人员",
            {
                "supervisee_female": False,
                "minor": True,
                "members": [("office", "female", False), ("family", "male", False)],
            },
            ("社区矫正对象为未成年人，矫正小组中应有熟悉青少年成长特点的人员",),
        ),
        Example(
            "没有司法所工作人员",
            {"supervisee_female": False, "minor": False, "members": [("family", "male", False)]},
            ("矫正小组应有司法所（社区矫正机构）工作人员",),
        ),
    ),
)
def team_composition(ctx: Context, *, supervisee_female: bool, minor: bool, members) -> Decision:
    """`members` are (kind, gender, understands_minors) triples; the outcome is the tuple of problems."""
    kinds = {kind for kind, _, _ in members}
    problems = []
    if "office" not in kinds:
        problems.append("矫正小组应有司法所（社区矫正机构）工作人员")
    if supervisee_female and not any(gender == "female" for _, gender, _ in members):
        problems.append("社区矫正对象为女性，矫正小组中应有女性成员")
    if minor and not any(knows for _, _, knows in members):
        problems.append("社区矫正对象为未成年人，矫正小组中应有熟悉青少年成长特点的人员")
    articles = ("社区矫正法第二十五条",) + (("社区矫正法第五十二条",) if minor else ())
    return Decision(
        rule="TEAM_COMPOSITION",
        outcome=tuple(problems),
        articles=articles,
        reasons=tuple(problems) or (f"矫正小组{len(members)}人，组成符合规定",),
        facts={"supervisee_female": supervisee_female, "minor": minor, "members": tuple(members)},
    )
