"""The lost-contact notice (社区矫正对象失联情况通报), built as data for the renderer: to the county public-security
bureau, copied to the county procuratorate (实施办法第三十八条: 查找不到的及时通报公安机关，并将查找情况报告人民检察院).
Identity numbers are left out, as in every document kept unencrypted in the case file."""

from datetime import date

from django.utils import timezone

from sqjz.documents.rendering import OfficialDocument, Paragraph
from sqjz.lostcontact.models import LostContact, SearchAttempt
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Supervisee

TITLE = "社区矫正对象失联情况通报"


def lost_contact_notice(
    s: Supervisee,
    case: LostContact,
    attempts: list[SearchAttempt],
    *,
    days: int,
    agency_name: str,
    police: str,
    procuratorate: str,
    note: str,
    issued: date,
) -> OfficialDocument:
    blocks = [
        Paragraph(
            f"社区矫正对象{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生），"
            f"矫正类别为{s.get_correction_type_display()}，矫正期限自{cn_date(s.term_start)}起至{cn_date(s.term_end)}止，"
            f"由{s.judicial_office.name}负责日常管理。该对象自{cn_date(case.since)}后失去联系，"
            f"至{cn_date(issued)}已{days}日。本机关已于{cn_date(case.opened_on)}组织查找。"
        )
    ]
    if attempts:
        lines = "；".join(
            f"{cn_date(timezone.localdate(a.attempted_at))}{a.get_method_display()}（{a.contacted}）：{a.result}"
            for a in attempts[-10:]
        )
        blocks.append(Paragraph(f"查找情况：{lines}。"))
    else:
        blocks.append(Paragraph("查找情况：已通过电话、走访等方式查找，未能查找到本人。"))
    if note.strip():
        blocks.append(Paragraph(f"说明：{note.strip()}"))
    blocks.append(
        Paragraph(
            "经查找仍下落不明。依据《中华人民共和国社区矫正法》第三十条和《中华人民共和国社区矫正法实施办法》"
            "第三十八条的规定，特此通报，请协助查找；查找情况同时报告"
            f"{procuratorate}。"
        )
    )
    return OfficialDocument(
        title=TITLE,
        number="",
        recipient=police,
        blocks=tuple(blocks),
        issuer=agency_name,
        issue_date=issued,
        copy_to=(procuratorate,),
        confidential=True,
    )
