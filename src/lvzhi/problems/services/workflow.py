"""Registration and the main path: assign, start, progress, answer, confirm, reopen, return,
merge, withdraw, close."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.core import permissions, recipients
from lvzhi.core.errors import DomainError
from lvzhi.core.models import Person
from lvzhi.core.services import record_save
from lvzhi.core.workdays import WorkdayCalendar

from .. import selectors
from ..choices import (
    FINAL_STATES,
    Action,
    ConfirmedVia,
    Satisfaction,
    State,
    UnitRole,
)
from ..models import (
    Confirmation,
    Problem,
    ProblemAssignment,
    ProgressNote,
)
from .base import (
    ENTERPRISE,
    LEAD,
    UNFINISHED,
    _acting_unit,
    _begin,
    _create,
    _delete_assignments,
    _label,
    _record,
    _required,
    _save,
    _tell,
    _when,
    roles_of,
)

# -- registration and editing ------------------------------------------------------------


class DuplicateWarning(DomainError):
    """Open problems of the same enterprise and category exist; register anyway?"""

    def __init__(self, duplicates):
        self.duplicates = list(duplicates)
        super().__init__(
            _(
                "This enterprise already has %(count)s open problem(s) in this category. "
                "Check them, then confirm to register anyway."
            )
            % {"count": len(self.duplicates)}
        )


@transaction.atomic
def problem_register(*, actor, problem: Problem, allow_duplicate=False, on=None) -> Problem:
    """登记 — the office files a new problem (raised by a member or a service team)."""
    committee = problem.committee if problem.committee_id else None
    if committee is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    if not permissions.can_add(actor, Problem, committee):
        raise PermissionDenied(_("You may not register problems for this committee."))
    return _register(actor, problem, allow_duplicate, on, permissions.ADD)


@transaction.atomic
def problem_report(*, actor, problem: Problem, allow_duplicate=False, on=None) -> Problem:
    """反映 — a member reports a problem of an enterprise to a committee they sit on.

    The member is recorded as the one who raised it; the office then assigns it like any
    other. Not published: the member and the office see it.
    """
    committee = problem.committee if problem.committee_id else None
    if committee is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    person = Person.objects.filter(user=actor).first()
    if person is None or not permissions.can_report(actor, Problem, committee):
        raise PermissionDenied(_("Only a member of this committee may report a problem to it."))
    problem.raised_by = person
    problem.service_team = ""
    problem.published = False
    return _register(actor, problem, allow_duplicate, on, permissions.REPORT)


def _register(actor, problem, allow_duplicate, on, right) -> Problem:
    today, at = _when(on)
    if on is not None:
        problem.registered_on = today
    problem.state = State.REGISTERED
    problem.full_clean()
    if not allow_duplicate:
        duplicates = selectors.open_duplicates(
            user=actor, enterprise=problem.enterprise, category=problem.category
        )
        if duplicates.exists():
            raise DuplicateWarning(duplicates[:10])
    # Through core's write path: history with the actor, and the search index (write hooks).
    record_save(actor=actor, instance=problem, right=right)
    _record(problem, Action.REGISTER, State.REGISTERED, actor, at)
    _tell(
        recipients.office_users(problem.committee),
        "register",
        problem,
        _("New problem registered: %(problem)s") % {"problem": _label(problem)},
        actor,
    )
    return problem


@transaction.atomic
def problem_update(*, actor, problem: Problem, expected_version=None, fields=None) -> Problem:
    """Change the description fields (not the workflow fields) of an unfinished problem.

    fields: the names the edit sets (see record_save)."""
    stored = Problem.objects.select_for_update().get(pk=problem.pk)
    if stored.state in FINAL_STATES:
        raise DomainError(_("A closed, merged or withdrawn problem can no longer be changed."))
    return record_save(
        actor=actor, instance=problem, expected_version=expected_version, fields=fields
    )


# -- assignment and handling -------------------------------------------------------------


@transaction.atomic
def problem_assign(
    *, actor, problem, lead_unit, co_units=(), deadline=None, comment="", on=None
) -> Problem:
    """交办 — assign to one lead unit and optional co-units, with a working-day deadline."""
    today, at = _when(on)
    current = _begin(actor, problem, Action.ASSIGN)
    if lead_unit is None:
        raise ValidationError({"lead_unit": _("Choose the lead unit.")})
    allowed = set(selectors.units_in_system(current.committee).values_list("pk", flat=True))
    co_units = [u for u in co_units if u.pk != lead_unit.pk]
    if lead_unit.pk not in allowed:
        raise ValidationError(
            {
                "lead_unit": _("%(unit)s is not an active handling unit of this committee system.")
                % {"unit": lead_unit}
            }
        )
    outside = [str(u) for u in co_units if u.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "co_units": _("Not active handling units of this committee system: %(units)s.")
                % {"units": "、".join(outside)}
            }
        )
    calendar = WorkdayCalendar()
    if deadline is None:
        deadline = calendar.add_workdays(today, current.category.days_for(current.urgency))
    elif deadline < today:
        raise ValidationError(
            {
                "deadline": _("The deadline cannot be before the assignment (%(date)s).")
                % {"date": today.isoformat()}
            }
        )
    from_state = current.state
    _delete_assignments(current, actor)
    _create(
        ProblemAssignment,
        actor,
        problem=current,
        department=lead_unit,
        role=UnitRole.LEAD,
        assigned_at=at,
    )
    for unit in co_units:
        _create(
            ProblemAssignment,
            actor,
            problem=current,
            department=unit,
            role=UnitRole.CO,
            assigned_at=at,
        )
    current.state = State.ASSIGNED
    current.lead_unit = lead_unit
    current.assigned_on = today
    current.deadline = deadline
    current.original_deadline = None
    current.reminded_on = current.escalated_on = None
    _save(
        current,
        actor,
        Action.ASSIGN,
        ["state", "lead_unit", "assigned_on", "deadline", "original_deadline"]
        + ["reminded_on", "escalated_on"],
    )
    _record(current, Action.ASSIGN, from_state, actor, at, comment, unit=lead_unit)
    _tell(
        recipients.unit_users([lead_unit.pk, *(u.pk for u in co_units)]),
        "assign",
        current,
        _("Problem %(problem)s was assigned to you; deadline %(deadline)s.")
        % {"problem": _label(current), "deadline": deadline.isoformat()},
        actor,
    )
    return current


@transaction.atomic
def problem_start(*, actor, problem, comment="", on=None) -> Problem:
    """签收 — the lead unit starts handling the problem."""
    _today, at = _when(on)
    current = _begin(actor, problem, Action.START)
    current.state = State.IN_PROGRESS
    _save(current, actor, Action.START, ["state"])
    _record(current, Action.START, State.ASSIGNED, actor, at, comment, _acting_unit(actor, current))
    return current


@transaction.atomic
def problem_add_progress(*, actor, problem, text, on=None) -> ProgressNote:
    """办理进展 — a unit (or the office) reports progress; the lead unit's first note starts
    the handling."""
    _today, at = _when(on)
    current = _begin(actor, problem, Action.PROGRESS)
    text = _required(text, "text", _("Describe the progress."))
    unit = _acting_unit(actor, current)
    note = ProgressNote.objects.create(
        problem=current, department=unit, author=actor, text=text, created_at=at
    )
    from_state = current.state
    if from_state == State.ASSIGNED and LEAD in roles_of(actor, current):
        current.state = State.IN_PROGRESS
        _save(current, actor, Action.PROGRESS, ["state"])
    _record(current, Action.PROGRESS, from_state, actor, at, text, unit)
    _tell(
        recipients.office_users(current.committee),
        "progress",
        current,
        _("Progress on %(problem)s: %(text)s") % {"problem": _label(current), "text": text[:80]},
        actor,
    )
    return note


@transaction.atomic
def problem_answer(*, actor, problem, solution, on=None) -> Problem:
    """已办结 — the lead unit answers with the solution."""
    today, at = _when(on)
    current = _begin(actor, problem, Action.ANSWER)
    solution = _required(solution, "solution", _("Describe the solution."))
    from_state = current.state
    current.state = State.ANSWERED
    current.solution = solution
    current.answered_on = today
    current.answer_workdays = max(
        WorkdayCalendar().workdays_between(current.assigned_on or today, today), 0
    )
    current.answered_on_time = current.deadline is None or today <= current.deadline
    _save(
        current,
        actor,
        Action.ANSWER,
        ["state", "solution", "answered_on", "answer_workdays", "answered_on_time"],
    )
    _record(current, Action.ANSWER, from_state, actor, at, solution, _acting_unit(actor, current))
    _tell(
        [*recipients.office_users(current.committee), *selectors.enterprise_users(current)],
        "answer",
        current,
        _("%(problem)s was answered; please confirm.") % {"problem": _label(current)},
        actor,
    )
    return current


@transaction.atomic
def problem_confirm(*, actor, problem, satisfaction, comment="", on=None) -> Problem:
    """企业确认 — satisfied / basically satisfied → confirmed; not satisfied → 重办."""
    today, at = _when(on)
    current = _begin(actor, problem, Action.CONFIRM)
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose how satisfied the enterprise is.")})
    if satisfaction == Satisfaction.NOT_SATISFIED:
        comment = _required(comment, "comment", _("Give the enterprise's reason."))
    roles = roles_of(actor, current)
    via = ConfirmedVia.ENTERPRISE if ENTERPRISE in roles else ConfirmedVia.CALLBACK
    Confirmation.objects.create(
        problem=current,
        satisfaction=satisfaction,
        via=via,
        comment=comment or "",
        confirmed_by=actor,
        confirmed_at=at,
    )
    current.satisfaction = satisfaction
    if satisfaction == Satisfaction.NOT_SATISFIED:
        return _reopen(current, actor, today, at, comment, fields=["satisfaction"])
    current.state = State.CONFIRMED
    current.resolved_on = today
    _save(current, actor, Action.CONFIRM, ["state", "satisfaction", "resolved_on"])
    _record(current, Action.CONFIRM, State.ANSWERED, actor, at, comment)
    _tell(
        recipients.unit_users([current.lead_unit_id]),
        "confirm",
        current,
        _("The enterprise confirmed your answer to %(problem)s: %(verdict)s.")
        % {"problem": _label(current), "verdict": Satisfaction(satisfaction).label},
        actor,
    )
    return current


@transaction.atomic
def problem_reopen(*, actor, problem, reason, deadline=None, on=None) -> Problem:
    """重办 — the office sends an answered or confirmed problem back to the units."""
    today, at = _when(on)
    current = _begin(actor, problem, Action.REOPEN)
    reason = _required(reason, "reason", _("Give the reason for handling it again."))
    if deadline is not None and deadline < today:
        raise ValidationError({"deadline": _("The new deadline cannot be in the past.")})
    return _reopen(current, actor, today, at, reason, deadline=deadline)


def _reopen(current, actor, today, at, reason, deadline=None, fields=()):
    from_state = current.state
    current.state = State.IN_PROGRESS
    current.deadline = deadline or WorkdayCalendar().add_workdays(
        today, current.category.days_for(current.urgency)
    )
    current.original_deadline = None
    current.answered_on = current.answer_workdays = current.answered_on_time = None
    current.resolved_on = current.reminded_on = current.escalated_on = None
    _save(
        current,
        actor,
        Action.REOPEN,
        [*fields, "state", "deadline", "original_deadline", "answered_on", "answer_workdays"]
        + ["answered_on_time", "resolved_on", "reminded_on", "escalated_on"],
    )
    _record(current, Action.REOPEN, from_state, actor, at, reason)
    _tell(
        recipients.unit_users(current.assignments.values_list("department_id", flat=True)),
        "reopen",
        current,
        _("%(problem)s must be handled again (due %(deadline)s): %(reason)s")
        % {"problem": _label(current), "deadline": current.deadline, "reason": reason[:80]},
        actor,
    )
    return current


@transaction.atomic
def problem_return(*, actor, problem, reason, on=None) -> Problem:
    """退回 — the lead unit contests the assignment, within the configured working days."""
    today, at = _when(on)
    current = _begin(actor, problem, Action.RETURN)
    reason = _required(reason, "reason", _("Give the reason for returning it."))
    limit = settings.PROBLEMS_RETURN_WITHIN_WORKDAYS
    if WorkdayCalendar().workdays_between(current.assigned_on, today) > limit:
        raise DomainError(
            _("An assignment can only be returned within %(days)s working days.") % {"days": limit}
        )
    unit = _acting_unit(actor, current)
    from_state = current.state
    _delete_assignments(current, actor)
    current.state = State.RETURNED
    current.lead_unit = None
    current.deadline = current.original_deadline = None
    _save(current, actor, Action.RETURN, ["state", "lead_unit", "deadline", "original_deadline"])
    _record(current, Action.RETURN, from_state, actor, at, reason, unit)
    _tell(
        recipients.office_users(current.committee),
        "return",
        current,
        _("%(unit)s returned %(problem)s: %(reason)s")
        % {"unit": unit, "problem": _label(current), "reason": reason[:80]},
        actor,
    )
    return current


@transaction.atomic
def problem_merge(*, actor, problem, into, comment="", on=None) -> Problem:
    """并案 — the problem is handled as part of another one."""
    _today, at = _when(on)
    if into is None:
        raise ValidationError({"into": _("Choose the problem to merge into.")})
    # Lock both rows in id order, so two merges of the same pair cannot deadlock.
    for pk in sorted({problem.pk, into.pk}):
        Problem.objects.select_for_update().filter(pk=pk).first()
    current = _begin(actor, problem, Action.MERGE)
    if into.pk == current.pk:
        raise ValidationError({"into": _("A problem cannot be merged into itself.")})
    target = Problem.objects.visible_to(actor).filter(pk=into.pk).first()
    if target is None or not permissions.is_manager(actor, target):
        raise ValidationError({"into": _("You may not merge into that problem.")})
    if target.state not in UNFINISHED | {State.ANSWERED}:
        raise ValidationError({"into": _("That problem is already finished.")})
    from_state = current.state
    current.state = State.MERGED
    current.merged_into = target
    _save(current, actor, Action.MERGE, ["state", "merged_into"])
    _record(current, Action.MERGE, from_state, actor, at, comment or _label(target))
    return current


@transaction.atomic
def problem_withdraw(*, actor, problem, reason, on=None) -> Problem:
    """撤回 — the enterprise no longer needs help, or the problem was filed by mistake."""
    _today, at = _when(on)
    current = _begin(actor, problem, Action.WITHDRAW)
    reason = _required(reason, "reason", _("Give the reason for withdrawing it."))
    from_state = current.state
    current.state = State.WITHDRAWN
    _save(current, actor, Action.WITHDRAW, ["state"])
    _record(current, Action.WITHDRAW, from_state, actor, at, reason)
    _tell(
        recipients.unit_users(current.assignments.values_list("department_id", flat=True)),
        "withdraw",
        current,
        _("%(problem)s was withdrawn: %(reason)s")
        % {"problem": _label(current), "reason": reason[:80]},
        actor,
    )
    return current


@transaction.atomic
def problem_close(*, actor, problem, comment="", on=None) -> Problem:
    """办结归档 — the office closes a confirmed problem."""
    _today, at = _when(on)
    current = _begin(actor, problem, Action.CLOSE)
    current.state = State.CLOSED
    _save(current, actor, Action.CLOSE, ["state"])
    _record(current, Action.CLOSE, State.CONFIRMED, actor, at, comment)
    return current
