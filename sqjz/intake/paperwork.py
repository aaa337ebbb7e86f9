"""The hand-over and intake documents, built as data for the renderer. Identity numbers stay out of the
content (it is kept unencrypted in the case file): the person is named with sex and birth date."""

from datetime import date

from sqjz.documents.rendering import Heading, OfficialDocument, Paragraph, Signatures, Table
from sqjz.intake.models import FirstInterview, IntakeAnnouncement, TeamMember
from sqjz.organisation.selectors import county_procuratorate
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.age import is_minor_on
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Supervisee


def _person(s: Supervisee) -> str:
    return f"{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生，{s.get_correction_type_display()}）"


def _copy_to(s: Supervisee) -> tuple[str, ...]:
    procuratorate = county_procuratorate(s.judicial_office)
    return (procuratorate.name,) if procuratorate else ()


def receipt(s: Supervisee, received_on: date, documents: list[str], agency_name: str, issued: date) -> OfficialDocument:
    return OfficialDocument(
        title="社区矫正法律文书送达回执",
        number="",
        recipient=s.deciding_authority.name,
        blocks=(
            Paragraph(
                f"你单位送达的社区矫正对象{_person(s)}的法律文书，本机关已于{cn_date(received_on)}收到。"
                "依据《中华人民共和国社区矫正法》第二十条及《中华人民共和国社区矫正法实施办法》的规定，特此回执。"
            ),
            Table((("序号", "文书名称"), *((str(i), d) for i, d in enumerate(documents, 1)))),
        ),
        issuer=agency_name,
        issue_date=issued,
    )


def completion_request(s: Supervisee, missing: tuple[str, ...], agency_name: str, issued: date) -> OfficialDocument:
    days = statute_context().use("DOCUMENT_COMPLETION_DAYS", issued).value  # the figure in force on the day
    return OfficialDocument(
        title="补齐法律文书通知书",
        number="",
        recipient=s.deciding_authority.name,
        blocks=(
            Paragraph(
                f"社区矫正对象{_person(s)}的法律文书未送达或者不齐全。依据《中华人民共和国社区矫正法实施办法》的规定，"
                f"本机关已先行登记，请你单位自收到本通知之日起{days}日内送达或者补齐下列法律文书："
            ),
            Table((("序号", "文书名称"), *((str(i), d) for i, d in enumerate(missing, 1)))),
        ),
        issuer=agency_name,
        issue_date=issued,
        copy_to=_copy_to(s),
    )


def no_show_notice(s: Supervisee, due: date, search_started: date, note: str, agency_name: str, issued: date):
    blocks = [
        Paragraph(
            f"社区矫正对象{_person(s)}，判决（裁定、决定）于{cn_date(s.judgment_effective_date)}生效，"
            f"应于{cn_date(due)}前到本机关报到，至今未按时报到。本机关已于{cn_date(search_started)}组织查找。"
            "依据《中华人民共和国社区矫正法实施办法》的规定，特此通报。"
        )
    ]
    if note.strip():
        blocks.append(Paragraph(f"查找情况：{note.strip()}"))
    return OfficialDocument(
        title="社区矫正对象未按时报到情况通报",
        number="",
        recipient=s.deciding_authority.name,
        blocks=tuple(blocks),
        issuer=agency_name,
        issue_date=issued,
        copy_to=_copy_to(s),
        confidential=s.is_minor,
    )


def first_interview(s: Supervisee, fi: FirstInterview, agency_name: str) -> OfficialDocument:
    return OfficialDocument(
        title="首次谈话笔录",
        number="",
        recipient="",
        blocks=(
            Table(
                (
                    ("时间", cn_date(fi.held_on)),
                    ("地点", fi.place),
                    ("谈话人", fi.interviewer),
                    ("记录人", fi.recorder),
                    ("谈话对象", _person(s)),
                ),
                header=False,
            ),
            Heading("谈话内容"),
            *(Paragraph(line) for line in fi.content.splitlines() if line.strip()),
            *((Heading("矫正对象陈述"), Paragraph(fi.supervisee_statement)) if fi.supervisee_statement.strip() else ()),
            Paragraph("以上笔录已向我宣读（经我阅读），与我所说的一致。", indent=True),
            Signatures(("矫正对象（签名）：", "谈话人（签名）：", "记录人（签名）：")),
        ),
        issuer=agency_name,
        issue_date=fi.held_on,
        confidential=s.is_minor,
    )


TYPE_CONSEQUENCES = {
    "control": "违反监督管理规定的，由公安机关依照《中华人民共和国治安管理处罚法》的规定处罚；",
    "probation": "违反法律、行政法规或者监督管理规定，情节严重的，将依法撤销缓刑，执行原判刑罚；",
    "parole": "有违反法律、行政法规或者监督管理规定的行为，尚未构成新的犯罪的，"
    "将依法撤销假释，收监执行未执行完毕的刑罚；",
    "temporary_release": "违反监督管理规定或者暂予监外执行的情形消失的，将依法收监执行；",
}


def announcement(s: Supervisee, ann: IntakeAnnouncement, team: list[TeamMember], agency_name: str) -> OfficialDocument:
    # Not public for a person who offended as a minor (sealed); the guardian only for a person under 18 that day.
    private = "本宣告不公开进行。" if s.is_minor else ""
    minor_now = is_minor_on(statute_context(), birth_date=s.birth_date, on=ann.held_on)
    guardian = "监护人到场。" if minor_now and ann.guardian_present else ""
    blocks = [
        Paragraph(
            f"社区矫正对象{_person(s)}，因犯{s.crime}，经{s.deciding_authority.name}判处（裁定、决定）{s.original_sentence}，"
            f"依法实行社区矫正。现宣告如下："
        ),
        Heading("一、法律文书的主要内容"),
        Paragraph(
            f"罪名：{s.crime}；原判刑罚：{s.original_sentence}；判决（裁定、决定）生效日期：{cn_date(s.judgment_effective_date)}。"
        ),
        Heading("二、社区矫正期限"),
        Paragraph(f"社区矫正期限自{cn_date(s.term_start)}起至{cn_date(s.term_end)}止。"),
        Heading("三、应当遵守的规定和违反规定的法律后果"),
        Paragraph(
            "社区矫正对象应当遵守法律、行政法规，履行判决、裁定、决定确定的义务，遵守国务院司法行政部门关于报告、会客、外出、"
            "迁居、保外就医等监督管理规定，服从社区矫正机构的管理。" + TYPE_CONSEQUENCES[s.correction_type]
        ),
    ]
    orders = list(s.prohibition_orders.all())
    if orders:
        blocks.append(Paragraph("禁止令：" + "；".join(str(o) for o in orders) + "。"))
    blocks += [
        Heading("四、依法享有的权利"),
        Paragraph(
            "社区矫正对象依法享有的人身权利、财产权利和其他权利不受侵犯，在就学、就业和享受社会保障等方面不受歧视；"
            "认为其合法权益受到侵害的，有权向人民检察院或者有关机关申诉、控告和检举。"
        ),
        Heading("五、矫正小组人员组成及职责"),
        Table((("姓名", "身份", "职责"), *((m.name, m.get_kind_display(), m.duties) for m in team))),
        Heading("六、其他有关事项"),
        Paragraph(f"宣告地点：{ann.place}；宣告人：{ann.host}。{private}{guardian}"),
        Paragraph("我已听清并了解以上宣告内容。"),
        Signatures(("社区矫正对象（签名）：",) + (("监护人（签名）：",) if guardian else ())),
    ]
    return OfficialDocument(
        title="社区矫正宣告书",
        number="",
        recipient="",
        blocks=tuple(blocks),
        issuer=agency_name,
        issue_date=ann.held_on,
        confidential=s.is_minor,
    )


def responsibility_letter(s: Supervisee, team: list[TeamMember], agency_name: str, issued: date) -> OfficialDocument:
    return OfficialDocument(
        title="社区矫正责任书",
        number="",
        recipient="",
        blocks=(
            Paragraph(
                f"为落实社区矫正对象{_person(s)}的矫正方案，依据《中华人民共和国社区矫正法》第二十五条，成立矫正小组。"
                f"矫正期限自{cn_date(s.term_start)}起至{cn_date(s.term_end)}止。矫正小组成员及职责如下："
            ),
            Table(
                (
                    ("姓名", "身份", "单位或关系", "职责"),
                    *((m.name, m.get_kind_display(), m.organisation, m.duties) for m in team),
                )
            ),
            Paragraph(
                "矫正小组成员应当按照矫正方案开展工作，协助对社区矫正对象进行监督管理和教育帮扶，发现异常情况及时报告司法所；"
                "对工作中知悉的社区矫正对象的个人信息依法保密。"
            ),
            Signatures(tuple(f"{m.name}（签名）：" for m in team)),
        ),
        issuer=agency_name,
        issue_date=issued,
        confidential=s.is_minor,
    )
