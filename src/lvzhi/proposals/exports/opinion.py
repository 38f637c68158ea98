"""The bulletin 《社情民意》 as it is printed: red masthead, issue number, the reports."""

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from lvzhi.core import word


def _day(value):
    return f"{value.year}年{value.month}月{value.day}日"


def bulletin_docx(bulletin, items):
    committee = bulletin.committee.name
    doc = word.masthead_document(
        bulletin.title,
        issue=_("%(year)s, no. %(number)s") % {"year": bulletin.year, "number": bulletin.number},
        issuer=bulletin.editor or _("%(committee)s office") % {"committee": committee},
        dated=_day(bulletin.issued_on),
        committee=committee,
    )
    if not items:
        doc.add_paragraph(_("This issue holds no report yet."))
    for n, item in enumerate(items, start=1):
        heading = doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        word.styled_run(heading, item.title, word.HEADING_FONT, 16, bold=True)
        by = doc.add_paragraph(f"（{item.author_names()}）")
        by.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for block in item.final_text.splitlines():
            if block.strip():
                paragraph = doc.add_paragraph(block.strip())
                paragraph.paragraph_format.first_line_indent = Pt(21)
                paragraph.paragraph_format.line_spacing = 1.5
        if n < len(items):
            doc.add_paragraph("")
    name = f"{bulletin.title}-{bulletin.year}-{bulletin.number}.docx"
    return word.docx_response(name, doc)
