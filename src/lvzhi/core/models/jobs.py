"""Background jobs: one row per import or export the worker runs for a user (core.jobs)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import VisibleQuerySet


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("finished")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """A long piece of work (an import, a large export) run by the worker, with its progress.

    Only its actor and the system administrators of its committee see it
    (`Job.objects.visible_to(user)`, core.visibility); its files are handed out the same way.
    """

    kind = models.CharField(_("kind"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    committee = models.ForeignKey(
        "core.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    #: what the job is doing now, e.g. "checking" or "saving" for an import
    phase = models.CharField(_("phase"), max_length=30, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    #: what the job needs to run (JSON): importer or list view, query, file name …
    params = models.JSONField(_("parameters"), default=dict)
    #: what came out: {"created": n} | {"errors": [...], "error_count": n} | {"rows": n}
    result = models.JSONField(_("result"), default=dict)
    #: the uploaded file, then the file to download (export or error workbook), relative to
    #: JOB_FILES_DIR, which the web server does not serve
    input_file = models.CharField(_("input file"), max_length=200, blank=True)
    output_file = models.CharField(_("output file"), max_length=200, blank=True)
    output_name = models.CharField(_("download name"), max_length=200, blank=True)
    #: the queue's id for this job's task (django-tasks result id)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    #: last sign of life of the worker running the job (core.jobs.Heartbeat)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    #: read by core.visibility: only the actor (and administrators) see a job
    private_to_actor = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
