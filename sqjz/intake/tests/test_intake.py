"""Hand-over, report-in and intake through the pages an officer uses: documents and receipt, report-in
with identity and photo, first interview, team and responsibility letter, announcement, plan."""

import re
from datetime import date, timedelta
from io import BytesIO

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.models import CorrectionPlan, Handover, IntakeAnnouncement, TeamMember
from sqjz.outbox.models import Delivery
from sqjz.statute.rules.intake import ANNOUNCEMENT_ITEMS
from sqjz.supervisees.models import Gender, Status
from tests.factories import SuperviseeFactory, resident_id

TODAY = date(2026, 11, 27)  # a Friday


def photo(fmt: str = "JPEG") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (120, 160), (200, 180, 160)).save(buffer, fmt)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def newcomer(world, **kw):
    effective = date(2026, 11, 20)
    return SuperviseeFactory(
        name="周报到",
        status=Status.PENDING_REPORT,
        judicial_office=world.yuxing,
        deciding_authority=world.units["hongta_court"],
        offence_date=date(2026, 5, 1),
        judgment_effective_date=effective,
        term_start=effective,
        term_end=effective + timedelta(days=730),
        **kw,
    )


def url(name, s, *args):
    return reverse(f"intake:{name}", args=[s.pk, *args])


@time_machine.travel(TODAY)
def test_documents_receipt_and_completion_request(world, login):
    s = newcomer(world)
    client = login(world.users["office_officer"])
    response = client.post(
        url("documents", s),
        {"documents_received_on": "2026-11-24", "received_documents": ["刑事判决书", "执行通知书"]},
    )
    assert response.status_code == 302
    inbox_refresh()
    receipt_item = InboxItem.objects.get(supervisee=s, kind="receipt", state="open")
    assert receipt_item.due == date(2026, 11, 30)  # 5 days after 24 Nov, a Sunday, rolls to Monday
    page = client.get(url("page", s)).content.decode()
    assert "尚缺：起诉书副本、结案登记表" in page

    assert client.post(url("receipt", s)).status_code == 302
    assert client.post(url("completion", s)).status_code == 302
    kinds = list(Document.objects.filter(supervisee=s).values_list("kind", "number"))
    assert kinds == [("receipt", "〔2026〕玉红司矫字第1号"), ("document_request", "〔2026〕玉红司矫字第2号")]
    pushed = Delivery.objects.get(kind="receipt")  # to the court's interface, or on paper (decision 0042)
    assert pushed.agency == s.deciding_authority and pushed.payload["documents"] == ["刑事判决书", "执行通知书"]
    request = Document.objects.get(supervisee=s, kind="document_request")
    assert request.content["recipient"] == "红塔区人民法院"
    assert request.content["copy_to"] == ["红塔区人民检察院"]
    assert ["2", "结案登记表"] in request.content["blocks"][1]["rows"]
    states = dict(InboxItem.objects.filter(supervisee=s).values_list("kind", "state"))
    assert states["receipt"] == "closed" and states["document_completion"] == "open"

    # The missing documents arrive: the completion item closes itself.
    client.post(
        url("documents", s),
        {
            "documents_received_on": "2026-11-24",
            "received_documents": ["起诉书副本", "刑事判决书", "执行通知书", "结案登记表"],
        },
    )
    assert not InboxItem.objects.filter(supervisee=s, kind="document_completion", state="open").exists()


@time_machine.travel(TODAY)
def test_receipt_date_in_the_future_is_refused(world, login):
    s = newcomer(world)
    response = login(world.users["office_officer"]).post(
        url("documents", s), {"documents_received_on": "2026-12-01", "received_documents": ["刑事判决书"]}
    )
    assert response.status_code == 400
    assert "收到法律文书日期不能晚于今天" in response.content.decode()
    assert not Handover.objects.filter(supervisee=s, documents_received_on__isnull=False).exists()


@time_machine.travel(TODAY)
def test_report_in_needs_identity_and_a_real_photo_then_puts_the_person_under_strict_supervision(world, login):
    s = newcomer(world)
    client = login(world.users["office_officer"])
    no_identity = client.post(url("report_in", s), {"reported_on": "2026-11-26", "photo": photo()})
    assert no_identity.status_code == 400 and "请当面核对身份证件" in no_identity.content.decode()
    fake = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    bad_photo = client.post(
        url("report_in", s), {"reported_on": "2026-11-26", "identity_verified": "on", "photo": fake}
    )
    assert bad_photo.status_code == 400 and "照片文件无法识别" in bad_photo.content.decode()
    s.refresh_from_db()
    assert s.status == Status.PENDING_REPORT

    ok = client.post(url("report_in", s), {"reported_on": "2026-11-26", "identity_verified": "on", "photo": photo()})
    assert ok.status_code == 302
    s.refresh_from_db()
    assert s.status == Status.UNDER_CORRECTION
    level = s.levels.get()
    assert level.level == "strict" and "不满2个月" in level.reasons and level.rule == "SUPERVISION_LEVEL"
    assert not InboxItem.objects.filter(supervisee=s, kind="report_in", state="open").exists()
    image = client.get(url("photo", s))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert login(world.users["other_office_officer"]).get(url("photo", s)).status_code == 404


@time_machine.travel(TODAY)
def test_no_show_starts_a_search_with_a_notice_only_after_the_deadline(world, login):
    s = newcomer(world)
    client = login(world.users["office_officer"])
    early = client.post(url("no_show", s), {"note": "电话无人接听"})
    assert early.status_code == 400 and "期限届满后仍未报到的，方可启动查找" in early.content.decode()
    with time_machine.travel(date(2026, 12, 2)):
        client = login(world.users["office_officer"])  # a new session: the old one timed out
        assert client.post(url("no_show", s), {"note": "电话关机，走访住所无人"}).status_code == 302
    notice = Document.objects.get(supervisee=s, kind="no_show_notice")
    assert notice.content["recipient"] == "红塔区人民法院" and notice.content["copy_to"] == ["红塔区人民检察院"]
    assert s.handover.search_started_on == date(2026, 12, 2)


def reported(world, client, **kw):
    s = newcomer(world, **kw)
    client.post(url("report_in", s), {"reported_on": "2026-11-26", "identity_verified": "on", "photo": photo()})
    return s


def member(client, s, kind, name, gender="male", minors=False):
    data = {"kind": kind, "name": name, "gender": gender, "organisation": "玉兴街道", "duties": "协助监督管理"}
    if minors:
        data["understands_minors"] = "on"
    return client.post(url("team_add", s), data)


@time_machine.travel(TODAY)
def test_intake_team_letter_announcement_and_plan(world, login):
    client = login(world.users["office_officer"])
    s = reported(
        world, client, gender=Gender.FEMALE, id_number=resident_id("530402", date(1990, 5, 17), 300, male=False)
    )
    fi = client.post(
        url("first_interview", s),
        {
            "held_on": "2026-11-26",
            "place": "玉兴街道司法所",
            "interviewer": "李娜",
            "recorder": "张丽",
            "content": "告知报到、外出等规定。",
        },
    )
    assert fi.status_code == 302

    # A woman's team without a woman: the letter is refused, naming the law.
    member(client, s, "office", "李强")
    member(client, s, "village", "王伟")
    refused = client.post(url("letter", s), follow=True)
    assert "社区矫正对象为女性，矫正小组中应有女性成员" in refused.content.decode()
    member(client, s, "family", "周母", gender="female")
    assert client.post(url("letter", s)).status_code == 302

    # The announcement must cover every statutory item and be signed.
    base = {"held_on": "2026-11-27", "place": "玉兴街道司法所", "host": "李娜", "participants": "李强、王伟、周母"}
    incomplete = client.post(url("announcement", s), {**base, "items": list(ANNOUNCEMENT_ITEMS[:3]), "signed": "on"})
    assert incomplete.status_code == 400 and "宣告内容缺少：社区矫正对象依法享有的权利" in incomplete.content.decode()
    assert "李强、王伟、周母" in incomplete.content.decode()  # kept
    done = client.post(
        url("announcement", s), {**base, "items": list(ANNOUNCEMENT_ITEMS), "signed": "on", "is_public": "on"}
    )
    assert done.status_code == 302

    plan = {
        "situation": "初犯",
        "risks": "低",
        "needs": "就业",
        "goals": "遵纪守法",
        "supervision_measures": "每周报到",
        "education_measures": "每月学习",
        "review_on": "2027-02-27",
    }
    assert client.post(url("plan", s), plan).status_code == 302
    no_reason = client.post(url("plan", s), {**plan, "goals": "稳定就业"})
    assert no_reason.status_code == 400 and "请写明调整理由" in no_reason.content.decode()
    assert client.post(url("plan", s), {**plan, "goals": "稳定就业", "change_reason": "已找到工作"}).status_code == 302
    assert list(CorrectionPlan.objects.filter(supervisee=s).values_list("number", "goals")) == [
        (2, "稳定就业"),
        (1, "遵纪守法"),
    ]
    kinds = set(Document.objects.filter(supervisee=s).values_list("kind", flat=True))
    assert kinds == {"first_interview", "responsibility_letter", "intake_announcement"}
    page = client.get(url("page", s))
    assert all(step.done for step in page.context["steps"] if step.key not in ("documents", "receipt"))


@time_machine.travel(TODAY)
def test_a_minors_announcement_is_not_public_and_the_guardian_attends(world, login):
    client = login(world.users["office_officer"])
    minor = world.people["M"]
    minor.status = Status.PENDING_REPORT
    minor.save()
    client.post(
        url("report_in", minor), {"reported_on": "2026-11-26", "identity_verified": "on", "photo": photo("PNG")}
    )
    member(client, minor, "office", "李强", gender="female", minors=True)
    response = client.post(
        url("announcement", minor),
        {
            "held_on": "2026-11-27",
            "place": "司法所",
            "host": "李娜",
            "participants": "李强",
            "items": list(ANNOUNCEMENT_ITEMS),
            "signed": "on",
            "is_public": "on",
        },
    )
    text = response.content.decode()
    assert "入矫宣告不得公开进行" in text and "未成年人的入矫宣告应当有监护人到场" in text


ANNOUNCEMENT = {
    "held_on": "2026-11-27",
    "place": "玉兴街道司法所",
    "host": "李娜",
    "participants": "李强",
    "items": list(ANNOUNCEMENT_ITEMS),
    "signed": "on",
}


@time_machine.travel(TODAY)
def test_offended_as_a_minor_and_adult_at_intake_keeps_the_sealed_record_but_needs_no_guardian(world, login):
    """Sealing follows the age at the offence (社区矫正法第五十四条、刑事诉讼法第二百八十六条); the guardian attends
    only a person who is a minor on the day of the announcement."""
    client = login(world.users["office_officer"])
    birth = date(2008, 8, 8)  # 17 at the offence (2026-05-01), 18 on the day of the announcement
    s = reported(world, client, birth_date=birth, id_number=resident_id("530402", birth, 310))
    assert s.is_minor
    member(client, s, "office", "李强", minors=True)
    page = client.get(url("page", s)).content.decode()
    notice = re.search(r'data-testid="announcement-minor">(.*?)</div>', page).group(1)
    assert "宣告不公开进行" in notice and "无监护人到场要求" in notice
    public = client.post(url("announcement", s), {**ANNOUNCEMENT, "is_public": "on"})
    assert public.status_code == 400
    assert "入矫宣告不得公开进行" in public.content.decode()
    assert "监护人" not in str(public.context["announcement_form"].errors)
    done = client.post(url("announcement", s), ANNOUNCEMENT)
    assert done.status_code == 302
    announcement = IntakeAnnouncement.objects.get(supervisee=s)
    assert not announcement.guardian_present and not announcement.is_public
    document = Document.objects.get(supervisee=s, kind="intake_announcement")
    text = str(document.content)
    assert "本宣告不公开进行" in text and "监护人" not in text
    assert document.content["confidential"]
    assert login(world.users["city_officer"]).get(reverse("supervisees:detail", args=[s.pk])).status_code == 404


@time_machine.travel(TODAY)
def test_the_guardian_attends_a_person_announced_on_the_eighteenth_birthday(world, login):
    """On the 18th birthday the person is still under 18 (法释〔2006〕1号第二条): the guardian attends."""
    client = login(world.users["office_officer"])
    birth = date(2008, 11, 27)
    s = reported(world, client, birth_date=birth, id_number=resident_id("530402", birth, 311))
    member(client, s, "office", "李强", minors=True)
    refused = client.post(url("announcement", s), ANNOUNCEMENT)
    assert refused.status_code == 400
    assert "未成年人的入矫宣告应当有监护人到场" in refused.content.decode()
    assert client.post(url("announcement", s), {**ANNOUNCEMENT, "guardian_present": "on"}).status_code == 302
    document = Document.objects.get(supervisee=s, kind="intake_announcement")
    assert "监护人（签名）：" in str(document.content)


@time_machine.travel(TODAY)
def test_guardian_present_is_never_pre_ticked_on_the_announcement_form(world, login):
    minor = world.people["M"]
    page = login(world.users["office_officer"]).get(url("page", minor))
    assert not page.context["announcement_form"]["guardian_present"].value()
    checkbox = re.search(r'<input[^>]*name="guardian_present"[^>]*>', page.content.decode()).group(0)
    assert "checked" not in checkbox


@time_machine.travel(TODAY)
def test_an_announcement_cannot_be_recorded_with_a_team_that_does_not_meet_the_rule(world, login):
    client = login(world.users["office_officer"])
    s = reported(
        world, client, gender=Gender.FEMALE, id_number=resident_id("530402", date(1990, 5, 17), 301, male=False)
    )
    member(client, s, "office", "李强")
    response = client.post(url("announcement", s), ANNOUNCEMENT)
    assert response.status_code == 400
    text = response.content.decode()
    assert "矫正小组组成不符合规定" in text and "社区矫正对象为女性，矫正小组中应有女性成员" in text
    assert "社区矫正法第二十五条" in text
    assert not IntakeAnnouncement.objects.filter(supervisee=s).exists()
    member(client, s, "family", "周母", gender="female")
    assert client.post(url("announcement", s), ANNOUNCEMENT).status_code == 302


@time_machine.travel(TODAY)
def test_the_only_woman_on_a_womans_team_cannot_be_removed(world, login):
    client = login(world.users["office_officer"])
    s = reported(
        world, client, gender=Gender.FEMALE, id_number=resident_id("530402", date(1990, 5, 17), 302, male=False)
    )
    member(client, s, "office", "李强")
    member(client, s, "family", "周母", gender="female")
    woman = TeamMember.objects.get(supervisee=s, name="周母")
    refused = client.post(url("team_remove", s, woman.pk), follow=True)
    text = refused.content.decode()
    assert "不能移出周母" in text
    assert "社区矫正对象为女性，矫正小组中应有女性成员" in text
    assert "矫正小组的组成" in text and "社区矫正法第二十五条" in text
    woman.refresh_from_db()
    assert woman.is_active
    # Once another woman joins, the first may leave.
    member(client, s, "village", "王芳", gender="female")
    client.post(url("team_remove", s, woman.pk))
    woman.refresh_from_db()
    assert not woman.is_active


@time_machine.travel(TODAY)
def test_the_only_member_who_understands_minors_cannot_leave_a_minors_team(world, login):
    client = login(world.users["office_officer"])
    minor = world.people["M"]
    member(client, minor, "office", "李强")
    member(client, minor, "social_worker", "张青", minors=True)
    expert = TeamMember.objects.get(supervisee=minor, name="张青")
    text = client.post(url("team_remove", minor, expert.pk), follow=True).content.decode()
    assert "不能移出张青" in text and "熟悉青少年成长特点的人员" in text
    expert.refresh_from_db()
    assert expert.is_active
    # A member whose leaving breaks nothing may leave.
    officer = TeamMember.objects.get(supervisee=minor, name="李强")
    member(client, minor, "office", "李娜", gender="female")
    client.post(url("team_remove", minor, officer.pk))
    officer.refresh_from_db()
    assert not officer.is_active


@time_machine.travel(TODAY)
def test_other_office_and_helpers_cannot_act(world, login):
    s = newcomer(world)
    assert login(world.users["other_office_officer"]).post(url("receipt", s)).status_code == 404
    assert login(world.users["social_worker"]).post(url("receipt", s)).status_code == 403
    assert login(world.users["city_officer"]).get(url("page", s)).status_code == 200
    assert login(world.users["city_officer"]).post(url("receipt", s)).status_code == 403


@time_machine.travel(TODAY)
def test_report_in_of_a_person_registered_as_already_under_correction_is_recorded_once(world, login):
    a = world.people["A"]
    assert a.status == Status.UNDER_CORRECTION
    client = login(world.users["office_officer"])
    data = {"reported_on": a.judgment_effective_date.isoformat(), "identity_verified": "on"}
    assert client.post(url("report_in", a), {**data, "photo": photo()}).status_code == 302
    a.refresh_from_db()
    assert a.status == Status.UNDER_CORRECTION and a.levels.count() == 1
    again = client.post(url("report_in", a), {**data, "photo": photo()})
    assert again.status_code == 400 and "已于" in again.content.decode()


@time_machine.travel(TODAY)
def test_the_list_shows_who_is_pending_and_whose_intake_is_incomplete_with_constant_queries(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pending_person = newcomer(world)
    client = login(world.users["office_officer"])
    response = client.get(reverse("intake:list"), {"stage": "pending"})
    assert [s.name for s, _ in response.context["rows"]] == [pending_person.name]
    incomplete = client.get(reverse("intake:list"))
    names = {s.name for s, _ in incomplete.context["rows"]}
    assert {"张三", pending_person.name} <= names and "王五" not in names  # 王五 is another office's
    a_row = next(marks for s, marks in incomplete.context["rows"] if s.name == "张三")
    assert [m.state for m in a_row] == ["owed"] * 6  # registered as under correction: every step is owed
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("intake:list"), {"stage": "all"})
    for _ in range(15):
        newcomer(world)
    with CaptureQueriesContext(connection) as big:
        client.get(reverse("intake:list"), {"stage": "all"})
    assert len(big.captured_queries) == len(small.captured_queries)


@time_machine.travel(TODAY)
def test_a_successful_step_clears_its_form_draft(world, login):
    s = newcomer(world)
    client = login(world.users["office_officer"])
    client.post(url("documents", s), {"documents_received_on": "2026-11-24", "received_documents": ["刑事判决书"]})
    page = client.get(url("page", s)).content.decode()
    assert f'<meta name="sqjz-clear-draft" content="intake-{s.pk}-documents">' in page


@time_machine.travel(TODAY)
def test_the_list_marks_as_missing_only_what_is_owed_nothing_before_report_in_is_due(world, login):
    pending_person = newcomer(world)  # judgment effective 20 November: reports in by 30 November

    def row():
        client = login(world.users["office_officer"])
        response = client.get(reverse("intake:list"), {"stage": "pending"})
        marks = dict(response.context["rows"])[pending_person]
        return [(m.state, m.word) for m in marks], response.content.decode()

    marks, html = row()
    assert marks == [("not_due", "待报到")] + [("not_due", "未到")] * 5
    assert "✗" not in html and "待报到" in html
    with time_machine.travel(date(2026, 12, 1)):
        marks, html = row()
    assert marks == [("owed", "逾期未报到")] + [("not_due", "未到")] * 5
    assert html.count("✗") == 1 and "逾期未报到" in html
