"""Every kind of document the system issues, built by its own builder from realistic records, renders to a
PDF whose Chinese text is really drawn (no missing-glyph boxes), and regenerates identically."""

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
from django.utils import timezone

from sqjz.committee import paperwork as committee
from sqjz.committee.models import Attendance, Committee, CommitteeMember, Matter, Meeting, Vote
from sqjz.committee.selectors import Quorum
from sqjz.discharge import paperwork as closing
from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.documents.models import Document
from sqjz.documents.rendering import render_docx, render_pdf
from sqjz.documents.services import document_file, document_issue, document_path
from sqjz.enforcement import paperwork as enforcement
from sqjz.intake import paperwork as intake
from sqjz.intake.models import FirstInterview, IntakeAnnouncement, TeamMember
from sqjz.investigation import paperwork as investigation
from sqjz.investigation.models import Interview
from sqjz.investigation.services import FINDINGS
from sqjz.lostcontact import paperwork as lostcontact
from sqjz.lostcontact.models import LostContact, SearchAttempt
from sqjz.proposals import paperwork as proposals
from sqjz.proposals.models import Proposal
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.intake import ANNOUNCEMENT_ITEMS
from sqjz.supervisees.models import ProhibitionOrder
from sqjz.supervision.places import paperwork as places
from sqjz.supervision.places.models import SpecialPlaceEntry
from sqjz.supervision.transfer import paperwork as transfer
from sqjz.supervision.transfer.models import ResidenceTransfer
from tests.documents.pdfcheck import missing_glyphs, page_glyphs

DAY = date(2026, 11, 27)
K = Document.Kind


def builders(world):
    """One OfficialDocument per kind, from the same builders the services use."""
    s = world.people["A"]
    agency = world.units["hongta_agency"]
    inv = world.investigation
    for name in FINDINGS:
        setattr(inv, name, "情况属实。")
    inv.opinion, inv.opinion_reasons = "suitable", "具备社区矫正条件。"
    Interview.objects.create(
        investigation=inv,
        kind="family",
        interviewee="聂父",
        interviewed_on=DAY,
        place="巍山村",
        summary="了解情况。",
        recorded_by=world.users["office_officer"],
    )
    team = [TeamMember(kind="office", name="李娜", gender="female", organisation="玉兴街道司法所", duties="监督管理")]
    interview = FirstInterview(
        held_on=DAY, place="玉兴街道司法所", interviewer="李娜", recorder="张丽", content="告知规定。"
    )
    ann = IntakeAnnouncement(
        held_on=DAY, place="宣告室", host="李娜", participants="李娜", items=list(ANNOUNCEMENT_ITEMS)
    )
    evaluation = DischargeEvaluation(
        performance="表现良好。",
        assessment_summary="考核合格。",
        community_views="同意解除。",
        resettlement_advice="协助就业。",
        evaluated_on=DAY,
    )
    discharge = Discharge(
        cause="term_expired",
        discharged_on=DAY,
        resettlement_body="玉兴街道安置帮教工作站",
        handed_over_on=DAY,
        announcement_held=True,
        announced_on=DAY,
        announcement_place="宣告室",
        announcement_host="李娜",
        announcement_participants="李娜",
    )
    termination = Termination(cause="death", terminated_on=DAY, basis="死亡医学证明书")
    copies = ("红塔区人民检察院", "红塔区公安局")

    def proposal(kind: str, addressee: str) -> Proposal:
        return Proposal(
            supervisee=s,
            kind=kind,
            addressee=world.units[addressee],
            statement="该社区矫正对象受到两次警告仍不改正。",
            grounds_reasons="受到2次警告仍不改正，达到2次（最高法解释第五百四十三条第一款第（四）项）",
            grounds_articles="社区矫正法第四十六条、最高法解释第五百四十三条",
            resolution="通过。同意提请。",
            evidence=[{"date": "2026-11-03", "source": "县级社区矫正机构决定", "text": "给予警告：未按规定报告"}],
        )

    revocation = proposal(Proposal.Kind.PROBATION_REVOCATION, "hongta_court")
    built_proposals = {
        K.POLICE_PENALTY_PROPOSAL: proposal(Proposal.Kind.POLICE_PENALTY, "hongta_police"),
        K.PROBATION_REVOCATION_PROPOSAL: revocation,
        K.PAROLE_REVOCATION_PROPOSAL: proposal(Proposal.Kind.PAROLE_REVOCATION, "hongta_court"),
        K.COMMITTAL_PROPOSAL: proposal(Proposal.Kind.COMMITTAL, "hongta_court"),
        K.COMMUTATION_PROPOSAL: proposal(Proposal.Kind.COMMUTATION, "city_court"),
    }
    board = Committee(unit=agency, level="county")
    members = [
        CommitteeMember(committee=board, name="王强", role="chair", from_date=DAY),
        CommitteeMember(committee=board, name="张丽", role="secretary", from_date=DAY),
        CommitteeMember(committee=board, name="李委员", role="member", from_date=DAY),
        CommitteeMember(committee=board, name="钱检察官", role="observer", voting=False, from_date=DAY),
    ]
    meeting = Meeting(committee=board, year=2026, serial=3, held_at=timezone.now(), place="第一会议室")
    matter = Matter(
        supervisee=s,
        kind="difficult_case",
        title="是否提请撤销缓刑",
        summary="多次违反报告规定，经训诫、警告仍不改正。",
        committee=board,
        submitting_unit=world.yuxing,
        outcome="passed",
        resolution_text="同意提请撤销缓刑。",
    )
    attendance = [
        Attendance(member=m, present=i != 2, absence_reason="出差" if i == 2 else "") for i, m in enumerate(members)
    ]
    votes = [
        Vote(member=m, choice=c, opinion="事实清楚") for m, c in zip(members[:2], ("agree", "abstain"), strict=True)
    ]
    case = LostContact(since=DAY, opened_on=DAY, trigger="checkins")
    attempts = [
        SearchAttempt(
            attempted_at=datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
            method="family",
            contacted="母亲 聂某",
            result="称其外出务工，不知去向",
        )
    ]
    return {
        **{kind: proposals.proposal_document(p, agency, DAY, copies[:1]) for kind, p in built_proposals.items()},
        K.ARREST_REQUEST: proposals.arrest_document(revocation, agency, DAY, copies[:1]),
        K.INVESTIGATION_OPINION: investigation.opinion(inv, agency, DAY),
        K.RECEIPT: intake.receipt(s, DAY, ["刑事判决书", "执行通知书"], agency.name, DAY),
        K.DOCUMENT_REQUEST: intake.completion_request(s, ("起诉书副本",), agency.name, DAY),
        K.NO_SHOW_NOTICE: intake.no_show_notice(s, DAY, DAY, "电话关机。", agency.name, DAY),
        K.FIRST_INTERVIEW: intake.first_interview(s, interview, agency.name),
        K.INTAKE_ANNOUNCEMENT: intake.announcement(s, ann, team, agency.name),
        K.RESPONSIBILITY_LETTER: intake.responsibility_letter(s, team, agency.name, DAY),
        K.DISCHARGE_CERTIFICATE: closing.certificate(s, discharge, agency, DAY),
        K.DISCHARGE_ANNOUNCEMENT: closing.announcement(s, discharge, evaluation, agency, DAY),
        K.DISCHARGE_NOTICE: closing.discharge_notice(s, discharge, agency, DAY, copies),
        K.TERMINATION_NOTICE: closing.termination_notice(s, termination, agency, DAY, copies),
        K.COMMITTEE_OPINION: committee.opinion(matter, meeting, attendance, votes, Quorum(3, 2, 50), DAY),
        **{
            kind: enforcement.decision(
                s,
                measure,
                [(DAY, "违反关于报告、会客、外出、迁居等规定：未经批准会见同案人员"), (DAY, "季度考核为良好")],
                ["违反关于报告、会客、外出、迁居等规定，情节轻微", "受到社区矫正机构两次训诫，仍不改正"],
                "实施办法第三十四条、社区矫正法第二十八条",
                agency,
                DAY,
            )
            for kind, measure in (
                (K.COMMENDATION_DECISION, "commendation"),
                (K.ADMONITION_DECISION, "admonition"),
                (K.WARNING_DECISION, "warning"),
            )
        },
        K.SPECIAL_PLACE_ENTRY_NOTICE: places.entry_notice(
            SpecialPlaceEntry(
                supervisee=s,
                order=ProhibitionOrder(kind="place", content="禁止进入娱乐场所", start_date=DAY, end_date=DAY),
                kind="place",
                place="某KTV（医院探视途经）",
                reason="探视住院的母亲",
                window_from=datetime(2026, 11, 28, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                window_to=datetime(2026, 11, 28, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                applied_on=DAY,
                decision_reason="同意，限于批准的时间。",
            ),
            approver=RULES["SPECIAL_PLACE_ENTRY_APPROVER"](statute_context(), kind="place"),
            agency_name=agency.name,
            procuratorate="红塔区人民检察院",
            issued=DAY,
        ),
        K.TRANSFER_NOTICE: transfer.transfer_notice(
            ResidenceTransfer(
                supervisee=s,
                from_office=world.yuxing,
                to_place="江川区星云街道司法所",
                new_address="江川区星云街道某小区",
                reason="在江川区就业",
                applied_on=DAY,
                replied_on=DAY,
            ),
            agency,
            "江川区社区矫正管理局",
            DAY,
            DAY,
            copies,
        ),
        K.LOST_CONTACT_NOTICE: lostcontact.lost_contact_notice(
            s,
            case,
            attempts,
            days=12,
            agency_name=agency.name,
            police="红塔区公安局",
            procuratorate="红塔区人民检察院",
            note="手机关机，微信未回复。",
            issued=DAY,
        ),
    }


def test_every_kind_renders_its_chinese_text_with_real_glyphs(world):
    built = builders(world)
    assert set(built) == set(K.values)
    for kind, doc in built.items():
        pdf = render_pdf(doc)
        assert missing_glyphs(pdf) == [], kind
        page = pdfium.PdfDocument(pdf)[0]
        person = world.investigation.name if kind == K.INVESTIGATION_OPINION else world.people["A"].name
        text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
        assert doc.title in "".join(g.char for g in page_glyphs(page)) and person in text, kind
        image = page.render(scale=1, grayscale=True).to_pil().convert("L")
        assert sum(image.histogram()[:128]) > 1000, kind  # ink on the page
        assert render_pdf(doc) == pdf and render_docx(doc) == render_docx(doc), kind


@pytest.mark.django_db
def test_a_lost_file_is_regenerated_identically_from_the_kept_content(world):
    document = world.document
    original = document_file(document, "pdf")
    document_path(document, "pdf").unlink()
    assert document_file(document, "pdf") == original
    assert document_path(document, "pdf").read_bytes() == original
    docx = document_file(document, "docx")
    document_path(document, "docx").write_bytes(b"tampered")
    assert document_file(document, "docx") == docx  # a damaged file is replaced by the regenerated one


def test_numbers_have_no_gaps_when_an_issue_fails(world):
    agency = world.units["hongta_agency"]
    doc = intake.receipt(world.people["A"], DAY, ["刑事判决书"], agency.name, DAY)
    first = document_issue(
        actor=world.users["county_officer"], kind=K.RECEIPT, agency=agency, doc=doc, supervisee=world.people["A"]
    )
    broken = dataclasses.replace(doc, blocks=(None,))  # fails in rendering, after the number was taken
    with pytest.raises(TypeError):
        document_issue(
            actor=world.users["county_officer"], kind=K.RECEIPT, agency=agency, doc=broken, supervisee=world.people["A"]
        )
    second = document_issue(
        actor=world.users["county_officer"], kind=K.RECEIPT, agency=agency, doc=doc, supervisee=world.people["A"]
    )
    assert (first.serial, second.serial) == (1, 2)
