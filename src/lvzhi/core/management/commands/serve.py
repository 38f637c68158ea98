"""`lvzhi serve`: the production start — migrate, collect static files, then gunicorn.

The process becomes gunicorn (exec), so a process manager (systemd) signals it directly:
SIGTERM stops it gracefully, SIGHUP restarts the workers (the application is loaded once
in the master, `--preload`: new code needs a restart).
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Migrate, collect static files and serve with gunicorn (the production start)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.SERVE_BIND, help="host:port or unix:PATH")
        parser.add_argument("--workers", type=int, default=settings.SERVE_WORKERS)
        parser.add_argument("--no-migrate", action="store_true", help="skip `migrate`")
        parser.add_argument("--no-collectstatic", action="store_true", help="skip `collectstatic`")

    def handle(self, *args, bind, workers, no_migrate, no_collectstatic, **options):
        if settings.DEBUG:
            raise CommandError(
                "DEBUG is on: `lvzhi serve` is the production start. Use `make run` to develop."
            )
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=1)
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=1)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "lvzhi.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--timeout",
            str(settings.SERVE_TIMEOUT),
            "--graceful-timeout",
            "30",
            # Load the application (and the word dictionary, see lvzhi.wsgi) once in the
            # master: workers start warm and share it. A code upgrade needs a restart.
            "--preload",
            # Recycle workers now and then so no slow leak grows without bound.
            "--max-requests",
            "2000",
            "--max-requests-jitter",
            "200",
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
        ]
        self.stdout.write(f"Serving on {bind} with {workers} workers.")
        self.stdout.flush()
        sys.stderr.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
        os.execv(sys.executable, argv)
