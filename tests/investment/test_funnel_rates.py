"""The funnel's 履约率 (contracts started on time) and median days per stage, against
records counted by hand; and the contract step's agreed start date."""

import datetime
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lvzhi.investment import selectors, services
from lvzhi.investment.models import InvestmentProject

from .conftest import new_project

pytestmark = pytest.mark.django_db


def _dated(system, name, **dates):
    project = new_project(system, name=name)
    InvestmentProject.objects.filter(pk=project.pk).update(**dates)
    return project


@pytest.fixture
def signed(system, settings):
    """Projects signed in 2024 (the default start period: 180 days):
    A 01-10 → started 03-01 (51 days): on time
    B 02-01, agreed start 06-30 → started 07-15: late
    C 03-01 → not started (due 08-28): counted, not on time
    D 04-01 → dropped before starting: counted, not on time
    E 05-01, agreed start 2025-06-30 → started 2025-05-01 (a 2024 contract, on time)
    F signed 2023 → started 2024: not a 2024 contract
    and for the medians, negotiating reached in 2024 after 10, 20 and 40 days."""
    settings.INVESTMENT_START_WITHIN_DAYS = 180
    d = date
    _dated(
        system,
        "A",
        registered_on=d(2023, 11, 1),
        contracted_on=d(2024, 1, 10),
        started_on=d(2024, 3, 1),
        state="started",
    )
    _dated(
        system,
        "B",
        contracted_on=d(2024, 2, 1),
        start_due_on=d(2024, 6, 30),
        started_on=d(2024, 7, 15),
        state="started",
    )
    _dated(system, "C", contracted_on=d(2024, 3, 1), state="contracted")
    _dated(system, "D", contracted_on=d(2024, 4, 1), dropped_on=d(2024, 9, 1), state="dropped")
    _dated(
        system,
        "E",
        contracted_on=d(2024, 5, 1),
        start_due_on=d(2025, 6, 30),
        started_on=d(2025, 5, 1),
        state="started",
    )
    _dated(system, "F", contracted_on=d(2023, 6, 1), started_on=d(2024, 2, 1), state="started")
    for name, gap in (("N1", 10), ("N2", 20), ("N3", 40)):
        _dated(
            system,
            name,
            registered_on=d(2024, 3, 1),
            negotiating_on=d(2024, 3, 1) + datetime.timedelta(days=gap),
            state="negotiating",
        )


def test_fulfilment_counts_the_years_contracts_started_on_time(system, signed):
    got = selectors.fulfilment(system.bob, 2024, today=date(2025, 12, 1))
    assert got == {"due": 5, "on_time": 2, "rate": 40.0}
    # on 2024-09-01: A, B and E (started) and C (due 08-28) count; D is due only on 09-28
    got = selectors.fulfilment(system.bob, 2024, today=date(2024, 9, 1))
    assert got == {"due": 4, "on_time": 2, "rate": 50.0}


def test_median_days_per_stage(system, signed):
    medians = {(m["from"], m["to"]): m for m in selectors.stage_medians(system.bob, 2024)}
    assert medians[("lead", "negotiating")]["median_days"] == 20
    assert medians[("lead", "negotiating")]["count"] == 3
    # contract → construction started in 2024: A 51 days, B 165, F 245: the middle one
    assert medians[("contracted", "started")]["median_days"] == 165
    assert medians[("contracted", "started")]["count"] == 3
    assert medians[("intention", "contracted")]["median_days"] is None


def test_an_even_number_of_projects_takes_the_mean_of_the_middle_two(system, signed):
    InvestmentProject.objects.filter(name="N3").delete()
    medians = {(m["from"], m["to"]): m for m in selectors.stage_medians(system.bob, 2024)}
    assert medians[("lead", "negotiating")]["median_days"] == 15


def test_the_funnel_page_shows_them_to_the_office_not_a_member(system, signed, client_for):
    page = client_for(system.bob).get("/investment/funnel/", {"year": 2024})
    assert page.context["fulfilment"]["due"] == 5
    html = page.content.decode()
    assert 'data-testid="fulfilment-rate">40.0<' in html
    assert "165" in html
    assert client_for(system.carol).get("/investment/funnel/", {"year": 2024}).status_code == 403
    # another county's office counts none of them
    from lvzhi.core.choices import Role
    from lvzhi.core.models import RoleAssignment
    from tests import factories as f

    other = f.UserFactory(username="xz-office")
    RoleAssignment.objects.create(user=other, committee=system.other, role=Role.STAFF)
    assert (
        client_for(other).get("/investment/funnel/", {"year": 2024}).context["fulfilment"]["due"]
        == 0
    )


def test_the_contract_step_sets_the_agreed_start_or_the_default(iv, settings):
    settings.INVESTMENT_START_WITHIN_DAYS = 180
    p = services.project_skip(
        actor=iv.s.bob,
        project=iv.project,
        to_stage="intention",
        reason="直接签意向",
        date=date(2024, 4, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.project_sign_contract(
            actor=iv.s.bob,
            project=p,
            contracted_amount=18000,
            date=date(2024, 5, 1),
            start_due_on=date(2024, 4, 1),
        )
    assert "start_due_on" in exc.value.message_dict
    p.refresh_from_db()
    assert (p.state, p.contracted_on, p.start_due_on) == ("intention", None, None)
    p = services.project_sign_contract(
        actor=iv.s.bob, project=p, contracted_amount=18000, date=date(2024, 5, 1)
    )
    assert p.start_due_on == date(2024, 10, 28)


def test_the_funnel_costs_the_same_at_any_size(system, client_for):
    from tests.core.test_query_counts import explain, measure

    def grow(n):
        for i in range(n):
            _dated(
                system,
                f"G{i}",
                registered_on=date(2024, 1, 2),
                negotiating_on=date(2024, 2, 1),
                contracted_on=date(2024, 3, 1),
                started_on=date(2024, 5, 1),
                state="started",
            )

    grow(2)
    grown = measure(client_for(system.bob), ["/investment/funnel/?year=2024"], lambda: grow(5))
    assert not grown, explain(grown)
