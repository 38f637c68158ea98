"""Reads that span models: the units of the committee system, duplicates, league tables."""

from datetime import date

from django.db.models import Count
from django.utils import timezone

from lvzhi.core import committees
from lvzhi.core.league import LeagueFields
from lvzhi.core.league import league_table as core_league_table

from .choices import ACTIVE_STATES, OPEN_STATES, RESOLVED_STATES, Satisfaction, State
from .models import Problem

# -- the committee system ---------------------------------------------------------------


#: the active handling units a problem of a committee may be assigned to
units_in_system = committees.units_in_system


# -- people to tell ----------------------------------------------------------------------


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


#: the problem's columns in the league table (core.league)
LEAGUE_FIELDS = LeagueFields(
    answered_on="answered_on",
    on_time="answered_on_time",
    deadline="deadline",
    open_states=OPEN_STATES,
    resolved_states=RESOLVED_STATES,
    satisfaction="satisfaction",
    satisfied=(Satisfaction.SATISFIED, Satisfaction.BASICALLY),
    rated=tuple(Satisfaction.values),
    days="answer_workdays",
)


def league_table(*, user, year: int, by: str = "unit", committee_ids=None, today=None):
    """Per handling unit (or county, or industry), for problems assigned in `year`:

    assigned, answered, answered on time, overdue now (open past deadline, or answered
    late), average working days to answer, confirmations, satisfaction rate (satisfied +
    basically satisfied among the confirmed). One aggregate query; rows sorted best first.
    """
    key, label = LEAGUE_GROUPS[by]
    qs = Problem.objects.visible_to(user).filter(
        assigned_on__gte=date(year, 1, 1), assigned_on__lte=date(year, 12, 31)
    )
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    return core_league_table(
        qs, key=key, label=label, fields=LEAGUE_FIELDS, today=today or timezone.localdate()
    )


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
