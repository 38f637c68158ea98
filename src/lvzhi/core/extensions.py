"""申请延期 — deadline extensions, the same three steps in every workflow that keeps a deadline.

A workflow declares the three transitions in its table (who may request, who decides, from
which states) and registers their steps here with its request model (a subclass of
core.models.workflow.ExtensionRequest with a foreign key to the record):

    deadline_extensions(
        WORKFLOW,
        model=ExtensionRequest,
        request=Action.REQUEST_EXTENSION,
        approve=Action.APPROVE_EXTENSION,
        refuse=Action.REFUSE_EXTENSION,
        unit_of=acting_unit,
    )

An approved request moves the record's `deadline` (the first one is kept in
`original_deadline`) and clears the reminder and escalation marks, so the daily pass starts
over; the office is told of a request, the unit of the decision. A workflow whose rules
limit extensions (how many, how long, a cap) passes `limit(ctx, requested_deadline)`, which
raises a field error; it is asked when a unit requests and again when the office approves.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.core import recipients
from lvzhi.core.choices import ExtensionState
from lvzhi.core.errors import DomainError
from lvzhi.core.notifications import Message
from lvzhi.core.workflow import required


def deadline_extensions(workflow, *, model, request, approve, refuse, unit_of, limit=None):
    """Register the request, approve and refuse steps of `workflow` for `model`.

    unit_of(user, record): the handling unit the user acts for (the request's unit)."""
    record_field = next(f.name for f in model._meta.fields if f.related_model is workflow.model)

    @workflow.step(request)
    def request_extension(ctx, *, requested_deadline, reason):
        """The unit asks for a later deadline; the result is the request."""
        current = ctx.record
        reason = required(reason, "reason", _("Give the reason for the extension."))
        if requested_deadline is None or (
            current.deadline and requested_deadline <= current.deadline
        ):
            raise ValidationError(
                {
                    "requested_deadline": _("Ask for a date after the current deadline (%(date)s).")
                    % {"date": current.deadline}
                }
            )
        if current.extensions.filter(state=ExtensionState.PENDING).exists():
            raise DomainError(_("An extension request for this record is already waiting."))
        if limit is not None:
            limit(ctx, requested_deadline)
        unit = unit_of(ctx.actor, current)
        row = model(
            **{record_field: current},
            department=unit,
            requested_by=ctx.actor,
            requested_at=ctx.at,
            current_deadline=current.deadline,
            requested_deadline=requested_deadline,
            reason=reason,
        )
        row._history_user = ctx.actor
        row.save()
        ctx.comment = reason
        ctx.log_extra["unit"] = unit
        ctx.tell(
            recipients.office_users(current.committee),
            Message(
                gettext_noop("%(unit)s asks to extend %(record)s to %(date)s."),
                unit=unit,
                record=workflow.label(current),
                date=requested_deadline,
            ),
            verb="extension",
        )
        return row

    def decide(ctx, request_id, comment, approved):
        current = ctx.record
        row = (
            model.objects.select_for_update()
            .filter(pk=request_id, state=ExtensionState.PENDING, **{record_field: current})
            .first()
        )
        if row is None:
            raise DomainError(_("This extension request was already decided."))
        if not approved:
            comment = required(comment, "comment", _("Give the reason for refusing."))
        elif limit is not None:
            limit(ctx, row.requested_deadline)
        row.state = ExtensionState.APPROVED if approved else ExtensionState.REFUSED
        row.decided_by, row.decided_at, row.decision_comment = ctx.actor, ctx.at, comment or ""
        row._history_user = ctx.actor
        row.save()
        if approved:
            ctx.set(
                original_deadline=current.original_deadline or current.deadline,
                deadline=row.requested_deadline,
                reminded_on=None,
                escalated_on=None,
            )
        ctx.comment = comment or ""
        message = (
            gettext_noop("Extension of %(record)s to %(date)s approved.")
            if approved
            else gettext_noop("Extension of %(record)s to %(date)s refused.")
        )
        ctx.tell(
            recipients.unit_users([row.department_id]),
            Message(message, record=workflow.label(current), date=row.requested_deadline),
            verb="extension",
        )
        return row

    @workflow.step(approve)
    def approve_extension(ctx, *, request_id, comment=""):
        return decide(ctx, request_id, comment, approved=True)

    @workflow.step(refuse)
    def refuse_extension(ctx, *, request_id, comment=""):
        return decide(ctx, request_id, comment, approved=False)
