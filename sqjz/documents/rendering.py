"""Official documents (文书) rendered to DOCX and PDF, laid out close to GB/T 9704-2012 on A4.

Pure functions of an ``OfficialDocument``: the same document always renders to the same bytes, so a
document can be regenerated identically from the same data. Nothing is loaded from the network; the PDF
uses the system fonts (fontconfig) of Debian's ``fonts-noto-cjk``.

Fonts: the body is set in "Noto Serif CJK SC" (standing in for 仿宋), the title in its bold face (for
小标宋), section headings and the confidentiality mark in "Noto Sans CJK SC" (for 黑体). The DOCX names
the same fonts for every script (ascii, hAnsi, eastAsia, cs), so LibreOffice on the server shows what the
PDF shows; Word on a machine without Noto CJK substitutes its own CJK font.

The seal: the issuer and the date are right-aligned at the end with three blank lines above them; the seal
is stamped by hand over them, so that space is left empty (nothing is printed in it). The document number
is right-aligned on the line under the title in both formats.

Byte-identical output holds for one environment: the pinned Python packages, and for the PDF also the
system's Pango/HarfBuzz and font files, which shape and embed the glyphs.
"""

import html
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from hashlib import sha256

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
CONFIDENTIAL_MARK = "内部资料 注意保密"
DATE_PLACEHOLDER = "年　　月　　日"

# GB/T 9704-2012 on A4, in millimetres; sizes in points (三号 16 pt, 二号 22 pt, 四号 14 pt).
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37, 35, 28, 26
BODY_SIZE, TITLE_SIZE, SMALL_SIZE = 16, 22, 14
LINE_HEIGHT = 28.9  # 22 lines in the 225 mm text area
TITLE_LINE_HEIGHT = 36


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; its first line is indented by two characters unless ``indent`` is False."""

    text: str
    indent: bool = True


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body, e.g. "一、基本情况"."""

    text: str


@dataclass(frozen=True)
class Table:
    """A bordered table, e.g. participants or a checklist; the first row is a header row if ``header``."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = True


@dataclass(frozen=True)
class Signatures:
    """Signature lines for people, each followed by a blank line to sign in and "年  月  日"."""

    lines: tuple[str, ...]


Block = Paragraph | Heading | Table | Signatures


@dataclass(frozen=True)
class OfficialDocument:
    title: str
    number: str  # 文号, e.g. "〔2026〕玉红司矫字第12号"; may be ""
    recipient: str  # 主送; may be ""
    blocks: tuple[Block, ...]
    issuer: str  # printed at the bottom right above the date; the seal goes over it
    issue_date: date
    copy_to: tuple[str, ...] = ()  # 抄送
    confidential: bool = False  # print "内部资料 注意保密" at the top left


_DIGITS = "〇一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """1..31 in Chinese numerals: 一 … 十、十一 … 二十、二十一 … 三十一."""
    tens, ones = divmod(n, 10)
    text = ("" if tens < 2 else _DIGITS[tens]) + ("十" if tens else "")
    return text + (_DIGITS[ones] if ones else "")


def chinese_date(d: date) -> str:
    """date(2026, 11, 28) -> "二〇二六年十一月二十八日", the way dates are written on official documents."""
    year = "".join(_DIGITS[int(digit)] for digit in str(d.year))
    return f"{year}年{_chinese_number(d.month)}月{_chinese_number(d.day)}日"


def _recipient_line(doc: OfficialDocument) -> str:
    return doc.recipient if doc.recipient.endswith("：") else f"{doc.recipient}："


def _copy_to_line(doc: OfficialDocument) -> str:
    return f"抄送：{'，'.join(doc.copy_to)}。"


def _table_rows(table: Table) -> list[tuple[str, ...]]:
    """The rows padded with empty cells to the widest row."""
    width = max((len(row) for row in table.rows), default=0)
    return [row + ("",) * (width - len(row)) for row in table.rows]


def _fixed_time(doc: OfficialDocument) -> datetime:
    """The creation and modification time written into both formats: midnight (UTC) of the issue date."""
    return datetime(doc.issue_date.year, doc.issue_date.month, doc.issue_date.day, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------------- DOCX


def _set_font(run, family: str = SERIF, size: float = BODY_SIZE, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        r_fonts.set(qn(f"w:{attribute}"), family)


def _add_paragraph(
    container,
    text: str = "",
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    family: str = SERIF,
    size: float = BODY_SIZE,
    bold: bool = False,
    line_height: float = LINE_HEIGHT,
    right_indent_chars: int = 0,
    keep_with_next: bool = False,
):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(line_height)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    if right_indent_chars:
        fmt.right_indent = Pt(right_indent_chars * size)
    if keep_with_next:
        fmt.keep_with_next = True
    if text:
        _set_font(paragraph.add_run(text), family, size, bold)
    return paragraph


def _drop_theme_fonts(docx) -> None:
    """Remove the template's default theme fonts (Calibri and friends), which would win over named fonts."""
    for r_fonts in docx.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts"):
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            r_fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            r_fonts.set(qn(f"w:{attribute}"), SERIF)


def _paragraph_borders(paragraph, *sides: str) -> None:
    """Draw 0.35 mm rules on the given sides of a paragraph (the 版记 rules)."""
    borders = OxmlElement("w:pBdr")
    for side in sides:
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "8")  # eighths of a point: 1 pt ≈ 0.35 mm
        border.set(qn("w:space"), "1")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    # w:pBdr comes before these in w:pPr (the schema's element order)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


def _add_page_number(section) -> None:
    """The footer "— 1 —" with a PAGE field."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(paragraph.add_run("— "), SERIF, SMALL_SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    page_run = paragraph.add_run("1")
    _set_font(page_run, SERIF, SMALL_SIZE)
    paragraph._p.remove(page_run._r)
    field.append(page_run._r)
    paragraph._p.append(field)
    _set_font(paragraph.add_run(" —"), SERIF, SMALL_SIZE)


def _add_table(docx, table: Table) -> None:
    rows = _table_rows(table)
    if not rows or not rows[0]:
        return
    grid = docx.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, row in enumerate(rows):
        is_header = table.header and index == 0
        if is_header:  # repeat the header row on every page
            grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(grid.rows[index].cells, row, strict=True):
            paragraph = cell.paragraphs[0]
            fmt = paragraph.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if is_header else WD_ALIGN_PARAGRAPH.LEFT
            fmt.space_before = fmt.space_after = Pt(3)
            fmt.line_spacing = Pt(22)
            fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
            if text:
                _set_font(paragraph.add_run(text), SERIF, SMALL_SIZE, bold=is_header)


def _add_signatures(docx, signatures: Signatures) -> None:
    for line in signatures.lines:
        _add_paragraph(docx, line, indent=True, keep_with_next=True)
        _add_paragraph(docx, keep_with_next=True)  # the blank line to sign in
        _add_paragraph(docx, DATE_PLACEHOLDER, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent_chars=2)


def _add_block(docx, block: Block) -> None:
    match block:
        case Paragraph(text=text, indent=indent):
            _add_paragraph(docx, text, indent=indent)
        case Heading(text=text):
            _add_paragraph(docx, text, indent=True, family=SANS)
        case Table():
            _add_table(docx, block)
        case Signatures():
            _add_signatures(docx, block)
        case _:
            raise TypeError(f"not a document block: {block!r}")


def _set_core_properties(docx, doc: OfficialDocument) -> None:
    props = docx.core_properties
    props.title = doc.title
    props.subject = doc.number
    props.author = doc.issuer
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.last_modified_by = doc.issuer
    props.revision = 1
    props.created = props.modified = _fixed_time(doc).replace(tzinfo=None)  # python-docx writes naive as UTC


# The zip entries' timestamp (zip cannot store dates before 1980); a constant, so the bytes never vary.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with constant timestamps and attributes, keeping the order of its entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever platform renders
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as a Word file (DOCX), byte-identical for the same document."""
    docx = new_docx()
    section = docx.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.footer_distance = Mm(MARGIN_BOTTOM - 7 - 8)  # page number about 7 mm under the text area
    _set_font(docx.styles["Normal"], SERIF, BODY_SIZE)
    _drop_theme_fonts(docx)

    if doc.confidential:
        _add_paragraph(docx, CONFIDENTIAL_MARK, align=WD_ALIGN_PARAGRAPH.LEFT, family=SANS)
    _add_paragraph(
        docx, doc.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=TITLE_SIZE, bold=True, line_height=TITLE_LINE_HEIGHT
    )
    if doc.number:
        _add_paragraph(docx, doc.number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _add_paragraph(docx)
    if doc.recipient:
        _add_paragraph(docx, _recipient_line(doc), align=WD_ALIGN_PARAGRAPH.LEFT)
    for block in doc.blocks:
        _add_block(docx, block)

    for _ in range(3):  # a blank line, then room for the seal; kept on the page of the issuer and date
        _add_paragraph(docx, keep_with_next=True)
    _add_paragraph(docx, doc.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent_chars=2, keep_with_next=True)
    _add_paragraph(docx, chinese_date(doc.issue_date), align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent_chars=2)
    if doc.copy_to:
        _add_paragraph(docx)
        copy_to = _add_paragraph(docx, _copy_to_line(doc), align=WD_ALIGN_PARAGRAPH.LEFT, size=SMALL_SIZE)
        copy_to.paragraph_format.left_indent = copy_to.paragraph_format.right_indent = Pt(SMALL_SIZE)
        _paragraph_borders(copy_to, "top", "bottom")

    _add_page_number(section)
    _set_core_properties(docx, doc)
    out = io.BytesIO()
    docx.save(out)
    return _normalise_zip(out.getvalue())


# ----------------------------------------------------------------------------------------------------- PDF

_CSS = f"""
@page {{
  size: A4;
  margin: {MARGIN_TOP}mm {MARGIN_RIGHT}mm {MARGIN_BOTTOM}mm {MARGIN_LEFT}mm;
  @bottom-center {{
    content: "— " counter(page) " —";
    font-family: "{SERIF}"; font-size: {SMALL_SIZE}pt;
    vertical-align: top; padding-top: 7mm;
  }}
}}
html {{ font-family: "{SERIF}"; font-size: {BODY_SIZE}pt; line-height: {LINE_HEIGHT}pt; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0; text-align: justify; }}
.indent {{ text-indent: 2em; }}
.confidential {{ font-family: "{SANS}"; }}
h1 {{
  margin: 0; font-size: {TITLE_SIZE}pt; line-height: {TITLE_LINE_HEIGHT}pt;
  font-weight: bold; text-align: center;
}}
.number {{ text-align: right; }}
.recipient {{ margin-top: {LINE_HEIGHT}pt; }}
h2 {{ margin: 0; font-family: "{SANS}"; font-size: {BODY_SIZE}pt; font-weight: normal; text-indent: 2em; }}
table {{ width: 100%; margin: 6pt 0; border-collapse: collapse; font-size: {SMALL_SIZE}pt; line-height: 22pt; }}
th, td {{ border: 0.5pt solid #000; padding: 3pt 5.4pt; text-align: left; vertical-align: top; }}
th {{ text-align: center; }}
.blank {{ height: {LINE_HEIGHT}pt; }}
.right {{ text-align: right; padding-right: 2em; }}
.signature {{ break-inside: avoid; }}
.signoff {{ margin-top: {3 * LINE_HEIGHT}pt; break-inside: avoid; }}
.copy-to {{
  margin-top: {LINE_HEIGHT}pt; padding: 0 1em; font-size: {SMALL_SIZE}pt;
  border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000;
}}
"""


def _html_block(block: Block) -> str:
    e = html.escape
    match block:
        case Paragraph(text=text, indent=indent):
            return f'<p class="indent">{e(text)}</p>' if indent else f"<p>{e(text)}</p>"
        case Heading(text=text):
            return f"<h2>{e(text)}</h2>"
        case Table():
            rows = _table_rows(block)
            parts = ["<table>"]
            for index, row in enumerate(rows):
                tag = "th" if block.header and index == 0 else "td"
                parts.append("<tr>" + "".join(f"<{tag}>{e(cell)}</{tag}>" for cell in row) + "</tr>")
            parts.append("</table>")
            return "".join(parts)
        case Signatures(lines=lines):
            return "".join(
                f'<div class="signature"><p class="indent">{e(line)}</p><p class="blank"></p>'
                f'<p class="right">{DATE_PLACEHOLDER}</p></div>'
                for line in lines
            )
        case _:
            raise TypeError(f"not a document block: {block!r}")


def _html(doc: OfficialDocument) -> str:
    e = html.escape
    created = _fixed_time(doc).strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(doc.title)}</title>",
        f'<meta name="author" content="{e(doc.issuer)}">',
        f'<meta name="dcterms.created" content="{created}">',
        f'<meta name="dcterms.modified" content="{created}">',
        "</head><body>",
    ]
    if doc.confidential:
        parts.append(f'<p class="confidential">{CONFIDENTIAL_MARK}</p>')
    parts.append(f"<h1>{e(doc.title)}</h1>")
    if doc.number:
        parts.append(f'<p class="number">{e(doc.number)}</p>')
    if doc.recipient:
        parts.append(f'<p class="recipient">{e(_recipient_line(doc))}</p>')
    else:
        parts.append('<p class="blank"></p>')
    parts.extend(_html_block(block) for block in doc.blocks)
    parts.append(
        f'<div class="signoff"><p class="right">{e(doc.issuer)}</p>'
        f'<p class="right">{chinese_date(doc.issue_date)}</p></div>'
    )
    if doc.copy_to:
        parts.append(f'<p class="copy-to">{e(_copy_to_line(doc))}</p>')
    parts.append("</body></html>")
    return "".join(parts)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as a PDF, byte-identical for the same document."""
    import weasyprint  # imported here: loading Pango takes a moment and only PDF rendering needs it

    page = _html(doc)
    offline = weasyprint.URLFetcher(allowed_protocols=())  # refuse every URL: nothing comes from the network
    return weasyprint.HTML(string=page, url_fetcher=offline).write_pdf(
        stylesheets=[weasyprint.CSS(string=_CSS, url_fetcher=offline)],
        # The file identifier (/ID) is derived from the content instead of being left out or random.
        pdf_identifier=sha256(page.encode()).hexdigest()[:32].encode(),
    )
