"""交办 / 会办 / 分办 of a proposal: the units are found by search within those the proposal
may go to (its county's and the city's), the page carries only the chosen ones."""

import re

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_assign_step_searches_the_units_the_proposal_may_go_to(pp, system, client_for):
    city_unit = f.DepartmentFactory(committee=system.city, name="来宾市工信局")
    f.DepartmentFactory(committee=system.other, name="象州县工信局")
    proposal = pp.to(pp.new(), "accepted")
    client = client_for(system.bob)
    page = client.get(reverse("proposals:proposal", args=[proposal.pk])).content.decode()
    url = f"/autocomplete/core.department/?for=proposals.proposal%3A{proposal.pk}"
    for name in ("lead_unit", "co_units", "separate_units"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        assert f'data-autocomplete-url="{url}"' in select
        assert "工信局" not in select and "发改局" not in select
    search = reverse("core:autocomplete", args=["core.department"])
    scope = {"for": f"proposals.proposal:{proposal.pk}"}
    results = client.get(search, {**scope, "q": "工信"}).json()["results"]
    assert {r["text"] for r in results} == {"武宣县工信局", "来宾市工信局"}
    # the member who proposed it may not search them
    assert client_for(system.carol).get(search, scope).status_code == 403
    # the step takes the city's unit found
    step = reverse("proposals:proposal_step", args=[proposal.pk, "assign"])
    response = client_for(system.bob).post(step, {"lead_unit": city_unit.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "assigned"
