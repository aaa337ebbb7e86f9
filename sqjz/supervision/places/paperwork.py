"""The notice telling the county procuratorate of an approval to enter a place, contact a person or receive visitors
under a prohibition order (进入特定区域、场所审批情况告知函)."""

from datetime import date

from django.utils import timezone

from sqjz.documents.models import Document
from sqjz.documents.rendering import OfficialDocument, Paragraph
from sqjz.statute.decision import Decision
from sqjz.statute.text import cn_date, cn_datetime
from sqjz.supervision.places.models import SpecialPlaceEntry

TITLE = Document.Kind.SPECIAL_PLACE_ENTRY_NOTICE.label


def entry_notice(
    entry: SpecialPlaceEntry, *, approver: Decision, agency_name: str, procuratorate: str, issued: date
) -> OfficialDocument:
    s, order = entry.supervisee, entry.order
    window = f"{cn_datetime(timezone.localtime(entry.window_from))}至{cn_datetime(timezone.localtime(entry.window_to))}"
    blocks = (
        Paragraph(
            f"社区矫正对象{s.name}，矫正类别为{s.get_correction_type_display()}，矫正期限自{cn_date(s.term_start)}"
            f"起至{cn_date(s.term_end)}止，由{s.judicial_office.name}负责日常管理。人民法院对其宣告禁止令："
            f"{order.get_kind_display()}（{order.content}），期限自{cn_date(order.start_date)}起至"
            f"{cn_date(order.end_date)}止。"
        ),
        Paragraph(
            f"该对象于{cn_date(entry.applied_on)}申请{entry.get_kind_display()}：{entry.place}，时间为{window}，"
            f"理由：{entry.reason}"
        ),
        Paragraph(f"经审查，本机关于{cn_date(issued)}决定予以批准。审批意见：{entry.decision_reason}"),
        Paragraph(
            f"依据{'、'.join(approver.articles)}的规定，特此告知。本机关将在批准的时间内通过信息化核查等方式"
            "掌握其活动情况，超出批准的时间、场所或者人员的，依法处理。"
        ),
    )
    return OfficialDocument(
        title=TITLE,
        number="",
        recipient=procuratorate,
        blocks=blocks,
        issuer=agency_name,
        issue_date=issued,
        confidential=True,
    )
