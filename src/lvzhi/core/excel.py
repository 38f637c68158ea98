"""Excel out: streaming, write-only workbooks of any list, with the active filters."""

import tempfile
from datetime import datetime

from django.http import FileResponse
from django.utils import timezone
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=str(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([_cell_value(v) for v in row])
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
            yield [bound.get_cell_value(c.name) for c in columns]

    return headers, rows()


def export_filename(base: str) -> str:
    return f"{base}-{timezone.localdate():%Y%m%d}.xlsx"
