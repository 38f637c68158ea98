"""`lvzhi import <kind> <file>`: the same all-or-nothing import as the web page."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lvzhi.core.importers import IMPORTERS, ImportFileError
from lvzhi.core.services import system_user


class Command(BaseCommand):
    help = "Import members, enterprises, villages or departments from an .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--actor", help="username the changes are attributed to (default: system)"
        )

    def handle(self, *args, kind, file, actor=None, **options):
        if actor:
            try:
                user = get_user_model().objects.get(username=actor)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {actor!r}.") from None
        else:
            user = system_user()
        if not file.exists():
            raise CommandError(f"{file}: no such file.")
        importer = IMPORTERS[kind](user)
        with (
            file.open("rb") as fh,
            tqdm(desc=f"checking {kind}", unit=" rows", disable=options["verbosity"] == 0) as bar,
        ):
            try:
                result = importer.run(
                    fh, name=file.name, size=file.stat().st_size, progress=bar.update
                )
            except ImportFileError as exc:
                raise CommandError(str(exc.message)) from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} error(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"Imported {result.created} {kind}."))
