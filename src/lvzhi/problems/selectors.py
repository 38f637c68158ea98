"""Reads that span models: deadline states, the committee system, duplicates, league tables."""

import time
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Q
from django.utils import timezone

from lvzhi.core.choices import CommitteeLevel, Role
from lvzhi.core.models import Committee, Department, RoleAssignment
from lvzhi.core.visibility import ancestors, committee_tree, descendants
from lvzhi.core.workdays import WorkdayCalendar

from .choices import ACTIVE_STATES, OPEN_STATES, RESOLVED_STATES, DueState, Satisfaction, State
from .models import Problem

# -- the committee system ---------------------------------------------------------------


def system_committee_ids(committee) -> set[int]:
    """The committee system (全市政协系统) a committee belongs to: its city and the counties.

    Walks up to the nearest city-level committee (or the top of the tree) and takes every
    committee below it.
    """
    rows = list(Committee.objects.values_list("id", "parent_id", "level"))
    parents = {cid: pid for cid, pid, _level in rows}
    levels = {cid: level for cid, _pid, level in rows}
    _parents, children = committee_tree()
    node = committee.pk
    root = node
    while node is not None:
        root = node
        if levels.get(node) == CommitteeLevel.CITY:
            break
        node = parents.get(node)
    return descendants([root], children)


def units_in_system(committee):
    """The active handling units a problem of `committee` may be assigned to."""
    return Department.objects.filter(
        committee_id__in=system_committee_ids(committee), is_active=True
    )


# -- deadlines ---------------------------------------------------------------------------


_SOON_CACHE: dict = {}


def due_soon_date(today: date | None = None, calendar=None) -> date:
    """A deadline on or before this date (and not past) is "due soon".

    Kept for a minute per day, so a list page computes it once, not once per row.
    """
    today = today or timezone.localdate()
    days = settings.PROBLEMS_DUE_SOON_WORKDAYS
    key = (today, days)
    cached = _SOON_CACHE.get(key)
    if calendar is None and cached and time.monotonic() - cached[1] < 60:
        return cached[0]
    soon = (calendar or WorkdayCalendar()).add_workdays(today, days)
    _SOON_CACHE.clear()
    _SOON_CACHE[key] = (soon, time.monotonic())
    return soon


def due_state(problem, today=None, soon=None) -> str:
    if problem.state in OPEN_STATES:
        if problem.deadline is None:
            return DueState.NONE
        today = today or timezone.localdate()
        if problem.deadline < today:
            return DueState.OVERDUE
        soon = soon or due_soon_date(today)
        return DueState.DUE_SOON if problem.deadline <= soon else DueState.ON_TIME
    if problem.answered_on_time is None:
        return DueState.NONE
    return DueState.ON_TIME if problem.answered_on_time else DueState.OVERDUE


def filter_due_state(queryset, value, today=None):
    """The list filter "deadline state": open problems by deadline, finished by outcome."""
    today = today or timezone.localdate()
    open_ = Q(state__in=OPEN_STATES)
    if value == DueState.OVERDUE:
        return queryset.filter(
            (open_ & Q(deadline__lt=today)) | (~open_ & Q(answered_on_time=False))
        )
    soon = due_soon_date(today)
    if value == DueState.DUE_SOON:
        return queryset.filter(open_, deadline__gte=today, deadline__lte=soon)
    if value == DueState.ON_TIME:
        return queryset.filter((open_ & Q(deadline__gt=soon)) | (~open_ & Q(answered_on_time=True)))
    if value == DueState.NONE:
        return queryset.filter(
            (open_ & Q(deadline__isnull=True)) | (~open_ & Q(answered_on_time__isnull=True))
        )
    return queryset


# -- people to tell ----------------------------------------------------------------------


def unit_users(department_ids):
    """The accounts acting for the given handling units."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.UNIT,
            role_assignments__department_id__in=list(department_ids),
        )
        .distinct()
    )


def office_users(committee):
    """Staff of the problem's committee and the committees above it."""
    parents, _children = committee_tree()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=[Role.STAFF],
            role_assignments__committee_id__in=ancestors([committee.pk], parents),
        )
        .distinct()
    )


def leaders_for(committee):
    """The leaders (班子成员) of the problem's committee; a county without any: the city's."""
    parents, _children = committee_tree()
    node = committee.pk
    while node is not None:
        ids = RoleAssignment.objects.filter(role=Role.LEADER, committee_id=node).values("user_id")
        users = get_user_model().objects.filter(is_active=True, pk__in=ids)
        if users.exists():
            return users
        node = parents.get(node)
    return get_user_model().objects.none()


def enterprise_users(problem):
    """Accounts that speak for the enterprise: the member running it, the raising member."""
    users = []
    member = problem.enterprise.member
    if member is not None and member.user_id:
        users.append(member.user)
    if problem.raised_by_id and problem.raised_by.user_id:
        users.append(problem.raised_by.user)
    return users


# -- duplicates --------------------------------------------------------------------------


def open_duplicates(*, user, enterprise, category, exclude_pk=None):
    """Unfinished problems of the same enterprise in the same category (the user sees)."""
    if enterprise is None or category is None:
        return Problem.objects.none()
    qs = Problem.objects.visible_to(user).filter(
        enterprise=enterprise, category=category, state__in=ACTIVE_STATES
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-registered_on", "-id")


# -- league tables -----------------------------------------------------------------------

LEAGUE_GROUPS = {
    "unit": ("lead_unit", "lead_unit__name"),
    "county": ("committee", "committee__name"),
    "industry": ("industry", "industry__name"),
}


def league_table(*, user, year: int, by: str = "unit", committee_ids=None, today=None):
    """Per handling unit (or county, or industry), for problems assigned in `year`:

    assigned, answered, answered on time, overdue now (open past deadline, or answered
    late), average working days to answer, confirmations, satisfaction rate (satisfied +
    basically satisfied among the confirmed). One aggregate query; rows sorted best first.
    """
    key, label = LEAGUE_GROUPS[by]
    today = today or timezone.localdate()
    qs = Problem.objects.visible_to(user).filter(
        assigned_on__gte=date(year, 1, 1), assigned_on__lte=date(year, 12, 31)
    )
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    confirmed = Q(satisfaction__in=Satisfaction.values)
    rows = (
        qs.values(key, label)
        .annotate(
            assigned=Count("id"),
            answered=Count("id", filter=Q(answered_on__isnull=False)),
            on_time=Count("id", filter=Q(answered_on_time=True)),
            overdue=Count(
                "id",
                filter=Q(state__in=OPEN_STATES, deadline__lt=today) | Q(answered_on_time=False),
            ),
            resolved=Count("id", filter=Q(state__in=RESOLVED_STATES)),
            avg_days=Avg("answer_workdays"),
            rated=Count("id", filter=confirmed),
            satisfied=Count(
                "id",
                filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY]),
            ),
        )
        .order_by(label)
    )
    out = []
    for r in rows:
        out.append(
            {
                "key": r[key],
                "name": r[label] or "—",
                "assigned": r["assigned"],
                "answered": r["answered"],
                "on_time": r["on_time"],
                "overdue": r["overdue"],
                "resolved": r["resolved"],
                "avg_days": round(r["avg_days"], 1) if r["avg_days"] is not None else None,
                "on_time_rate": _rate(r["on_time"], r["answered"]),
                "satisfaction_rate": _rate(r["satisfied"], r["rated"]),
            }
        )
    out.sort(key=lambda r: (-(r["on_time_rate"] or 0), -r["assigned"], r["name"]))
    return out


def _rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def resolved_count(*, user, year: int, committee_ids=None) -> int:
    """ "协调解决难题N个": problems of the year confirmed by their enterprise."""
    qs = Problem.objects.visible_to(user).filter(
        registered_on__year=year, state__in=RESOLVED_STATES
    )
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    return qs.count()


def state_counts(queryset) -> dict[str, int]:
    counts = dict(queryset.order_by().values_list("state").annotate(n=Count("id")))
    return {s: counts.get(s, 0) for s in State.values}
