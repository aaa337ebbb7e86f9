"""CSV cells that a spreadsheet would run as formulas are written as text (OWASP CSV injection)."""

import csv
import io

import pytest

from sqjz.core.spreadsheet import csv_response, spreadsheet_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+86 139", "'+86 139"),
        ("-1", "'-1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"),
        ("\r=1", "'\r=1"),
        ("张三", "张三"),
        ("a=b", "a=b"),
        ("2026-11-30", "2026-11-30"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_spreadsheet_cell_quotes_only_what_would_start_a_formula(value, written):
    assert spreadsheet_cell(value) == written


def test_csv_response_starts_with_a_bom_and_escapes_every_cell():
    response = csv_response("名册.csv", ["姓名", "=标题"], [["=1+2", "王五"], ["@x", None]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''%E5%90%8D%E5%86%8C.csv"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows == [["姓名", "'=标题"], ["'=1+2", "王五"], ["'@x", ""]]
