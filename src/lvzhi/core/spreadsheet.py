"""Reading an uploaded .xlsx safely, then fast.

An .xlsx is a zip of XML parts, so a 1.5 MB upload can unpack to gigabytes, and XML can
declare entities that expand without end. Before any cell is read, `read_rows`:

1. checks the archive: the declared uncompressed sizes (total and, per part, the
   compression ratio), then the actual sizes while inflating every part, stopping at
   IMPORT_MAX_UNCOMPRESSED_BYTES;
2. refuses any part with a document type declaration (defusedxml, ``forbid_dtd``): OOXML
   never needs one, and without one no entity can be declared, so neither billion-laughs
   nor quadratic blow-up can happen in the parsers that follow;
3. streams the first worksheet once (lxml, C speed, huge text nodes refused): its declared
   dimension and an actual row count against IMPORT_MAX_ROWS / IMPORT_MAX_COLUMNS, and the
   cells that hold a formula;

and only then hands the bytes to calamine (Rust) for the cell values — about ten times
faster than openpyxl's reader. Every failure is an `ImportFileError` with a translated
message.
"""

import io
import zipfile
import zlib

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)
from python_calamine import CalamineError, CalamineWorkbook

from lvzhi.core.errors import DomainError

CHUNK = 1 << 20
#: Parts smaller than this are not held to the compression ratio (tiny parts compress well).
RATIO_FLOOR_BYTES = 1 << 20
#: Rows searched for the header row; a few title rows above it are common.
HEADER_SEARCH_ROWS = 10
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class ImportFileError(DomainError):
    """The file as a whole cannot be read (not .xlsx, empty, too big, columns missing)."""


class Formula:
    """A cell that holds a formula; imports refuse it with its reference (e.g. B7)."""

    __slots__ = ("coordinate",)

    def __init__(self, coordinate: str):
        self.coordinate = coordinate


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f}"


def _too_big(limit: int) -> ImportFileError:
    return ImportFileError(
        _("The file unpacks to more than %(limit)s MB; it was refused.") % {"limit": _mb(limit)}
    )


class _Budget:
    """Counts inflated bytes across the archive and stops at the limit."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def reader(self, stream):
        budget = self

        class Counting(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, buffer):
                data = stream.read(len(buffer))
                budget.used += len(data)
                if budget.used > budget.limit:
                    raise _too_big(budget.limit)
                buffer[: len(data)] = data
                return len(data)

        return io.BufferedReader(Counting(), CHUNK)


def check_archive(archive: zipfile.ZipFile) -> None:
    """Declared and actual sizes, compression ratio, and no DTD in any XML part."""
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    infos = archive.infolist()
    if sum(i.file_size for i in infos) > limit:
        raise _too_big(limit)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > settings.IMPORT_MAX_COMPRESSION_RATIO:
            raise ImportFileError(
                _("A part of the file is compressed %(ratio)s times; it was refused.")
                % {"ratio": int(ratio)}
            )
    budget = _Budget(limit)
    for info in infos:
        with archive.open(info) as raw:
            stream = budget.reader(raw)
            if info.filename.endswith((".xml", ".rels")) and info.file_size:
                # A DTD must come before the root element: parse up to it, no further.
                next(safe_et.iterparse(stream, events=("start",), forbid_dtd=True), None)
            while stream.read(CHUNK):
                pass


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    workbook = safe_et.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    rels = safe_et.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    sheet = next(el for el in workbook.iter() if el.tag.endswith("}sheet"))
    rel_id = sheet.get(f"{{{_REL_NS}}}id")
    target = next(
        r.get("Target")
        for r in rels.iter(f"{{{_PKG_REL_NS}}}Relationship")
        if r.get("Id") == rel_id
    )
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _refuse_size(rows: int, columns: int) -> None:
    max_rows = settings.IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS
    if rows > max_rows:
        raise ImportFileError(
            _("The file has more than %(limit)s rows.") % {"limit": settings.IMPORT_MAX_ROWS}
        )
    if columns > settings.IMPORT_MAX_COLUMNS:
        raise ImportFileError(
            _("The file has more than %(limit)s columns.") % {"limit": settings.IMPORT_MAX_COLUMNS}
        )


def scan_sheet(archive: zipfile.ZipFile, path: str) -> set[tuple[int, int]]:
    """Check the sheet's dimension and actual size; return the (row, column) of formulas."""
    formulas = set()
    rows = 0
    with archive.open(path) as source:
        parser = etree.iterparse(
            source,
            events=("end",),
            tag=("{*}dimension", "{*}row"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
        )
        for _event, element in parser:
            if element.tag.endswith("dimension"):
                ref = element.get("ref", "")
                if ":" in ref:
                    min_col, min_row, max_col, max_row = range_boundaries(ref)
                    _refuse_size(max_row - min_row + 1, max_col - min_col + 1)
                continue
            rows += 1
            if len(element):
                last = element[-1].get("r")
                if last:
                    _refuse_size(rows, column_index_from_string(coordinate_from_string(last)[0]))
            for formula in element.iterfind("{*}c/{*}f"):
                ref = formula.getparent().get("r")
                if ref:
                    letters, number = coordinate_from_string(ref)
                    formulas.add((number, column_index_from_string(letters) - 1))
            _refuse_size(rows, 0)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    return formulas


def read_rows(fileobj) -> list[tuple[int, list]]:
    """[(Excel row number, [cell values from column A])] of the first worksheet.

    Empty cells are None; a formula cell is a `Formula`. Raises ImportFileError.
    """
    fileobj.seek(0)
    data = fileobj.read()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_archive(archive)
        formulas = scan_sheet(archive, _first_sheet_path(archive))
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        first_row, first_col = sheet.start or (0, 0)
        lead = [None] * first_col
        by_row: dict[int, list[int]] = {}
        for number, col in formulas:
            by_row.setdefault(number, []).append(col)
        out = []
        for offset, values in enumerate(sheet.iter_rows()):
            number = first_row + offset + 1
            row = lead + [None if v == "" else v for v in values]
            for col in by_row.get(number, ()):
                row.extend([None] * (col + 1 - len(row)))
                row[col] = Formula(f"{get_column_letter(col + 1)}{number}")
            out.append((number, row))
        return out
    except ImportFileError:
        raise
    except DefusedXmlException as exc:
        raise ImportFileError(
            _(
                "The file declares XML entities or a document type, which .xlsx files "
                "never do; it was refused."
            )
        ) from exc
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        KeyError,
        StopIteration,
        OSError,
        ValueError,
        etree.LxmlError,
        safe_et.ParseError,
        CalamineError,
    ) as exc:
        raise ImportFileError(_("This is not a valid .xlsx file.")) from exc
