"""CSV files that officers open in Excel or WPS: every CSV the system writes goes through `csv_response`."""

import csv
from collections.abc import Iterable
from urllib.parse import quote

from django.http import HttpResponse

# A cell starting with one of these is read as a formula (or, after a tab or carriage return, as one once the
# spreadsheet strips the blank): =HYPERLINK(...) or a DDE call would run on the officer's computer (OWASP, CSV
# injection). A leading single quote makes the spreadsheet show the text as typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # without it Excel reads UTF-8 as the local code page and the Chinese turns to noise


def spreadsheet_cell(value: object) -> str:
    """The text of one cell, with a leading quote when the spreadsheet would otherwise read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[object]]) -> HttpResponse:
    """A CSV download: UTF-8 with a byte-order mark, every cell passed through `spreadsheet_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return response
