"""The register form says its rules before it is sent: who raised it, "register anyway"
only when open problems were found, and "nothing similar" when the 查重 ran."""

import pytest

from tests.problems.test_pages import form

pytestmark = pytest.mark.django_db

CHECKBOX = 'type="checkbox" name="confirm_duplicate"'


def test_the_raiser_rule_is_shown_before_sending(pb, client_for):
    page = client_for(pb.s.bob).get("/problems/add/").content.decode()
    assert "填写提出人或服务团（二者填一即可）" in page
    assert CHECKBOX not in page and "仍然登记：这是另一个难题" not in page


def test_register_anyway_is_offered_only_when_a_duplicate_was_found(pb, client_for):
    client = client_for(pb.s.bob)
    # another category: no open problem of this enterprise there, another error instead
    other = form(pb, title="", category=pb.category.pk)
    page = client.post("/problems/add/", {**other, "enterprise": ""}).content.decode()
    assert CHECKBOX not in page
    page = client.post("/problems/add/", form(pb)).content.decode()
    assert CHECKBOX in page and "仍然登记：这是另一个难题" in page
    assert f"#{pb.problem.pk}" in page


def test_similar_panel_says_when_nothing_was_found(pb, client_for):
    client = client_for(pb.s.bob)
    page = client.post(
        "/text/similar/", {"kind": "problems.problem", "text": "冷库电价补贴申请流程不清楚"}
    ).content.decode()
    assert "未发现相似记录" in page and 'data-testid="similar-records"' not in page
    # nothing typed yet: no answer at all
    page = client.post("/text/similar/", {"kind": "problems.problem", "text": ""})
    assert "未发现相似记录" not in page.content.decode()
