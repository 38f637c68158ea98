"""Every selector that takes a user returns nothing without one (fails closed)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from lvzhi.activities import selectors as activity_selectors
from lvzhi.problems import selectors as problem_selectors
from lvzhi.text import services as text_services
from lvzhi.text.selectors import search, similar_to
from tests import factories as f

NOBODY = [None, AnonymousUser()]
TEXT = "来宾东糖集团实施蔗糖技术改造，建设甘蔗综合利用和糖业循环经济产业园。"


@pytest.fixture
def enterprise(system):
    obj = f.EnterpriseFactory(committee=system.county, name="东糖糖业", description=TEXT)
    text_services.index_record(obj)
    return obj


@pytest.mark.parametrize("nobody", NOBODY)
def test_similar_records_need_a_user(enterprise, system, nobody):
    assert [r.object_id for r in similar_to(TEXT, "core.enterprise", user=system.bob)] == [
        enterprise.pk
    ]
    assert similar_to(TEXT, "core.enterprise", user=nobody) == []
    assert similar_to(TEXT, "core.enterprise") == []


@pytest.mark.parametrize("nobody", NOBODY)
def test_search_needs_a_user(enterprise, system, nobody):
    assert [h.object_id for h in search(system.bob, "东糖")] == [enterprise.pk]
    assert search(nobody, "东糖") == []


@pytest.mark.parametrize("nobody", NOBODY)
def test_duty_record_needs_a_user_who_sees_the_member(system, nobody):
    member = f.MemberFactory(committee=system.county, person=system.carol_person)
    activity = f.ActivityFactory(committee=system.county, start_date=datetime.date(2024, 5, 10))
    f.ParticipationFactory(activity=activity, member=member)
    seen = activity_selectors.duty_record(member, 2024, system.bob)
    assert [p.activity_id for p in seen.participations] == [activity.pk]
    for user in (nobody, system.olivia, system.dave):
        record = activity_selectors.duty_record(member, 2024, user)
        assert record.participations == [] and record.cases == []
        assert record.score.total == 0 and record.score.lines == []


@pytest.mark.parametrize("nobody", NOBODY)
def test_problem_selectors_need_a_user(system, nobody):
    problem = f.ProblemFactory(
        committee=system.county,
        registered_on=datetime.date(2024, 3, 1),
        assigned_on=datetime.date(2024, 3, 2),
        lead_unit=system.unit,
        state="confirmed",
    )
    args = dict(enterprise=problem.enterprise, category=problem.category)
    problem.state = "in_progress"
    problem.save()
    assert list(problem_selectors.open_duplicates(user=system.bob, **args)) == [problem]
    assert list(problem_selectors.open_duplicates(user=nobody, **args)) == []
    assert problem_selectors.league_table(user=system.bob, year=2024)
    assert problem_selectors.league_table(user=nobody, year=2024) == []
    problem.state = "confirmed"
    problem.save()
    assert problem_selectors.resolved_count(user=system.bob, year=2024) == 1
    assert problem_selectors.resolved_count(user=nobody, year=2024) == 0
