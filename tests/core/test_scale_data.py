"""`lvzhi demo --scale N`: a committee system at scale, in bulk, with every pillar's part."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lvzhi.activities.models import Activity, Participation
from lvzhi.core.demo.scale import PARTS
from lvzhi.core.models import Committee, Department, Enterprise, Member
from lvzhi.problems.models import Problem, ProblemAssignment
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db

FRACTION = 0.01  # per committee: 2 members, 4 enterprises, 43 activities, 285 problems


def scale(*args):
    out = StringIO()
    with translation.override("en"), demo_pillars():
        call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_every_pillar_contributes_its_part():
    assert {p.name for p in PARTS} >= {"activities", "problems"}


def test_builds_n_counties_with_proportional_records():
    scale()  # the demo data the scale data goes on top of
    before = {m: m.objects.count() for m in (Member, Enterprise, Activity, Problem)}
    out = scale("--scale", "7", "--fraction", str(FRACTION))
    assert "Scale data loaded" in out

    # the city, the demo's six counties, and one generated county with its handling units
    city = Committee.objects.get(name="来宾市政协")
    generated = Committee.objects.get(name="规模县007政协")
    assert generated.parent == city
    assert Department.objects.filter(committee=generated).count() == 8
    committees = 8
    assert Member.objects.count() - before[Member] == committees * 2
    assert Enterprise.objects.count() - before[Enterprise] == committees * 4
    assert Activity.objects.count() - before[Activity] == committees * 43
    assert Problem.objects.count() - before[Problem] == committees * 285
    new_activities = Activity.objects.filter(title__contains="-000")
    # each activity's participants sit in its committee (two members each here)
    parts = Participation.objects.filter(activity__in=Activity.objects.filter(committee=generated))
    assert parts.count() == 43 * 2
    assert not parts.exclude(member__committee=generated).exists()
    assert new_activities.exists()
    new = Problem.objects.filter(committee=generated)
    assert ProblemAssignment.objects.filter(problem__in=new, role="lead").count() == 285
    assert not new.exclude(lead_unit__committee=generated).exists()
    # history is kept, attributed to the demo actor
    problem = new.first()
    assert problem.history.get().history_user.username == "demo-loader"


def test_pages_load_at_scale(client):
    scale("--scale", "2", "--fraction", str(FRACTION))
    staff = get_user_model().objects.get(username="demo-staff")
    client.force_login(staff)
    problem = Problem.objects.filter(committee__name="兴宾区政协").order_by("-pk").first()
    for url in (
        "/problems/",
        f"/problems/{problem.pk}/",
        "/activities/",
        f"/activities/scores/?year={problem.registered_on.year}",
        "/problems/league/",
        "/members/",
        "/api/v1/problems/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/problems/{problem.pk}/").content.decode()
    assert problem.title in page


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError):
        scale("--scale", "0")
    with pytest.raises(CommandError):
        scale("--scale", "2", "--fraction", "-1")
