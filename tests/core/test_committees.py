"""The committee system (市县联动), the people a workflow tells, and the menu's role checks:
each written once, in core, and used by every app."""

import datetime
import inspect

import pytest
from django.core.exceptions import ValidationError

from lvzhi.activities.forms import InviteForm
from lvzhi.core import navigation, recipients
from lvzhi.core.choices import CommitteeLevel, Role
from lvzhi.core.committees import system_committee_ids, within_system
from lvzhi.core.models import Committee, RoleAssignment
from tests import factories as f


@pytest.fixture
def region(system):
    """The regional committee above the city, with a member of its own, and another city."""
    gx = f.CommitteeFactory(
        name="广西壮族自治区政协", short_name="自治区", level=CommitteeLevel.REGION
    )
    Committee.objects.filter(pk=system.city.pk).update(parent=gx)
    system.city.refresh_from_db()
    liuzhou = f.CommitteeFactory(
        name="柳州市政协", short_name="柳州市", level=CommitteeLevel.CITY, parent=gx
    )
    return type(
        "Region",
        (),
        {
            "gx": gx,
            "liuzhou": liuzhou,
            "member": f.MemberFactory(committee=gx),
            "liuzhou_member": f.MemberFactory(committee=liuzhou),
        },
    )


def test_the_system_is_the_city_and_its_counties(system, region):
    city_system = {system.city.pk, system.county.pk, system.other.pk}
    for committee in (system.city, system.county, system.other):
        assert system_committee_ids(committee) == city_system
    assert system_committee_ids(region.liuzhou) == {region.liuzhou.pk}
    assert within_system(system.county, system.other)
    assert within_system(system.other, system.city)
    assert not within_system(system.county, region.gx)
    assert not within_system(system.city, region.liuzhou)


def test_a_city_activity_takes_no_member_of_the_regional_committee(system, region):
    """A 两级委员 sits in the city's activities through his city membership."""
    activity = f.ActivityFactory(committee=system.city, start_date=datetime.date(2024, 5, 10))
    city_member = f.MemberFactory(committee=system.county)
    activity.clean_members([city_member])
    for outsider in (region.member, region.liuzhou_member):
        with pytest.raises(ValidationError):
            activity.clean_members([outsider])
    region.member.published = True
    form = InviteForm(user=system.frank, activity=activity)
    assert city_member in form.fields["members"].queryset
    assert region.member not in form.fields["members"].queryset


def test_a_problem_takes_enterprises_of_its_system_only(system, region):
    from lvzhi.problems.models import Problem

    category = f.ProblemCategoryFactory(name="融资")
    for enterprise_committee, allowed in [
        (system.other, True),
        (system.city, True),
        (region.gx, False),
        (region.liuzhou, False),
    ]:
        problem = Problem(
            committee=system.county,
            enterprise=f.EnterpriseFactory(committee=enterprise_committee),
            category=category,
            title="t",
            service_team="产业服务团",
        )
        if allowed:
            problem.clean()
        else:
            with pytest.raises(ValidationError):
                problem.clean()


def test_recipients_of_a_committee(system):
    county_leader = f.UserFactory(username="lee")
    assert set(recipients.office_users(system.county)) == {system.alice, system.bob}
    assert set(recipients.office_users(system.city)) == {system.alice}
    assert set(recipients.unit_users([system.unit.pk])) == {system.dave}
    # A county without leaders of its own: the city's leaders follow its items.
    assert set(recipients.leaders_for(system.county)) == {system.erin}
    RoleAssignment.objects.create(user=county_leader, committee=system.county, role=Role.LEADER)
    assert set(recipients.leaders_for(system.county)) == {county_leader}
    system.dave.is_active = False
    system.dave.save()
    assert not recipients.unit_users([system.unit.pk]).exists()


def test_the_problem_workflow_tells_the_recipients_core_finds():
    """The problem services and the deadline pass use core's lookups, not copies."""
    from lvzhi.activities import models as activity_models
    from lvzhi.core import deadlines, extensions
    from lvzhi.problems import selectors
    from lvzhi.problems.services import workflow

    for module in (selectors, activity_models):
        for name in ("office_users", "unit_users", "leaders_for", "system_committee_ids"):
            found = getattr(module, name, None)
            assert found is None or found.__module__.startswith("lvzhi.core."), name
    for module in (deadlines, extensions, workflow):
        assert module.recipients is recipients


def test_each_menu_role_check_is_written_once(db):
    """The apps' menu entries reuse core.navigation's checks instead of writing twins."""
    checks = {}
    for item in navigation._ITEMS:
        check = item.visible
        if check.__name__ == "<lambda>":
            continue
        body = inspect.getsource(check).split(":", 1)[1]
        body = "\n".join(line for line in body.splitlines() if not line.strip().startswith('"""'))
        checks.setdefault(body.strip(), set()).add(f"{check.__module__}.{check.__qualname__}")
    twins = [names for names in checks.values() if len(names) > 1]
    assert twins == []
