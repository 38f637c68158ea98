"""The home page's to-dos from proposals and investment: each role sees what waits for it,
and nobody sees another's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lvzhi.investment.models import InvestmentProject
from lvzhi.proposals.models import Proposal, ProposalAssignment, ProposalSignature
from tests import factories as f

pytestmark = pytest.mark.django_db


def todos(client):
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    return {str(t.label): t.count for t in page.context["todos"]}


@pytest.fixture
def proposals(system):
    today = timezone.localdate()
    s = system
    member = f.MemberFactory(committee=s.county, person=s.carol_person)

    def proposal(state, **fields):
        p = f.ProposalFactory(committee=s.county, lead=member.person)
        Proposal.objects.filter(pk=p.pk).update(state=state, **fields)
        return p

    proposal("submitted")
    proposal("submitted")
    proposal("accepted")
    late = proposal("assigned", deadline=today - datetime.timedelta(days=3))
    due = proposal("assigned", deadline=today + datetime.timedelta(days=20))
    for p in (late, due):
        ProposalAssignment.objects.create(proposal=p, department=s.unit, role="lead")
    proposal("released", rate_by=today + datetime.timedelta(days=9))
    other = f.ProposalFactory(committee=s.county)  # somebody else's, carol co-signs it
    ProposalSignature.objects.create(
        proposal=other, person=s.carol_person, sign_by=today + datetime.timedelta(days=4)
    )
    # another county's: no one in 武宣县 is told of it
    f.ProposalFactory(committee=s.other)
    Proposal.objects.filter(committee=s.other).update(state="submitted")
    return s


def test_the_office_sees_proposals_to_review_assign_and_overdue(proposals, client_for):
    got = todos(client_for(proposals.bob))
    assert got["待审查的提案"] == 2
    assert got["待交办的提案"] == 1
    assert got["承办单位超期未答复的提案"] == 1


def test_a_unit_sees_its_proposals_overdue_first_then_by_deadline(proposals, client_for):
    page = client_for(proposals.dave).get(reverse("core:home"))
    labels = [str(t.label) for t in page.context["todos"]]
    got = {str(t.label): t.count for t in page.context["todos"]}
    assert got["交办我单位且已超期的提案"] == 1 and got["交办我单位、待答复的提案"] == 1
    assert labels.index("交办我单位且已超期的提案") < labels.index("交办我单位、待答复的提案")
    assert "待审查的提案" not in got


def test_a_member_sees_co_signing_and_replies_to_rate(proposals, client_for):
    got = todos(client_for(proposals.carol))
    assert got["邀请您联名的提案"] == 1 and got["待您评价答复的提案"] == 1
    assert "待审查的提案" not in got and "交办我单位、待答复的提案" not in got


def test_nothing_for_an_outsider(proposals, client_for):
    assert todos(client_for(proposals.olivia)) == {}


def test_investment_office_sees_stalled_projects_and_a_bank_its_matches(system, client_for):
    today = timezone.localdate()
    old = today - datetime.timedelta(days=200)
    stalled = f.InvestmentProjectFactory(committee=system.county)
    InvestmentProject.objects.filter(pk=stalled.pk).update(
        last_progress_on=old, progress_due=old, department=system.unit
    )
    f.InvestmentProjectFactory(committee=system.county)  # a fresh lead: nothing due
    got = todos(client_for(system.bob))
    assert got["停滞的招商项目"] == 1
    assert got["进展报告逾期的招商项目"] == 1
    unit = todos(client_for(system.dave))  # the responsible department
    assert unit["我单位负责、进展报告逾期的招商项目"] == 1
    match = f.FinancingMatchFactory(need=f.FinancingNeedFactory(committee=system.county))
    bank_user = f.UserFactory(username="banker")
    from lvzhi.core.choices import Role
    from lvzhi.core.models import RoleAssignment

    RoleAssignment.objects.create(
        user=bank_user, committee=system.county, role=Role.UNIT, department=match.bank
    )
    assert todos(client_for(bank_user))["对接给我行、待登记结果的融资需求"] == 1
    assert "对接给我行、待登记结果的融资需求" not in unit
