"""The demo's history tells its people when each step happened, and leaves the bell readable."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lvzhi.core.demo import calendar
from lvzhi.core.demo.loader import DEMO_UNREAD
from lvzhi.core.models import Notification
from lvzhi.core.notifications import unread_count
from lvzhi.problems.models import ProblemTransition
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db


def test_demo_notifications_are_dated_at_their_step_and_mostly_read():
    with demo_pillars("problems", living=True):  # the living year's steps are dated too
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    notes = Notification.objects.filter(target_type="problems.problem")
    assert notes.count() > 500  # one per step and person told: the history is there
    steps = set(ProblemTransition.objects.values_list("problem_id", "at"))
    undated = [n for n in notes if (n.target_id, n.created_at) not in steps]
    assert undated == []
    living = calendar.living()
    # 2024, the settling of its open cases early in 2025, and the living year
    assert {n.created_at.year for n in notes} == ({2024, 2025, living.year} if living else {2024})
    staff = get_user_model().objects.get(username="demo-staff")
    assert 0 < unread_count(staff) <= DEMO_UNREAD
    for user in get_user_model().objects.filter(notifications__isnull=False).distinct():
        assert unread_count(user) <= DEMO_UNREAD
    # what stays unread is the newest of the year
    newest = notes.filter(recipient=staff).order_by("-created_at")[0]
    assert staff.notifications.filter(read_at__isnull=True, created_at=newest.created_at).exists()
