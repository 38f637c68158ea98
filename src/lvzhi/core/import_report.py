"""What an import tells its user: every error and warning, and a workbook of them.

The report is produced here, not in a view, so the web page, the command line and a
background job give the same one. The web page keeps the workbook for its user to
download (`store_report` / `stored_report`).
"""

import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

#: Errors listed on the web page; the workbook holds all of them.
SHOWN_ON_PAGE = 200
#: Stored report workbooks older than this are removed when a new one is stored.
KEEP_SECONDS = 24 * 3600
SESSION_KEY = "import_reports"


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
        ws.append([_("Row"), _("Column"), _("Message")])
        for item in items:
            message = WriteOnlyCell(ws, value=item.message)
            message.data_type = "s"  # a message quoting "=…" from the file stays text
            ws.append([item.row, item.column, message])
    return wb


def _folder():
    folder = settings.MEDIA_ROOT / "import-reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_report(session, result: ImportResult) -> str:
    """Keep the report workbook for the session's user; returns its token."""
    folder = _folder()
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    report_workbook(result).save(folder / f"{token}.xlsx")
    session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-9:], token]
    return token


def stored_report(session, token: str):
    """The path of a report this session stored, or None."""
    if token not in session.get(SESSION_KEY, []):
        return None
    path = _folder() / f"{token}.xlsx"
    return path if path.exists() else None
