"""Drafting and review (审查): draft, co-signers sign, submit, 立案 / 不予立案 / 退回修改 /
转为意见建议或社情民意 / 并案."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.core import permissions, recipients
from lvzhi.core.errors import DomainError
from lvzhi.core.models import Person
from lvzhi.core.notifications import Message, notify
from lvzhi.core.services import record_save
from lvzhi.core.workdays import WorkdayCalendar
from lvzhi.core.workflow import required, when

from ..choices.proposal import (
    EDITABLE_STATES,
    Action,
    ConvertTo,
    Kind,
    SignatureState,
    State,
)
from ..models import Proposal, ProposalSession, ProposalSignature, RejectionGround
from .proposal_base import OFFICE, WORKFLOW, label


def _users(people):
    return [p.user for p in people if p is not None and p.user_id]


# -- filing and editing ------------------------------------------------------------------


@transaction.atomic
def proposal_draft(*, actor, proposal: Proposal, co_signers=(), m2m=None, on=None) -> Proposal:
    """A member drafts a proposal of their own (alone, or jointly with co-signers)."""
    committee = proposal.committee if proposal.committee_id else None
    if committee is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    person = Person.objects.filter(user=actor).first()
    if person is None or not permissions.can_report(actor, Proposal, committee):
        raise PermissionDenied(_("Only a member of this committee may make a proposal to it."))
    proposal.lead = person
    proposal.published = False
    if proposal.kind == Kind.ORGANISATION:
        raise ValidationError({"kind": _("The office files organisation proposals.")})
    return _file(actor, proposal, co_signers, m2m, on, permissions.REPORT)


@transaction.atomic
def proposal_file(*, actor, proposal: Proposal, co_signers=(), m2m=None, on=None) -> Proposal:
    """The office files a proposal (handed in on paper, or an organisation's)."""
    committee = proposal.committee if proposal.committee_id else None
    if committee is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    if not permissions.can_add(actor, Proposal, committee):
        raise PermissionDenied(_("You may not file proposals for this committee."))
    return _file(actor, proposal, co_signers, m2m, on, permissions.ADD)


def _file(actor, proposal, co_signers, m2m, on, right) -> Proposal:
    today, at = when(on)
    co_signers = [p for p in co_signers if p.pk != proposal.lead_id]
    if co_signers and proposal.kind == Kind.INDIVIDUAL:
        proposal.kind = Kind.JOINT
    if proposal.sector_id is None and proposal.lead_id:
        seat = proposal.lead.memberships.filter(committee_id=proposal.committee_id).first()
        proposal.sector_id = seat.sector_id if seat else None
    proposal.state = State.DRAFT
    record_save(actor=actor, instance=proposal, right=right, m2m=m2m)
    _invite(actor, proposal, co_signers, today)
    WORKFLOW.log(
        proposal,
        action=Action.CREATE,
        from_state=State.DRAFT,
        to_state=State.DRAFT,
        actor=actor,
        at=at,
    )
    return proposal


def _invite(actor, proposal, people, today):
    sign_by = WorkdayCalendar().add_workdays(today, settings.PROPOSALS_SIGN_WITHIN_WORKDAYS)
    for person in people:
        row = ProposalSignature(proposal=proposal, person=person, sign_by=sign_by)
        row._history_user = actor
        row.save()
    if people:
        notify(
            _users(people),
            "proposals.invite",
            proposal,
            message=Message(
                gettext_noop("%(lead)s invites you to co-sign %(proposal)s by %(date)s."),
                lead=proposal.proposer_label(),
                proposal=proposal.title,
                date=sign_by,
            ),
            actor=actor,
        )


@transaction.atomic
def proposal_update(
    *, actor, proposal: Proposal, expected_version=None, fields=None, m2m=None, co_signers=None
) -> Proposal:
    """Change the text of a proposal: its proposer while it is a draft or returned, the
    office until it is closed."""
    stored = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.is_manager(actor, stored) and stored.state not in EDITABLE_STATES:
        raise DomainError(
            _("A submitted proposal can no longer be changed; ask the office to return it.")
        )
    if stored.state in (State.CLOSED, State.MERGED, State.CONVERTED, State.REJECTED):
        raise DomainError(_("A finished proposal can no longer be changed."))
    saved = record_save(
        actor=actor, instance=proposal, expected_version=expected_version, fields=fields, m2m=m2m
    )
    if co_signers is not None and stored.state in EDITABLE_STATES:
        wanted = {p.pk: p for p in co_signers if p.pk != saved.lead_id}
        for row in saved.signatures.exclude(person_id__in=wanted):
            row._history_user = actor
            row.delete()
        have = set(saved.signatures.values_list("person_id", flat=True))
        _invite(actor, saved, [p for pk, p in wanted.items() if pk not in have], when(None)[0])
    return saved


# -- signing and submitting ---------------------------------------------------------------


def _my_signature(ctx):
    return ctx.record.signatures.select_for_update().get(
        person__user=ctx.actor, state=SignatureState.INVITED
    )


@WORKFLOW.step(Action.SIGN)
def sign(ctx, *, comment=""):
    """联名 — a co-signer signs, before the deadline."""
    row = _my_signature(ctx)
    if ctx.today > row.sign_by:
        raise DomainError(
            _("The time to co-sign ended on %(date)s; ask the proposer to invite you again.")
            % {"date": row.sign_by}
        )
    row.state, row.signed_at = SignatureState.SIGNED, ctx.at
    row._history_user = ctx.actor
    row.save()
    ctx.comment = comment or ""


@WORKFLOW.step(Action.DECLINE)
def decline(ctx, *, reason):
    row = _my_signature(ctx)
    row.state = SignatureState.DECLINED
    row._history_user = ctx.actor
    row.save()
    ctx.comment = required(reason, "reason", _("Give the reason."))
    ctx.tell(
        _users([ctx.record.lead]),
        Message(
            gettext_noop("A co-signer declined %(proposal)s: %(reason)s"),
            proposal=ctx.record.title,
            reason=ctx.comment[:80],
        ),
    )


@WORKFLOW.step(Action.SUBMIT)
def submit(ctx, *, comment=""):
    """提交 — only once every invited co-signer has signed (a decliner is taken off)."""
    current = ctx.record
    current.full_clean()
    waiting = current.signatures.filter(state=SignatureState.INVITED).select_related("person")
    if waiting:
        raise DomainError(
            _("Co-signers have not signed yet: %(names)s.")
            % {"names": "、".join(str(s.person) for s in waiting)}
        )
    if current.signatures.filter(state=SignatureState.DECLINED).exists():
        for row in current.signatures.filter(state=SignatureState.DECLINED):
            row._history_user = ctx.actor
            row.delete()
    session = current.session
    plenary = bool(
        session.plenary_start
        and session.plenary_end
        and session.plenary_start <= ctx.today <= session.plenary_end
    )
    ctx.set(submitted_on=ctx.today, plenary=plenary)
    ctx.comment = comment or ""
    ctx.tell(
        recipients.office_users(current.committee),
        Message(gettext_noop("New proposal submitted: %(proposal)s"), proposal=current.title),
    )


# -- review (审查) --------------------------------------------------------------------------


@WORKFLOW.step(Action.ACCEPT)
def accept(ctx, *, comment=""):
    """立案 — the next serial number of the session (the session row is locked, so two
    proposals accepted at once never share a number)."""
    current = ctx.record
    session = ProposalSession.objects.select_for_update().get(pk=current.session_id)
    session.last_serial += 1
    session._history_user = ctx.actor
    session.save(update_fields=["last_serial"])
    ctx.set(
        serial=session.last_serial,
        serial_label=session.serial_label(session.last_serial),
        accepted_on=ctx.today,
    )
    if settings.PROPOSALS_PUBLISH_ON_ACCEPT:
        ctx.set(published=True)
    ctx.comment = comment or ""
    ctx.tell(
        _proposers(current),
        Message(
            gettext_noop("Your proposal %(proposal)s was accepted as case %(number)s."),
            proposal=current.title,
            number=current.serial_label,
        ),
    )


@WORKFLOW.step(Action.REJECT)
def reject(ctx, *, ground, reason):
    """不予立案 — on a statutory ground, with the reason the proposer is sent."""
    code = getattr(ground, "code", ground)
    ground = RejectionGround.objects.filter(code=code or "", is_active=True).first()
    if ground is None:
        raise ValidationError({"ground": _("Choose the ground.")})
    reason = required(reason, "reason", _("Give the reason sent to the proposer."))
    ctx.set(rejection_ground=ground)
    ctx.comment = reason
    ctx.tell(
        _proposers(ctx.record),
        Message(
            gettext_noop("Your proposal %(proposal)s was not accepted: %(reason)s"),
            proposal=ctx.record.title,
            reason=reason[:120],
        ),
    )


@WORKFLOW.step(Action.RETURN)
def return_(ctx, *, reason):
    """退回修改 — back to the proposer with the office's comment."""
    ctx.comment = required(reason, "reason", _("Say what to revise."))
    ctx.tell(
        _proposers(ctx.record),
        Message(
            gettext_noop("Please revise your proposal %(proposal)s: %(reason)s"),
            proposal=ctx.record.title,
            reason=ctx.comment[:120],
        ),
    )


@WORKFLOW.step(Action.CONVERT)
def convert(ctx, *, to, comment=""):
    """转为意见建议 / 转为社情民意 — the text moves on with its authors, linked."""
    if to not in ConvertTo.values:
        raise ValidationError({"to": _("Choose what it becomes.")})
    ctx.set(converted_to=to)
    if to == ConvertTo.OPINION:
        ctx.set(converted_record_id=opinion_from_proposal(actor=ctx.actor, proposal=ctx.record))
    ctx.comment = comment or ""
    ctx.tell(
        _proposers(ctx.record),
        Message(
            gettext_noop("Your proposal %(proposal)s was converted to: %(to)s."),
            proposal=ctx.record.title,
            to=ConvertTo(to).label,
        ),
    )


def opinion_from_proposal(*, actor, proposal):
    """The 社情民意 report a converted proposal becomes (its id): the proposal's text in the
    report's three parts, its lead proposer and the co-signers who signed as authors (their
    seats in the proposal's committee first), linked back to the proposal."""
    from lvzhi.core.models import Member

    from .opinion import opinion_create_from

    people = [proposal.lead_id] if proposal.lead_id else []
    people += list(
        proposal.signatures.filter(state=SignatureState.SIGNED).values_list("person_id", flat=True)
    )
    seats = {}
    for member in Member.objects.filter(person_id__in=people).order_by("pk"):
        if member.person_id not in seats or member.committee_id == proposal.committee_id:
            seats[member.person_id] = member
    text = "\n\n".join(
        part
        for part in (
            _("Situation: %(text)s") % {"text": proposal.cause} if proposal.cause else "",
            _("Analysis: %(text)s") % {"text": proposal.analysis} if proposal.analysis else "",
            _("Suggestions: %(text)s") % {"text": proposal.suggestions}
            if proposal.suggestions
            else "",
        )
        if part
    )
    opinion = opinion_create_from(
        actor=actor,
        title=proposal.title,
        text=text,
        authors=[seats[p] for p in people if p in seats],
        committee=proposal.committee,
        source=proposal,
    )
    return opinion.pk


@WORKFLOW.step(Action.MERGE)
def merge(ctx, *, into, comment=""):
    """并案 — handled as part of a lead proposal of the same session; each proposer still
    gets the reply (the lead proposal's page lists the merged ones)."""
    current = ctx.record
    if into is None:
        raise ValidationError({"into": _("Choose the lead proposal.")})
    if into.pk == current.pk:
        raise ValidationError({"into": _("A proposal cannot be merged into itself.")})
    target = Proposal.objects.visible_to(ctx.actor).filter(pk=into.pk).first()
    if target is None or OFFICE not in WORKFLOW.roles_of(ctx.actor, target):
        raise ValidationError({"into": _("You may not merge into that proposal.")})
    if target.session_id != current.session_id:
        raise ValidationError(
            {
                "into": _("Only a proposal of the same session (%(s)s) can lead.")
                % {"s": current.session}
            }
        )
    if target.state in (State.MERGED, State.REJECTED, State.CONVERTED, State.CLOSED):
        raise ValidationError({"into": _("That proposal cannot take others any more.")})
    ctx.set(merged_into=target)
    ctx.comment = comment or label(target)
    ctx.tell(
        _proposers(current),
        Message(
            gettext_noop("Your proposal %(proposal)s is handled together with %(lead)s."),
            proposal=current.title,
            lead=label(target),
        ),
    )


def _proposers(proposal):
    people = [proposal.lead, *(s.person for s in proposal.signatures.select_related("person"))]
    return _users(people)


proposal_sign = WORKFLOW.service(Action.SIGN)
proposal_decline = WORKFLOW.service(Action.DECLINE)
proposal_submit = WORKFLOW.service(Action.SUBMIT)
proposal_accept = WORKFLOW.service(Action.ACCEPT)
proposal_reject = WORKFLOW.service(Action.REJECT)
proposal_return = WORKFLOW.service(Action.RETURN)
proposal_convert = WORKFLOW.service(Action.CONVERT)
proposal_merge = WORKFLOW.service(Action.MERGE)
