"""Official documents render to deterministic DOCX and PDF, and the PDF really draws every Chinese character."""

import dataclasses
import io
import re
import unicodedata
import zipfile
from datetime import UTC, date, datetime

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given
from hypothesis import strategies as st

from sqjz.documents.rendering import (
    Heading,
    OfficialDocument,
    Paragraph,
    Signatures,
    Table,
    chinese_date,
    render_docx,
    render_pdf,
)
from tests.documents.pdfcheck import missing_glyphs, page_glyphs

RARE = "矫豁巍聂犇"

SAMPLE = OfficialDocument(
    title="调查评估意见书",
    number="〔2026〕玉红司矫字第12号",
    recipient="玉溪市红塔区人民法院",
    blocks=(
        Paragraph(
            "受你院委托，我局于2026年11月3日对被告人聂犇（男，1998年5月生，住玉溪市红塔区玉兴街道）"
            "是否适合社区矫正进行了调查评估。现将有关情况报告如下："
        ),
        Heading("一、基本情况"),
        Paragraph(
            "经走访其家庭成员、所在社区（村）及巍山村委会，并依照《中华人民共和国社区矫正法》和"
            "《中华人民共和国社区矫正法实施办法》的规定，聂犇居所固定，家庭关系和睦，邻里评价良好，"
            "其父母愿意担任监护人，具备社区矫正条件。犯罪情节轻微，未予豁免的事项另行说明。"
        ),
        Table(rows=(("调查事项", "调查结果"), ("家庭成员", "愿意协助监督管理"), ("社区（村）", "同意接收"))),
        Signatures(lines=("社区矫正对象（签名）：", "监护人（签名）：")),
    ),
    issuer="玉溪市红塔区社区矫正管理局",
    issue_date=date(2026, 11, 28),
    copy_to=("玉溪市红塔区人民检察院",),
)


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return render_docx(SAMPLE)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_pdf(SAMPLE)


# ------------------------------------------------------------------------------------------------ dates

DIGITS = "〇一二三四五六七八九"


def _parse_number(text: str) -> int:
    if "十" not in text:
        return DIGITS.index(text)
    tens, ones = text.split("十")
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


NUMBER = "[一二三四五六七八九十]{1,3}"


def parse_chinese_date(text: str) -> date:
    match = re.fullmatch(f"([{DIGITS}]{{4}})年({NUMBER})月({NUMBER})日", text)
    assert match, text
    year = int("".join(str(DIGITS.index(c)) for c in match[1]))
    return date(year, _parse_number(match[2]), _parse_number(match[3]))


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 11, 28), "二〇二六年十一月二十八日"),
        (date(2026, 1, 1), "二〇二六年一月一日"),
        (date(2026, 10, 10), "二〇二六年十月十日"),
        (date(2026, 12, 31), "二〇二六年十二月三十一日"),
        (date(2030, 2, 20), "二〇三〇年二月二十日"),
        (date(2019, 9, 19), "二〇一九年九月十九日"),
    ],
)
def test_chinese_date(day, text):
    assert chinese_date(day) == text


@given(st.dates(min_value=date(1000, 1, 1)))
def test_chinese_date_round_trips(day):
    assert parse_chinese_date(chinese_date(day)) == day


# ------------------------------------------------------------------------------------------------- DOCX


def _docx_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_docx_contents(docx_bytes):
    document = Document(io.BytesIO(docx_bytes))
    text = _docx_text(document)
    paragraphs = [p.text for p in document.paragraphs]
    for expected in (SAMPLE.title, SAMPLE.number, "一、基本情况", RARE[0], "《中华人民共和国社区矫正法》"):
        assert expected in text
    assert "玉溪市红塔区人民法院：" in paragraphs
    assert "社区矫正对象（签名）：" in paragraphs
    assert "玉溪市红塔区社区矫正管理局" in paragraphs
    assert "二〇二六年十一月二十八日" in paragraphs
    assert paragraphs[-1] == "抄送：玉溪市红塔区人民检察院。"
    assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
        ["调查事项", "调查结果"],
        ["家庭成员", "愿意协助监督管理"],
        ["社区（村）", "同意接收"],
    ]
    title = next(p for p in document.paragraphs if p.text == SAMPLE.title)
    assert title.runs[0].font.size.pt == 22
    assert title.runs[0].font.bold
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "Noto Serif CJK SC"


def test_docx_page_is_a4_with_official_margins(docx_bytes):
    section = Document(io.BytesIO(docx_bytes)).sections[0]
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, mm in expected.items():
        assert abs(getattr(section, name) - Mm(mm)) < Mm(0.1), name


def test_docx_is_deterministic(docx_bytes):
    assert render_docx(SAMPLE) == docx_bytes
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = Document(io.BytesIO(docx_bytes)).core_properties
    assert props.created == props.modified == datetime(2026, 11, 28, tzinfo=UTC)
    assert props.revision == 1


# -------------------------------------------------------------------------------------------------- PDF


def _pdf_text(pdf: bytes) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))


def test_pdf_is_deterministic(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF-")
    assert render_pdf(SAMPLE) == pdf_bytes
    metadata = pdfium.PdfDocument(pdf_bytes).get_metadata_dict()
    assert metadata["CreationDate"] == metadata["ModDate"] == "D:20261128000000Z"
    assert metadata["Title"] == SAMPLE.title


def test_pdf_text(pdf_bytes):
    text = _pdf_text(pdf_bytes)
    for expected in (SAMPLE.title, SAMPLE.number, "玉溪市红塔区人民法院：", *RARE, "《中华人民共和国社区矫正法》"):
        assert expected in text
    for expected in ("调查事项", "愿意协助监督管理", "监护人（签名）：", SAMPLE.issuer, "二〇二六年十一月二十八日"):
        assert expected in text
    assert "— 1 —" in text  # page numbers in the footer
    assert re.search(r"抄送：玉溪市红塔区人民检察院。\s*— \d+ —$", text.rstrip())  # last, before the page number


def test_pdf_draws_every_character_with_noto_cjk(pdf_bytes):
    glyphs = [glyph for page in pdfium.PdfDocument(pdf_bytes) for glyph in page_glyphs(page)]
    assert len(glyphs) > 300
    assert {glyph.char for glyph in glyphs} >= set(RARE + "：，。（）《》〔〕")
    assert missing_glyphs(pdf_bytes) == []
    fonts = {re.sub(r"^[A-Z]{6}\+", "", glyph.font) for glyph in glyphs}  # drop the subset tag
    assert fonts == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold", "Noto-Sans-CJK-SC"}


@pytest.mark.parametrize(
    "missing",
    [
        "\ue000",  # Private Use Area: no font has it
        "\U00020000",  # CJK Extension B 𠀀, a real character fonts-noto-cjk does not cover
    ],
)
def test_missing_glyph_check_fails_for_a_character_no_font_has(missing):
    document = dataclasses.replace(
        SAMPLE, blocks=(Paragraph(f"被告人聂{missing}犇，住巍山村。"),), number="", recipient="", copy_to=()
    )
    pdf = render_pdf(document)
    assert missing in _pdf_text(pdf)  # the text layer alone would not notice anything
    assert missing_glyphs(pdf) == [missing]


SCALE = 2  # pixels per PDF point


def _mm(value: float) -> int:
    return round(value / 25.4 * 72 * SCALE)


def _ink(image, box) -> int:
    """How many dark pixels a region of a greyscale page image has."""
    return sum(image.crop(box).histogram()[:128])


def test_pdf_page_one_image(pdf_bytes):
    page = pdfium.PdfDocument(pdf_bytes)[0]
    image = page.render(scale=SCALE, grayscale=True).to_pil().convert("L")
    width, height = image.size
    assert abs(width / height - 210 / 297) < 0.002
    assert abs(width - _mm(210)) <= 1

    assert _ink(image, (0, 0, width, _mm(36))) == 0  # top margin (37 mm) blank
    assert _ink(image, (0, 0, _mm(27), height)) == 0  # left margin (28 mm) blank
    assert _ink(image, (_mm(28), _mm(37), width - _mm(26), _mm(37) + 36 * SCALE)) > 2000  # the 22 pt title

    glyphs = [glyph for glyph in page_glyphs(page) if unicodedata.category(glyph.char) == "Lo"]
    assert len(glyphs) > 150
    for glyph in glyphs:  # every Chinese character leaves ink inside its own box
        left, bottom, right, top = glyph.box
        box = (int(left * SCALE), int(height - top * SCALE), int(right * SCALE) + 1, int(height - bottom * SCALE) + 1)
        assert _ink(image, box) > 0, glyph


def test_confidential_mark_and_optional_parts():
    document = dataclasses.replace(SAMPLE, number="", recipient="", copy_to=(), confidential=True)
    paragraphs = [p.text for p in Document(io.BytesIO(render_docx(document))).paragraphs]
    assert paragraphs[:2] == ["内部资料 注意保密", SAMPLE.title]
    assert not any("抄送" in text or "〔2026〕" in text or text.endswith("法院：") for text in paragraphs)
    text = _pdf_text(render_pdf(document))
    assert text.startswith("内部资料 注意保密\r\n调查评估意见书\r\n")
    assert "抄送" not in text
