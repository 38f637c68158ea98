"""Excel in: all-or-nothing imports with a report of every error of every row.

An `Importer` declares its columns; `run()` reads the file safely (core.spreadsheet), finds
the header row among the first rows, normalises text (繁→简, full-width → half-width,
trimmed) and checks every row — every column of it — first. It saves only when no row has
an error, inside one transaction: row by row through the same services the forms use
(`bulk=False`, the reference), or through a bulk service where the importer has one
(members; villages and handling units, which declare `creates_in_bulk`). `progress(phase, done, total)` is called periodically in both phases,
"checking" and "saving". Pillar apps declare their importers the same way.
"""

from lvzhi.core.import_report import ImportResult, RowError, report_workbook
from lvzhi.core.spreadsheet import ImportFileError

from .base import Column, Importer, RowInvalid
from .records import (
    IMPORTERS,
    DepartmentImporter,
    EnterpriseImporter,
    MemberImporter,
    VillageImporter,
)

__all__ = [
    "IMPORTERS",
    "Column",
    "DepartmentImporter",
    "EnterpriseImporter",
    "ImportFileError",
    "ImportResult",
    "Importer",
    "MemberImporter",
    "RowError",
    "RowInvalid",
    "VillageImporter",
    "report_workbook",
]
