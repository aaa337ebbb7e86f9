"""The standard statistics as an Excel workbook in the layout officers file upward: a title row naming the area and
the period, the filing unit, the table (sections down the side, units across, 合计 last), and the 填报人/审核人/填报日期
lines; the definitions of the lines on a second sheet. Numbers are numbers; every text cell passes through
core.spreadsheet so that nothing is read as a formula."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from sqjz.core.spreadsheet import spreadsheet_cell
from sqjz.statistics.selectors import Table
from sqjz.statute.text import cn_date

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
TABLE_SHEET, DEFINITIONS_SHEET = "统计表", "指标说明"
HEADER_ROW = 4  # the row of the units' names; the lines follow


def title(table: Table, period_label: str) -> str:
    return f"{table.area}社区矫正工作统计表（{period_label}）"


def workbook(table: Table, *, period_label: str, start: date, end: date, today: date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = TABLE_SHEET
    width = len(table.columns) + 2  # 项目, the units, 合计

    ws.cell(1, 1, spreadsheet_cell(title(table, period_label))).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = CENTRE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 30
    ws.cell(2, 1, spreadsheet_cell(f"填报单位：{table.unit}"))
    ws.cell(2, max(2, width - 1), spreadsheet_cell(f"统计期间：{cn_date(start)}至{cn_date(end)}"))

    header = ["项目", *(c.name for c in table.columns), "合计"]
    for col, text in enumerate(header, start=1):
        cell = ws.cell(HEADER_ROW, col, spreadsheet_cell(text))
        cell.font, cell.alignment, cell.border = BOLD, CENTRE, BOX

    row = HEADER_ROW + 1
    for section, lines in table.sections:
        cell = ws.cell(row, 1, spreadsheet_cell(section))
        cell.font = BOLD
        for col in range(1, width + 1):
            ws.cell(row, col).border = BOX
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
        for line in lines:
            ws.cell(row, 1, spreadsheet_cell(line.statistic.label)).border = BOX
            for col, value in enumerate([*line.values, line.total], start=2):
                cell = ws.cell(row, col, int(value))
                cell.border, cell.number_format = BOX, "0"
                cell.alignment = Alignment(horizontal="right")
            ws.cell(row, width).font = BOLD
            row += 1

    row += 1
    ws.cell(row, 1, "填报人：")
    ws.cell(row, max(2, width // 2), "审核人：")
    ws.cell(row, max(3, width - 1), spreadsheet_cell(f"填报日期：{cn_date(today)}"))

    ws.column_dimensions["A"].width = 26
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = f"B{HEADER_ROW + 1}"  # a coordinate: the cell there may be merged
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    defs = wb.create_sheet(DEFINITIONS_SHEET)
    for col, text in enumerate(("栏目", "项目", "统计口径"), start=1):
        cell = defs.cell(1, col, text)
        cell.font, cell.border = BOLD, BOX
    r = 2
    for section, lines in table.sections:
        for line in lines:
            texts = (section, line.statistic.label, line.statistic.definition)
            for col, text in enumerate(texts, start=1):
                cell = defs.cell(r, col, spreadsheet_cell(text))
                cell.border, cell.alignment = BOX, Alignment(wrap_text=True, vertical="top")
            r += 1
    defs.column_dimensions["A"].width = 12
    defs.column_dimensions["B"].width = 26
    defs.column_dimensions["C"].width = 90

    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
