"""The daily deadline pass of every workflow: 催办 reminders, 领导督办 escalations, and the
steps taken when a time to act runs out.

A workflow that keeps a deadline declares `deadlines = DeadlineRules(…)`; `daily_pass`
runs the rules of every registered record type's workflow:

* the day after a deadline passes (deadline < today), the handling units (the model's
  `unit_lookup`) get a reminder, once per deadline;
* a record still open `escalate_after()` working days after its deadline is escalated: the
  committee's leaders are notified and the record is flagged (`escalated_on`).

`reminded_on` / `escalated_on` mark what was done, so running the pass twice on the same day
(or after a missed day) does each step once; a new deadline (extension, 重办, reassignment)
clears both marks. A lapse (`Lapse`) is a workflow step the pass takes, through the engine
and as the system user, on each record whose time to act ended the day before — a reply
not rated in time is rated with the default (视为满意). Rows are locked in batches and re-checked under the lock, so a unit
answering while the pass runs is never overwritten. The pass writes what the engine's step
writes — the mark, a new version, a history entry, a transition-log row, notifications —
but in bulk, one batch at a time (tens of thousands of overdue records at a national scale),
through core.bulk's plain writes: no model instance and no per-field conversion per row; the
history and log rows are copied from the updated rows inside the database. A record due for
both steps on the same day (the first pass after a long silence) gets both marks in one
UPDATE and one history entry naming both steps; the log keeps both steps, and each step's
people are told.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from lvzhi.core import bulk, derived, recipients, tallies
from lvzhi.core.choices import Role
from lvzhi.core.errors import DomainError
from lvzhi.core.models import RoleAssignment
from lvzhi.core.notifications import Message, notify_many
from lvzhi.core.records import record_types
from lvzhi.core.services import system_user
from lvzhi.core.workdays import WorkdayCalendar

BATCH = 2000


@dataclass(frozen=True)
class Lapse:
    """A step the pass takes when the time to act on a record has run out."""

    #: the states in which the time runs
    states: frozenset
    #: the field with the last day to act
    until_field: str
    #: the step taken (through the engine: lock, checks, log, history, notices)
    action: str


@dataclass(frozen=True)
class DeadlineRules:
    """When a workflow's records are reminded and escalated."""

    #: the states in which the deadline runs
    open_states: frozenset
    #: the actions the log records for a reminder and an escalation
    remind: str
    escalate: str
    #: working days after the deadline before a leader is told (read when the pass runs)
    escalate_after: object
    deadline_field: str = "deadline"
    reminded_field: str = "reminded_on"
    escalated_field: str = "escalated_on"
    lapses: tuple = ()
    #: the fields the workflow's `label()` reads: the pass loads only these, the state, the
    #: committee and the deadline of each record (empty: whole rows)
    label_fields: tuple = ()

    def loaded(self, workflow) -> tuple:
        """The fields the pass reads of each record; () for all."""
        if not self.label_fields:
            return ()
        return (
            "pk",
            workflow.state_field,
            "committee",
            self.deadline_field,
            self.reminded_field,
            self.escalated_field,
            *self.label_fields,
        )


def daily_pass(*, today=None, actor=None, calendar=None) -> dict[str, int]:
    """Send due reminders and escalations for `today` in every workflow; how many of each."""
    today = today or timezone.localdate()
    actor = actor or system_user()
    calendar = calendar or WorkdayCalendar()
    counts = {"reminded": 0, "escalated": 0, "lapsed": 0}
    people = _Recipients()
    for record_type in record_types():
        workflow = record_type.workflow
        rules = getattr(workflow, "deadlines", None)
        if rules is None:
            continue
        day = _Day(rules, today, calendar.cutoff(today, rules.escalate_after()))
        due = workflow.model.objects.filter(day.due(), state__in=rules.open_states)
        reminded, escalated = _run(workflow, due, day, actor, people)
        counts["reminded"] += reminded
        counts["escalated"] += escalated
        for lapse in rules.lapses:
            counts["lapsed"] += _lapse(workflow, lapse, today, actor)
    tallies.refresh_daily()  # what is overdue today, counted before the day's first reader
    return counts


@dataclass(frozen=True)
class _Day:
    """What the pass does on `today` to a record of one workflow: remind it the day after
    its deadline, escalate it once the deadline is on or before `cutoff` — each once."""

    rules: DeadlineRules
    today: object
    cutoff: object

    def due(self) -> Q:
        rules = self.rules
        return Q(**{f"{rules.deadline_field}__lt": self.today, rules.reminded_field: None}) | Q(
            **{f"{rules.deadline_field}__lte": self.cutoff, rules.escalated_field: None}
        )

    def steps(self, record) -> tuple:
        """The actions due on `record` today, reminder first."""
        rules, deadline = self.rules, getattr(record, self.rules.deadline_field)
        steps = ()
        if getattr(record, rules.reminded_field) is None and deadline < self.today:
            steps += (rules.remind,)
        if getattr(record, rules.escalated_field) is None and deadline <= self.cutoff:
            steps += (rules.escalate,)
        return steps


def _lapse(workflow, lapse, today, actor) -> int:
    """Take the lapse's step on each record whose time ended before `today`, one record at a
    time: the engine locks it and checks its state again, so a record acted on while the
    pass runs is left as it is."""
    due = workflow.model.objects.filter(
        **{f"{workflow.state_field}__in": lapse.states, f"{lapse.until_field}__lt": today}
    )
    done = 0
    for record in due.order_by("pk").iterator():
        try:
            workflow.run(lapse.action, actor=actor, record=record, on=today)
        except DomainError:
            continue
        done += 1
    return done


def _run(workflow, queryset, day, actor, people) -> tuple[int, int]:
    """Remind and escalate every record due, a batch at a time; (reminded, escalated)."""
    reminded = escalated = last = 0
    while True:
        with transaction.atomic():
            # Lock a batch; the filter is applied again under the lock. Batches follow each
            # other in id order, so none scans the rows the ones before it marked.
            rows = queryset.filter(pk__gt=last).only(*workflow.deadlines.loaded(workflow))
            batch = list(rows.select_for_update().order_by("pk")[:BATCH])
            if not batch:
                return reminded, escalated
            r, e = _apply(workflow, batch, day, actor, people)
            reminded, escalated = reminded + r, escalated + e
            last = batch[-1].pk


def _english(label, *args):
    """A step's name as the history keeps it: English, translated for the page's reader."""
    with translation.override("en"):
        return label(*args)


def _apply(workflow, batch, day, actor, people) -> tuple[int, int]:
    """One batch: each record gets its due marks in one UPDATE of its group (reminded,
    escalated, or both on the same day) and one history entry for them, a log row per step
    and the notifications of each step."""
    model, rules = workflow.model, workflow.deadlines
    now = timezone.now()
    if day.today != timezone.localdate(now):  # a pass run for another day (backfill, demo)
        now = timezone.make_aware(datetime.combine(day.today, time(9, 0)))
    groups = defaultdict(list)  # the steps due -> the records due for them
    for record in batch:
        groups[day.steps(record)].append(record)
    marks = {rules.remind: rules.reminded_field, rules.escalate: rules.escalated_field}
    for steps, records in groups.items():
        ids = [r.pk for r in records]
        # one UPDATE per group; the history snapshots copied from the updated rows in the
        # database (the UPDATE reports itself: the marks are read by no figure)
        bulk.by_ids(model.objects.all(), ids).update(
            **dict.fromkeys((marks[s] for s in steps), day.today), version=F("version") + 1
        )
        reason = "; ".join(_english(workflow.action_label, s) for s in steps)
        bulk.copy_history(model, ids, user=actor, date=now, update=True, reason=reason)
    reminders = [r for steps, rs in groups.items() if rules.remind in steps for r in rs]
    escalations = [r for steps, rs in groups.items() if rules.escalate in steps for r in rs]
    # the log rows copied from the stored rows too, each step's in order
    _log(workflow, reminders, rules.remind, actor, now)
    _log(workflow, escalations, rules.escalate, actor, now)
    for written in (model.history.model, workflow.log_model):
        derived.changed(written)
    # each step tells its people (someone told of both hears of each)
    notify_many(_reminders(workflow, reminders, people), actor=actor, cache=people.visibility)
    notify_many(_escalations(workflow, escalations, people), actor=actor, cache=people.visibility)
    return len(reminders), len(escalations)


def _log(workflow, records, action, actor, now):
    """One step's log rows for `records`, from their stored state (one INSERT … SELECT)."""
    if not records:
        return
    log_model, state = workflow.log_model, workflow.state_field
    stored = bulk.by_ids(workflow.model._base_manager.all(), [r.pk for r in records])
    stored = stored.order_by("pk").annotate(same_state=F(state))
    bulk.insert_select(
        log_model,
        stored.values_list("pk", state, "same_state"),
        [log_model._meta.get_field(workflow.log_field).attname, "from_state", "to_state"],
        same={"action": str(action), "actor_id": actor.pk if actor else None, "at": now},
    )


class _Recipients:
    """The people one pass tells, each loaded once for the whole pass: the users of a
    handling unit, the leaders of a committee. A user's visibility scope, worked out when
    notify_many checks what they may open, is then computed once per pass, not per batch."""

    def __init__(self):
        self.of_unit: dict[int, list] = {}
        self.leaders: dict[int, list] = {}
        #: each recipient's visibility query, compiled once for the pass (notify_many)
        self.visibility: dict = {}

    def units(self, department_ids) -> dict[int, list]:
        missing = set(department_ids) - self.of_unit.keys()
        for department_id in missing:
            self.of_unit[department_id] = []
        for ra in RoleAssignment.objects.filter(
            role=Role.UNIT, department_id__in=missing, user__is_active=True
        ).select_related("user"):
            self.of_unit[ra.department_id].append(ra.user)
        return self.of_unit

    def leaders_of(self, record) -> list:
        if record.committee_id not in self.leaders:
            self.leaders[record.committee_id] = list(recipients.leaders_for(record.committee))
        return self.leaders[record.committee_id]


def _reminders(workflow, batch, people):
    """(units' users, verb, record, message) for each record, from the model's unit lookup."""
    if not batch:
        return
    model = workflow.model
    units = defaultdict(list)
    pairs = bulk.by_ids(model.objects.all(), [r.pk for r in batch])
    pairs = pairs.values_list("pk", model.unit_lookup)
    for record_id, dept_id in pairs:
        if dept_id is not None:
            units[record_id].append(dept_id)
    users_of_unit = people.units({d for ds in units.values() for d in ds})
    for record in batch:
        users = [u for d in units[record.pk] for u in users_of_unit[d]]
        if not users:
            continue
        message = Message(
            gettext_noop("Reminder: %(record)s was due on %(deadline)s and is still open."),
            record=workflow.label(record),
            deadline=getattr(record, workflow.deadlines.deadline_field),
        )
        yield users, f"{workflow.verb_prefix}.{workflow.deadlines.remind}", record, message


def _escalations(workflow, batch, people):
    verb = f"{workflow.verb_prefix}.{workflow.deadlines.escalate}"
    for record in batch:
        leaders = people.leaders_of(record)
        if not leaders:
            continue
        message = Message(
            gettext_noop("Escalated to you: %(record)s, overdue since %(deadline)s."),
            record=workflow.label(record),
            deadline=getattr(record, workflow.deadlines.deadline_field),
        )
        yield leaders, verb, record, message
