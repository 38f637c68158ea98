"""Registration and the main path: assign, start, progress, answer, confirm, reopen, return,
merge, withdraw, close."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.core import permissions, recipients
from lvzhi.core.connections import reportable_enterprises
from lvzhi.core.errors import DomainError
from lvzhi.core.models import Person
from lvzhi.core.notifications import Message, notify
from lvzhi.core.services import record_save
from lvzhi.core.workdays import WorkdayCalendar
from lvzhi.core.workflow import required, when

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
    WORKFLOW,
    _create,
    _delete_assignments,
    _label,
    acting_unit,
)

# -- registration and editing ------------------------------------------------------------


class DuplicateWarning(DomainError):
    """Open problems of the same enterprise and category exist; register anyway?"""

    field = "confirm_duplicate"

    @property
    def messages(self):
        listing = "；".join(
            f"#{p.pk} {p.title}（{p.get_state_display()}）" for p in self.duplicates
        )
        return [self.message, _("Open problems: %(list)s") % {"list": listing}]

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
    if (
        problem.enterprise_id
        and not reportable_enterprises(actor).filter(pk=problem.enterprise_id).exists()
    ):
        raise ValidationError(
            {
                "enterprise": _(
                    "You may report only for your own enterprise or one you visited "
                    "with a service team."
                )
            }
        )
    problem.raised_by = person
    problem.service_team = ""
    problem.published = False
    return _register(actor, problem, allow_duplicate, on, permissions.REPORT)


def _register(actor, problem, allow_duplicate, on, right) -> Problem:
    today, at = when(on)
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
    WORKFLOW.log(
        problem,
        action=Action.REGISTER,
        from_state=State.REGISTERED,
        to_state=State.REGISTERED,
        actor=actor,
        at=at,
    )
    notify(
        recipients.office_users(problem.committee),
        "problems.register",
        problem,
        message=Message(
            gettext_noop("New problem registered: %(problem)s"), problem=_label(problem)
        ),
        actor=actor,
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


# -- the steps: what each does beyond the engine's checks, state, log and history ---------


@WORKFLOW.step(Action.ASSIGN)
def assign(ctx, *, lead_unit, co_units=(), deadline=None, comment=""):
    """交办 — to one lead unit and optional co-units, with a working-day deadline."""
    current, today = ctx.record, ctx.today
    if lead_unit is None:
        raise ValidationError({"lead_unit": _("Choose the lead unit.")})
    allowed = set(selectors.units_at_hand(current.committee).values_list("pk", flat=True))
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
    if deadline is None:
        deadline = WorkdayCalendar().add_workdays(today, current.category.days_for(current.urgency))
    elif deadline < today:
        raise ValidationError(
            {
                "deadline": _("The deadline cannot be before the assignment (%(date)s).")
                % {"date": today.isoformat()}
            }
        )
    _delete_assignments(current, ctx.actor)
    for unit, role in [(lead_unit, UnitRole.LEAD), *((u, UnitRole.CO) for u in co_units)]:
        _create(
            ProblemAssignment,
            ctx.actor,
            problem=current,
            department=unit,
            role=role,
            assigned_at=ctx.at,
        )
    ctx.set(
        lead_unit=lead_unit,
        assigned_on=today,
        deadline=deadline,
        original_deadline=None,
        reminded_on=None,
        escalated_on=None,
    )
    ctx.comment = comment or ""
    ctx.log_extra["unit"] = lead_unit
    ctx.tell(
        recipients.unit_users([lead_unit.pk, *(u.pk for u in co_units)]),
        Message(
            gettext_noop("Problem %(problem)s was assigned to you; deadline %(deadline)s."),
            problem=_label(current),
            deadline=deadline,
        ),
    )


@WORKFLOW.step(Action.START)
def start(ctx, *, comment=""):
    """签收 — the lead unit starts handling the problem."""
    ctx.comment = comment or ""
    ctx.log_extra["unit"] = acting_unit(ctx.actor, ctx.record)


@WORKFLOW.step(Action.PROGRESS)
def add_progress(ctx, *, text):
    """办理进展 — a unit (or the office) reports progress; the lead unit's first note starts
    the handling. The result is the note."""
    current = ctx.record
    text = required(text, "text", _("Describe the progress."))
    unit = acting_unit(ctx.actor, current)
    note = ProgressNote.objects.create(
        problem=current, department=unit, author=ctx.actor, text=text, created_at=ctx.at
    )
    if ctx.from_state == State.ASSIGNED and LEAD in ctx.roles:
        ctx.to(State.IN_PROGRESS)
    ctx.comment = text
    ctx.log_extra["unit"] = unit
    ctx.tell(
        recipients.office_users(current.committee),
        Message(
            gettext_noop("Progress on %(problem)s: %(text)s"),
            problem=_label(current),
            text=text[:80],
        ),
    )
    return note


@WORKFLOW.step(Action.ANSWER)
def answer(ctx, *, solution):
    """已办结 — the lead unit answers with the solution."""
    current, today = ctx.record, ctx.today
    solution = required(solution, "solution", _("Describe the solution."))
    ctx.set(
        solution=solution,
        answered_on=today,
        answer_workdays=max(
            WorkdayCalendar().workdays_between(current.assigned_on or today, today), 0
        ),
        answered_on_time=current.deadline is None or today <= current.deadline,
    )
    ctx.comment = solution
    ctx.log_extra["unit"] = acting_unit(ctx.actor, current)
    ctx.tell(
        [*recipients.office_users(current.committee), *selectors.enterprise_users(current)],
        Message(gettext_noop("%(problem)s was answered; please confirm."), problem=_label(current)),
    )


@WORKFLOW.step(Action.CONFIRM)
def confirm(ctx, *, satisfaction, comment=""):
    """企业确认 — satisfied / basically satisfied → confirmed; not satisfied → 重办."""
    current = ctx.record
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose how satisfied the enterprise is.")})
    if satisfaction == Satisfaction.NOT_SATISFIED:
        comment = required(comment, "comment", _("Give the enterprise's reason."))
    via = ConfirmedVia.ENTERPRISE if ENTERPRISE in ctx.roles else ConfirmedVia.CALLBACK
    Confirmation.objects.create(
        problem=current,
        satisfaction=satisfaction,
        via=via,
        comment=comment or "",
        confirmed_by=ctx.actor,
        confirmed_at=ctx.at,
    )
    ctx.set(satisfaction=satisfaction)
    if satisfaction == Satisfaction.NOT_SATISFIED:
        ctx.log_as = Action.REOPEN
        return _reopen(ctx, comment)
    ctx.to(State.CONFIRMED)
    ctx.set(resolved_on=ctx.today)
    ctx.comment = comment or ""
    ctx.tell(
        recipients.unit_users([current.lead_unit_id]),
        Message(
            gettext_noop("The enterprise confirmed your answer to %(problem)s: %(verdict)s."),
            problem=_label(current),
            verdict=Satisfaction(satisfaction).label,
        ),
        verb="confirm",
    )
    return None


@WORKFLOW.step(Action.REOPEN)
def reopen(ctx, *, reason, deadline=None):
    """重办 — the office sends an answered or confirmed problem back to the units."""
    reason = required(reason, "reason", _("Give the reason for handling it again."))
    if deadline is not None and deadline < ctx.today:
        raise ValidationError({"deadline": _("The new deadline cannot be in the past.")})
    return _reopen(ctx, reason, deadline=deadline)


def _reopen(ctx, reason, deadline=None):
    current = ctx.record
    ctx.to(State.IN_PROGRESS)
    ctx.set(
        deadline=deadline
        or WorkdayCalendar().add_workdays(ctx.today, current.category.days_for(current.urgency)),
        original_deadline=None,
        answered_on=None,
        answer_workdays=None,
        answered_on_time=None,
        resolved_on=None,
        reminded_on=None,
        escalated_on=None,
    )
    ctx.comment = reason
    ctx.tell(
        recipients.unit_users(current.assignments.values_list("department_id", flat=True)),
        Message(
            gettext_noop("%(problem)s must be handled again (due %(deadline)s): %(reason)s"),
            problem=_label(current),
            deadline=current.deadline,
            reason=reason[:80],
        ),
        verb="reopen",
    )


@WORKFLOW.step(Action.RETURN)
def return_(ctx, *, reason):
    """退回 — the lead unit contests the assignment, within the configured working days."""
    current = ctx.record
    reason = required(reason, "reason", _("Give the reason for returning it."))
    limit = settings.PROBLEMS_RETURN_WITHIN_WORKDAYS
    if WorkdayCalendar().workdays_between(current.assigned_on, ctx.today) > limit:
        raise DomainError(
            _("An assignment can only be returned within %(days)s working days.") % {"days": limit}
        )
    unit = acting_unit(ctx.actor, current)
    _delete_assignments(current, ctx.actor)
    ctx.set(lead_unit=None, deadline=None, original_deadline=None)
    ctx.comment = reason
    ctx.log_extra["unit"] = unit
    ctx.tell(
        recipients.office_users(current.committee),
        Message(
            gettext_noop("%(unit)s returned %(problem)s: %(reason)s"),
            unit=unit,
            problem=_label(current),
            reason=reason[:80],
        ),
    )


@WORKFLOW.step(Action.MERGE)
def merge(ctx, *, into, comment=""):
    """并案 — the problem is handled as part of another one (both rows are locked)."""
    current, actor = ctx.record, ctx.actor
    if into is None:
        raise ValidationError({"into": _("Choose the problem to merge into.")})
    if into.pk == current.pk:
        raise ValidationError({"into": _("A problem cannot be merged into itself.")})
    target = Problem.objects.visible_to(actor).filter(pk=into.pk).first()
    if target is None or not permissions.is_manager(actor, target):
        raise ValidationError({"into": _("You may not merge into that problem.")})
    if target.state not in UNFINISHED | {State.ANSWERED}:
        raise ValidationError({"into": _("That problem is already finished.")})
    ctx.set(merged_into=target)
    ctx.comment = comment or _label(target)


@WORKFLOW.step(Action.WITHDRAW)
def withdraw(ctx, *, reason):
    """撤回 — the enterprise no longer needs help, or the problem was filed by mistake."""
    current = ctx.record
    reason = required(reason, "reason", _("Give the reason for withdrawing it."))
    ctx.comment = reason
    ctx.tell(
        recipients.unit_users(current.assignments.values_list("department_id", flat=True)),
        Message(
            gettext_noop("%(problem)s was withdrawn: %(reason)s"),
            problem=_label(current),
            reason=reason[:80],
        ),
    )


@WORKFLOW.step(Action.CLOSE)
def close(ctx, *, comment=""):
    """办结归档 — the office closes a confirmed problem."""
    ctx.comment = comment or ""


problem_assign = WORKFLOW.service(Action.ASSIGN)
problem_start = WORKFLOW.service(Action.START)
problem_add_progress = WORKFLOW.service(Action.PROGRESS)
problem_answer = WORKFLOW.service(Action.ANSWER)
problem_confirm = WORKFLOW.service(Action.CONFIRM)
problem_reopen = WORKFLOW.service(Action.REOPEN)
problem_return = WORKFLOW.service(Action.RETURN)
problem_merge = WORKFLOW.service(Action.MERGE)
problem_withdraw = WORKFLOW.service(Action.WITHDRAW)
problem_close = WORKFLOW.service(Action.CLOSE)
