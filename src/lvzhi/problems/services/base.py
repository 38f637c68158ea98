"""The problem workflow: who an actor is for a problem, and the transition table.

The engine (core.workflow) runs every step; the step functions in workflow.py and
extensions.py do only what is particular to a step.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core import permissions
from lvzhi.core.deadlines import DeadlineRules
from lvzhi.core.visibility import scope_for
from lvzhi.core.workflow import SAME, Transition, Workflow

from .. import forms, selectors
from ..choices import OPEN_STATES, Action, State, UnitRole
from ..models import Problem, ProblemTransition

S = State
MANAGER, LEAD, CO, ENTERPRISE = "manager", "lead", "co", "enterprise"
UNFINISHED = {S.REGISTERED, S.ASSIGNED, S.IN_PROGRESS, S.RETURNED}
OPEN = set(OPEN_STATES)


class ProblemWorkflow(Workflow):
    model = Problem
    states = State
    actions = Action
    log_model = ProblemTransition
    log_field = "problem"
    log_related = ("actor", "unit")
    verb_prefix = "problems"
    record_arg = "problem"

    transitions = {
        Action.ASSIGN: Transition(
            sources={S.REGISTERED, S.RETURNED, S.ASSIGNED},
            targets={S.ASSIGNED},
            roles={MANAGER},
            form=forms.AssignForm,
            primary={S.REGISTERED, S.RETURNED},
            # once assigned, the office's 交办 changes the units: 改派
            labels={S.ASSIGNED: gettext_lazy("Reassign")},
        ),
        Action.START: Transition(
            sources={S.ASSIGNED},
            targets={S.IN_PROGRESS},
            roles={LEAD},
            form=forms.CommentForm,
            primary={S.ASSIGNED},
        ),
        # The lead unit's first progress note starts the handling.
        Action.PROGRESS: Transition(
            sources=OPEN,
            targets={SAME, S.IN_PROGRESS},
            roles={LEAD, CO, MANAGER},
            form=forms.ProgressForm,
        ),
        Action.ANSWER: Transition(
            sources=OPEN,
            targets={S.ANSWERED},
            roles={LEAD},
            form=forms.AnswerForm,
            primary={S.IN_PROGRESS},
        ),
        # Not satisfied: the problem goes back to the units (重办).
        Action.CONFIRM: Transition(
            sources={S.ANSWERED},
            targets={S.CONFIRMED, S.IN_PROGRESS},
            roles={MANAGER, ENTERPRISE},
            form=forms.ConfirmForm,
            primary={S.ANSWERED},
            not_now=lambda: _("This problem has no answer to confirm yet."),
        ),
        Action.REOPEN: Transition(
            sources={S.ANSWERED, S.CONFIRMED},
            targets={S.IN_PROGRESS},
            roles={MANAGER},
            form=forms.ReopenForm,
        ),
        Action.RETURN: Transition(
            sources=OPEN, targets={S.RETURNED}, roles={LEAD}, form=forms.ReasonForm
        ),
        Action.MERGE: Transition(
            sources=UNFINISHED,
            targets={S.MERGED},
            roles={MANAGER},
            form=forms.MergeForm,
            also_lock=lambda inputs: [getattr(inputs.get("into"), "pk", None)],
        ),
        Action.WITHDRAW: Transition(
            sources=UNFINISHED, targets={S.WITHDRAWN}, roles={MANAGER}, form=forms.ReasonForm
        ),
        Action.CLOSE: Transition(
            sources={S.CONFIRMED},
            targets={S.CLOSED},
            roles={MANAGER},
            form=forms.CommentForm,
            primary={S.CONFIRMED},
            not_now=lambda: _("Only a problem confirmed by the enterprise can be closed."),
        ),
        Action.REQUEST_EXTENSION: Transition(
            sources=OPEN,
            targets={SAME},
            roles={LEAD},
            form=forms.ExtensionForm,
            not_now=lambda: _(
                "An extension can only be requested while the problem is being handled."
            ),
        ),
        Action.APPROVE_EXTENSION: Transition(
            sources=OPEN,
            targets={SAME},
            roles={MANAGER},
            form=forms.DecisionForm,
            not_now=lambda: _(
                "An extension can only be approved while the problem is being handled."
            ),
        ),
        Action.REFUSE_EXTENSION: Transition(
            sources=set(S), targets={SAME}, roles={MANAGER}, form=forms.DecisionForm
        ),
        # Taken by the daily deadline pass (core.deadlines), never from a page.
        Action.REMIND: Transition(sources=OPEN, targets={SAME}, roles={MANAGER}, offered=False),
        Action.ESCALATE: Transition(sources=OPEN, targets={SAME}, roles={MANAGER}, offered=False),
    }

    deadlines = DeadlineRules(
        open_states=frozenset(OPEN),
        remind=Action.REMIND,
        escalate=Action.ESCALATE,
        escalate_after=lambda: settings.PROBLEMS_ESCALATE_AFTER_WORKDAYS,
        label_fields=("title",),
    )

    def roles_of(self, user, record) -> set[str]:
        """What `user` is for the problem: office (manager), lead or co-unit, the enterprise."""
        if user is None or not user.is_authenticated:
            return set()
        scope = scope_for(user)
        roles = set()
        if permissions.is_manager(user, record):
            roles.add(MANAGER)
        if scope.departments:
            for role in record.assignments.filter(department_id__in=scope.departments).values_list(
                "role", flat=True
            ):
                roles.add(LEAD if role == UnitRole.LEAD else CO)
        if scope.is_superuser:
            # a system administrator may act for a unit (e.g. a reply that came by post)
            roles |= {MANAGER, LEAD}
        if any(u.pk == user.pk for u in selectors.enterprise_users(record)):
            roles.add(ENTERPRISE)
        return roles

    def label(self, record) -> str:
        return _label(record)


WORKFLOW = ProblemWorkflow()
roles_of = WORKFLOW.roles
available_actions = WORKFLOW.available


def acting_unit(user, problem):
    """The unit `user` acts for on `problem` (the lead unit for a system administrator)."""
    scope = scope_for(user)
    match = problem.assignments.filter(department_id__in=scope.departments).first()
    if match is None and scope.is_superuser:
        return problem.lead_unit
    return match.department if match else None


def _create(model, actor, **values):
    """Create a history-tracked row with its history entry attributed to the actor."""
    obj = model(**values)
    obj._history_user = actor
    obj.save()
    return obj


def _delete_assignments(problem, actor):
    for assignment in list(problem.assignments.all()):
        assignment._history_user = actor
        assignment.delete()


def _label(problem):
    return f"#{problem.pk} {problem.title}"
