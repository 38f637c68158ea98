"""`lvzhi demo`: the 来宾市 demo system, its logins, its history, and its guard rails."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import translation

from lvzhi.core import services
from lvzhi.core.choices import CommitteeLevel, Role
from lvzhi.core.demo.generate import build_dataset
from lvzhi.core.demo.loader import history_models, reset_demo
from lvzhi.core.demo.structure import DEMO_ACTOR_USERNAME, DEMO_USERS
from lvzhi.core.models import (
    Committee,
    Department,
    Enterprise,
    Member,
    Person,
    RoleAssignment,
    Village,
)
from lvzhi.core.validators import validate_credit_code
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def core_demo_only():
    """These tests are about core's data set; the pillar apps test their own demo data, and
    `test_full_demo_with_every_pillar_app` loads everything once."""
    with demo_pillars():
        yield


COUNTIES = {
    "兴宾区政协",
    "合山市政协",
    "象州县政协",
    "武宣县政协",
    "忻城县政协",
    "金秀瑶族自治县政协",
}


def demo(*args):
    """Run the command in English (the assertions read its messages); return its output."""
    out = StringIO()
    with translation.override("en"):
        call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts():
    """Rows per core model and per history table: what "nothing changed" compares."""
    models = [Committee, Department, Enterprise, Member, Person, RoleAssignment, Village]
    return {
        **{m.__name__: m.objects.count() for m in models},
        **{m.__name__: m.objects.count() for m in history_models("core")},
        "users": get_user_model().objects.count(),
    }


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    """The demo system, loaded once for a class: each test's changes are rolled back."""
    with django_db_blocker.unblock():
        demo()
        yield
        reset_demo()


@pytest.mark.usefixtures("loaded")
class TestLoadedDemo:
    def test_loads_the_committee_tree(self):
        region = Committee.objects.get(name="广西壮族自治区政协")
        city = Committee.objects.get(name="来宾市政协")
        assert region.level == CommitteeLevel.REGION and region.parent is None
        assert city.level == CommitteeLevel.CITY and city.parent == region
        counties = Committee.objects.filter(parent=city)
        assert set(counties.values_list("name", flat=True)) == COUNTIES
        assert set(counties.values_list("level", flat=True)) == {CommitteeLevel.COUNTY}
        assert Committee.objects.count() == 8

    def test_loads_the_people_and_enterprises_of_the_article(self):
        lin = Person.objects.get(name="林伟民")
        assert set(lin.memberships.values_list("committee__name", flat=True)) == {
            "广西壮族自治区政协",
            "来宾市政协",
        }
        dongtang = Enterprise.objects.get(name="广西东糖集团")
        assert dongtang.member == lin and dongtang.is_member_enterprise
        assert "制糖" in set(dongtang.industries.values_list("name", flat=True))

        li = Person.objects.get(name="黎胜国")
        assert li.memberships.get().committee.name == "来宾市政协"
        assert li.user.username == "demo-member"
        port = Enterprise.objects.get(name="武宣港区龙从作业区")
        assert port.member == li and port.employees == 350
        assert port.committee.name == "武宣县政协"

        yihuang = Enterprise.objects.get(name="怡黄木业")
        assert yihuang.park.name == "三江口工业园区" and not yihuang.is_member_enterprise

        # 百企扶百村: 32 member enterprises and at least 32 villages lifted out of poverty.
        assert Enterprise.objects.filter(is_member_enterprise=True).count() == 32
        assert Village.objects.filter(is_lifted_out_of_poverty=True).count() >= 32
        assert Person.objects.count() >= 120
        # Every committee of the city system has members, from many sectors.
        for committee in Committee.objects.exclude(level=CommitteeLevel.REGION):
            assert Member.objects.filter(committee=committee).count() >= 9, committee
        assert Member.objects.values("sector").distinct().count() >= 20
        assert Department.objects.filter(short_name="工行来宾分行", kind="bank").exists()
        for code in Enterprise.objects.exclude(credit_code="").values_list(
            "credit_code", flat=True
        ):
            validate_credit_code(code)
        # Mobiles are the recognisable fake ones.
        assert not Person.objects.exclude(mobile__startswith="1380771").exists()

    def test_generated_people_and_firms_say_they_are_demo_data(self):
        assert not Person.objects.exclude(profile__contains="演示数据").exists()
        assert not Enterprise.objects.exclude(description__contains="演示数据").exists()

    def test_each_demo_user_can_log_in_with_its_role(self, client):
        output = demo()  # the logins are printed on every run
        for username, _display, role, _committee, unit, _admin in DEMO_USERS:
            assert username in output
            assert client.login(username=username, password="demo"), username
            client.logout()
            user = get_user_model().objects.get(username=username)
            assert user.first_name.startswith("【演示】")
            assignment = user.role_assignments.get()
            assert assignment.role == role
            assert (assignment.department.short_name if assignment.department else None) == unit
        admin = get_user_model().objects.get(username="demo-admin")
        assert admin.is_staff and not admin.is_superuser
        assert admin.has_perm("core.change_enterprise")
        county = RoleAssignment.objects.get(user__username="demo-county")
        assert (county.role, county.committee.name) == (Role.STAFF, "武宣县政协")
        # The actor the data is attributed to cannot sign in.
        assert not client.login(username=DEMO_ACTOR_USERNAME, password="demo")

    def test_demo_users_see_what_their_role_allows(self):
        users = {
            u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")
        }
        county_firms = Enterprise.objects.visible_to(users["demo-county"])
        assert county_firms.exists()
        assert set(county_firms.values_list("committee__name", flat=True)) == {"武宣县政协"}
        city_firms = Enterprise.objects.visible_to(users["demo-staff"])
        assert city_firms.count() == Enterprise.objects.count()
        assert list(Department.objects.visible_to(users["demo-unit"])) == [
            Department.objects.get(short_name="市工信局")
        ]
        own = Enterprise.objects.visible_to(users["demo-member"])
        assert own.filter(name="武宣港区龙从作业区").exists()

    def test_history_is_attributed_to_the_demo_actor(self):
        dongtang = Enterprise.objects.get(name="广西东糖集团")
        entries = list(dongtang.history.all())
        assert entries and {h.history_user.username for h in entries} == {DEMO_ACTOR_USERNAME}
        assert entries[-1].history_type == "+"
        for model in history_models("core"):
            users = set(model.objects.values_list("history_user__username", flat=True))
            assert users <= {DEMO_ACTOR_USERNAME}, model

    def test_second_run_adds_nothing(self):
        before = counts()
        output = demo()
        assert counts() == before
        assert "nothing added" in output

    def test_refuses_a_database_with_history_by_another_actor(self):
        firm = Enterprise.objects.get(name="怡黄木业")
        firm.employees = 120
        services.record_save(actor=services.system_user(), instance=firm)
        with pytest.raises(CommandError, match="--force"):
            demo()
        with pytest.raises(CommandError):
            demo("--reset")
        assert Enterprise.objects.get(name="怡黄木业").employees == 120

    def test_changes_made_with_demo_logins_are_demo_data(self):
        staff = get_user_model().objects.get(username="demo-staff")
        firm = Enterprise.objects.get(name="怡黄木业")
        firm.employees = 99
        services.record_save(actor=staff, instance=firm)
        demo()  # not refused
        assert Enterprise.objects.get(name="怡黄木业").employees == 99

    def test_reset_deletes_and_reloads(self):
        fresh = counts()
        staff = get_user_model().objects.get(username="demo-staff")
        firm = Enterprise.objects.get(name="怡黄木业")
        firm.employees = 99
        services.record_save(actor=staff, instance=firm)
        services.record_delete(actor=staff, instance=Village.objects.get(name="古德村"))

        output = demo("--reset")

        assert counts() == fresh
        firm = Enterprise.objects.get(name="怡黄木业")
        assert firm.employees is None
        assert {h.history_user.username for h in firm.history.all()} == {DEMO_ACTOR_USERNAME}
        assert Village.objects.filter(name="古德村").exists()
        assert "demo-admin" in output

    def test_reset_with_force_removes_other_data(self):
        get_user_model().objects.create_user("olivia", password="x")
        Person.objects.create(name="外人", committee=Committee.objects.get(name="合山市政协"))
        with pytest.raises(CommandError):
            demo("--reset")
        demo("--reset", "--force")
        assert not Person.objects.filter(name="外人").exists()
        assert Committee.objects.count() == 8
        assert get_user_model().objects.filter(username="olivia").exists()  # users are kept


def test_the_data_set_is_deterministic():
    assert build_dataset() == build_dataset()


def test_refuses_a_database_with_a_non_demo_user():
    get_user_model().objects.create_user("olivia", password="x")
    with pytest.raises(CommandError, match="olivia"):
        demo()
    assert not Committee.objects.exists()
    demo("--force")
    assert Committee.objects.count() == 8


def test_if_empty_loads_an_empty_database_only():
    demo("--if-empty")
    assert Committee.objects.count() == 8
    before = counts()
    output = demo("--if-empty")
    assert "skipped" in output.lower() and "demo-admin" in output
    assert counts() == before


def test_if_empty_skips_a_database_with_non_demo_data_without_failing():
    get_user_model().objects.create_user("olivia", password="x")
    output = demo("--if-empty")
    assert "olivia" in output
    assert not Committee.objects.exists()


def test_full_demo_with_every_pillar_app():
    """The whole demo (core and every pillar app, with the living year) loads, reloads as a
    no-op, and its reset leaves no record and no history of any app behind (reloading after
    a reset is core's `test_reset_deletes_and_reloads`)."""
    from django.apps import apps

    with demo_pillars(everything=True):
        demo()
        living_year_is_in_use(Client())
        before = counts()
        assert "nothing added" in demo()
        assert counts() == before
        reset_demo()
    pillars = ("activities", "problems", "proposals", "investment")
    left = {
        model._meta.label: model.objects.count()
        for label in pillars
        for model in apps.get_app_config(label).get_models()
        if model.objects.exists() and not model._meta.label.endswith(DICTIONARIES)
    }
    assert left == {}
    assert not get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).exists()


#: dictionaries the migrations seed, which a reset keeps (with their seeding history)
DICTIONARIES = ("ActivityKind", "ProblemCategory", "RejectionGround")


def living_year_is_in_use(client):
    """What a newcomer who runs `make run` today meets: this year's records up to today,
    activities planned for the coming days, problems due next week, proposals waiting."""
    import datetime

    from lvzhi.activities.models import Activity
    from lvzhi.core.demo import calendar
    from lvzhi.problems.models import Problem
    from lvzhi.proposals.models import Proposal

    span = calendar.living()
    assert span is not None  # the fixed data set ends with 2025
    this_year = Activity.objects.filter(start_date__year=span.year)
    assert this_year.filter(start_date__lte=span.today).count() > 100
    planned = this_year.filter(start_date__gt=span.today)
    assert planned.exists()
    member = get_user_model().objects.get(username="demo-member")
    assert planned.filter(
        participations__member__person__user=member, participations__attendance="invited"
    ).exists()
    next_week = span.today + datetime.timedelta(days=14)
    due = Problem.objects.filter(
        state="in_progress", deadline__gte=span.today, deadline__lte=next_week
    )
    assert due.count() >= 5
    assert Problem.objects.filter(state="in_progress", deadline__lt=span.today).exists()
    assert Proposal.objects.filter(year=span.year, state="assigned").exists()
    # the year before has its proposals, all handled by now: the dashboard compares with it
    before = Proposal.objects.filter(year=span.year - 1)
    assert before.count() > 400 and not before.filter(state="assigned").exists()
    assert not Activity.objects.filter(start_date__year__gt=span.year).exists()
    # the staff's home opens on this year's figures, not on an earlier year's
    client.force_login(get_user_model().objects.get(username="demo-staff"))
    with translation.override("zh-hans"):
        html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-testid="home-figures"' in html and 'data-testid="year-fallback"' not in html
    assert f"{span.year}年" in html
