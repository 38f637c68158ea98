"""A proposal's lead unit is its 主办单位; a problem's stays its 牵头单位."""

import io

from django.conf import settings
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests import factories as f


def _xlsx_header(response):
    return next(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_proposal_pages_and_documents_say_zhuban(pp, system, client_for):
    proposal = pp.to(pp.new(), "replied")
    client = client_for(system.bob)
    for url, query in (
        (proposal.get_absolute_url(), {}),
        (reverse("proposals:proposal_print", args=[proposal.pk]), {}),
        (reverse("proposals:figures"), {"year": 2024}),
    ):
        page = client.get(url, query).content.decode()
        assert "主办单位" in page and "牵头单位" not in page, url
    header = _xlsx_header(
        client.get(reverse("proposals:proposal_list"), {"export": "xlsx", "scope": "all"})
    )
    assert "主办单位" in header and "牵头单位" not in header
    report = client.get(reverse("proposals:unit_report"), {"year": 2024, "unit": pp.unit.pk})
    (table,) = Document(io.BytesIO(b"".join(report.streaming_content))).tables
    assert [c.text for c in table.rows[1].cells][2] == "主办单位"
    # English: the lead unit
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Lead unit" in client.get(proposal.get_absolute_url()).content.decode()


def test_problem_pages_keep_qiantou(system, client_for):
    problem = f.ProblemFactory(committee=system.county)
    client = client_for(system.bob)
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "牵头单位" in page and "主办单位" not in page
    header = _xlsx_header(
        client.get(reverse("problems:problem_list"), {"export": "xlsx", "scope": "all"})
    )
    assert "牵头单位" in header and "主办单位" not in header
