"""Proposals in the duty-performance score (履职积分): the points engine reads these events.

proposal_lead   the lead proposer of a proposal accepted as a case (立案), on its 立案 day
proposal_joint  each co-signer who signed it
proposal_key    the lead proposer of a key (重点) or excellent (优秀) proposal
"""

from django.db.models import Q
from django.urls import reverse

from lvzhi.core.points import ExternalEvent, register_source

from ..choices.proposal import ACCEPTED_STATES, SignatureState
from ..models import Proposal, ProposalSignature


def _accepted(year):
    return Proposal.objects.filter(state__in=ACCEPTED_STATES, accepted_on__year=year)


def _person_members(member_ids):
    """person id -> member ids (a person may hold two seats; the engine asks by member)."""
    from lvzhi.core.models import Member

    out = {}
    for member_id, person_id in Member.objects.filter(pk__in=member_ids).values_list(
        "pk", "person_id"
    ):
        out.setdefault(person_id, []).append(member_id)
    return out


def _events(rows, member_ids):
    people = _person_members(member_ids)
    for person_id, pk, accepted_on, title in rows:
        for member_id in people.get(person_id, ()):
            yield ExternalEvent(
                member_id=member_id,
                date=accepted_on,
                label=title,
                url=reverse("proposals:proposal", args=[pk]),
            )


def lead_events(member_ids, year):
    rows = _accepted(year).values_list("lead_id", "pk", "accepted_on", "title")
    return _events(rows, member_ids)


def joint_events(member_ids, year):
    rows = ProposalSignature.objects.filter(
        state=SignatureState.SIGNED,
        proposal__state__in=ACCEPTED_STATES,
        proposal__accepted_on__year=year,
    ).values_list("person_id", "proposal_id", "proposal__accepted_on", "proposal__title")
    return _events(rows, member_ids)


def key_events(member_ids, year):
    rows = (
        _accepted(year)
        .filter(Q(is_key=True) | Q(is_excellent=True))
        .values_list("lead_id", "pk", "accepted_on", "title")
    )
    return _events(rows, member_ids)


def register():
    read_from = (Proposal, ProposalSignature)  # a write to them retires cached scores
    register_source("proposal_lead", lead_events, models=read_from)
    register_source("proposal_joint", joint_events, models=read_from)
    register_source("proposal_key", key_events, models=read_from)
