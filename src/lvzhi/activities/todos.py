"""What waits for each role among the duty activities, for the home page (core.home)."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.home import ACTION, NOTICE, Todo
from lvzhi.core.visibility import scope_for

from .choices import Attendance
from .models import Activity, Participation


def activity_todos(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    today = timezone.localdate()
    week = today + datetime.timedelta(days=7)
    out = []
    if scope.member_of:
        coming = Q(attendance=Attendance.INVITED, activity__start_date__gte=today)
        c = (
            Participation.objects.filter(member__person__user=user)
            .order_by()
            .aggregate(
                invited=Count("pk", filter=coming),
                this_week=Count("pk", filter=coming & Q(activity__start_date__lt=week)),
                first=Min("activity__start_date", filter=coming),
                this_year=Count(
                    "pk",
                    filter=Q(
                        attendance=Attendance.ATTENDED,
                        activity__start_date__year=today.year,
                    ),
                ),
            )
        )
        out.append(
            Todo(
                _("Invitations to coming activities"),
                c["invited"],
                reverse("activities:calendar"),
                ACTION,
                "envelope-open",
                c["first"],
            )
        )
        out.append(
            Todo(
                _("Your activities this year: your duty record and score"),
                c["this_year"],
                reverse("activities:my_record"),
                NOTICE,
                "journal-text",
            )
        )
    if scope.readable:
        today_count = (
            Activity.objects.visible_to(user)
            .filter(committee_id__in=scope.readable, start_date=today)
            .order_by()
            .count()
        )
        query = urlencode({"date_from": today.isoformat(), "date_to": today.isoformat()})
        out.append(
            Todo(
                _("Activities today"),
                today_count,
                f"{reverse('activities:activity_list')}?{query}",
                NOTICE,
                "calendar-event",
            )
        )
    return out
