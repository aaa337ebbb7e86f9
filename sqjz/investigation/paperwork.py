"""The investigation's documents, built as data for the renderer. Identity numbers are left out of the
content on purpose: it is stored in the case file unencrypted (the person is named with birth date)."""

from datetime import date

from sqjz.documents.rendering import Heading, OfficialDocument, Paragraph, Table
from sqjz.investigation.models import Investigation
from sqjz.organisation.models import Unit
from sqjz.organisation.selectors import county_procuratorate
from sqjz.statute.text import cn_date


def opinion(inv: Investigation, agency: Unit, issued: date) -> OfficialDocument:
    procuratorate = county_procuratorate(inv.judicial_office)
    findings = [
        Paragraph(f"（{n}）{Investigation._meta.get_field(name).verbose_name}：{getattr(inv, name).strip()}")
        for n, name in zip(
            "一二三四五六七",
            (
                "residence_findings",
                "family_and_social_ties",
                "crime_consequences",
                "committee_views",
                "victim_views",
                "social_danger",
                "community_impact",
            ),
            strict=True,
        )
    ]
    interviews = tuple(
        (cn_date(i.interviewed_on), i.get_kind_display(), i.interviewee, i.place) for i in inv.interviews.all()
    )
    conclusion = [
        Paragraph(f"经调查评估，被调查人{inv.name}{inv.get_opinion_display()}。{inv.opinion_reasons.strip()}")
    ]
    if inv.proposed_prohibitions.strip():
        conclusion.append(Paragraph(f"建议禁止的事项：{inv.proposed_prohibitions.strip()}"))
    return OfficialDocument(
        title="调查评估意见书",
        number="",
        recipient=inv.commissioning_body.name,
        blocks=(
            Paragraph(
                f"你单位{inv.commission_number}委托调查评估函及材料于{cn_date(inv.received_on)}收悉。"
                f"依据《中华人民共和国社区矫正法》第十八条、《中华人民共和国社区矫正法实施办法》第十四条，"
                f"{inv.judicial_office.name}对被调查人{inv.name}（{inv.get_gender_display()}，{cn_date(inv.birth_date)}出生，"
                f"居住地址：{inv.residence_address}，涉嫌{inv.crime}，拟适用{inv.get_proposed_correction_type_display()}）"
                f"进行了调查评估。现将有关情况函复如下："
            ),
            Heading("一、调查情况"),
            *findings,
            Heading("二、走访情况"),
            Table((("走访日期", "类别", "被走访人", "地点"), *interviews)),
            Heading("三、评估意见"),
            *conclusion,
            Paragraph("本意见书内容涉及个人信息，请依法保密。"),
        ),
        issuer=agency.name,
        issue_date=issued,
        copy_to=(procuratorate.name,) if procuratorate else (),
        confidential=True,
    )
