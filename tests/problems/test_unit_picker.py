"""承办单位 in the assignment form are found by search, within the units the problem may go
to: a county's clerk finds the city's units (which they do not otherwise see) and their own
county's, not another county's; only who manages the problem may search them."""

import re

import pytest
from django.urls import reverse

from lvzhi.problems.models import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(pb):
    for unit in (pb.unit, pb.co_unit, pb.city_unit, pb.other_unit, pb.foreign_unit):
        unit.fill_derived()
        unit.save()
    return pb


def search(client, pb, q="", scope=None):
    scope = f"problems.problem:{pb.problem.pk}" if scope is None else scope
    return client.get(
        reverse("core:autocomplete", args=["core.department"]), {"q": q, "for": scope}
    )


def found(response):
    assert response.status_code == 200
    return {r["text"] for r in response.json()["results"]}


def test_county_staff_find_city_and_own_units_not_another_countys(units, client_for):
    client = client_for(units.s.bob)
    assert found(search(client, units)) == {"武宣县工信局", "武宣县发改局", "来宾市工信局"}
    assert found(search(client, units, "工信")) == {"武宣县工信局", "来宾市工信局"}
    # by the pinyin's initials, as people and enterprises are
    assert found(search(client, units, "lbs")) == {"来宾市工信局"}
    # the plain search stays within what the clerk may see: no city unit there
    plain = client.get(reverse("core:autocomplete", args=["core.department"]), {"q": "工信"})
    assert {r["text"] for r in plain.json()["results"]} == {"武宣县工信局"}


def test_only_who_manages_the_problem_may_search_its_units(units, client_for, pb):
    # the city's staff manage the county's problem too
    assert found(search(client_for(pb.s.alice), units, "工信")) == {"武宣县工信局", "来宾市工信局"}
    assert search(client_for(pb.s.carol), units).status_code == 403  # the member who raised it
    assert search(client_for(pb.s.olivia), units).status_code == 404
    pb.advance(pb.problem, "assigned")  # to dave's unit, which now sees the problem
    assert search(client_for(pb.s.dave), units).status_code == 403
    for scope in (
        "problems.problem:x",
        "nope.none:1",
        f"core.committee:{pb.s.county.pk}",
        "problems.problem:99999999999999999999",
    ):
        assert search(client_for(pb.s.bob), units, scope=scope).status_code == 404


def test_assign_form_carries_only_the_chosen_unit(units, client_for):
    page = client_for(units.s.bob).get(f"/problems/{units.problem.pk}/").content.decode()
    select = re.search(r'<select name="lead_unit".*?</select>', page, re.S).group(0)
    assert (
        f'data-autocomplete-url="/autocomplete/core.department/?for=problems.problem%3A{units.problem.pk}"'
        in select
    )
    assert "工信局" not in select and "发改局" not in select


def test_assign_form_still_checks_the_unit_on_the_server(units, client_for):
    client = client_for(units.s.bob)
    url = f"/problems/{units.problem.pk}/step/assign/"
    assert client.post(url, {"lead_unit": units.foreign_unit.pk}).status_code == 400
    assert client.post(url, {"lead_unit": units.city_unit.pk}).status_code == 302
    problem = Problem.objects.get(pk=units.problem.pk)
    assert problem.state == "assigned" and problem.lead_unit == units.city_unit


def test_another_countys_unit_is_refused_at_the_field_as_the_picker_never_offers_it(
    units, api_for
):
    """What the picker leaves out the server refuses too: a county's problem does not go to
    another county's unit, through the page or the API; nothing changes."""
    url = f"/api/v1/problems/{units.problem.pk}/assign/"
    got = api_for(units.s.bob).post(url, {"lead_unit": units.other_unit.pk}, format="json")
    assert got.status_code == 400 and "lead_unit" in got.json()
    assert Problem.objects.get(pk=units.problem.pk).state == "registered"
