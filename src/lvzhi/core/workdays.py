"""China's working-day calendar: statutory holidays and adjusted working weekends (调休).

Deadlines of problems and proposals are counted in working days. The schedule of past
years comes from the maintained `chinese_calendar` package; the State Council publishes
the next year's schedule each autumn, and an administrator enters it in the admin as
`WorkdayOverride` rows until the package catches up. An override always wins; a year
neither source knows falls back to Monday–Friday.

    add_workdays(date(2024, 9, 30), 1)     -> 2024-10-08 (国庆 1–7 October)
    workdays_between(date(2024, 9, 30), date(2024, 10, 8))  -> 1

A `WorkdayCalendar` holds the overrides once, for passes over many rows; the module
functions build a fresh one per call (a single small query).
"""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=8192)
def _package_says(day: date) -> bool | None:
    """Working day per chinese_calendar; None for a year the package does not cover."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


class WorkdayCalendar:
    """Working-day arithmetic over one snapshot of the override table."""

    def __init__(self, overrides: dict[date, bool] | None = None):
        if overrides is None:
            from lvzhi.core.models import WorkdayOverride

            overrides = dict(WorkdayOverride.objects.values_list("date", "is_workday"))
        self.overrides = overrides

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        known = _package_says(day)
        return day.weekday() < 5 if known is None else known

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (n > 0), or before it (n < 0); n = 0: start."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: 0 for the same day; negative when end < start."""
        if end < start:
            return -self.workdays_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count

    def cutoff(self, today: date, n: int) -> date:
        """The latest date d with at least n working days in (d, today].

        "Still overdue after n working days": a deadline on or before the cutoff.
        """
        day, counted = today, 0
        while counted < n:
            if self.is_workday(day):
                counted += 1
            day -= ONE_DAY
        return day


def is_workday(day: date) -> bool:
    return WorkdayCalendar().is_workday(day)


def add_workdays(start: date, n: int) -> date:
    return WorkdayCalendar().add_workdays(start, n)


def workdays_between(start: date, end: date) -> int:
    return WorkdayCalendar().workdays_between(start, end)


def add_months(start: date, n: int) -> date:
    """The same day `n` calendar months later (the month's last day where it is shorter):
    deadlines that rules set in months (a proposal's reply within 3 months)."""
    import calendar

    month = start.month - 1 + n
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
