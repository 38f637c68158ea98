"""What an import tells its user: every error and warning, and a workbook of them.

The report is produced here, not in a view, so the command line (`--report`) and the
background job behind the web page (which hands the workbook to its actor) give the same one.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook

from lvzhi.core.excel import append_row


@dataclass
class RowError:
    """One problem of one row; `column` is the header it concerns ("" = the whole row)."""

    row: int | None
    message: str
    column: str = ""

    def __str__(self):
        if self.row is None:
            return self.message
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: likely duplicates and other things to look at; they do not stop the import
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def report_workbook(result: ImportResult) -> Workbook:
    """The errors (and warnings) of an import as a workbook: row, column, message."""
    wb = Workbook(write_only=True)
    sheets = [(_("Errors"), result.errors)]
    if result.warnings:
        sheets.append((_("Warnings"), result.warnings))
    for title, items in sheets:
        ws = wb.create_sheet(title=title)
        append_row(ws, [_("Row"), _("Column"), _("Message")], bold=True)
        for item in items:
            # A message quoting "=…" from the file stays text (excel.cell).
            append_row(ws, [item.row, item.column, item.message])
    return wb
