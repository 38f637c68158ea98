"""`lvzhi demo --scale N` adds proposals and investment projects in proportion, through the
bulk path, along their workflows; their pages load at scale."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import translation

from lvzhi.core.demo.scale import PARTS
from lvzhi.investment.models import InvestmentProject, ProjectTransition
from lvzhi.proposals.models import Proposal, ProposalAssignment, ProposalSession
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db

FRACTION = 0.01  # per committee: 25 proposals, 4 investment projects


def test_proposals_and_projects_at_scale(client):
    assert {p.name for p in PARTS} >= {"proposals", "investment"}
    out = StringIO()
    # the proposals' demo first: its sessions are reused, the missing years made
    with translation.override("en"), demo_pillars("proposals"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
        before = Proposal.objects.count()
        sessions = set(ProposalSession.objects.values_list("pk", flat=True))
        call_command("demo", "--scale", "2", "--fraction", str(FRACTION), stdout=out)
    assert "Scale data loaded" in out.getvalue()
    committees = 3  # the city and two counties
    new = Proposal.objects.exclude(pk__in=Proposal.objects.order_by("pk")[:before])
    assert new.count() == committees * 25
    assert InvestmentProject.objects.count() == committees * 4

    # proposals spread along the path, over one session a year of their own committee
    assert len(Counter(new.values_list("state", flat=True))) >= 4
    for p in new.select_related("session"):
        assert p.session.committee_id == p.committee_id and p.year == p.session.year
    assert set(ProposalSession.objects.values_list("pk", flat=True)) > sessions
    accepted = new.exclude(serial=None)
    assert accepted.exists()
    numbers = list(accepted.values_list("session", "serial_label"))
    assert len(numbers) == len(set(numbers)) and all("号" in x for _s, x in numbers)
    for session in ProposalSession.objects.filter(pk__in=accepted.values("session")):
        assert session.last_serial >= accepted.filter(session=session).count()
    leads = ProposalAssignment.objects.filter(proposal__in=new, role="lead")
    assert leads.count() == new.exclude(lead_unit=None).count() > 0
    assert not leads.exclude(department__committee=F("proposal__committee")).exists()

    # projects across stages, each with its registration and the steps to its stage
    projects = InvestmentProject.objects.all()
    assert len(Counter(projects.values_list("state", flat=True))) >= 2
    for project in projects:
        steps = list(ProjectTransition.objects.filter(project=project).order_by("at", "id"))
        assert steps[0].action == "register"
        assert steps[-1].to_state == project.state
    assert ProjectTransition.objects.count() > projects.count()
    # as the services leave them: a history entry each, and a signed project's agreed start
    assert set(InvestmentProject.history.values_list("id", flat=True)) >= set(
        projects.values_list("pk", flat=True)
    )
    signed = projects.filter(contracted_on__isnull=False)
    assert signed.exists() and not signed.filter(start_due_on__isnull=True).exists()

    staff = get_user_model().objects.get(username="demo-staff")
    client.force_login(staff)
    proposal = new.order_by("-pk").first()
    project = projects.order_by("-pk").first()
    for url in (
        "/proposals/",
        f"/proposals/{proposal.pk}/",
        "/proposals/figures/",
        "/investment/",
        f"/investment/{project.pk}/",
        "/investment/funnel/",
        "/api/v1/proposals/",
        "/api/v1/investment-projects/",
    ):
        assert client.get(url).status_code == 200, url
    assert proposal.title in client.get(f"/proposals/{proposal.pk}/").content.decode()
