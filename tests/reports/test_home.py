"""The home page tells each role what waits for it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lvzhi.problems.models import Problem
from tests import factories as f

pytestmark = pytest.mark.django_db


def todos(client):
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    return {str(t.label): t.count for t in page.context["todos"]}, page


def test_office_sees_problems_to_assign_and_overdue(year, client_for):
    s = year.s
    today = timezone.localdate()
    Problem.objects.filter(state="in_progress").update(deadline=today - datetime.timedelta(days=2))
    f.ProblemFactory(committee=s.county)  # registered: waits to be assigned
    items, page = todos(client_for(s.alice))
    assert items["待交办的难题"] == 1
    assert items["承办单位超期未办的难题"] == 1
    assert items["企业已确认、待办结的难题"] == 1
    assert "home-figures" in page.content.decode()
    # the other county's office has none of the city's
    assert todos(client_for(s.bob))[0]["待交办的难题"] == 1


def test_a_unit_sees_what_is_assigned_to_it(system, client_for):
    s = system
    f.registered_problem(s.bob, s.county, lead_unit=s.unit)
    items, page = todos(client_for(s.dave))
    assert items == {"交办我单位、待签收": 1}
    assert "home-figures" not in page.content.decode()


def test_a_member_sees_invitations_and_no_figures(system, client_for):
    member = f.MemberFactory(committee=system.county, person=system.carol_person)
    soon = timezone.localdate() + datetime.timedelta(days=3)
    activity = f.ActivityFactory(committee=system.county, start_date=soon)
    f.ParticipationFactory(activity=activity, member=member, attendance="invited")
    items, page = todos(client_for(system.carol))
    assert items == {"待参加活动的邀请": 1}
    today = timezone.localdate()
    done = f.ActivityFactory(committee=system.county, start_date=today.replace(day=1))
    f.ParticipationFactory(activity=done, member=member)
    items, page = todos(client_for(system.carol))
    assert items["本年度参加的活动：履职档案和积分"] == 1
    assert "home-figures" not in page.content.decode()


def test_a_leader_sees_the_headline_figures(year, client_for):
    page = client_for(year.s.erin).get(reverse("core:home"))
    html = page.content.decode()
    assert 'data-testid="home-figures"' in html
    # the latest year with records (2025 in the fixture): one consultation, one problem
    assert "2025年" in html and "协调解决难题1个" in html
    # this year (the fixture's is not 2025) has none: the page says which year it shows
    assert 'data-testid="year-fallback"' in html


def test_the_home_figures_follow_the_scope_chosen_in_the_navbar(year, client_for):
    client = client_for(year.s.erin)
    whole = client.get(reverse("core:home")).context["sections"]
    session = client.session
    session["committee_scope"] = str(year.s.county.pk)  # 武宣县: nothing in 2025
    session.save()
    county = client.get(reverse("core:home")).content.decode()
    assert "协调解决难题1个" in "".join(whole)
    assert "协调解决难题1个" not in county and 'data-testid="home-figures"' in county


def test_nothing_waits_for_an_outsider(system, client_for):
    items, page = todos(client_for(system.olivia))
    assert items == {}
    assert 'data-testid="todos-none"' in page.content.decode()
