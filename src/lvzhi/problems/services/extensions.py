"""Extension requests (申请延期) of a problem: core's three steps, on the problem workflow."""

from lvzhi.core.extensions import deadline_extensions

from ..choices import Action
from ..models import ExtensionRequest
from .base import WORKFLOW, acting_unit

deadline_extensions(
    WORKFLOW,
    model=ExtensionRequest,
    request=Action.REQUEST_EXTENSION,
    approve=Action.APPROVE_EXTENSION,
    refuse=Action.REFUSE_EXTENSION,
    unit_of=acting_unit,
)

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
