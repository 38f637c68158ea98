"""A small year of records, counted by hand, on top of the shared `system` fixture.

                    city (来宾市)      county (武宣县)           other (象州县)
consultations 2024  03-05, 03-20       05-10 (糖业 › 制糖)        11-02
consultations 2023                     06-01
consultations 2025  01-15
investment 2024     02-10: 2 attended  07-08: 3 attended (one 农业界) + 1 invited
problems resolved   2024-12-31         2024-04-03 (糖业 › 制糖)   2025-01-02 (next year)
problems open                          registered 2024-06-01
"""

import datetime

import pytest

from lvzhi.activities.models import ActivityKind
from lvzhi.problems.models import Problem
from tests import factories as f

D = datetime.date


class Year:
    pass


@pytest.fixture
def year(system):
    return hand_counted_year(system)


def hand_counted_year(system):
    y = Year()
    y.s = system
    y.sugar = f.IndustryFactory(name="糖业")
    y.sugar_link = f.IndustryFactory(name="制糖", parent=y.sugar)
    y.other_industry = f.IndustryFactory(name="瑶医药")
    y.farming = f.SectorFactory(name="农业界")
    # get_or_create: a browser test's flush removes the kinds the migration wrote
    consultation, _ = ActivityKind.objects.get_or_create(
        code="consultation", defaults={"name": "专题协商", "category": "consultation"}
    )
    investment, _ = ActivityKind.objects.get_or_create(
        code="investment", defaults={"name": "对外招商", "category": "investment"}
    )

    def act(committee, day, kind=consultation, industries=()):
        a = f.ActivityFactory(committee=committee, start_date=day, kind=kind)
        a.industries.set(industries)
        return a

    for committee, day in [
        (system.city, D(2024, 3, 5)),
        (system.city, D(2024, 3, 20)),
        (system.other, D(2024, 11, 2)),
        (system.county, D(2023, 6, 1)),
        (system.city, D(2025, 1, 15)),
    ]:
        act(committee, day)
    # tagged with the chain link and the parent: still one record for 糖业
    act(system.county, D(2024, 5, 10), industries=[y.sugar_link, y.sugar])
    city_trip = act(system.city, D(2024, 2, 10), investment)
    for _ in range(2):
        f.ParticipationFactory(activity=city_trip)
    county_trip = act(system.county, D(2024, 7, 8), investment, industries=[y.other_industry])
    f.ParticipationFactory(activity=county_trip)
    f.ParticipationFactory(activity=county_trip)
    f.ParticipationFactory(
        activity=county_trip, member=f.MemberFactory(committee=system.county, sector=y.farming)
    )
    f.ParticipationFactory(activity=county_trip, attendance="invited")

    def problem(committee, state, resolved_on=None, registered=None, industry=None):
        p = f.ProblemFactory(committee=committee, industry=industry)
        Problem.objects.filter(pk=p.pk).update(
            state=state, resolved_on=resolved_on, registered_on=registered or D(2024, 1, 10)
        )
        return p

    problem(system.city, "closed", D(2024, 12, 31))
    problem(system.county, "confirmed", D(2024, 4, 3), industry=y.sugar_link)
    problem(system.other, "closed", D(2025, 1, 2))
    problem(system.county, "in_progress", registered=D(2024, 6, 1))
    return y
