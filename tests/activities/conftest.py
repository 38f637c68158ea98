"""Fixtures of the activities tests: members in each committee of the `system` fixture."""

import datetime

import pytest

from lvzhi.activities.models import ActivityKind
from tests import factories as f


@pytest.fixture
def kinds(db):
    return {k.code: k for k in ActivityKind.objects.all()}


@pytest.fixture
def people(system):
    """Members: carol (county, linked to her login), one more per committee, one outside."""
    p = type("People", (), {})()
    p.carol = f.MemberFactory(committee=system.county, person=system.carol_person)
    p.county = f.MemberFactory(committee=system.county)
    p.other = f.MemberFactory(committee=system.other)
    p.city = f.MemberFactory(committee=system.city)
    p.outside_committee = f.CommitteeFactory(name="柳州市政协", level="city")
    p.outside = f.MemberFactory(committee=p.outside_committee)
    return p


@pytest.fixture
def activity(system, people):
    """An activity of the county with carol attending."""
    a = f.ActivityFactory(committee=system.county, start_date=datetime.date(2024, 5, 10))
    f.ParticipationFactory(activity=a, member=people.carol)
    return a
