"""`lvzhi backup [--output PATH]`: the database and the uploaded files in one archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lvzhi.core.backup import BackupError, backup
from lvzhi.core.management.progress import progress_for


class Command(BaseCommand):
    help = (
        "Write one .tar.gz holding the database (SQLite: online backup API; PostgreSQL: "
        "pg_dump --format=custom), the uploaded files under MEDIA_ROOT and a manifest with "
        "each table's row count and checksum. Safe while the app runs. Prints the archive's "
        "path on stdout, progress on stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=None,
            help="archive file, or a folder for a dated name (default: DATA_DIR/backups/)",
        )

    def handle(self, *args, output=None, verbosity=1, **options):
        output = output or f"{Path(settings.DATA_DIR) / 'backups'}/"
        try:
            path, manifest = backup(output, progress=progress_for(self, verbosity))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity:
            tables = manifest["tables"]
            self.stderr.write(
                _(
                    "Backed up %(tables)s tables (%(rows)s rows) and %(files)s uploaded files, "
                    "%(size).1f MB."
                )
                % {
                    "tables": len(tables),
                    "rows": sum(t["rows"] for t in tables.values()),
                    "files": manifest["media"]["files"],
                    "size": path.stat().st_size / 1e6,
                }
            )
        self.stdout.write(str(path))
