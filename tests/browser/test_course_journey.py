"""Issue 4's journey in a real browser: an officer takes a person from the court's commission of an
investigation to discharge, every step through the pages, downloading and opening the documents."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
import time_machine
from django.utils import timezone
from docx import Document as WordDocument
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, resident_id

pytestmark = pytest.mark.browser
CST = ZoneInfo("Asia/Shanghai")


def pdf_text(page, href: str) -> str:
    """Fetch a document as the signed-in user and read the text of its pages, as a PDF reader would."""
    response = page.request.get(f"{page.base_url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.body())
    return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def fill(page, values: dict[str, str]) -> None:
    for selector, value in values.items():
        page.locator(selector).fill(value)


def test_from_commission_to_discharge(live_world, page, tmp_path):
    today = timezone.localdate()
    iso = today.isoformat()
    id_number = resident_id("530402", date(1991, 6, 18), 66)

    # 1. 李娜 registers the court's commission and investigates.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/investigations/new/")
    page.locator("#id_commissioning_body").select_option(label="红塔区人民法院")
    fill(
        page,
        {
            "#id_commission_number": "（2026）云0402刑初888号",
            "#id_received_on": iso,
            "#id_procuratorate_notified_on": iso,
            "#id_name": "钱进",
            "#id_id_number": id_number,
            "#id_residence_address": "云南省玉溪市红塔区玉兴街道荷花社区9号",
            "#id_crime": "盗窃罪",
            "#id_offence_date": (today - timedelta(days=90)).isoformat(),
        },
    )
    page.locator("#id_gender").select_option(label="男")
    page.locator("#id_proposed_correction_type").select_option(label="缓刑")
    page.get_by_role("button", name="登记委托").click()
    assert "调查评估：钱进" in page.get_by_test_id("record-name").inner_text()
    assert "实施办法第十四条" in page.get_by_test_id("rule-panel").inner_text()
    for kind in ("家庭成员", "村（居）民委员会"):
        page.get_by_text("添加走访记录", exact=True).click()
        page.locator("#interview_kind").select_option(label=kind)
        fill(
            page,
            {
                "#interview_interviewee": "钱父",
                "#interview_interviewed_on": iso,
                "#interview_place": "家中",
                "#interview_summary": "了解家庭和日常表现。",
            },
        )
        page.get_by_role("button", name="保存走访记录").click()
    for field in (
        "residence_findings",
        "family_and_social_ties",
        "crime_consequences",
        "committee_views",
        "victim_views",
        "social_danger",
        "community_impact",
        "opinion_reasons",
    ):
        page.locator(f"#findings_{field}").fill("经走访核实，情况属实。")
    page.locator("#findings_opinion").select_option(label="适宜社区矫正")
    page.get_by_test_id("submit-for-approval").click()
    assert page.get_by_test_id("status").inner_text() == "待审批"
    opinion_url = page.url

    # 2. 王强 (county head) approves; the numbered opinion is generated, downloaded and opened.
    sign_in(page, "county_head", PASSWORD)
    page.goto(opinion_url)
    page.locator("#decision_decision").select_option(label="同意，出具调查评估意见书")
    page.get_by_test_id("decide").click()
    pdf_link = page.get_by_test_id("document").get_by_role("link", name="PDF")
    text = pdf_text(page, pdf_link.get_attribute("href"))
    assert "调查评估意见书" in text and "钱进" in text and "玉红司矫字第1号" in text

    # 3. 李娜 delivers it and records that the court adopted it.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(opinion_url)
    page.get_by_role("button", name="登记送达").click()
    page.locator("#adoption_adoption").select_option(label="采纳")
    page.get_by_role("button", name="登记采纳情况").click()
    assert "已办结" in page.get_by_test_id("closed").inner_text()

    # 4. The judgment takes effect: she registers the person, pending report-in, with a three-month term.
    page.goto(f"{page.base_url}/supervisees/new/")
    term_end = today + timedelta(days=90)
    fill(
        page,
        {
            "#id_name": "钱进",
            "#id_id_number": id_number,
            "#id_phone": "13812345670",
            "#id_household_address": "云南省玉溪市红塔区玉兴街道荷花社区9号",
            "#id_residence_address": "云南省玉溪市红塔区玉兴街道荷花社区9号",
            "#id_crime": "盗窃罪",
            "#id_crime_article": "刑法第二百六十四条",
            "#id_offence_date": (today - timedelta(days=90)).isoformat(),
            "#id_original_sentence": "拘役三个月，缓刑三个月",
            "#id_judgment_effective_date": iso,
            "#id_term_start": iso,
            "#id_term_end": term_end.isoformat(),
        },
    )
    page.locator("#id_gender").select_option(label="男")
    page.locator("#id_ethnicity").select_option(label="汉族")
    page.locator("#id_education").select_option(label="初中")
    page.locator("#id_correction_type").select_option(label="缓刑")
    page.locator("#id_deciding_authority").select_option(label="红塔区人民法院")
    page.get_by_role("button", name="保存", exact=True).click()
    page.locator("#main").get_by_role("link", name="交付接收与入矫").click()

    # 5. Hand-over: documents and receipt; report-in with identity check and photo.
    page.locator("#documents_documents_received_on").fill(iso)
    for box in page.locator("input[name=received_documents]").all():
        box.check()
    page.get_by_role("button", name="保存文书接收情况").click()
    page.get_by_role("button", name="出具送达回执").click()
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (240, 320), (190, 170, 150)).save(photo, "JPEG")
    page.locator("#report_reported_on").fill(iso)
    page.locator("#report_identity_verified").check()
    page.locator("#report_photo").set_input_files(photo)
    page.get_by_test_id("report-in").click()
    assert page.get_by_test_id("status").inner_text() == "在矫"

    # 6. Intake: first interview, team and responsibility letter, announcement, plan.
    fill(
        page,
        {
            "#interview_place": "玉兴街道司法所",
            "#interview_recorder": "张丽",
            "#interview_content": "告知报到、外出、会客等监督管理规定。",
        },
    )
    page.get_by_role("button", name="保存并生成谈话笔录").click()
    members = (("司法所（社区矫正机构）工作人员", "李娜", "女"), ("监护人、家庭成员", "钱父", "男"))
    for count, (kind, name, gender) in enumerate(members):
        # Wait for the page the last step returned to, so that the form is looked for on it.
        expect(page.locator("#team h2")).to_contain_text(f"矫正小组（{count}人）")
        if not page.locator("#team_name").is_visible():
            page.get_by_text("添加成员", exact=True).click()
        page.locator("#team_kind").select_option(label=kind)
        page.locator("#team_gender").select_option(label=gender)
        fill(page, {"#team_name": name, "#team_organisation": "玉兴街道", "#team_duties": "协助监督管理和教育帮扶"})
        page.get_by_role("button", name="添加到矫正小组").click()
    expect(page.locator("#team h2")).to_contain_text(f"矫正小组（{len(members)}人）")
    page.get_by_role("button", name="生成矫正责任书").click()
    fill(page, {"#announcement_place": "玉兴街道司法所宣告室", "#announcement_host": "李娜"})
    for box in page.locator("input[name=items]").all():
        box.check()
    page.locator("#announcement_signed").check()
    page.get_by_role("button", name="保存并生成宣告书").click()
    fill(
        page,
        {
            "#plan_risks": "再犯罪风险低",
            "#plan_needs": "稳定就业",
            "#plan_goals": "遵纪守法、顺利回归社会",
            "#plan_education_measures": "每月集中学习",
        },
    )
    page.get_by_role("button", name="保存矫正方案").click()
    for step in (
        "documents",
        "receipt",
        "report_in",
        "level",
        "first_interview",
        "team",
        "letter",
        "announcement",
        "plan",
    ):
        assert "✓" in page.get_by_test_id(f"step-{step}").inner_text(), step
    assert page.get_by_test_id("document").count() == 4  # receipt, interview record, letter, announcement
    with page.expect_download() as download:
        page.get_by_test_id("document").filter(has_text="社区矫正责任书").get_by_role("link", name="Word").click()
    letter = WordDocument(io.BytesIO(download.value.path().read_bytes()))
    assert "社区矫正责任书" in "\n".join(p.text for p in letter.paragraphs)

    # 7. After the term: the written evaluation, then the county discharges him.
    after = datetime.combine(term_end + timedelta(days=1), datetime.min.time(), CST) + timedelta(hours=10)
    with time_machine.travel(after):
        sign_in(page, "office_officer", PASSWORD)
        page.goto(f"{page.url.split('/intake/')[0]}/supervisees/")
        page.get_by_role("link", name="钱进").click()
        person_url = page.url
        page.get_by_role("link", name="解除与终止").click()
        fill(
            page,
            {
                "#evaluation_performance": "遵守规定，表现良好。",
                "#evaluation_assessment_summary": "考核合格。",
                "#evaluation_community_views": "社区同意解除。",
                "#evaluation_resettlement_advice": "协助就业。",
            },
        )
        page.get_by_test_id("save-evaluation").click()
        sign_in(page, "county_officer", PASSWORD)
        page.goto(person_url.replace("/supervisees/", "/discharge/"))
        fill(page, {"#discharge_resettlement_body": "玉兴街道安置帮教工作站", "#discharge_password": PASSWORD})
        page.get_by_test_id("confirm-discharge").click()
        assert page.get_by_test_id("status").inner_text() == "解除矫正"
        certificate = page.get_by_test_id("document").filter(has_text="解除社区矫正证明书")
        text = pdf_text(page, certificate.get_by_role("link", name="PDF").get_attribute("href"))
        assert "解除社区矫正证明书" in text and "钱进" in text

        # 8. The record's timeline tells the whole course.
        page.goto(person_url)
        page.get_by_role("tab", name="时间线").click()
        timeline = page.get_by_test_id("timeline").inner_text()
        for event in ("收到红塔区人民法院委托调查评估", "送达回执", "报到", "首次谈话", "入矫宣告", "解除社区矫正"):
            assert event in timeline, event
        page.locator("#timeline-kind").select_option(label="调查评估")
        assert page.get_by_test_id("timeline").locator("li:visible").count() == 4
