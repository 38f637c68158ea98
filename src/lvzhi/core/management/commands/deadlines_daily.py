"""`lvzhi deadlines_daily`: the daily deadline pass of every workflow (催办, 领导督办)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lvzhi.core.deadlines import daily_pass


class Command(BaseCommand):
    help = (
        "Send reminders for records past their deadline (enterprise problems …) and escalate "
        "those overdue for the workflow's working days (PROBLEMS_ESCALATE_AFTER_WORKDAYS) to "
        "a leader. Safe to run more than once a day: each reminder and escalation is sent "
        "once. Run it daily (cron / systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = _parse(date)
            except ValueError as exc:
                raise CommandError(_("Not a date: %(value)s") % {"value": date}) from exc
        counts = daily_pass(today=today)
        self.stdout.write(
            _(
                "Reminders sent: %(reminded)s; escalated to leaders: %(escalated)s; "
                "steps taken when time ran out: %(lapsed)s."
            )
            % counts
        )


def _parse(value):
    return date.fromisoformat(value)
