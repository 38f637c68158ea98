"""`lvzhi tallies`: the figures' summary tables (core.tallies) — check or rebuild them."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lvzhi.core import tallies
from lvzhi.core.indicators import all_indicators


class Command(BaseCommand):
    help = (
        "Check the summary tables of the year's figures against a recount of the records "
        "(exit status 1 when a cell differs), or rebuild them. They are kept current by "
        "every write; a rebuild is only needed after records were written by hand in SQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "rebuild"])
        parser.add_argument("--indicator", action="append", help="Only this indicator (key).")

    def handle(self, *args, action, indicator=None, **options):
        inds = [i for i in all_indicators() if tallies.tallied(i)]
        if indicator:
            inds = [i for i in inds if i.key in indicator]
            if not inds:
                raise CommandError(_("No kept indicator has that key."))
        wrong = 0
        for ind in inds:
            if action == "rebuild":
                rows = tallies.rebuild(ind)
                self.stdout.write(f"{ind.key}: {rows:,}")
                continue
            cells = tallies.differences(ind)
            wrong += len(cells)
            for cell in cells[:20]:
                self.stdout.write(f"{ind.key}: {cell}")
        if action == "check":
            if wrong:
                raise CommandError(
                    _("%(n)s cells of the summary tables differ from a recount.") % {"n": wrong}
                )
            self.stdout.write(_("Every summary table equals a recount of its records."))
