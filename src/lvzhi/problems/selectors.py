"""Reads that span models: the units of the committee system, duplicates, league tables."""

from datetime import date

from django.db import models
from django.db.models import Count
from django.utils import timezone

from lvzhi.core import committees
from lvzhi.core.league import LeagueFields
from lvzhi.core.league import league_table as core_league_table

from .choices import ACTIVE_STATES, OPEN_STATES, RESOLVED_STATES, Satisfaction, State
from .models import Problem

# -- the committee system ---------------------------------------------------------------


#: the active handling units a problem of a committee may be assigned to
units_at_hand = committees.units_at_hand


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


# -- the member's share: points (core.points) and the duty record (core.duty) ---------------


def _seats(member_ids):
    """person id -> the member seats (of `member_ids`) that person holds."""
    from collections import defaultdict

    from lvzhi.core.models import Member

    seats = defaultdict(list)
    for pk, person_id in Member.objects.filter(pk__in=member_ids).values_list("pk", "person_id"):
        seats[person_id].append(pk)
    return seats


def resolved_events(member_ids, year):
    """协调解决难题: a closed problem earns its points for the member who raised it (反映 and
    followed it to the enterprise's confirmation), dated the day it was resolved."""
    from lvzhi.core.points import ExternalEvent

    seats = _seats(member_ids)
    rows = (
        Problem.objects.filter(
            state=State.CLOSED,
            raised_by__in=list(seats),
            resolved_on__year=year,
        )
        .values_list("pk", "raised_by_id", "resolved_on", "title")
        .order_by("resolved_on", "pk")
    )
    for pk, person_id, resolved_on, title in rows:
        for member_id in seats[person_id]:
            yield ExternalEvent(
                member_id=member_id,
                date=resolved_on,
                label=f"#{pk} {title}",
                url=f"{_problem_url(pk)}",
            )


def duty_entries(member, year):
    """The problems the member raised in `year`, with where each stands."""
    from lvzhi.core.duty import DutyEntry

    problems = Problem.objects.filter(
        raised_by_id=member.person_id, registered_on__year=year
    ).order_by("registered_on", "pk")
    return [
        DutyEntry(
            p.registered_on,
            str(p),
            p.get_absolute_url(),
            str(p.category_label),
            p.get_state_display(),
        )
        for p in problems.annotate(category_label=models.F("category__name"))
    ]


def _problem_url(pk):
    from django.urls import reverse

    return reverse("problems:problem", args=[pk])
