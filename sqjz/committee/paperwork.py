"""The committee's document: 社区矫正审核委员会评议意见, one per resolved matter, in the person's case file (the
meeting, attendance, each vote and opinion, and the resolution). Identity numbers are left out on purpose (the
content is stored unencrypted): the person is named with gender and birth date."""

from datetime import date

from django.utils import timezone

from sqjz.committee import registry
from sqjz.documents.rendering import Heading, OfficialDocument, Paragraph, Table
from sqjz.statute.text import cn_date

TITLE = "社区矫正审核委员会评议意见"


def opinion(matter, meeting, attendance, votes, quorum, resolved_on: date) -> OfficialDocument:
    """`attendance`: Attendance rows; `votes`: Vote rows (members set); `quorum`: selectors.Quorum."""
    s = matter.supervisee
    held = timezone.localtime(meeting.held_at)
    present = [a.member.name for a in attendance if a.present]
    absent = [f"{a.member.name}（{a.absence_reason}）" for a in attendance if not a.present]
    rows = [("委员", "身份", "表决意见", "发表意见")]
    for v in votes:
        rows.append((v.member.name, v.member.get_role_display(), v.get_choice_display(), v.opinion or "无"))
    agree = sum(1 for v in votes if v.choice == "agree")
    disagree = sum(1 for v in votes if v.choice == "disagree")
    abstain = len(votes) - agree - disagree
    blocks = (
        Heading("一、会议情况"),
        Paragraph(
            f"{meeting.committee}于{cn_date(held.date())}{held:%H:%M}在{meeting.place}召开{meeting.number}，"
            f"审议{matter.submitting_unit.name}提请的“{matter.title}”（{registry.kind_label(matter.kind)}）。"
        ),
        Paragraph(
            f"本委员会表决委员{quorum.voting}人，出席{quorum.present}人，超过规定比例，会议有效。"
            f"出席人员：{'、'.join(present) or '无'}。" + (f"缺席人员：{'、'.join(absent)}。" if absent else "")
        ),
        Heading("二、审议事项"),
        Paragraph(
            f"社区矫正对象{s.name}（{s.get_gender_display()}，{cn_date(s.birth_date)}出生），"
            f"由{s.judicial_office.name}负责日常管理。"
        ),
        Paragraph(matter.summary),
        Heading("三、表决情况"),
        Table(tuple(rows)),
        Paragraph(f"同意{agree}票，不同意{disagree}票，弃权{abstain}票。"),
        Heading("四、评议意见"),
        Paragraph(f"决议结果：{matter.get_outcome_display()}。{matter.resolution_text}"),
    )
    return OfficialDocument(
        title=TITLE,
        number="",
        recipient="",
        blocks=blocks,
        issuer=str(meeting.committee),
        issue_date=resolved_on,
        confidential=True,
    )
