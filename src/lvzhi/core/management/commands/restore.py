"""`lvzhi restore ARCHIVE [--force]`: put a `lvzhi backup` archive back, then verify it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lvzhi.core.backup import BackupError, restore
from lvzhi.core.management.progress import progress_for


class Command(BaseCommand):
    help = (
        "Replace the configured database and MEDIA_ROOT with a `lvzhi backup` archive, then "
        "check every table's row count and checksum against the archive's manifest. Refuses "
        "a database that holds users or committees unless --force, an archive of the other "
        "database engine, and one made by a newer lvzhi. Stop the app and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="overwrite a database that holds data"
        )

    def handle(self, *args, archive, force=False, verbosity=1, **options):
        if not archive.is_file():
            raise CommandError(_("%(path)s: no such file.") % {"path": archive})
        try:
            report = restore(archive, force=force, progress=progress_for(self, verbosity))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.mismatches:
            for line in report.mismatches:
                self.stderr.write(line)
            raise CommandError(
                _(
                    "Restored, but %(n)s of %(tables)s tables do not match the archive's "
                    "manifest (listed above)."
                )
                % {"n": len(report.mismatches), "tables": report.tables}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored and verified: %(tables)s tables, %(rows)s rows, row counts and "
                    "checksums as in the archive; %(files)s uploaded files."
                )
                % {"tables": report.tables, "rows": report.rows, "files": report.media_files}
            )
        )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "The archive is older than this code: run `lvzhi migrate` to apply "
                        "%(n)s migrations (%(names)s)."
                    )
                    % {
                        "n": len(report.pending_migrations),
                        "names": ", ".join(report.pending_migrations[:5]),
                    }
                )
            )
