"""Extension requests (申请延期)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.core.errors import DomainError

from .. import selectors
from ..choices import (
    Action,
    ExtensionState,
)
from ..models import ExtensionRequest
from .base import (
    _acting_unit,
    _begin,
    _create,
    _label,
    _record,
    _required,
    _save,
    _tell,
    _when,
)

# -- extensions --------------------------------------------------------------------------


@transaction.atomic
def problem_request_extension(*, actor, problem, requested_deadline, reason, on=None):
    """申请延期 — the lead unit asks for a later deadline."""
    _today, at = _when(on)
    current = _begin(actor, problem, Action.REQUEST_EXTENSION)
    reason = _required(reason, "reason", _("Give the reason for the extension."))
    if requested_deadline is None or (current.deadline and requested_deadline <= current.deadline):
        raise ValidationError(
            {
                "requested_deadline": _("Ask for a date after the current deadline (%(date)s).")
                % {"date": current.deadline}
            }
        )
    if current.extensions.filter(state=ExtensionState.PENDING).exists():
        raise DomainError(_("An extension request for this problem is already waiting."))
    unit = _acting_unit(actor, current)
    request = _create(
        ExtensionRequest,
        actor,
        problem=current,
        department=unit,
        requested_by=actor,
        requested_at=at,
        current_deadline=current.deadline,
        requested_deadline=requested_deadline,
        reason=reason,
    )
    _record(current, Action.REQUEST_EXTENSION, current.state, actor, at, reason, unit)
    _tell(
        selectors.office_users(current.committee),
        "extension",
        current,
        _("%(unit)s asks to extend %(problem)s to %(date)s.")
        % {"unit": unit, "problem": _label(current), "date": requested_deadline},
        actor,
    )
    return request


@transaction.atomic
def problem_decide_extension(*, actor, request, approve: bool, comment="", on=None):
    """The office approves (the deadline moves) or refuses an extension request."""
    _today, at = _when(on)
    action = Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION
    current = _begin(actor, request.problem, action)
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    if request.problem_id != current.pk or request.state != ExtensionState.PENDING:
        raise DomainError(_("This extension request was already decided."))
    if not approve:
        comment = _required(comment, "comment", _("Give the reason for refusing."))
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by, request.decided_at, request.decision_comment = actor, at, comment or ""
    request._history_user = actor
    request.save()
    if approve:
        current.original_deadline = current.original_deadline or current.deadline
        current.deadline = request.requested_deadline
        current.reminded_on = current.escalated_on = None
        _save(
            current,
            actor,
            action,
            ["deadline", "original_deadline", "reminded_on", "escalated_on"],
        )
    _record(current, action, current.state, actor, at, comment)
    message = (
        _("Extension of %(problem)s to %(date)s approved.")
        if approve
        else _("Extension of %(problem)s to %(date)s refused.")
    )
    _tell(
        selectors.unit_users([current.lead_unit_id]),
        "extension",
        current,
        message % {"problem": _label(current), "date": request.requested_deadline},
        actor,
    )
    return request


def problem_approve_extension(*, actor, request, comment="", on=None):
    return problem_decide_extension(
        actor=actor, request=request, approve=True, comment=comment, on=on
    )


def problem_refuse_extension(*, actor, request, comment="", on=None):
    return problem_decide_extension(
        actor=actor, request=request, approve=False, comment=comment, on=on
    )
