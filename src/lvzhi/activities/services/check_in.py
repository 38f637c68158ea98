"""扫码签到 — members check in at the venue by scanning the activity's code.

The code is a URL with a signed token naming the activity and its dates: a forged or altered
token fails the signature, and it is accepted only within the activity's days (a code
printed before the activity was moved to other days no longer matches them). A member
checks in for themselves only: the signed-in member must be on the activity's roll; the
first scan records them as present with the time, a second one changes nothing.
"""

import datetime

from django.core import signing
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lvzhi.activities.choices import Attendance
from lvzhi.activities.models import Activity, Participation
from lvzhi.core.errors import DomainError

SALT = "lvzhi.activities.check-in"


class CheckInRefused(DomainError):
    """A scan that records nothing; `reason` says which rule refused it."""

    status_code = 400

    def __init__(self, message, *, reason, status_code=400):
        super().__init__(message)
        self.reason = reason
        self.status_code = status_code


def check_in_token(activity) -> str:
    """The signed token of an activity's check-in code (its id and days)."""
    return signing.dumps(
        {"a": activity.pk, "d": [activity.start_date.isoformat(), activity.last_day.isoformat()]},
        salt=SALT,
    )


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def activity_of_token(*, user, token: str) -> Activity:
    """The activity a scanned code names, if the code is genuine, still valid and for a
    member on its roll; otherwise CheckInRefused with a message for the member."""
    try:
        data = signing.loads(token or "", salt=SALT)
        pk, days = int(data["a"]), list(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise CheckInRefused(
            _("This check-in code is not valid. Scan the code shown at the venue again."),
            reason="forged",
        ) from None
    activity = Activity.objects.visible_to(user).filter(pk=pk).first()
    if activity is None or not _on_roll(user, activity).exists():
        raise CheckInRefused(
            _("You are not on the roll of this activity: ask the staff at the venue."),
            reason="not_invited",
            status_code=403,
        )
    today = timezone.localdate()
    if days != [activity.start_date.isoformat(), activity.last_day.isoformat()]:
        raise CheckInRefused(
            _("This check-in code is out of date: the activity was moved. Scan the new code."),
            reason="expired",
        )
    if today > activity.last_day:
        raise CheckInRefused(
            _("This check-in code has expired: the activity ended on %(date)s.")
            % {"date": _day(activity.last_day)},
            reason="expired",
        )
    if today < activity.start_date:
        raise CheckInRefused(
            _("Check-in opens on the day of the activity, %(date)s.")
            % {"date": _day(activity.start_date)},
            reason="not_yet",
        )
    return activity


def _on_roll(user, activity):
    return Participation.objects.filter(activity=activity, member__person__user=user)


@transaction.atomic
def participation_check_in(*, actor, token: str) -> Participation:
    """Record the scanning member as present (出席) with the time; once.

    The member may not edit their participation otherwise, so this is its own write
    rather than `record_save` (which would refuse them): the row is locked, changed in
    the two fields a check-in sets, and kept in history with the member as its author.
    """
    activity = activity_of_token(user=actor, token=token)
    rows = list(
        _on_roll(actor, activity).select_for_update(of=("self",)).order_by("pk")
    )  # two memberships of one person may both be listed
    done = [r for r in rows if r.checked_in_at is not None]
    if done:
        raise CheckInRefused(
            _("You have already checked in, at %(time)s. Nothing was changed.")
            % {"time": formats.time_format(timezone.localtime(done[0].checked_in_at))},
            reason="again",
        )
    now = timezone.now()
    for row in rows:
        row.attendance = Attendance.ATTENDED
        row.checked_in_at = now
        row.version += 1
        row._history_user = actor
        row._change_reason = "check-in"
        row.save(update_fields=["attendance", "checked_in_at", "version", "updated_at"])
    return rows[0]
