"""The proposals' documents, built as data for the renderer: 治安管理处罚建议书, 撤销缓刑建议书, 撤销假释建议书,
收监执行建议书, 提请逮捕建议书 and 减刑建议书, each to the receiving body and copied to the county procuratorate
(社区矫正法第三十三条、第四十六条、第四十九条; discharge.paperwork.notice_copies). Identity numbers are left out, as
in the other documents of the case file."""

from datetime import date

from sqjz.documents.models import Document
from sqjz.documents.rendering import Heading, OfficialDocument, Paragraph, Table
from sqjz.organisation.models import Unit
from sqjz.proposals.models import Proposal
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Supervisee

K = Proposal.Kind
DOCUMENT_KINDS = {
    K.POLICE_PENALTY: Document.Kind.POLICE_PENALTY_PROPOSAL,
    K.PROBATION_REVOCATION: Document.Kind.PROBATION_REVOCATION_PROPOSAL,
    K.PAROLE_REVOCATION: Document.Kind.PAROLE_REVOCATION_PROPOSAL,
    K.COMMITTAL: Document.Kind.COMMITTAL_PROPOSAL,
    K.COMMUTATION: Document.Kind.COMMUTATION_PROPOSAL,
}
ASKS = {
    K.POLICE_PENALTY: "建议你局依法给予治安管理处罚",
    K.PROBATION_REVOCATION: "建议你院依法撤销缓刑，执行原判刑罚",
    K.PAROLE_REVOCATION: "建议你院依法撤销假释，收监执行未执行完毕的刑罚",
    K.COMMITTAL: "建议你单位依法对其收监执行",
    K.COMMUTATION: "建议你院依法予以减刑",
}


def _person(s: Supervisee) -> str:
    return (
        f"社区矫正对象{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生），因犯{s.crime}被判处"
        f"{s.original_sentence}，{s.deciding_authority.name}作出的判决（裁定、决定）于{cn_date(s.judgment_effective_date)}"
        f"生效，矫正类别为{s.get_correction_type_display()}，矫正期限自{cn_date(s.term_start)}起至{cn_date(s.term_end)}止，"
        f"由{s.judicial_office.name}负责日常管理。"
    )


def _evidence_table(p: Proposal) -> Table:
    rows = [("日期", "来源", "内容")]
    rows += [(cn_date(day), source, text) for day, source, text in p.evidence_rows]
    return Table(tuple(rows))


def proposal_document(p: Proposal, agency: Unit, issued: date, copy_to: tuple[str, ...]) -> OfficialDocument:
    s = p.supervisee
    title = Document.Kind(DOCUMENT_KINDS[p.kind]).label
    blocks = [
        Paragraph(_person(s)),
        Heading("一、事实和理由"),
        Paragraph(p.statement),
        Paragraph(f"经审查，{p.grounds_reasons.replace('；', '；')}。"),
        Paragraph(f"依据：{p.grounds_articles}。"),
    ]
    if p.resolution:
        blocks.append(Paragraph(f"本案经社区矫正审核委员会评议：{p.resolution}"))
    blocks += [Heading("二、证据材料"), _evidence_table(p) if p.evidence else Paragraph("（无）")]
    blocks.append(Paragraph(f"{ASKS[p.kind]}。请将决定（裁定）书送达我局，并抄送同级人民检察院。"))
    return OfficialDocument(
        title=title,
        number="",
        recipient=p.addressee.name,
        blocks=tuple(blocks),
        issuer=agency.name,
        issue_date=issued,
        copy_to=copy_to,
        confidential=True,
    )


def arrest_document(p: Proposal, agency: Unit, issued: date, copy_to: tuple[str, ...]) -> OfficialDocument:
    s = p.supervisee
    return OfficialDocument(
        title=Document.Kind.ARREST_REQUEST.label,
        number="",
        recipient=p.addressee.name,
        blocks=(
            Paragraph(_person(s)),
            Paragraph(
                f"我局已于{cn_date(issued)}向你院提出{p.get_kind_display().removeprefix('提请')}建议。"
                "该社区矫正对象可能逃跑或者可能发生社会危险，依照《中华人民共和国社区矫正法》第四十七条的规定，"
                "提请你院在作出裁定前决定对其予以逮捕。人民法院应当在四十八小时内作出是否逮捕的决定。"
            ),
        ),
        issuer=agency.name,
        issue_date=issued,
        copy_to=copy_to,
        confidential=True,
    )
