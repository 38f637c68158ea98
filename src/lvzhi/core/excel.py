"""Excel out: streaming, write-only workbooks of any list, with the active filters.

Every workbook the system writes puts its cells through `cell()`: text a spreadsheet would
read as a formula (= + - @, or a leading tab / carriage return) is stored as text, so
`=HYPERLINK("http://evil.example")` typed into a name comes back as those characters.
Dates and numbers are real cells (a date format, sortable and summable); every sheet has
column widths from its content, a frozen header row and a filter on the header.
"""

import itertools
import tempfile
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from django_tables2 import BooleanColumn
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: First characters that make Excel or LibreOffice treat typed text as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: widths in characters (a Chinese character counts two); longer text wraps
MIN_WIDTH, MAX_WIDTH = 6, 50
#: rows read ahead to size the columns (the rest stream after them)
SIZING_ROWS = 200


def cell(ws, value, *, bold=False):
    """A cell for `ws.append()` (write-only or normal sheet) holding `value` safely.

    Text that starts like a formula is typed as a string and given the quote-prefix style
    (Excel's leading apostrophe): shown as typed, and still text when the user edits it.
    Numbers, negative ones too, stay numbers.
    """
    value = _cell_value(value)
    result = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        result.data_type = "s"
        result.quotePrefix = True
    if isinstance(value, datetime):
        result.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        result.number_format = DATE_FORMAT
    elif isinstance(value, str) and (len(value) > MAX_WIDTH // 2 or "\n" in value):
        result.alignment = WRAP
    if bold:
        result.font = Font(bold=True)
    return result


WRAP = Alignment(wrap_text=True, vertical="top")


def append_row(ws, values, *, bold=False) -> None:
    ws.append([cell(ws, v, bold=bold) for v in values])


def xlsx_response(filename: str, title: str, headers, rows) -> FileResponse:
    """Write rows into a write-only workbook on disk and stream the file back.

    Rows are consumed one by one, so memory stays flat for large lists.
    """
    tmp = tempfile.TemporaryFile()
    write_workbook(tmp, title, headers, rows)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def write_workbook(target, title: str, headers, rows) -> None:
    """Write a one-sheet workbook into the binary file `target`, one row at a time: columns
    sized from the header and the first rows, the header frozen and filtered."""
    write_sheets(target, [(title, headers, rows)])


def write_sheets(target, sheets) -> None:
    """Write a workbook of several sheets `[(title, headers, rows), …]` into `target`, each
    sheet as `write_workbook` writes its one."""
    wb = Workbook(write_only=True)
    for title, headers, rows in sheets:
        add_sheet(wb, title, headers, rows)
    wb.save(target)


def sheets_response(filename: str, sheets) -> FileResponse:
    tmp = tempfile.TemporaryFile()
    write_sheets(tmp, sheets)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def add_sheet(wb, title: str, headers, rows) -> None:
    ws = wb.create_sheet(title=_sheet_title(title))
    headers = [str(h) for h in headers]
    rows = iter(rows)
    first = list(itertools.islice(rows, SIZING_ROWS))
    for index, width in enumerate(column_widths(headers, first), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    # printed as offices print lists: A4 landscape, as wide as the page, header on every page
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    append_row(ws, headers, bold=True)
    count, columns = 0, len(headers)
    for row in itertools.chain(first, rows):
        append_row(ws, row)
        count += 1
        columns = max(columns, len(row))
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{count + 1}"


def _sheet_title(title: str) -> str:
    """Excel's rule for sheet names: at most 31 characters, none of []:*?/\\."""
    for ch in "[]:*?/\\":
        title = title.replace(ch, "-")
    return title[:31] or "-"


def column_widths(headers, rows) -> list[float]:
    """A width per column that fits its header and the given rows, within MIN/MAX_WIDTH."""
    widths = [_text_width(h) for h in headers]
    for row in rows:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(MIN_WIDTH)
            widths[index] = max(widths[index], _text_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def _text_width(value) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(_cell_value(value))
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _cell_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | str | date | Decimal):
        return value
    return str(value)


def table_rows(table, queryset, chunk_size=2000):
    """(headers, row iterator) for a django-tables2 table over an unpaginated queryset."""
    # every column, also those only exported (visible=False: long texts the list leaves out)
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    headers = [c.header for c in columns]

    def rows():
        for record in queryset.iterator(chunk_size=chunk_size):
            bound = BoundRow(record, table=table)
            yield [_table_value(bound, record, c) for c in columns]

    return headers, rows()


def _table_value(bound, record, column):
    # django-tables2 gives a boolean column's value as the string "True"; the sheet says 是/否.
    if isinstance(column.column, BooleanColumn):
        value = column.accessor.resolve(record, quiet=True)
        return None if value is None else bool(value)
    # A date or number stays one (the list renders it as text); a choice shows its label.
    shown = bound.get_cell_value(column.name)
    raw = column.accessor.resolve(record, quiet=True)
    if isinstance(raw, date | Decimal) or (
        isinstance(raw, int | float) and not isinstance(raw, bool)
    ):
        if isinstance(raw, date) or str(shown).strip() == str(raw):
            return raw
    return shown


def export_filename(base: str) -> str:
    return f"{base}-{timezone.localdate():%Y%m%d}.xlsx"
