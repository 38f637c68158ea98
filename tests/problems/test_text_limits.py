"""A problem's description has the long-text limit through the API as through the form."""

from tests.core.test_text_limits import HUGE, TOO_LONG
from tests.problems.test_api import payload


def test_the_problem_api_refuses_a_million_characters(pb, api_for):
    response = api_for(pb.s.bob).post(
        "/api/v1/problems/", payload(pb, description=HUGE, confirm_duplicate=True), format="json"
    )
    assert response.status_code == 400
    assert TOO_LONG in response.json()["description"][0]


def test_the_register_page_refuses_it(pb, client_for):
    data = {**payload(pb, description=HUGE), "confirm_duplicate": "on"}
    response = client_for(pb.s.bob).post("/problems/add/", data)
    assert response.status_code == 400
    assert "不超过 20000 字符" in response.context["form"].errors["description"][0]


def test_a_step_refuses_a_million_characters(pb, api_for):
    problem = pb.advance(pb.new(title="待办"), "in_progress")
    url = f"/api/v1/problems/{problem.pk}/progress/"
    response = api_for(pb.s.dave).post(url, {"text": HUGE}, format="json")
    assert response.status_code == 400
    assert "20000" in response.json()["text"][0]
    assert not problem.progress_notes.exists()
    assert api_for(pb.s.dave).post(url, {"text": "已对接"}, format="json").status_code == 200
