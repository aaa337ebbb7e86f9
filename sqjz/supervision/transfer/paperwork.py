"""The notice of a change of the place of execution (变更执行地决定通知书, 社区矫正法第二十七条, 实施办法第三十一条):
to the receiving county agency, copied to the deciding authority, the procuratorates and public-security bureaus of
both counties. Identity numbers are left out, as in the other documents of the case file."""

from datetime import date

from sqjz.documents.models import Document
from sqjz.documents.rendering import OfficialDocument, Paragraph
from sqjz.organisation.models import Unit
from sqjz.statute.text import cn_date
from sqjz.supervision.transfer.models import ResidenceTransfer


def transfer_notice(
    t: ResidenceTransfer, agency: Unit, receiving: str, issued: date, report_by: date, copy_to: tuple[str, ...]
) -> OfficialDocument:
    s = t.supervisee
    return OfficialDocument(
        title=Document.Kind.TRANSFER_NOTICE.label,
        number="",
        recipient=receiving,
        blocks=(
            Paragraph(
                f"社区矫正对象{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生），因犯{s.crime}被判处"
                f"{s.original_sentence}，矫正类别为{s.get_correction_type_display()}，矫正期限自{cn_date(s.term_start)}起至"
                f"{cn_date(s.term_end)}止，原由{t.from_office.name}负责日常管理。"
            ),
            Paragraph(
                f"该社区矫正对象于{cn_date(t.applied_on)}申请变更执行地，理由：{t.reason}。新居住地址：{t.new_address}。"
                f"经书面征求意见，{receiving}于{cn_date(t.replied_on)}回复同意接收。"
            ),
            Paragraph(
                f"依照《中华人民共和国社区矫正法》第二十七条和《社区矫正法实施办法》第三十条、第三十一条的规定，我局决定"
                f"同意其执行地变更为{t.destination}。有关法律文书和矫正档案随本通知移交，请于收到后五日内送达回执，并抄送"
                f"你县（市、区）人民检察院、公安机关。"
            ),
            Paragraph(
                f"已书面告知该社区矫正对象应当于{cn_date(report_by)}前到{t.destination}报到，逾期未报到的将依法处理；"
                "未按期报到的，请立即通知我局。"
            ),
        ),
        issuer=agency.name,
        issue_date=issued,
        copy_to=copy_to,
        confidential=True,
    )
