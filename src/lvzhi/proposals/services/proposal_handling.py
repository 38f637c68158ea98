"""Handling (办理): 交办, objection, 会办 opinion, 面商, 答复, the office's review of the
class, 评价 (不满意 → 重办), 双向评议, 重点 / 优秀, close; extensions with their cap."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.core import recipients
from lvzhi.core.attachments import attachment_add
from lvzhi.core.choices import ExtensionState
from lvzhi.core.errors import DomainError
from lvzhi.core.extensions import deadline_extensions
from lvzhi.core.models import Attachment
from lvzhi.core.notifications import Message
from lvzhi.core.workdays import WorkdayCalendar, add_months
from lvzhi.core.workflow import required

from ..choices.proposal import Action, Rating, RatingSide, State, UnitRole, reply_classes
from ..models import (
    Proposal,
    ProposalAssignment,
    ProposalExtension,
    ProposalLeaderVisit,
    ProposalMeeting,
    ProposalRating,
    ProposalReply,
)
from ..selectors.proposal import units_at_hand
from .proposal_base import CO, OFFICE, WORKFLOW, acting_unit, create, label
from .proposal_review import _proposers


def _units_of(proposal):
    return proposal.assignments.values_list("department_id", flat=True)


@WORKFLOW.step(Action.ASSIGN)
def assign(ctx, *, lead_unit=None, co_units=(), separate_units=(), comment=""):
    """交办 — one 主办 unit with 会办 units, or several 分办 units each replying; the reply is
    due in PROPOSALS_REPLY_MONTHS, a 会办 opinion in PROPOSALS_CO_OPINION_MONTHS, 面商
    within PROPOSALS_MEET_WITHIN_WORKDAYS."""
    current, today = ctx.record, ctx.today
    co_units = [u for u in co_units if lead_unit is None or u.pk != lead_unit.pk]
    separate_units = list(separate_units)
    if lead_unit is None and not separate_units:
        raise ValidationError({"lead_unit": _("Choose the lead unit, or separate units.")})
    if lead_unit is not None and separate_units:
        raise ValidationError(
            {"separate_units": _("Either one lead unit (with co-units) or separate units.")}
        )
    allowed = set(units_at_hand(current.committee).values_list("pk", flat=True))
    chosen = [u for u in [lead_unit, *co_units, *separate_units] if u is not None]
    outside = [str(u) for u in chosen if u.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "lead_unit": _("Not active handling units of this committee system: %(units)s.")
                % {"units": "、".join(outside)}
            }
        )
    for row in list(current.assignments.all()):
        row._history_user = ctx.actor
        row.delete()
    opinion_by = add_months(today, settings.PROPOSALS_CO_OPINION_MONTHS)
    rows = [(lead_unit, UnitRole.LEAD)] if lead_unit else []
    rows += [(u, UnitRole.CO) for u in co_units]
    rows += [(u, UnitRole.SEPARATE) for u in separate_units]
    for unit, role in rows:
        create(
            ProposalAssignment,
            ctx.actor,
            proposal=current,
            department=unit,
            role=role,
            assigned_at=ctx.at,
            opinion_by=opinion_by if role == UnitRole.CO else None,
        )
    deadline = add_months(today, settings.PROPOSALS_REPLY_MONTHS)
    ctx.set(
        lead_unit=lead_unit or separate_units[0],
        assigned_on=today,
        deadline=deadline,
        original_deadline=None,
        meet_by=WorkdayCalendar().add_workdays(today, settings.PROPOSALS_MEET_WITHIN_WORKDAYS),
        reminded_on=None,
        escalated_on=None,
    )
    ctx.comment = comment or ""
    ctx.log_extra["unit"] = lead_unit or separate_units[0]
    ctx.tell(
        recipients.unit_users([u.pk for u, _r in rows]),
        Message(
            gettext_noop("Proposal %(proposal)s was assigned to you; reply by %(deadline)s."),
            proposal=label(current),
            deadline=deadline,
        ),
    )


@WORKFLOW.step(Action.OBJECT)
def object_(ctx, *, reason):
    """A unit objects to its assignment within PROPOSALS_OBJECT_WITHIN_WORKDAYS: the lead
    unit's objection sends the proposal back to the office to reassign; a co- or separate
    unit is taken off (the last one: back to the office too)."""
    current = ctx.record
    reason = required(reason, "reason", _("Give the reason."))
    limit = settings.PROPOSALS_OBJECT_WITHIN_WORKDAYS
    if WorkdayCalendar().workdays_between(current.assigned_on, ctx.today) > limit:
        raise DomainError(
            _("An assignment can only be objected to within %(days)s working days.")
            % {"days": limit}
        )
    unit = acting_unit(ctx.actor, current)
    row = current.assignments.get(department=unit)
    row._history_user = ctx.actor
    row.delete()
    if (
        row.role == UnitRole.LEAD
        or not current.assignments.filter(role__in=[UnitRole.LEAD, UnitRole.SEPARATE]).exists()
    ):
        for other in list(current.assignments.all()):
            other._history_user = ctx.actor
            other.delete()
        ctx.to(State.ACCEPTED)
        ctx.set(lead_unit=None, deadline=None, original_deadline=None, meet_by=None)
    ctx.comment = reason
    ctx.log_extra["unit"] = unit
    ctx.tell(
        recipients.office_users(current.committee),
        Message(
            gettext_noop("%(unit)s objects to the assignment of %(proposal)s: %(reason)s"),
            unit=unit,
            proposal=label(current),
            reason=reason[:80],
        ),
    )


@WORKFLOW.step(Action.CO_OPINION)
def co_opinion(ctx, *, opinion, unit=None):
    """会办意见 — a co-handling unit's opinion to the lead unit (the office records one that
    came in writing, naming the unit)."""
    current = ctx.record
    opinion = required(opinion, "opinion", _("Write the opinion."))
    if CO in ctx.roles:
        unit = acting_unit(ctx.actor, current)
    row = current.assignments.select_for_update().filter(department=unit, role=UnitRole.CO)
    row = row.first() if unit is not None else None
    if row is None:
        raise ValidationError({"unit": _("Choose the co-handling unit.")})
    row.opinion, row.opinion_on = opinion, ctx.today
    row._history_user = ctx.actor
    row.save()
    ctx.comment = opinion
    ctx.log_extra["unit"] = unit
    ctx.tell(
        recipients.unit_users([current.lead_unit_id]),
        Message(
            gettext_noop("%(unit)s sent its opinion on %(proposal)s."),
            unit=unit,
            proposal=label(current),
        ),
    )


@WORKFLOW.step(Action.MEET)
def meet(ctx, *, met_on, form, note=""):
    """面商 — the unit met the proposer (the first meeting counts for the 面商率)."""
    current = ctx.record
    if met_on > ctx.today:
        raise ValidationError({"met_on": _("A meeting cannot be recorded before it happened.")})
    if current.assigned_on and met_on < current.assigned_on:
        raise ValidationError({"met_on": _("The meeting cannot be before the assignment.")})
    unit = acting_unit(ctx.actor, current)
    ProposalMeeting.objects.create(
        proposal=current, department=unit, met_on=met_on, form=form, note=note or ""
    )
    if current.met_on is None:
        ctx.set(met_on=met_on)
    ctx.comment = note or ""
    ctx.log_extra["unit"] = unit


@WORKFLOW.step(Action.REPLY)
def reply(ctx, *, document_number, signed_by, reply_class, summary, document=None, attachment=None):
    """答复 — the signed reply: 文号, 签发人, class and the document (required). With 分办
    units the proposal is replied once every one of them has."""
    current = ctx.record
    if reply_class not in dict(reply_classes()):
        raise ValidationError({"reply_class": _("Choose the reply class.")})
    summary = required(summary, "summary", _("Summarise the reply."))
    if document is None and attachment is None:
        raise ValidationError({"document": _("Attach the signed reply document.")})
    if attachment is not None:
        attachment = Attachment.objects.filter(
            pk=getattr(attachment, "pk", attachment), object_id=current.pk
        ).first()
        if attachment is None or not isinstance(attachment.record, Proposal):
            raise ValidationError({"document": _("That document is not attached here.")})
    else:
        attachment = attachment_add(actor=ctx.actor, record=current, file=document)
    unit = acting_unit(ctx.actor, current)
    round_ = current.redo_count + 1
    if current.replies.filter(department=unit, round=round_).exists():
        raise DomainError(_("Your unit has already replied to this proposal."))
    on_time = current.deadline is None or ctx.today <= current.deadline
    create(
        ProposalReply,
        ctx.actor,
        proposal=current,
        department=unit,
        round=round_,
        document_number=document_number,
        signed_by=signed_by,
        reply_class=reply_class,
        summary=summary,
        document=attachment,
        replied_on=ctx.today,
        on_time=on_time,
        author=ctx.actor,
    )
    waiting = current.assignments.filter(role__in=[UnitRole.LEAD, UnitRole.SEPARATE]).exclude(
        department_id__in=current.replies.filter(round=round_).values("department_id")
    )
    ctx.comment = summary
    ctx.log_extra["unit"] = unit
    if waiting.exists():
        return
    ctx.to(State.REPLIED)
    ctx.set(replied_on=ctx.today, replied_on_time=on_time, reply_class=reply_class)
    ctx.tell(
        recipients.office_users(current.committee),
        Message(
            gettext_noop("%(proposal)s was replied; check the class and send it on."),
            proposal=label(current),
        ),
    )


@WORKFLOW.step(Action.RELEASE)
def release(ctx, *, reply_class="", comment=""):
    """The office checks the reply and sends it to the proposer, changing its class where
    it does not fit (the unit's choice is kept beside it)."""
    current = ctx.record
    if reply_class:
        if reply_class not in dict(reply_classes()):
            raise ValidationError({"reply_class": _("Choose the reply class.")})
        for row in current.replies.filter(round=current.redo_count + 1):
            if row.reply_class != reply_class:
                row.unit_class, row.reply_class = row.reply_class, reply_class
                row._history_user = ctx.actor
                row.save()
        ctx.set(reply_class=reply_class)
    rate_by = WorkdayCalendar().add_workdays(ctx.today, settings.PROPOSALS_RATE_WITHIN_WORKDAYS)
    ctx.set(released_on=ctx.today, rate_by=rate_by)
    ctx.comment = comment or ""
    ctx.tell(
        _proposers(current),
        Message(
            gettext_noop("The reply to %(proposal)s is in; please rate it by %(date)s."),
            proposal=label(current),
            date=rate_by,
        ),
    )
    # 会办 units see the reply now: tell them it is sent
    ctx.tell(
        recipients.unit_users(_units_of(current)),
        Message(
            gettext_noop("The reply to %(proposal)s was sent to the proposer."),
            proposal=label(current),
        ),
        verb="released",
    )


@WORKFLOW.step(Action.RATE)
def rate(ctx, *, handling, result, comment=""):
    """评价 — the proposer rates the handling and the result within
    PROPOSALS_RATE_WITHIN_WORKDAYS (the office may record a rating given by phone).
    不满意 with a reason: the units handle it again (重办), once."""
    current = ctx.record
    for name, value in (("handling", handling), ("result", result)):
        if value not in Rating.values:
            raise ValidationError({name: _("Choose a rating.")})
    if current.rate_by and ctx.today > current.rate_by:
        raise DomainError(
            _("The time to rate ended on %(date)s; the reply counts as %(default)s.")
            % {
                "date": current.rate_by,
                "default": Rating(settings.PROPOSALS_UNRATED_COUNTS_AS).label,
            }
        )
    unhappy = Rating.NOT_SATISFIED in (handling, result)
    if unhappy:
        comment = required(comment, "comment", _("Say why you are not satisfied."))
    _proposer_rating(
        ctx,
        handling,
        result,
        comment=comment or "",
        by_office=OFFICE in ctx.roles and current.lead.user_id != ctx.actor.pk,
    )
    ctx.comment = comment or ""
    if unhappy and current.redo_count == 0:
        ctx.log_as = Action.REDO
        deadline = add_months(ctx.today, settings.PROPOSALS_REPLY_MONTHS)
        ctx.to(State.ASSIGNED)
        ctx.set(
            redo_count=current.redo_count + 1,
            deadline=deadline,
            original_deadline=None,
            replied_on=None,
            replied_on_time=None,
            released_on=None,
            rate_by=None,
            reminded_on=None,
            escalated_on=None,
        )
        ctx.tell(
            recipients.unit_users(_units_of(current)),
            Message(
                gettext_noop(
                    "%(proposal)s must be handled again (reply by %(deadline)s): %(reason)s"
                ),
                proposal=label(current),
                deadline=deadline,
                reason=comment[:80],
            ),
            verb="redo",
        )
        return
    ctx.to(State.RATED)


def _proposer_rating(ctx, handling, result, **details):
    """The proposer's rating of this round, kept as a row and on the proposal."""
    ProposalRating.objects.create(
        proposal=ctx.record,
        side=RatingSide.PROPOSER,
        round=ctx.record.redo_count + 1,
        handling=handling,
        result=result,
        rated_by=ctx.actor,
        rated_at=ctx.at,
        **details,
    )
    ctx.set(handling_rating=handling, result_rating=result)


@WORKFLOW.step(Action.DEEM_RATED)
def deem_rated(ctx):
    """视为满意 — the proposer did not rate by `rate_by`: the daily pass records the default
    (PROPOSALS_UNRATED_COUNTS_AS), marked as deemed, so the page never shows it as the
    proposer's own rating and the figures read the stored value."""
    current = ctx.record
    if current.rate_by is None or ctx.today <= current.rate_by:
        raise DomainError(_("The time to rate has not ended yet."))
    default = settings.PROPOSALS_UNRATED_COUNTS_AS
    _proposer_rating(ctx, default, default, deemed=True)
    ctx.set(rating_deemed=True)
    ctx.tell(
        _proposers(current),
        Message(
            gettext_noop(
                "The reply to %(proposal)s was not rated by %(date)s: it counts as %(rating)s."
            ),
            proposal=label(current),
            date=current.rate_by,
            rating=Rating(default).label,
        ),
    )


@WORKFLOW.step(Action.UNIT_RATE)
def unit_rate(ctx, *, quality, comment=""):
    """双向评议 — the unit rates the proposal's quality (hidden from the proposer until
    their own rating is in, and theirs from the unit)."""
    current = ctx.record
    if quality not in Rating.values:
        raise ValidationError({"quality": _("Choose a rating.")})
    unit = acting_unit(ctx.actor, current)
    if current.ratings.filter(side=RatingSide.UNIT, department=unit).exists():
        raise DomainError(_("Your unit has already rated this proposal."))
    ProposalRating.objects.create(
        proposal=current,
        side=RatingSide.UNIT,
        department=unit,
        handling=quality,
        comment=comment or "",
        rated_by=ctx.actor,
        rated_at=ctx.at,
    )
    ctx.comment = comment or ""
    ctx.log_extra["unit"] = unit


@WORKFLOW.step(Action.LEADER_VISIT)
def leader_visit(ctx, *, leader, visited_on, note):
    """领导督办 — a leader visited the units handling a key proposal; the units hear of it."""
    current = ctx.record
    if visited_on > ctx.today:
        raise ValidationError({"visited_on": _("A visit cannot be recorded before it happened.")})
    if current.accepted_on and visited_on < current.accepted_on:
        raise ValidationError(
            {"visited_on": _("The visit cannot be before the proposal was accepted.")}
        )
    note = required(note, "note", _("Say what the leader found or asked for."))
    create(
        ProposalLeaderVisit,
        ctx.actor,
        proposal=current,
        leader=leader,
        visited_on=visited_on,
        note=note,
        recorded_by=ctx.actor,
    )
    ctx.comment = note
    ctx.tell(
        recipients.unit_users(_units_of(current)),
        Message(
            gettext_noop("%(leader)s visited about %(proposal)s on %(date)s: %(note)s"),
            leader=leader.get_full_name() or leader.username,
            proposal=label(current),
            date=visited_on,
            note=note[:80],
        ),
        verb="leader_visit",
    )


@WORKFLOW.step(Action.MARK_KEY)
def mark_key(ctx, *, leader, comment=""):
    """重点提案 — approved by the 主席会议, with the leader who 领办 / 督办."""
    ctx.set(is_key=True, key_leader=leader)
    ctx.comment = comment or str(leader)
    ctx.tell(
        [leader],
        Message(
            gettext_noop("You lead the key proposal %(proposal)s."), proposal=label(ctx.record)
        ),
    )


@WORKFLOW.step(Action.MARK_EXCELLENT)
def mark_excellent(ctx, *, comment=""):
    ctx.set(is_excellent=True)
    ctx.comment = comment or ""


@WORKFLOW.step(Action.CLOSE)
def close(ctx, *, comment=""):
    ctx.set(closed_on=ctx.today)
    ctx.comment = comment or ""


def _extension_limit(ctx, requested_deadline):
    """One extension (PROPOSALS_EXTENSIONS_MAX) of at most PROPOSALS_EXTENSION_MAX_MONTHS,
    never past PROPOSALS_CAP_MONTHS after the assignment."""
    current = ctx.record
    done = current.extensions.filter(state=ExtensionState.APPROVED).count()
    if done >= settings.PROPOSALS_EXTENSIONS_MAX:
        raise DomainError(
            _("This proposal had its extension already (at most %(n)s).")
            % {"n": settings.PROPOSALS_EXTENSIONS_MAX}
        )
    longest = add_months(current.deadline, settings.PROPOSALS_EXTENSION_MAX_MONTHS)
    cap = add_months(current.assigned_on, settings.PROPOSALS_CAP_MONTHS)
    if requested_deadline > min(longest, cap):
        raise ValidationError(
            {
                "requested_deadline": _(
                    "At most %(months)s month(s) more, and never past %(cap)s (%(cap_months)s months "
                    "after the assignment): %(date)s at the latest."
                )
                % {
                    "months": settings.PROPOSALS_EXTENSION_MAX_MONTHS,
                    "cap": cap,
                    "cap_months": settings.PROPOSALS_CAP_MONTHS,
                    "date": min(longest, cap),
                }
            }
        )


deadline_extensions(
    WORKFLOW,
    model=ProposalExtension,
    request=Action.REQUEST_EXTENSION,
    approve=Action.APPROVE_EXTENSION,
    refuse=Action.REFUSE_EXTENSION,
    unit_of=acting_unit,
    limit=_extension_limit,
)

proposal_assign = WORKFLOW.service(Action.ASSIGN)
proposal_object = WORKFLOW.service(Action.OBJECT)
proposal_co_opinion = WORKFLOW.service(Action.CO_OPINION)
proposal_meet = WORKFLOW.service(Action.MEET)
proposal_reply = WORKFLOW.service(Action.REPLY)
proposal_release = WORKFLOW.service(Action.RELEASE)
proposal_rate = WORKFLOW.service(Action.RATE)
proposal_unit_rate = WORKFLOW.service(Action.UNIT_RATE)
proposal_mark_key = WORKFLOW.service(Action.MARK_KEY)
proposal_mark_excellent = WORKFLOW.service(Action.MARK_EXCELLENT)
proposal_leader_visit = WORKFLOW.service(Action.LEADER_VISIT)
proposal_close = WORKFLOW.service(Action.CLOSE)
proposal_request_extension = WORKFLOW.service(Action.REQUEST_EXTENSION)


def proposal_decide_extension(*, actor, request, approve: bool, comment="", on=None):
    action = Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION
    return WORKFLOW.run(
        action,
        actor=actor,
        record=request.proposal,
        on=on,
        request_id=request.pk,
        comment=comment,
    )
