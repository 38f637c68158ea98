"""`lvzhi demo`: load the 来宾市 demo system (committees, people, firms, villages, logins)."""

import sys
import time
import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from tqdm import tqdm

from lvzhi.core.demo.loader import (
    demo_actor,
    demo_logins,
    demo_users_present,
    load_demo,
    non_demo_data,
    reset_demo,
)
from lvzhi.core.demo.scale import build_scale, expected_rows
from lvzhi.core.models import Committee


class Command(BaseCommand):
    help = (
        "Load the demo data of the 来宾市 committee system and one demo login per role "
        "(password “demo”). Refuses to touch a database that holds non-demo data unless "
        "--force is given. Loading twice adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every core record, its history and the demo users first, then load.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database has no committee yet; otherwise say so and stop.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds non-demo data (with --reset: delete it).",
        )
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="Then add a system at scale: the city and N counties (the demo's six first, "
            "then generated ones), each with 150 members, 430 enterprises, 4,300 activities, "
            "43,000 participations, 28,500 problems … (N=6: about a million rows), in bulk.",
        )
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="With --scale: multiply every per-committee figure (e.g. 0.1).",
        )

    def handle(
        self,
        *args,
        reset=False,
        if_empty=False,
        force=False,
        scale=None,
        fraction=1.0,
        verbosity=1,
        **options,
    ):
        if scale is not None and (scale < 1 or not 0 < fraction <= 10):
            raise CommandError(_("--scale needs at least 1 county and --fraction 0 to 10."))
        if if_empty and Committee.objects.exists():
            self.stdout.write(_("Demo data skipped: the database already holds committees."))
            if demo_users_present():
                self.print_logins()
            return

        problem = non_demo_data()
        if problem and not force:
            message = _(
                "This database holds non-demo data (%(reason)s). The demo data is meant for an "
                "empty database; use --force to load it anyway."
            ) % {"reason": problem}
            if if_empty:
                self.stdout.write(_("Demo data skipped: %(message)s") % {"message": message})
                return
            raise CommandError(message)

        def progress(total):
            return tqdm(
                total=total,
                desc=_("Loading demo data"),
                unit=_("records"),
                file=sys.stderr,
                disable=None if verbosity else True,  # None: only on a terminal
                leave=False,
            )

        started = time.monotonic()
        # One transaction: a failed load leaves the database as it was, reset or not.
        with transaction.atomic():
            if reset:
                try:
                    deleted = reset_demo()
                except ProtectedError as exc:
                    raise CommandError(
                        _("--reset cannot delete the core records: %(error)s") % {"error": exc}
                    ) from exc
                if verbosity:
                    summary = "，".join(f"{name} {n}" for name, n in deleted.items() if n)
                    self.stdout.write(_("Deleted: %(summary)s") % {"summary": summary or "—"})
            loader = load_demo(progress_factory=progress)
        elapsed = time.monotonic() - started

        if verbosity:
            for model in loader.models:
                created, existing = loader.created[model], loader.existing[model]
                line = f"  {model._meta.verbose_name_plural}: +{created}"
                if existing:
                    line += " " + _("(%(n)s already present)") % {"n": existing}
                self.stdout.write(line)
        total_created = sum(loader.created.values())
        if total_created:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo data loaded: %(n)s records in %(s).1f s.")
                    % {"n": total_created, "s": elapsed}
                )
            )
        else:
            self.stdout.write(
                _("Demo data already present: nothing added (use --reset to load it afresh).")
            )
        if scale is not None:
            self.load_scale(scale, fraction, progress(expected_rows(scale, fraction)), verbosity)
        self.print_logins()

    def load_scale(self, counties, fraction, progress, verbosity):
        started = time.monotonic()
        with progress:
            counts = build_scale(
                actor=demo_actor(), counties=counties, fraction=fraction, progress=progress
            )
        if verbosity:
            for model, n in counts.items():
                self.stdout.write(f"  {model._meta.verbose_name_plural}: +{n:,}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Scale data loaded: %(n)s rows in %(s).1f s.")
                % {"n": f"{sum(counts.values()):,}", "s": time.monotonic() - started}
            )
        )

    def print_logins(self):
        headers = [_("Username"), _("Password"), _("role"), _("Committee"), _("name")]
        headers = [h[:1].upper() + h[1:] for h in headers]
        rows = [
            [
                row["username"],
                row["password"],
                str(row["role_label"]),
                row["committee"],
                row["name"],
            ]
            for row in demo_logins()
        ]
        widths = [
            max(_width(str(cell)) for cell in col) for col in zip(headers, *rows, strict=True)
        ]

        def line(cells):
            return "  ".join(_pad(str(c), w) for c, w in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo logins (password “demo”):")))
        self.stdout.write(line(headers))
        self.stdout.write("  ".join("-" * w for w in widths))
        for row in rows:
            self.stdout.write(line(row))


def _width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
