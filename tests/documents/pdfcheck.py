"""Checks of rendered PDFs shared by the document tests: which characters are drawn, with which font, and
whether that font really has them (a missing glyph shows as an empty box, "tofu")."""

import ctypes
import dataclasses
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from fontTools.ttLib import TTFont


@dataclasses.dataclass(frozen=True)
class Glyph:
    char: str
    font: str  # the embedded font's base name, e.g. "LWGGBP+Noto-Serif-CJK-SC"
    box: tuple[float, float, float, float]  # left, bottom, right, top in PDF points
    in_font: bool  # whether the embedded font maps this character to a glyph of its own


def _font_name(font) -> str:
    buffer = ctypes.create_string_buffer(256)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return buffer.value.decode()


def _font_cmap(font) -> dict[int, str]:
    """The character map of the font program embedded in the PDF (the subset WeasyPrint wrote)."""
    size = ctypes.c_size_t()
    pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size))
    data = (ctypes.c_uint8 * size.value)()
    assert pdfium_c.FPDFFont_GetFontData(font, data, size.value, ctypes.byref(size))
    return TTFont(io.BytesIO(bytes(data))).getBestCmap() or {}


def page_glyphs(page) -> list[Glyph]:
    """Every character drawn on a page, with its font and whether that font really has it.

    A character no installed font has is drawn by WeasyPrint with a glyph id outside the font (pdfium shows
    the font's .notdef box, "tofu"); the text layer still maps it back to the character. The embedded font's
    cmap does not contain such a character, which is what ``in_font`` checks.
    """
    textpage = page.get_textpage()
    cmaps: dict[str, dict[int, str]] = {}
    glyphs = []
    count = textpage.count_chars()
    index = 0
    while index < count:
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        step = 1
        if 0xD800 <= code < 0xDC00 and index + 1 < count:  # pdfium gives UTF-16: join surrogate pairs
            low = pdfium_c.FPDFText_GetUnicode(textpage, index + 1)
            code, step = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 2
        char = chr(code)
        if not pdfium_c.FPDFText_IsGenerated(textpage, index) and not char.isspace():
            font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage, index))
            name = _font_name(font)
            if name not in cmaps:
                cmaps[name] = _font_cmap(font)
            glyphs.append(Glyph(char, name, textpage.get_charbox(index), code in cmaps[name]))
        index += step
    return glyphs


def missing_glyphs(pdf: bytes) -> list[str]:
    """The characters drawn in the PDF with a glyph their font does not have (missing-glyph boxes)."""
    document = pdfium.PdfDocument(pdf)
    return [glyph.char for page in document for glyph in page_glyphs(page) if not glyph.in_font]
