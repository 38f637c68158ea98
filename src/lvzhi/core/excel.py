"""Excel out: streaming, write-only workbooks of any list, with the active filters.

Every workbook the system writes puts its cells through `cell()`: text a spreadsheet would
read as a formula (= + - @, or a leading tab / carriage return) is stored as text, so
`=HYPERLINK("http://evil.example")` typed into a name comes back as those characters.
"""

import tempfile
from datetime import datetime

from django.http import FileResponse
from django.utils import timezone
from django_tables2 import BooleanColumn
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: First characters that make Excel or LibreOffice treat typed text as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


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
    if bold:
        result.font = Font(bold=True)
    return result


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
    """Write a one-sheet workbook into the binary file `target`, one row at a time."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    append_row(ws, [str(h) for h in headers], bold=True)
    for row in rows:
        append_row(ws, row)
    wb.save(target)


def _cell_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | str):
        return value
    return str(value)


def table_rows(table, queryset, chunk_size=2000):
    """(headers, row iterator) for a django-tables2 table over an unpaginated queryset."""
    columns = [c for c in table.columns if not c.column.exclude_from_export]
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
    return bound.get_cell_value(column.name)


def export_filename(base: str) -> str:
    return f"{base}-{timezone.localdate():%Y%m%d}.xlsx"
