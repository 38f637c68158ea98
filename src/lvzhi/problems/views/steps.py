"""The workflow steps a problem's page offers: one form and one service per step."""

from .. import forms, services
from ..choices import Action

#: action -> (form class, service function)
STEPS = {
    Action.ASSIGN: (forms.AssignForm, services.problem_assign),
    Action.START: (forms.CommentForm, services.problem_start),
    Action.PROGRESS: (forms.ProgressForm, services.problem_add_progress),
    Action.ANSWER: (forms.AnswerForm, services.problem_answer),
    Action.CONFIRM: (forms.ConfirmForm, services.problem_confirm),
    Action.REOPEN: (forms.ReopenForm, services.problem_reopen),
    Action.RETURN: (forms.ReasonForm, services.problem_return),
    Action.MERGE: (forms.MergeForm, services.problem_merge),
    Action.WITHDRAW: (forms.ReasonForm, services.problem_withdraw),
    Action.CLOSE: (forms.CommentForm, services.problem_close),
    Action.REQUEST_EXTENSION: (forms.ExtensionForm, services.problem_request_extension),
    Action.APPROVE_EXTENSION: (forms.DecisionForm, services.problem_approve_extension),
    Action.REFUSE_EXTENSION: (forms.DecisionForm, services.problem_refuse_extension),
}


def step_forms(user, problem, actions, bound=None):
    """[(action, label, form)] for the steps the user may take; `bound` replaces one."""
    out = []
    for action in actions:
        if action in {Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION}:
            continue  # shown next to each pending request
        form_class, _service = STEPS[action]
        form = (
            bound[1]
            if bound and bound[0] == action
            else form_class(user=user, problem=problem, auto_id=f"id_{action}_%s")
        )
        out.append((action, Action(action).label, form))
    return out
