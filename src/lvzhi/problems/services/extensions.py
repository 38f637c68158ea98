"""Extension requests (申请延期)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lvzhi.core import recipients
from lvzhi.core.errors import DomainError
from lvzhi.core.workflow import required

from ..choices import (
    Action,
    ExtensionState,
)
from ..models import ExtensionRequest
from .base import (
    WORKFLOW,
    _create,
    _label,
    acting_unit,
)

# -- extensions --------------------------------------------------------------------------


@WORKFLOW.step(Action.REQUEST_EXTENSION)
def request_extension(ctx, *, requested_deadline, reason):
    """申请延期 — the lead unit asks for a later deadline; the result is the request."""
    current = ctx.record
    reason = required(reason, "reason", _("Give the reason for the extension."))
    if requested_deadline is None or (current.deadline and requested_deadline <= current.deadline):
        raise ValidationError(
            {
                "requested_deadline": _("Ask for a date after the current deadline (%(date)s).")
                % {"date": current.deadline}
            }
        )
    if current.extensions.filter(state=ExtensionState.PENDING).exists():
        raise DomainError(_("An extension request for this problem is already waiting."))
    unit = acting_unit(ctx.actor, current)
    request = _create(
        ExtensionRequest,
        ctx.actor,
        problem=current,
        department=unit,
        requested_by=ctx.actor,
        requested_at=ctx.at,
        current_deadline=current.deadline,
        requested_deadline=requested_deadline,
        reason=reason,
    )
    ctx.comment = reason
    ctx.log_extra["unit"] = unit
    ctx.tell(
        recipients.office_users(current.committee),
        _("%(unit)s asks to extend %(problem)s to %(date)s.")
        % {"unit": unit, "problem": _label(current), "date": requested_deadline},
        verb="extension",
    )
    return request


def _decide(ctx, request_id, comment, approve):
    """The office approves (the deadline moves) or refuses the pending request."""
    current = ctx.record
    request = (
        ExtensionRequest.objects.select_for_update()
        .filter(pk=request_id, problem=current, state=ExtensionState.PENDING)
        .first()
    )
    if request is None:
        raise DomainError(_("This extension request was already decided."))
    if not approve:
        comment = required(comment, "comment", _("Give the reason for refusing."))
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by, request.decided_at = ctx.actor, ctx.at
    request.decision_comment = comment or ""
    request._history_user = ctx.actor
    request.save()
    if approve:
        ctx.set(
            original_deadline=current.original_deadline or current.deadline,
            deadline=request.requested_deadline,
            reminded_on=None,
            escalated_on=None,
        )
    ctx.comment = comment or ""
    message = (
        _("Extension of %(problem)s to %(date)s approved.")
        if approve
        else _("Extension of %(problem)s to %(date)s refused.")
    )
    ctx.tell(
        recipients.unit_users([current.lead_unit_id]),
        message % {"problem": _label(current), "date": request.requested_deadline},
        verb="extension",
    )
    return request


@WORKFLOW.step(Action.APPROVE_EXTENSION)
def approve_extension(ctx, *, request_id, comment=""):
    return _decide(ctx, request_id, comment, approve=True)


@WORKFLOW.step(Action.REFUSE_EXTENSION)
def refuse_extension(ctx, *, request_id, comment=""):
    return _decide(ctx, request_id, comment, approve=False)


problem_request_extension = WORKFLOW.service(Action.REQUEST_EXTENSION)


def problem_decide_extension(*, actor, request, approve: bool, comment="", on=None):
    """Approve or refuse an extension request (the step runs on its problem)."""
    action = Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION
    return WORKFLOW.run(
        action, actor=actor, record=request.problem, on=on, request_id=request.pk, comment=comment
    )


def problem_approve_extension(*, actor, request, comment="", on=None):
    return problem_decide_extension(
        actor=actor, request=request, approve=True, comment=comment, on=on
    )


def problem_refuse_extension(*, actor, request, comment="", on=None):
    return problem_decide_extension(
        actor=actor, request=request, approve=False, comment=comment, on=on
    )
