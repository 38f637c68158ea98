"""The daily deadline pass: 催办 reminders and 领导督办 escalations.

* the day after a deadline passes (deadline < today), the lead and co-operating units get a
  reminder, once per deadline;
* a problem still open PROBLEMS_ESCALATE_AFTER_WORKDAYS working days after its deadline is
  escalated: the committee's leaders are notified and the problem is flagged
  (`escalated_on`) on the leaders' list.

`reminded_on` / `escalated_on` mark what was done, so running the pass twice on the same
day (or after a missed day) does each step once. A new deadline (extension, 重办,
reassignment) clears both marks. Rows are locked in batches and re-checked under the lock,
so a unit answering while the pass runs is never overwritten.
"""

from collections import defaultdict
from datetime import datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core import recipients
from lvzhi.core.notifications import notify_many
from lvzhi.core.services import system_user
from lvzhi.core.workdays import WorkdayCalendar

from .choices import OPEN_STATES, Action
from .models import Problem, ProblemAssignment, ProblemTransition

BATCH = 2000


def daily_pass(*, today=None, actor=None, calendar=None) -> dict[str, int]:
    """Send due reminders and escalations for `today`; returns how many of each."""
    today = today or timezone.localdate()
    actor = actor or system_user()
    calendar = calendar or WorkdayCalendar()
    cutoff = calendar.cutoff(today, settings.PROBLEMS_ESCALATE_AFTER_WORKDAYS)
    reminded = _run(
        Problem.objects.filter(state__in=OPEN_STATES, deadline__lt=today, reminded_on=None),
        "reminded_on",
        Action.REMIND,
        today,
        actor,
    )
    escalated = _run(
        Problem.objects.filter(state__in=OPEN_STATES, deadline__lte=cutoff, escalated_on=None),
        "escalated_on",
        Action.ESCALATE,
        today,
        actor,
    )
    return {"reminded": reminded, "escalated": escalated}


def _run(queryset, mark, action, today, actor) -> int:
    done = 0
    while True:
        with transaction.atomic():
            # Lock a batch; the filter is applied again under the lock.
            batch = list(queryset.select_for_update().order_by("pk")[:BATCH])
            if not batch:
                return done
            _apply(batch, mark, action, today, actor)
            done += len(batch)


def _apply(batch, mark, action, today, actor):
    now = timezone.now()
    if today != timezone.localdate(now):  # a pass run for another day (backfill, demo)
        now = timezone.make_aware(datetime.combine(today, time(9, 0)))
    for problem in batch:
        setattr(problem, mark, today)
        problem.version += 1
    # Every row of the batch gets the same mark: one UPDATE, then the history snapshots.
    Problem.objects.filter(pk__in=[p.pk for p in batch]).update(
        **{mark: today}, version=F("version") + 1
    )
    Problem.history.bulk_history_create(
        batch,
        default_user=actor,
        default_change_reason=str(Action(action).label),
        default_date=now,
    )
    ProblemTransition.objects.bulk_create(
        [
            ProblemTransition(
                problem=p,
                action=action,
                from_state=p.state,
                to_state=p.state,
                actor=actor,
                at=now,
                unit=None,
            )
            for p in batch
        ],
        batch_size=1000,
    )
    notify_many(_notifications(batch, action, today), actor=actor)


def _notifications(batch, action, today):
    if action == Action.REMIND:
        units = defaultdict(list)
        for problem_id, dept_id in ProblemAssignment.objects.filter(problem__in=batch).values_list(
            "problem_id", "department_id"
        ):
            units[problem_id].append(dept_id)
        users_of_unit = _users_by_unit({d for ds in units.values() for d in ds})
        for p in batch:
            users = [u for d in units[p.pk] for u in users_of_unit.get(d, ())]
            message = _("Reminder: %(problem)s was due on %(deadline)s and is still open.") % {
                "problem": f"#{p.pk} {p.title}",
                "deadline": p.deadline,
            }
            yield users, "problems.remind", p, message
    else:
        leaders = {}
        for p in batch:
            if p.committee_id not in leaders:
                leaders[p.committee_id] = list(recipients.leaders_for(p.committee))
            message = _("Escalated to you: %(problem)s, overdue since %(deadline)s.") % {
                "problem": f"#{p.pk} {p.title}",
                "deadline": p.deadline,
            }
            yield leaders[p.committee_id], "problems.escalate", p, message


def _users_by_unit(dept_ids):
    from lvzhi.core.choices import Role
    from lvzhi.core.models import RoleAssignment

    out = defaultdict(list)
    for ra in RoleAssignment.objects.filter(
        role=Role.UNIT, department_id__in=dept_ids, user__is_active=True
    ).select_related("user"):
        out[ra.department_id].append(ra.user)
    return out
