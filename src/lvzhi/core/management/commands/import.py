"""`lvzhi import <kind> <file>`: the same all-or-nothing import as the web page."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lvzhi.core.importers import IMPORTERS, ImportFileError, report_workbook
from lvzhi.core.services import system_user

#: Errors and warnings printed; the rest are in the --report workbook.
SHOWN = 50


class ProgressBar:
    """One tqdm bar across both phases: "checking" then "saving" (progress contract)."""

    def __init__(self, kind, disable):
        self.kind, self.disable, self.bar, self.phase = kind, disable, None, None

    def __call__(self, phase: str, done: int, total: int | None):
        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(
                desc=f"{phase} {self.kind}", total=total, unit=" rows", disable=self.disable
            )
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()


class Command(BaseCommand):
    help = "Import members, enterprises, villages or departments from an .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--actor", help="username the changes are attributed to (default: system)"
        )
        parser.add_argument(
            "--report", type=Path, help="write every error and warning to this .xlsx"
        )
        parser.add_argument(
            "--row-by-row",
            action="store_true",
            help="save each row through the services one by one (slow; the reference path)",
        )

    def handle(self, *args, kind, file, actor=None, report=None, row_by_row=False, **options):
        if actor:
            try:
                user = get_user_model().objects.get(username=actor)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {actor!r}.") from None
        else:
            user = system_user()
        if not file.exists():
            raise CommandError(f"{file}: no such file.")
        importer = IMPORTERS[kind](user, bulk=not row_by_row)
        bar = ProgressBar(kind, disable=options["verbosity"] == 0)
        with file.open("rb") as fh:
            try:
                result = importer.run(fh, name=file.name, size=file.stat().st_size, progress=bar)
            except ImportFileError as exc:
                raise CommandError(str(exc.message)) from None
            finally:
                bar.close()
        if report and (result.errors or result.warnings):
            report_workbook(result).save(report)
        for warning in result.warnings[:SHOWN]:
            self.stderr.write(self.style.WARNING(str(warning)))
        if len(result.warnings) > SHOWN:
            self.stderr.write(f"… {len(result.warnings) - SHOWN} more warning(s).")
        if not result.ok:
            for error in result.errors[:SHOWN]:
                self.stderr.write(str(error))
            if len(result.errors) > SHOWN:
                self.stderr.write(f"… {len(result.errors) - SHOWN} more error(s).")
            raise CommandError(f"{len(result.errors)} error(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"Imported {result.created} {kind}."))
