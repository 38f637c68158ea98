"""The search page, the search API and the clean/similar helpers, as a user sees them."""

import pytest

from lvzhi.text import services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(system):
    s = system
    for committee, name, text in [
        (s.county, "广西东糖集团", "破解企业融资难题，投入1.8亿元实施技术改造。"),
        (s.other, "象州县康养中心", "社区养老服务站缓解养老床位不足，探索融资租赁。"),
    ]:
        services.index_record(f.EnterpriseFactory(committee=committee, name=name, description=text))
    return s


def test_search_page_shows_highlighted_hits(client_for, records):
    response = client_for(records.alice).get("/search/", {"q": "融资"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "广西东糖集团" in html and "象州县康养中心" in html
    assert "<mark>融资</mark>" in html


def test_search_page_hides_other_county(client_for, records):
    html = client_for(records.bob).get("/search/", {"q": "融资"}).content.decode()
    assert "广西东糖集团" in html and "象州县康养中心" not in html


def test_search_page_requires_login(client):
    response = client.get("/search/", {"q": "融资"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "q", ["", " ", '"', "*", "NEAR", "'", "😀", "x" * 10_000, "融资' OR '1'='1", "养"]
)
def test_search_page_never_fails_on_odd_queries(client_for, records, q):
    response = client_for(records.alice).get("/search/", {"q": q, "year": "2024"})
    assert response.status_code == 200


def test_search_page_rejects_a_bad_year_with_a_message(client_for, records):
    response = client_for(records.alice).get("/search/", {"q": "融资", "year": "abc"})
    assert response.status_code == 200
    assert "广西东糖集团" not in response.content.decode()
    assert response.context["form"].errors["year"]


def test_search_api(api_for, records):
    response = api_for(records.bob).get("/api/v1/search/", {"q": "融资"})
    assert response.status_code == 200
    body = response.json()
    assert [r["title"] for r in body["results"]] == ["广西东糖集团"]
    assert "<mark>融资</mark>" in body["results"][0]["snippet"]


def test_search_api_refuses_anonymous(client):
    assert client.get("/api/v1/search/", {"q": "融资"}).status_code in (401, 403)


def test_search_api_scope_and_kind_filters(api_for, records):
    api = api_for(records.alice)
    own = api.get("/api/v1/search/", {"q": "融资", "scope": str(records.other.pk)}).json()
    assert [r["title"] for r in own["results"]] == ["象州县康养中心"]
    persons = api.get("/api/v1/search/", {"q": "融资", "kind": "core.person"}).json()
    assert persons["results"] == []
    bad = api.get("/api/v1/search/", {"q": "融资", "kind": "nope"})
    assert bad.status_code == 400


def test_clean_api_returns_text_and_flags(api_for, records):
    response = api_for(records.alice).post(
        "/api/v1/text/clean/", {"text": "政協(xié)承接?xùn)|部"}, format="json"
    )
    body = response.json()
    assert body["text"] == "政协承接〓部"
    assert body["flags"][0]["before"] == "?xùn)|"
    assert body["counts"] == {"lost_character": 1, "pinyin": 1, "traditional": 1}


def test_similar_panel_warns_before_saving(client_for, records):
    response = client_for(records.bob).post(
        "/text/similar/",
        {
            "kind": "core.enterprise",
            "text": "广西东糖集团 破解企业融资难题，投入1.8亿元实施技术改造。",
        },
    )
    html = response.content.decode()
    assert "广西东糖集团" in html and 'data-testid="similar-records"' in html


def test_similar_api_never_shows_records_the_user_may_not_see(api_for, records):
    response = api_for(records.bob).post(
        "/api/v1/text/similar/",
        {
            "kind": "core.enterprise",
            "text": "象州县康养中心 社区养老服务站缓解养老床位不足，探索融资租赁。",
        },
        format="json",
    )
    assert response.status_code == 200
    assert "象州县康养中心" not in [r["title"] for r in response.json()]
