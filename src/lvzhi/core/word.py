"""Word out: documents an office files or prints (python-docx), in a Chinese typeface.

    doc = word.document("履职档案 · 黎胜国 · 2024", subtitle="来宾市政协 · 第五届")
    word.table(doc, ["日期", "活动"], rows)
    return word.docx_response("黎胜国-履职档案-2024.docx", doc)

Body text is set in 宋体 (SimSun) and headings in 黑体 (SimHei), the faces Chinese office
documents use (reports filed as government documents: 仿宋 body, `official=True`); Word substitutes a local CJK face where they are missing. Pages are A4 (portrait
unless asked), with the committee in the header and "第 X 页 / 共 Y 页" and the export date in
the footer (Word's PAGE / NUMPAGES fields, so the numbers are right however the text flows).
"""

import tempfile

from django.http import FileResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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


A4 = (Cm(21), Cm(29.7))


def document(
    title: str,
    *,
    subtitle: str = "",
    committee: str = "",
    landscape: bool = False,
    official: bool = False,
):
    """A new A4 document with its title (and a line under it) already written; `committee`
    heads every page. `official`: set as a government report is (GB/T 9704) — body in 仿宋
    三号 with a two-character first-line indent on a 28 pt line, the title in 宋体 二号,
    headings in 黑体 and 楷体; tables in 仿宋 小四."""
    doc = Document()
    section = doc.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.text = committee
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _footer(section.footer.paragraphs[0])
    _set_font(doc.styles["Normal"], BODY_FONT, 10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        _set_font(doc.styles[name], HEADING_FONT)
    if official:
        _official_styles(doc)
    doc.add_heading(title, level=0)
    if subtitle:
        line = doc.add_paragraph(subtitle)
        if official:  # the date line under the title is centred, not indented as body text
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.paragraph_format.first_line_indent = Pt(0)
    return doc


OFFICIAL_BODY_FONT = "FangSong"
OFFICIAL_TITLE_FONT = "SimSun"
OFFICIAL_SUBHEADING_FONT = "KaiTi"
#: the paragraph style tables use in official documents (smaller, no indent)
TABLE_TEXT = "Table Text"


def _official_styles(doc):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING

    normal = doc.styles["Normal"]
    _set_font(normal, OFFICIAL_BODY_FONT, 16)
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    for name, face, size in (
        ("Title", OFFICIAL_TITLE_FONT, 22),
        ("Heading 1", HEADING_FONT, 16),
        ("Heading 2", OFFICIAL_SUBHEADING_FONT, 16),
    ):
        style = doc.styles[name]
        _set_font(style, face, size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.first_line_indent = Pt(0)
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["List Bullet"].paragraph_format.first_line_indent = None
    cells = doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    _set_font(cells, OFFICIAL_BODY_FONT, 12)
    cells.paragraph_format.first_line_indent = Pt(0)
    cells.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


RED = "C00000"


def masthead_document(title: str, *, issue: str, issuer: str, dated: str, committee: str = ""):
    """A new A4 document under a red masthead (红头), as an office's bulletins are printed:
    the bulletin's name large and red, the issue line, then the issuer on the left and the
    date on the right above a red rule. `committee` heads every later page."""
    doc = document("", committee=committee)
    body = doc.element.body
    for paragraph in list(doc.paragraphs):  # the empty title document() wrote
        body.remove(paragraph._p)
    name = doc.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run(title)
    _run_font(run, HEADING_FONT, 40, RED, bold=True)
    line = doc.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(line.add_run(issue), BODY_FONT, 16)
    row = doc.add_paragraph()
    row.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    _run_font(row.add_run(f"{issuer}\t{dated}"), BODY_FONT, 14)
    _rule(row, RED)
    return doc


def styled_run(paragraph, text, name, size, color=None, bold=False):
    """Add `text` to `paragraph` in face `name` (its CJK slot too), `size` points."""
    run = paragraph.add_run(text)
    _run_font(run, name, size, color, bold)
    return run


def _run_font(run, name, size, color=None, bold=False):
    run.font.name = name
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _rule(paragraph, color):
    """A thick line under the paragraph (its bottom border)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _footer(paragraph):
    """第 X 页 / 共 Y 页 · the export date, the numbers as fields Word fills in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the sentence is translated whole; the fields go where its markers are
    text = _("Page {page} of {pages}")
    for piece in _split(text):
        if piece == "{page}":
            _field(paragraph, "PAGE")
        elif piece == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif piece:
            paragraph.add_run(piece)
    day = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    paragraph.add_run("    " + _("Exported %(date)s") % {"date": day})


def _split(text):
    pieces, rest = [], text
    while rest:
        starts = [(rest.find(m), m) for m in ("{page}", "{pages}") if m in rest]
        if not starts:
            pieces.append(rest)
            break
        at, marker = min(starts)
        pieces += [rest[:at], marker]
        rest = rest[at + len(marker) :]
    return pieces


def _field(paragraph, code):
    """A Word field (PAGE, NUMPAGES): begin · instruction · separate · shown value · end."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        ("instr", code),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def table(doc, headers, rows, *, widths=None, row_height=None):
    """A bordered table with a bold header row; None becomes an empty cell.

    widths: each column's width in cm (a signature column wide enough to sign in);
    row_height: the least height of the body rows in cm (room for a handwritten name)."""
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    text_style = TABLE_TEXT if any(s.name == TABLE_TEXT for s in doc.styles) else None
    for cell, header in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
        if text_style:
            cell.paragraphs[0].style = text_style
    for row in rows:
        added = t.add_row()
        if row_height:
            added.height = Cm(row_height)
        for cell, value in zip(added.cells, row, strict=True):
            cell.text = "" if value is None else str(value)
            if text_style:
                cell.paragraphs[0].style = text_style
    if widths:
        t.autofit = False
        for column, width in zip(t.columns, widths, strict=True):
            column.width = Cm(width)  # the grid: what LibreOffice lays out by
            for cell in column.cells:
                cell.width = Cm(width)  # each cell: what Word lays out by
    return t


def docx_response(filename: str, doc) -> FileResponse:
    tmp = tempfile.TemporaryFile()
    doc.save(tmp)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=DOCX_CONTENT_TYPE)
