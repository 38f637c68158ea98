"""Background jobs: imports and large exports run by the worker (`lvzhi db_worker`).

The queue is django-tasks with its database backend, so jobs wait in the same database as
the records (SQLite for `make run`, PostgreSQL in production) and need no other service.
A `Job` row is what the user sees: `job_start` records it and enqueues `core.tasks.run_job`
in one transaction; the worker calls `job_run`, which hands the job to the handler of its
kind with a `Progress` callback and stores the result. Handlers register with `register()`.
"""

import logging
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lvzhi.core.excel import table_rows, write_workbook
from lvzhi.core.importers import ImportFileError, report_workbook
from lvzhi.core.models import Job, JobStatus
from lvzhi.core.visibility import scope_for

logger = logging.getLogger(__name__)

#: row errors kept on the job page; the error workbook, where the importer gives one, has all
ERRORS_SHOWN = 200

HANDLERS: dict[str, Callable] = {}


def register(kind: str):
    """Decorator: `handler(job, progress) -> result dict` runs jobs of this kind."""

    def wrap(handler):
        HANDLERS[kind] = handler
        return handler

    return wrap


def job_files() -> FileSystemStorage:
    """Where job files live: not under MEDIA_ROOT, so only the job's download view serves them."""
    return FileSystemStorage(location=settings.JOB_FILES_DIR)


def job_start(*, actor, kind: str, title: str, params: dict, upload=None) -> Job:
    """Record a job for `actor` and put it on the queue; `upload` is kept for the worker."""
    from lvzhi.core.tasks import run_job

    scope = scope_for(actor)
    params = {"language": translation.get_language() or settings.LANGUAGE_CODE, **params}
    input_file = ""
    if upload is not None:
        input_file = job_files().save(f"in/{uuid.uuid4().hex}.xlsx", upload)
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title[:200],
            actor=actor,
            committee_id=scope.home_committee_id,
            params=params,
            input_file=input_file,
        )
        # The task row commits with the job row: the worker never sees one without the other.
        job.task_id = str(run_job.enqueue(job.pk).id)
        job.save(update_fields=["task_id"])
    return job


def job_run(job_id: int) -> str:
    """Run one job in the worker; the job row ends as succeeded or failed, never running."""
    jobs_fail_stale()
    job = Job.objects.select_related("actor").get(pk=job_id)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now)
    progress = Progress(job)
    try:
        with (
            Heartbeat(job.pk),
            translation.override(job.params.get("language") or settings.LANGUAGE_CODE),
        ):
            result = HANDLERS[job.kind](job, progress)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            message = _("The job stopped on an unexpected error; nothing was saved.")
        _finish(job, progress, JobStatus.FAILED, {"message": message})
        raise
    finally:
        if job.input_file:
            job_files().delete(job.input_file)
    failed = bool(result.get("errors") or result.get("message"))
    _finish(job, progress, JobStatus.FAILED if failed else JobStatus.SUCCEEDED, result)
    return job.status


def jobs_fail_stale() -> int:
    """Mark failed the running jobs whose worker stopped (killed, machine restarted).

    Their heartbeat is older than JOB_STALE_SECONDS; their work rolled back with the
    worker's transaction. Called as the worker takes a job and as a job page is shown.
    """
    limit = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)
    stale = Job.objects.filter(status=JobStatus.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit)
    )
    count = 0
    for job in stale:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            message = _(
                "The worker running this job stopped before it finished; nothing was saved. "
                "Start the job again."
            )
        # Only if it is still running and stale: the worker may have finished meanwhile.
        count += stale.filter(pk=job.pk).update(
            status=JobStatus.FAILED, result={"message": message}, finished_at=timezone.now()
        )
        if job.input_file:
            job_files().delete(job.input_file)
    return count


class Heartbeat:
    """While a job runs, a thread records `heartbeat_at` every JOB_HEARTBEAT_SECONDS, on a
    connection of its own (outside the work's transaction), until the work ends."""

    def __init__(self, job_id: int, interval: float | None = None):
        self.job_id = job_id
        self.interval = settings.JOB_HEARTBEAT_SECONDS if interval is None else interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self):
        while not self._stop.wait(self.interval):
            _write_aside(self.job_id, {"heartbeat_at": timezone.now()})

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _finish(job, progress, status, result):
    progress.flush()
    job.status = status
    job.result = result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "output_file", "output_name", "finished_at"])


class Progress:
    """The progress callback a job hands to its work: `progress(phase, done, total)`.

    Writes are throttled (at most one every `interval` seconds, and on each change of phase).
    While the work holds its own all-or-nothing transaction, a write on the same connection
    would stay invisible until the end, so it goes through a connection of its own instead;
    SQLite has one writer, the import itself, so there the page shows the last count until
    the transaction commits.
    """

    def __init__(self, job, interval: float = 0.5):
        self.job_id = job.pk
        self.interval = interval
        self.phase, self.done, self.total = "", 0, None
        self._written = None
        self._last = 0.0
        self._depth = len(connection.atomic_blocks)

    def __call__(self, phase, done=0, total=None):
        self.done, self.total = done, total
        changed = phase != self.phase
        self.phase = phase
        if changed or time.monotonic() - self._last >= self.interval:
            self.flush()

    def flush(self):
        state = (self.phase, self.done, self.total)
        if state == self._written:
            return
        self._last = time.monotonic()
        fields = {"phase": self.phase, "done": self.done, "total": self.total}
        fields["heartbeat_at"] = timezone.now()  # progress is a sign of life too
        if len(connection.atomic_blocks) <= self._depth:
            Job.objects.filter(pk=self.job_id).update(**fields)
        elif connection.vendor != "sqlite":
            writer = threading.Thread(target=_write_aside, args=(self.job_id, fields))
            writer.start()
            writer.join(timeout=2)
        else:
            return
        self._written = state


def _write_aside(job_id, fields):
    # A thread has its own database connection, outside the work's transaction.
    try:
        Job.objects.filter(pk=job_id).update(**fields)
    except Exception:  # noqa: BLE001 - progress is best effort; the final state is not
        logger.warning("Could not record the progress of job %s", job_id, exc_info=True)
    finally:
        connection.close()


def dotted(obj) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


# -- imports ---------------------------------------------------------------------------------
def import_start(*, actor, importer, upload, model_name) -> Job:
    return job_start(
        actor=actor,
        kind="import",
        title=_("Import %(records)s from %(file)s") % {"records": model_name, "file": upload.name},
        params={"importer": dotted(importer), "name": upload.name, "size": upload.size},
        upload=upload,
    )


@register("import")
def run_import(job, progress) -> dict:
    importer = import_string(job.params["importer"])(job.actor)
    try:
        with job_files().open(job.input_file, "rb") as fileobj:
            result = importer.run(
                fileobj, name=job.params["name"], size=job.params["size"], progress=progress
            )
    except ImportFileError as exc:
        return {"message": str(exc.message)}
    if result.errors or result.warnings:
        # Every error and warning, for the actor to download from the job page.
        label = _("errors") if result.errors else _("warnings")
        _save_workbook(job, report_workbook(result), f"{label}-{job.params['name']}")
    warnings = {
        "warnings": [str(w) for w in result.warnings[:ERRORS_SHOWN]],
        "warning_count": len(result.warnings),
    }
    if result.ok:
        return {"created": result.created, **warnings}
    return {
        "errors": [str(e) for e in result.errors[:ERRORS_SHOWN]],
        "error_count": len(result.errors),
    }


def _save_workbook(job, workbook, download_name):
    with _output(job, download_name) as target:
        workbook.save(target)


@contextmanager
def _output(job, download_name):
    """A new file for the job to hand out, opened for writing."""
    relative = f"out/{uuid.uuid4().hex}.xlsx"
    path = Path(job_files().path(relative))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        yield target
    job.output_file = relative
    job.output_name = download_name if download_name.endswith(".xlsx") else download_name + ".xlsx"


# -- exports ---------------------------------------------------------------------------------
def export_start(*, actor, views, query: str, filename: str, title: str) -> Job:
    return job_start(
        actor=actor,
        kind="export",
        title=_("Export %(records)s") % {"records": title},
        params={"views": dotted(views), "query": query, "filename": filename, "title": title},
    )


@register("export")
def run_export(job, progress) -> dict:
    config = import_string(job.params["views"])
    # The list's filters read only the user from the request.
    _filterset, queryset = config.filtered(
        QueryDict(job.params["query"]), SimpleNamespace(user=job.actor)
    )
    total = queryset.count()
    headers, rows = table_rows(config.table(queryset), queryset)

    def counted():
        for done, row in enumerate(rows, start=1):
            yield row
            progress("writing", done, total)

    with _output(job, job.params["filename"]) as target:
        write_workbook(target, job.params["title"], headers, counted())
    return {"rows": total}
