"""履职档案: one page per member and year — who may see it, what it holds, its export."""

import io
from urllib.parse import unquote

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories as f


def test_duty_record_visibility(system, client_for, activity, people):
    url = reverse("activities:duty_record", args=[people.carol.pk]) + "?year=2024"
    expected = {
        "carol": 200,
        "bob": 200,
        "alice": 200,
        "erin": 200,
        "frank": 200,
        "dave": 404,
        "olivia": 404,
    }
    for username, status in expected.items():
        assert client_for(getattr(system, username)).get(url).status_code == status, username
    other_url = reverse("activities:duty_record", args=[people.other.pk])
    assert client_for(system.bob).get(other_url).status_code == 404
    assert (
        client_for(system.carol)
        .get(reverse("activities:duty_record", args=[people.county.pk]))
        .status_code
        == 404
    )


def test_duty_record_lists_activities_roles_outputs_and_exports(
    system, client_for, activity, people
):
    activity.items.model.objects.create(
        activity=activity, committee=activity.committee, kind="problem", text="用地难"
    )
    city = f.ActivityFactory(committee=system.city, title="市政协视察")
    f.ParticipationFactory(activity=city, member=people.carol, role="speaker")
    client = client_for(system.carol)
    res = client.get(reverse("activities:my_record"), {"year": 2024})
    assert res.status_code == 302
    page = client.get(res["Location"]).content.decode()
    assert activity.title in page and "市政协视察" in page and "@media print" in page
    export = client.get(res["Location"] + "&export=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    titles = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert activity.title in titles and "市政协视察" in titles


def test_my_record_without_membership_is_404(system, client_for):
    assert client_for(system.bob).get(reverse("activities:my_record")).status_code == 404


def test_duty_record_as_a_word_document(system, client_for, activity, people):
    """The Word file holds the member, the totals, every activity and the score lines,
    and it is refused to whoever may not see the record."""
    from docx import Document

    f.ParticipationFactory(
        activity=f.ActivityFactory(committee=system.city, title="市政协视察"),
        member=people.carol,
        role="speaker",
    )
    url = reverse("activities:duty_record", args=[people.carol.pk]) + "?year=2024&export=docx"
    res = client_for(system.bob).get(url)
    assert res.status_code == 200
    assert res["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"{people.carol.person.name}-履职档案-2024.docx"
    assert name in unquote(res["Content-Disposition"])
    doc = Document(io.BytesIO(b"".join(res.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"履职档案 · {people.carol.person.name} · 2024" in text
    assert "履职活动: 2" in text.replace("：", ":")
    activities = doc.tables[0]
    titles = [row.cells[1].text for row in activities.rows[1:]]
    assert sorted(titles) == sorted([activity.title, "市政协视察"])
    score_lines = doc.tables[1]
    assert score_lines.rows[-1].cells[0].text == "合计"
    for username in ("dave", "olivia"):
        assert client_for(getattr(system, username)).get(url).status_code == 404


def test_word_documents_are_a4_with_header_and_page_numbers(system, client_for, activity, people):
    from docx import Document

    url = reverse("activities:duty_record", args=[people.carol.pk]) + "?year=2024&export=docx"
    data = b"".join(client_for(system.bob).get(url).streaming_content)
    section = Document(io.BytesIO(data)).sections[0]
    # A4 portrait (Word keeps twentieths of a point)
    assert round(section.page_width.cm, 1) == 21 and round(section.page_height.cm, 1) == 29.7
    assert section.header.paragraphs[0].text == people.carol.committee.name
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert timezone.localdate().strftime("%Y") in section.footer.paragraphs[0].text
