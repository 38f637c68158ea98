"""Investment on top of the shared `system` fixture.

iv.project   a 武宣县 (county) project at 线索, registered by bob, dave's unit responsible,
             carol credited with 100%
iv.leader    erin's person: set as the responsible leader where a test needs one
"""

import datetime

import pytest

from lvzhi.investment import services
from lvzhi.investment.models import InvestmentProject
from tests import factories as f


class Investment:
    pass


@pytest.fixture
def iv(system):
    i = Investment()
    i.s = system
    i.carol_seat = f.MemberFactory(committee=system.county, person=system.carol_person)
    i.project = new_project(system, name="年产1000万平方米绿色建筑新材料项目")
    services.project_credit(actor=system.bob, project=i.project, member=i.carol_seat, share=100)
    i.leader = f.PersonFactory(committee=system.city, name="市政协副主席", user=system.erin)
    return i


def new_project(system, **fields):
    fields.setdefault("name", "钙基新材料项目")
    fields.setdefault("registered_on", datetime.date(2024, 1, 10))
    project = InvestmentProject(
        committee=system.county,
        investor_name="广东佛山某建材集团",
        investor_origin="广东佛山",
        investor_contact="张经理 13800000000",
        source_mode="member",
        planned_investment=18000,
        capacity="年产1000万平方米",
        department=system.unit,
        **fields,
    )
    return services.project_register(actor=system.bob, project=project)
