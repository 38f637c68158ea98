"""Problems on top of the shared `system` fixture.

pb.problem      a registered problem of 武宣县 (county), raised by carol (who runs the
                enterprise), category 融资 (3 / 5 / 15 working days)
pb.unit         武宣县工信局 — dave's unit (the lead unit when assigned)
pb.co_unit      武宣县发改局 — cody's unit (a co-operating unit)
pb.city_unit    来宾市工信局 — a city unit, may take county problems (市县联动)
pb.foreign_unit 南宁市工信局 — outside the committee system
"""

from datetime import date

import pytest
from django.utils import timezone

from lvzhi.core.choices import CommitteeLevel, Role
from lvzhi.core.models import RoleAssignment
from lvzhi.problems import services
from tests import factories as f


class Problems:
    pass


@pytest.fixture
def pb(system):
    p = Problems()
    p.s = system
    p.unit = system.unit
    p.co_unit = f.DepartmentFactory(committee=system.county, name="武宣县发改局")
    p.city_unit = f.DepartmentFactory(committee=system.city, name="来宾市工信局")
    p.other_unit = f.DepartmentFactory(committee=system.other, name="象州县工信局")
    nanning = f.CommitteeFactory(name="南宁市政协", short_name="南宁市", level=CommitteeLevel.CITY)
    p.foreign_unit = f.DepartmentFactory(committee=nanning, name="南宁市工信局")
    p.cody = f.UserFactory(username="cody")
    RoleAssignment.objects.create(
        user=p.cody, committee=system.county, role=Role.UNIT, department=p.co_unit
    )
    p.olga = f.UserFactory(username="olga")  # unit user of the other county's unit
    RoleAssignment.objects.create(
        user=p.olga, committee=system.other, role=Role.UNIT, department=p.other_unit
    )
    p.category = f.ProblemCategoryFactory(name="融资")
    p.enterprise = f.EnterpriseFactory(
        committee=system.county, name="武宣糖业有限公司", member=system.carol_person
    )
    p.problem = p.new()
    return p


def _new(self, **kwargs):
    defaults = dict(
        committee=self.s.county,
        enterprise=self.enterprise,
        category=self.category,
        raised_by=self.s.carol_person,
        service_team="",
    )
    defaults.update(kwargs)
    problem = f.ProblemFactory.build(**defaults)
    return services.problem_register(actor=self.s.bob, problem=problem, allow_duplicate=True)


def _advance(self, problem, state, on=None):
    """Take `problem` to `state` along the main path, acting as bob (office) and dave (unit)."""
    s = self.s
    path = {
        "registered": [],
        "assigned": ["assign"],
        "in_progress": ["assign", "start"],
        "answered": ["assign", "start", "answer"],
        "confirmed": ["assign", "start", "answer", "confirm"],
        "closed": ["assign", "start", "answer", "confirm", "close"],
        "returned": ["assign", "return"],
        "withdrawn": ["withdraw"],
    }[state]
    for step in path:
        if step == "assign":
            problem = services.problem_assign(
                actor=s.bob, problem=problem, lead_unit=self.unit, co_units=[self.co_unit], on=on
            )
        elif step == "start":
            problem = services.problem_start(actor=s.dave, problem=problem, on=on)
        elif step == "answer":
            problem = services.problem_answer(
                actor=s.dave, problem=problem, solution="已协调银行续贷。", on=on
            )
        elif step == "confirm":
            problem = services.problem_confirm(
                actor=s.bob, problem=problem, satisfaction="satisfied", on=on
            )
        elif step == "close":
            problem = services.problem_close(actor=s.bob, problem=problem, on=on)
        elif step == "return":
            problem = services.problem_return(
                actor=s.dave, problem=problem, reason="不属于本单位职责", on=on
            )
        elif step == "withdraw":
            problem = services.problem_withdraw(actor=s.bob, problem=problem, reason="企业撤回")
    return problem


Problems.new = _new
Problems.advance = _advance


def today():
    return timezone.localdate()


MONDAY_2024_09_23 = date(2024, 9, 23)
