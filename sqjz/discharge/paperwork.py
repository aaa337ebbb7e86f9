"""The documents of discharge and termination, built as data for the renderer.

Identity numbers are left out of the content on purpose: it is stored in the case file unencrypted, so
the person is named with gender and birth date instead.
"""

from datetime import date

from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.documents.rendering import Heading, OfficialDocument, Paragraph
from sqjz.organisation.models import Unit
from sqjz.organisation.selectors import county_procuratorate, county_public_security
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.age import is_minor_on
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import CorrectionType, Supervisee

LAW = "《中华人民共和国社区矫正法》"
CRIMINAL_LAW = "《中华人民共和国刑法》"

# What the end of the term means for each correction type (刑法第四十、七十六、八十五条; 实施办法 解除矫正).
TERM_END_EFFECT = {
    CorrectionType.CONTROL: f"依照{CRIMINAL_LAW}第四十条的规定，解除管制。",
    CorrectionType.PROBATION: f"依照{CRIMINAL_LAW}第七十六条的规定，原判刑罚不再执行。",
    CorrectionType.PAROLE: f"依照{CRIMINAL_LAW}第八十五条的规定，视为原判刑罚已经执行完毕。",
    CorrectionType.TEMPORARY_RELEASE: "暂予监外执行期限届满。",
}


def notice_copies(office: Unit) -> tuple[str, ...] | None:
    """The county procuratorate and public-security bureau, or None if either is missing from the tree."""
    units = (county_procuratorate(office), county_public_security(office))
    return None if None in units else tuple(u.name for u in units if u)


def _person(s: Supervisee) -> str:
    return f"{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生）"


def _case(s: Supervisee, *, addressed_to_authority: bool) -> str:
    """The case in one sentence: crime, sentence, decision, correction type and term."""
    authority = "你单位" if addressed_to_authority else s.deciding_authority.name
    return (
        f"因犯{s.crime}被判处{s.original_sentence}，{authority}作出的判决（裁定、决定）于{cn_date(s.judgment_effective_date)}生效，"
        f"依法实行社区矫正，矫正类别为{s.get_correction_type_display()}，"
        f"矫正期限自{cn_date(s.term_start)}起至{cn_date(s.term_end)}止，由{s.judicial_office.name}负责日常管理。"
    )


def _ending(s: Supervisee, d: Discharge, *, subject: str) -> str:
    """Why and from when the correction is released, and (at the end of the term) what that means."""
    if d.cause == Discharge.Cause.AMNESTY:
        return (
            f"依照{d.amnesty_basis}，{subject}被赦免。依照{LAW}第四十四条的规定，"
            f"{subject}自{cn_date(d.discharged_on)}起解除社区矫正。"
        )
    return (
        f"{subject}的社区矫正期限已于{cn_date(s.term_end)}届满。依照{LAW}第四十四条的规定，"
        f"{subject}自{cn_date(d.discharged_on)}起解除社区矫正。{TERM_END_EFFECT[s.correction_type]}"
    )


def certificate(s: Supervisee, d: Discharge, agency: Unit, issued: date) -> OfficialDocument:
    """解除社区矫正证明书, given to the person."""
    return OfficialDocument(
        title="解除社区矫正证明书",
        number="",
        recipient=s.name,
        blocks=(
            Paragraph(f"你{_case(s, addressed_to_authority=False)}"),
            Paragraph(_ending(s, d, subject="你")),
            Paragraph("特此证明。"),
        ),
        issuer=agency.name,
        issue_date=issued,
        confidential=s.is_minor,
    )


def announcement(s: Supervisee, d: Discharge, ev: DischargeEvaluation, agency: Unit, issued: date) -> OfficialDocument:
    """解除社区矫正宣告书, read at the release announcement: the evaluation, the end of the term, and what
    the end of the term means for the correction type."""
    blocks = [
        Paragraph(f"社区矫正对象{_person(s)}，{_case(s, addressed_to_authority=False)}"),
        Heading("一、矫正期间表现鉴定"),
        Paragraph(f"（一）矫正期间表现：{ev.performance.strip()}"),
        Paragraph(f"（二）考核奖惩情况：{ev.assessment_summary.strip()}"),
        Paragraph(f"（三）社区意见：{ev.community_views.strip()}"),
        Heading("二、宣告"),
        Paragraph(_ending(s, d, subject=s.name)),
    ]
    if s.is_minor:  # offended as a minor: sealed, never public; the guardian only for a person under 18 that day
        guardian = (
            "社区矫正对象的监护人到场。"
            if d.guardian_present and is_minor_on(statute_context(), birth_date=s.birth_date, on=d.announced_on)
            else ""
        )
        blocks.append(Paragraph(f"本宣告不公开进行，{guardian}宣告内容涉及未成年人身份信息，依法保密。"))
    return OfficialDocument(
        title="解除社区矫正宣告书",
        number="",
        recipient="",
        blocks=tuple(blocks),
        issuer=agency.name,
        issue_date=issued,
        confidential=s.is_minor,
    )


def discharge_notice(
    s: Supervisee, d: Discharge, agency: Unit, issued: date, copy_to: tuple[str, ...]
) -> OfficialDocument:
    """解除社区矫正通知书 to the deciding authority, copied to the county procuratorate and police."""
    return OfficialDocument(
        title="解除社区矫正通知书",
        number="",
        recipient=s.deciding_authority.name,
        blocks=(
            Paragraph(f"社区矫正对象{_person(s)}，{_case(s, addressed_to_authority=True)}"),
            Paragraph(f"{_ending(s, d, subject='该社区矫正对象')}本机关已向其发放解除社区矫正证明书。"),
            Paragraph(f"该社区矫正对象已于{cn_date(d.handed_over_on)}移交{d.resettlement_body}，纳入安置帮教。"),
            Paragraph("特此通知。"),
        ),
        issuer=agency.name,
        issue_date=issued,
        copy_to=copy_to,
        confidential=True,
    )


def _termination_reason(t: Termination) -> str:
    on = cn_date(t.terminated_on)
    if t.cause == Termination.Cause.DEATH:
        return f"该社区矫正对象于{on}死亡（依据：{t.basis}）。依照{LAW}第四十五条、第五十一条的规定，其社区矫正终止。"
    measure = {
        Termination.Cause.PROBATION_REVOKED: "撤销缓刑",
        Termination.Cause.PAROLE_REVOKED: "撤销假释",
        Termination.Cause.COMMITTAL: "收监执行",
    }[t.cause]
    return f"依照{t.basis}，对该社区矫正对象{measure}，于{on}生效。依照{LAW}第四十五条的规定，其社区矫正自{on}起终止。"


def termination_notice(
    s: Supervisee, t: Termination, agency: Unit, issued: date, copy_to: tuple[str, ...]
) -> OfficialDocument:
    """终止社区矫正通知书 to the deciding authority, copied to the county procuratorate and police."""
    blocks = [
        Paragraph(f"社区矫正对象{_person(s)}，{_case(s, addressed_to_authority=True)}"),
        Paragraph(_termination_reason(t)),
    ]
    if t.note.strip():
        blocks.append(Paragraph(f"说明：{t.note.strip()}"))
    blocks.append(Paragraph("特此通知。"))
    return OfficialDocument(
        title="终止社区矫正通知书",
        number="",
        recipient=s.deciding_authority.name,
        blocks=tuple(blocks),
        issuer=agency.name,
        issue_date=issued,
        copy_to=copy_to,
        confidential=True,
    )
