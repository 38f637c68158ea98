"""Workflows as data: states, a transition table, and one engine call for every step.

A workflow declares, per action, the states it starts from, the state(s) it leads to, who
may take it (roles resolved per record by the workflow's `roles_of`) and the form that reads
its inputs; only where the domain needs one, a small function does the step's own work:

    class ProblemWorkflow(Workflow):
        transitions = {
            Action.ANSWER: Transition(
                sources={State.ASSIGNED, State.IN_PROGRESS}, targets={State.ANSWERED},
                roles={LEAD}, form=AnswerForm,
            ),
        }

    @WORKFLOW.step(Action.ANSWER)
    def answer(ctx, *, solution):
        ctx.set(solution=required(solution, "solution", _("Describe the solution.")))

    problem_answer = WORKFLOW.service(Action.ANSWER)   # problem_answer(actor=…, problem=…, solution=…)

`Workflow.run(action, actor=…, record=…, **inputs)` does, in one transaction: lock the row
(and any other row the step names, in id order) → the actor may see it → the actor's role →
the state the record is in *now* → the step's own work → the declared target state, set
and checked → save with a new version and a history entry attributed to the actor → one
transition-log row (actor, time, from, to, comment, payload) → notifications (rows now,
mail after the commit). The step pages (`<record>/step/<action>/`) and the API step
endpoints (`POST /api/v1/<type>/<id>/<action>/`) are generated from the same table.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lvzhi.core.errors import DomainError, GoneError
from lvzhi.core.notifications import notify

#: in `targets`: the step leaves the state as it was
SAME = "="


@dataclass(frozen=True)
class Transition:
    """One row of a workflow's table."""

    sources: frozenset
    targets: frozenset
    roles: frozenset
    #: the form that reads and checks the step's inputs (None: no inputs)
    form: type | None = None
    #: the refusal when the state does not allow the step (default: a generic sentence)
    not_now: object = None
    #: offered as a button and an API endpoint (False: taken by the daily pass only)
    offered: bool = True
    #: ids of other rows of the model the step changes, locked with the record in id order
    also_lock: object = None
    #: the states in which this step is the one expected next: the page offers it as the main
    #: button and folds the others (several apply: the first in the table wins)
    primary: frozenset = frozenset()
    #: another name for the step in some states, e.g. {State.ASSIGNED: _("Reassign")}
    labels: object = None
    #: record -> bool: the step exists only for records it holds for (a leader's visit only
    #: on a key proposal); elsewhere it is not offered and is refused with `not_now`
    applies: object = None

    def __init__(self, *, sources, targets, roles, primary=(), **options):
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "targets", frozenset(targets))
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "primary", frozenset(primary))
        for name, value in options.items():
            object.__setattr__(self, name, value)


@dataclass
class Step:
    """What a step function is handed: the locked record and the step's context."""

    workflow: "Workflow"
    action: str
    actor: object
    record: object
    from_state: str
    roles: set
    today: date
    at: datetime
    #: what the transition log keeps
    comment: str = ""
    payload: dict = field(default_factory=dict)
    log_extra: dict = field(default_factory=dict)
    #: the action the log and history name (a step may record itself as another, e.g. a
    #: "not satisfied" confirmation is a 重办)
    log_as: str = ""
    changed: set = field(default_factory=set)
    notices: list = field(default_factory=list)
    target: str | None = None

    def set(self, **values):
        """Change fields of the record; they are saved with the step."""
        for name, value in values.items():
            setattr(self.record, name, value)
            self.changed.add(name)

    def to(self, state):
        """Lead to `state` (one of the transition's declared targets)."""
        self.target = state

    def tell(self, users, message, verb=""):
        """Notify `users` about the record once the step is saved."""
        self.notices.append((list(users), verb or self.action, message))


class Workflow:
    """A model's workflow: subclass and declare the class attributes."""

    model = None
    state_field = "state"
    #: TextChoices of the states and of the actions (labels for buttons and the log)
    states = None
    actions = None
    transitions: dict = {}
    #: the model of the transition log and its foreign key to the record
    log_model = None
    log_field = ""
    #: prefix of the notification verbs ("problems" → "problems.assign")
    verb_prefix = ""
    #: the keyword the services name the record by (problem_answer(problem=…))
    record_arg = "record"

    def __init__(self):
        self.steps = {}

    def step(self, action):
        """Decorator: `fn(ctx, **inputs)` does the own work of step `action`."""

        def register(fn):
            self.steps[action] = fn
            return fn

        return register

    def service(self, action):
        """The service function of step `action`: fn(*, actor, <record_arg>, on=None, **inputs)."""

        def service(*, actor, on=None, **inputs):
            record = inputs.pop(self.record_arg)
            return self.run(action, actor=actor, record=record, on=on, **inputs)

        service.__name__ = f"{self.verb_prefix}_{action}"
        service.__doc__ = f"The step {action!r} of {type(self).__name__}."
        return service

    # -- declared per workflow ---------------------------------------------------------------

    def roles_of(self, user, record) -> set[str]:
        """What `user` is for `record` (office, lead unit …): the table's `roles` refer to it."""
        raise NotImplementedError

    def label(self, record) -> str:
        return str(record)

    # -- the engine --------------------------------------------------------------------------

    def roles(self, user, record) -> set[str]:
        """`roles_of`, asked once per user for this loaded record: a page asks for the step
        buttons, the attachment panel and more. A step itself asks `roles_of` afresh, on the
        row it locked."""
        cache = record.__dict__.setdefault("_workflow_roles", {})
        key = getattr(user, "pk", None)
        if key not in cache:
            cache[key] = frozenset(self.roles_of(user, record))
        return set(cache[key])

    def available(self, user, record) -> list[str]:
        """The steps `user` may take on `record` now (buttons, and the API's `actions`)."""
        roles = self.roles(user, record)
        state = getattr(record, self.state_field)
        return [
            action
            for action, t in self.transitions.items()
            if t.offered and state in t.sources and roles & t.roles and _applies(t, record)
        ]

    def run(self, action, *, actor, record, on=None, **inputs):
        """Take step `action` on `record` for `actor`; the step's result (default: the record)."""
        with transaction.atomic():
            return self._run(action, actor, record, on, inputs)

    def _run(self, action, actor, record, on, inputs):
        t = self.transitions[action]
        today, at = when(on)
        others = t.also_lock(inputs) if t.also_lock else ()
        current = self._lock(record.pk, others)
        if not self.model.objects.visible_to(actor).filter(pk=current.pk).exists():
            raise PermissionDenied(
                _("You may not see this record: %(record)s.") % {"record": self.label(current)}
            )
        roles = self.roles_of(actor, current)
        if not roles & t.roles:
            raise PermissionDenied(
                _("You may not do this here: %(action)s.") % {"action": self.action_label(action)}
            )
        state = getattr(current, self.state_field)
        if state not in t.sources or not _applies(t, current):
            raise DomainError(
                str(t.not_now())
                if t.not_now
                else _("“%(action)s” is not possible for a record that is “%(state)s”.")
                % {"action": self.action_label(action), "state": self.states(state).label}
            )
        ctx = Step(self, action, actor, current, state, roles, today, at)
        step = self.steps.get(action)
        result = step(ctx, **inputs) if step else None
        target = self._target(t, ctx)
        if target != state:
            ctx.set(**{self.state_field: target})
        logged = ctx.log_as or action
        if ctx.changed:
            self.save(current, actor, logged, ctx.changed, state)
        self.log(
            current,
            action=logged,
            from_state=state,
            to_state=target,
            actor=actor,
            at=at,
            comment=ctx.comment,
            payload=ctx.payload or _jsonable(inputs),
            **ctx.log_extra,
        )
        for users, verb, message in ctx.notices:
            notify(users, f"{self.verb_prefix}.{verb}", current, message=message, actor=actor)
        return current if result is None else result

    def _lock(self, pk, others):
        """The record's row (and the other rows the step changes), locked in id order so two
        steps over the same rows cannot deadlock."""
        rows = {}
        for row_pk in sorted({pk, *(o for o in others if o is not None)}):
            row = self.model.objects.select_for_update(of=("self",)).filter(pk=row_pk).first()
            rows[row_pk] = row
        if rows[pk] is None:
            raise GoneError(_("This record no longer exists: someone deleted it in the meantime."))
        return rows[pk]

    def _target(self, t, ctx) -> str:
        declared = {ctx.from_state if s == SAME else s for s in t.targets}
        if ctx.target is not None:
            target = ctx.target
        elif len(declared) == 1:
            target = next(iter(declared))
        else:
            target = getattr(ctx.record, self.state_field)
        if target not in declared:
            raise ImproperlyConfigured(
                f"{type(self).__name__}: {ctx.action} led to {target!r}, "
                f"not one of {sorted(declared)}"
            )
        return target

    def save(self, record, actor, action, fields, from_state=None):
        record.version += 1
        record._history_user = actor
        # the English name: the history page translates it for its reader
        with translation.override("en"):
            record._change_reason = self.action_label(action, from_state)
        record.save(update_fields=[*sorted(fields), "version", "updated_at"])
        if set(fields) & self.derived_fields:
            from lvzhi.core.services import run_write_hooks

            run_write_hooks(record)

    def log(self, record, **values):
        return self.log_model.objects.create(**{self.log_field: record}, **values)

    def action_label(self, action, state=None) -> str:
        """The step's name; in `state`, the transition's own name for it there if it has one."""
        labels = self.transitions[action].labels if action in self.transitions else None
        if labels and state in labels:
            return str(labels[state])
        return str(self.actions(action).label)

    def expected(self, user, record, actions=None) -> str | None:
        """The one step `user` is expected to take next on `record`: the first available step
        declared `primary` in the record's state, else the only step the user has."""
        actions = self.available(user, record) if actions is None else actions
        state = getattr(record, self.state_field)
        for action in actions:
            if state in self.transitions[action].primary:
                return action
        with_form = [a for a in actions if self.transitions[a].form is not None]
        return with_form[0] if len(with_form) == 1 else None

    # -- pages -------------------------------------------------------------------------------

    def form(self, action, user, record, data=None, files=None):
        form_class = self.transitions[action].form
        return form_class(data, files, user=user, record=record, auto_id=f"id_{action}_%s")

    def page_context(self, user, record, bound=None) -> dict:
        """The step forms the user may use now (`bound`: (action, form) with errors).

        `step_forms` lists them all; `primary_step` is the expected one (or None) and
        `other_steps` the rest, which the page folds; `open_step` the one whose errors show."""
        actions = self.available(user, record)
        state = getattr(record, self.state_field)
        forms = []
        for action in actions:
            if self.transitions[action].form is None:
                continue
            form = bound[1] if bound and bound[0] == action else self.form(action, user, record)
            if getattr(form, "inline", True):
                forms.append((action, self.action_label(action, state), form))
        expected = self.expected(user, record, actions)
        log = getattr(record, self.log_model._meta.get_field(self.log_field).remote_field.name)
        return {
            "actions": actions,
            "step_forms": forms,
            "step_base": f"{record.get_absolute_url()}step/",
            "primary_step": next((f for f in forms if f[0] == expected), None),
            "other_steps": [f for f in forms if f[0] != expected],
            "open_step": bound[0] if bound else None,
            # the state's name, whatever the workflow's state field is called
            "state_label": self.states(state).label,
            "transitions": log.select_related(*self.log_related),
        }

    #: related rows shown with each transition on the page
    log_related: tuple[str, ...] = ("actor",)
    #: a step that changes one of these tells the write hooks (the search index keeps the
    #: text and who may read it: a proposal published to members at 立案)
    derived_fields = frozenset({"published", "committee", "title"})


def _jsonable(value):
    """The step's inputs as the log keeps them: records by id, dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _applies(transition, record) -> bool:
    return transition.applies is None or transition.applies(record)


def when(on: date | None):
    """(day, moment) of a step: now, or 10:00 on `on` (imports and the demo record the past)."""
    if on is None:
        now = timezone.now()
        return timezone.localdate(now), now
    at = timezone.make_aware(datetime.combine(on, time(10, 0)))
    return on, min(at, timezone.now()) if on == timezone.localdate() else at


def required(value, field_name, message) -> str:
    """The stripped text of a required step input, or a field error."""
    from django.core.exceptions import ValidationError

    value = (value or "").strip()
    if not value:
        raise ValidationError({field_name: message})
    return value
