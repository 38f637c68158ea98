"""The transition table, who an actor is for a problem, and the steps every transition takes."""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core import permissions
from lvzhi.core.errors import DomainError
from lvzhi.core.notifications import notify
from lvzhi.core.visibility import scope_for

from .. import selectors
from ..choices import (
    OPEN_STATES,
    Action,
    State,
    UnitRole,
)
from ..models import (
    Problem,
    ProblemTransition,
)

S = State
MANAGER, LEAD, CO, ENTERPRISE = "manager", "lead", "co", "enterprise"
UNFINISHED = {S.REGISTERED, S.ASSIGNED, S.IN_PROGRESS, S.RETURNED}

#: action -> (states it starts from, state it leads to (None: unchanged), who may do it)
TRANSITIONS = {
    Action.ASSIGN: ({S.REGISTERED, S.RETURNED, S.ASSIGNED}, S.ASSIGNED, {MANAGER}),
    Action.START: ({S.ASSIGNED}, S.IN_PROGRESS, {LEAD}),
    Action.PROGRESS: (set(OPEN_STATES), None, {LEAD, CO, MANAGER}),
    Action.ANSWER: (set(OPEN_STATES), S.ANSWERED, {LEAD}),
    Action.CONFIRM: ({S.ANSWERED}, S.CONFIRMED, {MANAGER, ENTERPRISE}),
    Action.REOPEN: ({S.ANSWERED, S.CONFIRMED}, S.IN_PROGRESS, {MANAGER}),
    Action.RETURN: (set(OPEN_STATES), S.RETURNED, {LEAD}),
    Action.MERGE: (UNFINISHED, S.MERGED, {MANAGER}),
    Action.WITHDRAW: (UNFINISHED, S.WITHDRAWN, {MANAGER}),
    Action.CLOSE: ({S.CONFIRMED}, S.CLOSED, {MANAGER}),
    Action.REQUEST_EXTENSION: (set(OPEN_STATES), None, {LEAD}),
    Action.APPROVE_EXTENSION: (set(OPEN_STATES), None, {MANAGER}),
    Action.REFUSE_EXTENSION: (set(S), None, {MANAGER}),
    Action.REMIND: (set(OPEN_STATES), None, {MANAGER}),
    Action.ESCALATE: (set(OPEN_STATES), None, {MANAGER}),
}

#: the refusal shown when the state does not allow a step, per action
NOT_NOW = {
    Action.CONFIRM: lambda: _("This problem has no answer to confirm yet."),
    Action.REQUEST_EXTENSION: lambda: _(
        "An extension can only be requested while the problem is being handled."
    ),
    Action.APPROVE_EXTENSION: lambda: _(
        "An extension can only be approved while the problem is being handled."
    ),
    Action.CLOSE: lambda: _("Only a problem confirmed by the enterprise can be closed."),
}


# -- who the actor is for a problem ------------------------------------------------------


def roles_of(user, problem) -> set[str]:
    """What `user` is for `problem`: office (manager), lead or co-unit, the enterprise."""
    if user is None or not user.is_authenticated:
        return set()
    scope = scope_for(user)
    roles = set()
    if permissions.is_manager(user, problem):
        roles.add(MANAGER)
    if scope.departments:
        for role in problem.assignments.filter(department_id__in=scope.departments).values_list(
            "role", flat=True
        ):
            roles.add(LEAD if role == UnitRole.LEAD else CO)
    if scope.is_superuser:
        roles |= {MANAGER, LEAD}  # a system administrator may act for a unit (e.g. a reply by post)
    if any(u.pk == user.pk for u in selectors.enterprise_users(problem)):
        roles.add(ENTERPRISE)
    return roles


def available_actions(user, problem) -> list[str]:
    """The steps `user` may take on `problem` now (for the buttons on its page)."""
    roles = roles_of(user, problem)
    return [
        action
        for action, (sources, _target, who) in TRANSITIONS.items()
        if action not in {Action.REMIND, Action.ESCALATE}
        and problem.state in sources
        and roles & who
    ]


def _acting_unit(user, problem):
    scope = scope_for(user)
    match = problem.assignments.filter(department_id__in=scope.departments).first()
    if match is None and scope.is_superuser:
        return problem.lead_unit
    return match.department if match else None


# -- the common pattern ------------------------------------------------------------------


def _when(on: date | None):
    if on is None:
        now = timezone.now()
        return timezone.localdate(now), now
    at = timezone.make_aware(datetime.combine(on, time(10, 0)))
    return on, min(at, timezone.now()) if on == timezone.localdate() else at


def _begin(actor, problem, action) -> Problem:
    """Lock the stored row, then check the actor's right and the state under the lock."""
    current = Problem.objects.select_for_update().get(pk=problem.pk)
    if not Problem.objects.visible_to(actor).filter(pk=current.pk).exists():
        raise PermissionDenied(_("You may not see this problem."))
    sources, _target, who = TRANSITIONS[action]
    if not roles_of(actor, current) & who:
        raise PermissionDenied(
            _("You may not do this on this problem: %(action)s.") % {"action": Action(action).label}
        )
    if current.state not in sources:
        message = NOT_NOW.get(action)
        raise DomainError(
            message()
            if message
            else _("“%(action)s” is not possible for a problem that is “%(state)s”.")
            % {"action": Action(action).label, "state": State(current.state).label}
        )
    return current


def _save(problem, actor, action, fields):
    problem.version += 1
    problem._history_user = actor
    problem._change_reason = str(Action(action).label)
    problem.save(update_fields=[*fields, "version", "updated_at"])


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


def _record(problem, action, from_state, actor, at, comment="", unit=None):
    return ProblemTransition.objects.create(
        problem=problem,
        action=action,
        from_state=from_state,
        to_state=problem.state,
        actor=actor,
        unit=unit,
        at=at,
        comment=comment or "",
    )


def _required(value, field, message):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _tell(users, verb, problem, message, actor):
    notify(list(users), f"problems.{verb}", problem, message=message, actor=actor)


def _label(problem):
    return f"#{problem.pk} {problem.title}"
