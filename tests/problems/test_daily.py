"""The daily pass: reminder the day after the deadline, escalation after N working days."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from lvzhi.core.deadlines import daily_pass
from lvzhi.core.models import Notification
from lvzhi.problems import services
from lvzhi.problems.models import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(pb, settings):
    settings.PROBLEMS_ESCALATE_AFTER_WORKDAYS = 3
    # Assigned Friday 27 Sep 2024, critical: deadline Tuesday 8 Oct (over 国庆).
    problem = pb.new(urgency="critical")
    problem = services.problem_assign(
        actor=pb.s.bob,
        problem=problem,
        lead_unit=pb.unit,
        co_units=[pb.co_unit],
        on=date(2024, 9, 27),
    )
    assert problem.deadline == date(2024, 10, 8)
    return problem


def test_nothing_on_the_deadline_day(overdue):
    assert daily_pass(today=date(2024, 10, 8)) == {"reminded": 0, "escalated": 0, "lapsed": 0}


def test_reminder_the_day_after_then_escalation_after_three_working_days(pb, overdue):
    assert daily_pass(today=date(2024, 10, 9)) == {"reminded": 1, "escalated": 0, "lapsed": 0}
    notes = Notification.objects.filter(verb="problems.remind")
    assert set(notes.values_list("recipient__username", flat=True)) == {"dave", "cody"}
    # Working days after the deadline: 9, 10, 11 Oct → escalated on Friday 11 October.
    assert daily_pass(today=date(2024, 10, 10)) == {"reminded": 0, "escalated": 0, "lapsed": 0}
    assert daily_pass(today=date(2024, 10, 11)) == {"reminded": 0, "escalated": 1, "lapsed": 0}
    problem = Problem.objects.get(pk=overdue.pk)
    assert problem.reminded_on == date(2024, 10, 9)
    assert problem.escalated_on == date(2024, 10, 11)
    # The city leader (no county leader exists) is told; the problem is flagged.
    assert Notification.objects.filter(verb="problems.escalate", recipient=pb.s.erin).exists()
    actions = list(problem.transitions.values_list("action", flat=True))
    assert [a for a in actions if a in ("remind", "escalate")] == ["remind", "escalate"]
    assert problem.history.filter(history_user__username="system").count() == 2


def test_adjusted_saturday_counts_towards_escalation(pb, overdue, settings):
    settings.PROBLEMS_ESCALATE_AFTER_WORKDAYS = 4
    # 9, 10, 11 Oct and Saturday 12 Oct (调休) are four working days.
    assert daily_pass(today=date(2024, 10, 12))["escalated"] == 1


def test_running_twice_the_same_day_does_everything_once(pb, overdue):
    first = daily_pass(today=date(2024, 10, 14))
    assert first == {"reminded": 1, "escalated": 1, "lapsed": 0}
    counts = (Notification.objects.count(), overdue.transitions.count())
    assert daily_pass(today=date(2024, 10, 14)) == {"reminded": 0, "escalated": 0, "lapsed": 0}
    assert (Notification.objects.count(), overdue.transitions.count()) == counts


def test_answered_problems_are_left_alone(pb, overdue):
    services.problem_answer(actor=pb.s.dave, problem=overdue, solution="已办结")
    assert daily_pass(today=date(2024, 10, 14)) == {"reminded": 0, "escalated": 0, "lapsed": 0}


def test_extension_clears_the_marks(pb, overdue):
    daily_pass(today=date(2024, 10, 14))
    request = services.problem_request_extension(
        actor=pb.s.dave, problem=overdue, requested_deadline=date(2024, 10, 31), reason="需审批"
    )
    services.problem_approve_extension(actor=pb.s.bob, request=request)
    problem = Problem.objects.get(pk=overdue.pk)
    assert problem.reminded_on is None and problem.escalated_on is None
    assert daily_pass(today=date(2024, 11, 1)) == {"reminded": 1, "escalated": 0, "lapsed": 0}


def test_command(pb, overdue):
    out = StringIO()
    call_command("deadlines_daily", "--date", "2024-10-14", stdout=out)
    call_command("deadlines_daily", "--date", "2024-10-14", stdout=out)
    assert Problem.objects.get(pk=overdue.pk).escalated_on == date(2024, 10, 14)
    assert Notification.objects.filter(verb="problems.escalate").count() == 1


def test_reminded_and_escalated_the_same_day_is_one_history_entry_and_two_steps(pb, overdue):
    history = overdue.history.count()
    assert daily_pass(today=date(2024, 10, 14)) == {"reminded": 1, "escalated": 1, "lapsed": 0}
    problem = Problem.objects.get(pk=overdue.pk)
    assert problem.history.count() == history + 1
    entry = problem.history.order_by("-history_id").first()
    assert (entry.reminded_on, entry.escalated_on) == (date(2024, 10, 14), date(2024, 10, 14))
    assert entry.history_user.username == "system" and entry.history_type == "~"
    actions = problem.transitions.values_list("action", flat=True)
    assert [a for a in actions if a in ("remind", "escalate")] == ["remind", "escalate"]
    assert set(
        Notification.objects.filter(verb="problems.remind").values_list(
            "recipient__username", flat=True
        )
    ) == {"dave", "cody"}
    assert Notification.objects.filter(verb="problems.escalate", recipient=pb.s.erin).exists()
