"""Proposals on top of the shared `system` fixture.

pp.session     五届三次 of 武宣县 (county)
pp.new(...)    a draft by carol (lead proposer), filed by the county office (bob)
pp.unit        武宣县工信局 — dave's unit;  pp.co_unit 武宣县发改局 — cody's unit
pp.to(p, s)    the proposal taken along the main path to state `s`
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from lvzhi.core.choices import Role
from lvzhi.core.models import Attachment, RoleAssignment
from lvzhi.proposals import services
from tests import factories as f

PATH = ["submit", "accept", "assign", "reply", "release", "rate", "close"]
BEFORE = {
    "draft": 0,
    "submitted": 1,
    "accepted": 2,
    "assigned": 3,
    "replied": 4,
    "released": 5,
    "rated": 6,
    "closed": 7,
}


class Proposals:
    pass


@pytest.fixture
def pp(system):
    p = Proposals()
    p.s = system
    p.unit = system.unit
    p.co_unit = f.DepartmentFactory(committee=system.county, name="武宣县发改局")
    p.cody = f.UserFactory(username="cody")
    RoleAssignment.objects.create(
        user=p.cody, committee=system.county, role=Role.UNIT, department=p.co_unit
    )
    f.MemberFactory(committee=system.county, person=system.carol_person)
    p.session = f.ProposalSessionFactory(committee=system.county, term=5, sitting=3, year=2024)

    def new(**kwargs):
        co_signers = kwargs.pop("co_signers", ())
        values = {"committee": system.county, "session": p.session, "lead": system.carol_person}
        proposal = f.ProposalFactory.build(**{**values, **kwargs})
        return services.proposal_file(actor=system.bob, proposal=proposal, co_signers=co_signers)

    def document(proposal, actor=None):
        return Attachment.objects.create(
            record=proposal,
            name="答复函.pdf",
            file=ContentFile(f.PDF, name="r.pdf"),
            mime_type="application/pdf",
            kind="document",
            size=len(f.PDF),
            uploaded_by=actor or system.dave,
        )

    def reply(proposal, actor=None, reply_class="A", on=None):
        return services.proposal_reply(
            actor=actor or system.dave,
            proposal=proposal,
            document_number="武工信函〔2024〕1号",
            signed_by="韦局长",
            reply_class=reply_class,
            summary="已落实。",
            attachment=document(proposal, actor),
            on=on,
        )

    def to(proposal, state, on=None):
        s = system
        steps = {
            "submit": lambda x: services.proposal_submit(actor=s.carol, proposal=x, on=on),
            "accept": lambda x: services.proposal_accept(actor=s.bob, proposal=x, on=on),
            "assign": lambda x: services.proposal_assign(
                actor=s.bob, proposal=x, lead_unit=p.unit, co_units=[p.co_unit], on=on
            ),
            "reply": lambda x: reply(x, on=on),
            "release": lambda x: services.proposal_release(actor=s.bob, proposal=x, on=on),
            "rate": lambda x: services.proposal_rate(
                actor=s.carol, proposal=x, handling="satisfied", result="satisfied", on=on
            ),
            "close": lambda x: services.proposal_close(actor=s.bob, proposal=x, on=on),
        }
        for step in PATH[: BEFORE[state]]:
            proposal = steps[step](proposal)
        return proposal

    p.new, p.document, p.reply, p.to = new, document, reply, to
    return p


def today():
    from django.utils import timezone

    return timezone.localdate()


__all__ = ["date"]
