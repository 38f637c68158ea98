"""Pages and documents of proposals: detail timeline, who sees the reply, print, Word, Excel,
figures; refusals shown as translated 400s in the API."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lvzhi.proposals import services
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_detail_page_shows_the_whole_timeline_to_the_proposer(pp, system, client_for):
    proposal = pp.to(pp.new(), "released")
    page = client_for(system.carol).get(proposal.get_absolute_url()).content.decode()
    for action in ("提交", "立案", "交办", "答复"):
        assert action in page
    assert 'data-testid="reply"' in page and "已落实" in page
    assert 'data-testid="step-rate"' in page  # the proposer's next step


def test_a_co_unit_sees_the_reply_only_once_it_is_sent(pp, system, client_for):
    proposal = pp.to(pp.new(), "replied")
    client = client_for(pp.cody)
    assert 'data-testid="reply"' not in client.get(proposal.get_absolute_url()).content.decode()
    services.proposal_release(actor=system.bob, proposal=proposal)
    assert 'data-testid="reply"' in client.get(proposal.get_absolute_url()).content.decode()


def test_another_countys_unpublished_proposal_is_a_404(pp, system, client_for, api_for):
    other = f.ProposalFactory(committee=system.other, lead=f.PersonFactory(committee=system.other))
    assert client_for(system.bob).get(other.get_absolute_url()).status_code == 404
    assert api_for(system.carol).get(f"/api/v1/proposals/{other.pk}/").status_code == 404
    assert (
        client_for(system.bob).get(reverse("proposals:proposal_print", args=[other.pk])).status_code
        == 404
    )


def test_a_forbidden_step_is_a_translated_400(pp, system, api_for):
    proposal = pp.new()
    response = api_for(system.bob).post(
        f"/api/v1/proposals/{proposal.pk}/accept/", {"comment": ""}, format="json"
    )
    assert response.status_code == 400
    assert "“立案”" in response.json()["detail"] or "立案" in response.json()["detail"]
    response = api_for(system.carol).post(
        f"/api/v1/proposals/{proposal.pk}/submit/", {}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "submitted"


def test_a_member_drafts_through_the_api(pp, system, api_for):
    body = {
        "committee": system.county.pk,
        "session": pp.session.pk,
        "title": "关于冷链物流的建议",
        "cause": "冷链短板",
        "analysis": "设施不足",
        "suggestions": "建设产地冷库",
    }
    response = api_for(system.carol).post("/api/v1/proposals/draft/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "draft"
    assert (
        api_for(system.olivia).post("/api/v1/proposals/draft/", body, format="json").status_code
        == 403
    )


def test_the_reply_step_takes_the_document_as_an_upload(pp, system, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = pp.to(pp.new(), "assigned")
    url = reverse("proposals:proposal_step", args=[proposal.pk, "reply"])
    body = {
        "document_number": "武工信函〔2024〕9号",
        "signed_by": "韦局长",
        "reply_class": "A",
        "summary": "已办理。",
    }
    client = client_for(system.dave)
    refused = client.post(url, body)
    assert refused.status_code == 400 and 'id="id_reply_document"' in refused.content.decode()
    assert not proposal.replies.exists()
    body["document"] = SimpleUploadedFile("答复.pdf", f.PDF, content_type="application/pdf")
    assert client.post(url, body).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "replied" and proposal.replies.get().document is not None


def test_documents_open(pp, system, client_for):
    sugar = f.IndustryFactory(name="糖业")
    proposal = pp.to(pp.new(), "closed")
    proposal.industries.add(sugar)
    client = client_for(system.bob)
    year = {"year": 2024}
    word = client.get(reverse("proposals:compilation"), year)
    assert word.status_code == 200
    text = _text(word)
    assert "糖业" in text and proposal.serial_label in text
    unit = client.get(reverse("proposals:unit_report"), {**year, "unit": pp.unit.pk})
    text = _text(unit)
    assert "1" in text
    sheet = client.get(reverse("proposals:proposal_list"), {"export": "xlsx", "scope": "all"})
    rows = list(load_workbook(io.BytesIO(b"".join(sheet.streaming_content))).active.values)
    assert any(proposal.title in (str(c) for c in row) for row in rows)
    assert len(rows[0]) >= 25  # every field
    printed = client.get(reverse("proposals:proposal_print", args=[proposal.pk]))
    assert printed.status_code == 200 and "size: A4" in printed.content.decode()
    # documents are for the offices and leaders
    assert client_for(system.carol).get(reverse("proposals:compilation")).status_code == 403


def test_the_figures_page(pp, system, client_for):
    pp.to(pp.new(), "closed")
    pp.to(pp.new(), "assigned")
    rejected = pp.to(pp.new(), "submitted")
    services.proposal_reject(actor=system.bob, proposal=rejected, ground="vague", reason="空泛")
    client = client_for(system.bob)
    page = client.get(reverse("proposals:figures"), {"year": 2024})
    assert page.status_code == 200
    f_ = page.context["f"]
    assert (f_["received"], f_["accepted"], f_["rejected"]) == (3, 2, 1)
    assert f_["on_time_rate"] == 100.0
    assert [r["name"] for r in f_["league"]] == [str(pp.unit)]
    assert client_for(system.carol).get(reverse("proposals:figures")).status_code == 403


def _text(response):
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(p.text for p in doc.paragraphs)
