"""Deadline states of a problem: on time, due soon, overdue (for the list, the page, the API).

Kept apart from the selectors so the model can answer `due_state()` without importing them.
"""

import time
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from lvzhi.core.workdays import WorkdayCalendar

from .choices import OPEN_STATES, DueState

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
