"""The problem workflow: a transition table and one service function per transition.

Every step function takes the actor and the problem (keyword-only) and runs through the
workflow engine (core.workflow, the table in base.py): lock the row, check — under the
lock — the actor's right and the state the problem is in *now*, do the step's own work,
set the declared state with `save(update_fields=…)`, record a ProblemTransition (who, when,
from, to, comment) and notify the people concerned. Two people acting on the same problem
at once are serialised by the lock: the second one sees the first one's result and is
refused if the step no longer applies, so no step is lost.

Refusals: a missing right raises PermissionDenied, a step the state does not allow raises
DomainError, bad input raises ValidationError with field names — all translated, none
leaves anything half-saved (each function is one transaction).

`on` (a date, default today) lets imports and the demo record past cases with their dates.
"""

from .base import (
    CO,
    ENTERPRISE,
    LEAD,
    MANAGER,
    WORKFLOW,
    available_actions,
    roles_of,
)
from .extensions import (
    problem_approve_extension,
    problem_decide_extension,
    problem_refuse_extension,
    problem_request_extension,
)
from .workflow import (
    DuplicateWarning,
    problem_add_progress,
    problem_answer,
    problem_assign,
    problem_close,
    problem_confirm,
    problem_merge,
    problem_register,
    problem_reopen,
    problem_report,
    problem_return,
    problem_start,
    problem_update,
    problem_withdraw,
)

__all__ = [
    "CO",
    "ENTERPRISE",
    "LEAD",
    "MANAGER",
    "WORKFLOW",
    "DuplicateWarning",
    "available_actions",
    "problem_add_progress",
    "problem_answer",
    "problem_approve_extension",
    "problem_assign",
    "problem_close",
    "problem_confirm",
    "problem_decide_extension",
    "problem_merge",
    "problem_refuse_extension",
    "problem_register",
    "problem_report",
    "problem_reopen",
    "problem_request_extension",
    "problem_return",
    "problem_start",
    "problem_update",
    "problem_withdraw",
    "roles_of",
]
