"""领导督办: a leader's visits on a key proposal — recorded by leaders and the office only,
shown on the proposal's page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lvzhi.core.errors import DomainError
from lvzhi.proposals import services
from lvzhi.proposals.models import ProposalLeaderVisit


def _key(pp, system):
    proposal = pp.to(pp.new(), "assigned")
    return services.proposal_mark_key(actor=system.bob, proposal=proposal, leader=system.erin)


def test_a_leader_records_a_visit_and_the_page_shows_it(pp, system, client_for):
    proposal = _key(pp, system)
    client = client_for(system.erin)
    step = client.get(proposal.get_absolute_url()).content.decode()
    assert "step/leader_visit/" in step
    response = client.post(
        f"{proposal.get_absolute_url()}step/leader_visit/",
        {
            "leader": system.erin.pk,
            "visited_on": timezone.localdate().isoformat(),
            "note": "到武宣县工信局督办糖业保供措施",
        },
    )
    assert response.status_code == 302
    (visit,) = proposal.leader_visits.all()
    assert (visit.leader, visit.recorded_by) == (system.erin, system.erin)
    assert proposal.transitions.filter(action="leader_visit", actor=system.erin).exists()
    for who in (system.carol, system.dave, system.bob):
        page = client_for(who).get(proposal.get_absolute_url()).content.decode()
        assert "到武宣县工信局督办糖业保供措施" in page and "领导督办" in page


def test_the_office_records_one_others_may_not(pp, system, api_for):
    proposal = _key(pp, system)
    body = {
        "leader": system.erin.pk,
        "visited_on": timezone.localdate().isoformat(),
        "note": "督办",
    }
    url = f"/api/v1/proposals/{proposal.pk}/leader-visit/"
    assert api_for(system.bob).post(url, body, format="json").status_code == 200
    for who in (system.carol, system.dave):
        assert api_for(who).post(url, body, format="json").status_code == 403
    assert api_for(system.olivia).post(url, body, format="json").status_code == 404
    with pytest.raises(PermissionDenied):
        services.proposal_leader_visit(
            actor=system.carol, proposal=proposal, leader=system.erin,
            visited_on=timezone.localdate(), note="x",
        )  # fmt: skip
    assert ProposalLeaderVisit.objects.filter(proposal=proposal).count() == 1


def test_only_key_proposals_take_visits_and_not_in_the_future(pp, system, client_for):
    plain = pp.to(pp.new(), "assigned")
    assert (
        "step/leader_visit/"
        not in client_for(system.erin).get(plain.get_absolute_url()).content.decode()
    )
    with pytest.raises(DomainError):
        services.proposal_leader_visit(
            actor=system.erin, proposal=plain, leader=system.erin,
            visited_on=timezone.localdate(), note="督办",
        )  # fmt: skip
    key = _key(pp, system)
    with pytest.raises(ValidationError) as err:
        services.proposal_leader_visit(
            actor=system.erin, proposal=key, leader=system.erin,
            visited_on=timezone.localdate() + timedelta(days=1), note="督办",
        )  # fmt: skip
    assert "visited_on" in err.value.message_dict
    assert not ProposalLeaderVisit.objects.exists()
