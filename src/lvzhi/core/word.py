"""Word out: documents an office files or prints (python-docx), in a Chinese typeface.

    doc = word.document("履职档案 · 黎胜国 · 2024", subtitle="来宾市政协 · 第五届")
    word.table(doc, ["日期", "活动"], rows)
    return word.docx_response("黎胜国-履职档案-2024.docx", doc)

Body text is set in 宋体 (SimSun) and headings in 黑体 (SimHei), the faces Chinese office
documents use; Word substitutes a local CJK face where they are missing.
"""

import tempfile

from django.http import FileResponse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT = "SimSun"
HEADING_FONT = "SimHei"


def _set_font(style, name: str, size: float | None = None):
    style.font.name = name
    # Word reads CJK text from the eastAsia slot; python-docx sets only the Latin one.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    if size:
        style.font.size = Pt(size)


def document(title: str, *, subtitle: str = "", landscape: bool = False):
    """A new document with its title (and a line under it) already written."""
    doc = Document()
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    _set_font(doc.styles["Normal"], BODY_FONT, 10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        _set_font(doc.styles[name], HEADING_FONT)
    doc.add_heading(title, level=0)
    if subtitle:
        doc.add_paragraph(subtitle)
    return doc


def table(doc, headers, rows):
    """A bordered table with a bold header row; None becomes an empty cell."""
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for cell, header in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return t


def docx_response(filename: str, doc) -> FileResponse:
    tmp = tempfile.TemporaryFile()
    doc.save(tmp)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=DOCX_CONTENT_TYPE)
