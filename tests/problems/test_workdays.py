"""Working-day arithmetic across China's holidays and adjusted working weekends (调休)."""

from datetime import date

import pytest

from lvzhi.core.models import WorkdayOverride
from lvzhi.core.workdays import WorkdayCalendar, add_workdays, is_workday, workdays_between
from lvzhi.problems import services

pytestmark = pytest.mark.django_db


def test_national_day_week_is_skipped():
    # 国庆 2024: 1–7 October off; Monday 30 September is a working day.
    assert add_workdays(date(2024, 9, 30), 1) == date(2024, 10, 8)
    assert workdays_between(date(2024, 9, 30), date(2024, 10, 8)) == 1
    assert not is_workday(date(2024, 10, 3))


def test_adjusted_working_weekend_counts():
    # 调休: Sunday 29 September and Saturday 12 October 2024 are working days.
    assert is_workday(date(2024, 9, 29))
    assert add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert workdays_between(date(2024, 10, 8), date(2024, 10, 14)) == 5  # 9,10,11,12(Sat),14


def test_negative_and_reverse_counts():
    assert add_workdays(date(2024, 10, 8), -1) == date(2024, 9, 30)
    assert workdays_between(date(2024, 10, 8), date(2024, 9, 30)) == -1
    assert workdays_between(date(2024, 10, 8), date(2024, 10, 8)) == 0


def test_override_table_wins_for_a_year_the_package_does_not_know():
    sunday = date(2030, 9, 29)
    assert sunday.weekday() == 6
    assert not is_workday(sunday)  # unknown year: Monday–Friday
    WorkdayOverride.objects.create(date=sunday, is_workday=True, name="国庆调休")
    WorkdayOverride.objects.create(date=date(2030, 10, 1), is_workday=False, name="国庆节")
    calendar = WorkdayCalendar()
    assert calendar.is_workday(sunday)
    assert not calendar.is_workday(date(2030, 10, 1))
    assert calendar.add_workdays(date(2030, 9, 27), 2) == date(2030, 9, 30)


def test_cutoff_for_escalation():
    calendar = WorkdayCalendar()
    # On Tuesday 8 October 2024, 3 working days back reach over the holiday: (27 Sep, 8 Oct]
    # holds 29 Sep, 30 Sep and 8 Oct.
    assert calendar.cutoff(date(2024, 10, 8), 3) == date(2024, 9, 28)


def test_deadline_of_an_assignment_counts_working_days(pb):
    # Assigned on Friday 27 September 2024, critical (3 working days): 29 Sep, 30 Sep, 8 Oct.
    problem = pb.new(urgency="critical")
    problem = services.problem_assign(
        actor=pb.s.bob, problem=problem, lead_unit=pb.unit, on=date(2024, 9, 27)
    )
    assert problem.deadline == date(2024, 10, 8)
    normal = pb.new()
    normal = services.problem_assign(
        actor=pb.s.bob, problem=normal, lead_unit=pb.unit, on=date(2024, 9, 27)
    )
    # 15 working days: 29, 30 Sep, 8–12 Oct (5), 14–18 (5), 21, 22, 23 → 23 October
    assert normal.deadline == date(2024, 10, 23)
