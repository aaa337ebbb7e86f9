"""表扬决定书 / 训诫决定书 / 警告决定书, addressed to the person and numbered by the county agency. Identity numbers are
left out (the content is stored unencrypted): the person is named with gender and birth date."""

from datetime import date

from sqjz.documents.rendering import OfficialDocument, Paragraph
from sqjz.enforcement.models import Measure
from sqjz.organisation.models import Unit
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Supervisee

LAW = "《中华人民共和国社区矫正法》"
TITLES = {
    Measure.Kind.COMMENDATION: "表扬决定书",
    Measure.Kind.ADMONITION: "训诫决定书",
    Measure.Kind.WARNING: "警告决定书",
}
CLOSINGS = {
    Measure.Kind.COMMENDATION: "希望你珍惜荣誉，继续认罪悔罪，遵守法律法规，服从监督管理，积极参加教育学习。",
    Measure.Kind.ADMONITION: "你应当认真反省，立即改正。如再次违反监督管理规定，"
    "将依法给予警告直至提请撤销缓刑、假释或者收监执行。",
    Measure.Kind.WARNING: "你应当深刻反省，立即改正。受到两次警告仍不改正的，将依法提请撤销缓刑、假释或者收监执行。",
}


def decision(
    s: Supervisee,
    kind: str,
    facts: list[tuple[date, str]],
    grounds: list[str],
    articles: str,
    agency: Unit,
    issued: date,
) -> OfficialDocument:
    """The decision given to the person: the case, the facts with their dates, the grounds and the articles."""
    what = TITLES[kind].removesuffix("决定书")
    fact_text = "；".join(f"{cn_date(d)}，{text}" for d, text in facts) or "见案卷"
    return OfficialDocument(
        title=TITLES[kind],
        number="",
        recipient=s.name,
        blocks=(
            Paragraph(
                f"社区矫正对象{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生），因犯{s.crime}被判处"
                f"{s.original_sentence}，依法实行社区矫正，矫正类别为{s.get_correction_type_display()}，矫正期限自"
                f"{cn_date(s.term_start)}起至{cn_date(s.term_end)}止。"
            ),
            Paragraph(f"经{s.judicial_office.name}调查核实，你有以下事实：{fact_text}。"),
            Paragraph(f"上述事实属于：{'；'.join(grounds)}。依照{LAW}及{articles}的规定，决定给予你{what}。"),
            Paragraph(CLOSINGS[kind]),
        ),
        issuer=agency.name,
        issue_date=issued,
        confidential=s.is_minor,
    )
