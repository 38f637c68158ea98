"""Attachments are accepted by what their bytes are, never by their name alone."""

import io

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lvzhi.core.attachments import detect
from tests.factories import PNG


def _docx():
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("关于企业用地问题的答复")
    document.save(buffer)
    return buffer.getvalue()


def _xlsx():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def check(name, content):
    return detect(SimpleUploadedFile(name, content), name)


@pytest.mark.parametrize(
    ("name", "content", "kind", "mime"),
    [
        ("现场.png", PNG, "photo", "image/png"),
        ("现场.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40, "photo", "image/jpeg"),
        ("函.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "document", "application/pdf"),
        (
            "答复.docx",
            _docx(),
            "document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "台账.xlsx",
            _xlsx(),
            "document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "旧稿.doc",
            bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504,
            "document",
            "application/x-ole-storage",
        ),
        ("说明.txt", "企业反映用地指标不足。\n".encode(), "document", "text/plain"),
        ("说明.txt", "企业反映用地指标不足。\n".encode("gb18030"), "document", "text/plain"),
    ],
)
def test_photos_and_documents_are_recognised_by_content(name, content, kind, mime):
    detected = check(name, content)
    assert (detected.kind, detected.mime_type) == (kind, mime)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("说明.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120),  # a renamed executable
        ("photo.png", b"<html><script>alert(1)</script></html>"),  # a web page as .png
        ("photo.png", b"\xef\xbb\xbf<svg xmlns='http://www.w3.org/2000/svg'/>"),  # SVG
        ("setup.zip", b"PK\x03\x04" + b"\x00" * 60),  # a bare archive
        ("empty.txt", b""),
    ],
)
def test_content_that_is_no_accepted_type_is_refused_at_the_field(name, content):
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    assert "file" in refused.value.message_dict


@pytest.mark.parametrize(
    ("name", "content"),
    [("答复.pdf", _docx()), ("现场.jpg", PNG), ("台账.docx", _xlsx()), ("函", b"%PDF-1.4\n")],
)
def test_a_name_that_disagrees_with_the_content_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    assert "file" in refused.value.message_dict
