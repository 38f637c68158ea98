"""Who sees which problems, in the pages and the API: a unit sees only what is assigned."""

import pytest

from lvzhi.problems import services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(pb):
    """Problems of the county (assigned to dave's unit, and not), the other county, the city."""
    mine = pb.advance(pb.problem, "assigned")
    not_mine = pb.new(title="未交办难题")
    services.problem_assign(actor=pb.s.bob, problem=not_mine, lead_unit=pb.co_unit)
    other_enterprise = f.EnterpriseFactory(committee=pb.s.other)
    other = services.problem_register(
        actor=pb.s.alice,
        problem=f.ProblemFactory.build(
            committee=pb.s.other, enterprise=other_enterprise, category=pb.category
        ),
    )
    return {"mine": mine, "not_mine": not_mine, "other": other}


EXPECTED = {
    "alice": {"mine", "not_mine", "other"},
    "erin": {"mine", "not_mine", "other"},
    "frank": {"mine", "not_mine", "other"},
    "bob": {"mine", "not_mine"},
    "dave": {"mine"},
    "cody": {"mine", "not_mine"},  # co-unit of "mine", lead of "not_mine"
    "carol": {"mine", "not_mine"},  # raised both (owner)
    "olga": set(),
    "olivia": set(),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_list_detail_and_api_show_exactly_what_the_user_may_see(
    pb, spread, name, client_for, api_for
):
    user = getattr(pb, name, None) or getattr(pb.s, name)
    client = client_for(user)
    page = client.get("/problems/")
    assert page.status_code == 200
    listed = {p.pk for p in page.context["table"].data}
    api = api_for(user).get("/api/v1/problems/").json()
    via_api = {row["id"] for row in api["results"]}
    expected = {spread[k].pk for k in EXPECTED[name]}
    assert listed == via_api == expected
    for key, problem in spread.items():
        code = 200 if key in EXPECTED[name] else 404
        assert client.get(f"/problems/{problem.pk}/").status_code == code
        assert api_for(user).get(f"/api/v1/problems/{problem.pk}/").status_code == code


def test_unit_cannot_act_on_a_problem_of_another_unit(pb, spread, client_for, api_for):
    target = spread["not_mine"]
    response = client_for(pb.s.dave).post(f"/problems/{target.pk}/step/start/", {"comment": ""})
    assert response.status_code == 404
    response = api_for(pb.s.dave).post(f"/api/v1/problems/{target.pk}/start/", {})
    assert response.status_code == 404
