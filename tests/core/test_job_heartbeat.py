"""A job whose worker stopped does not stay "running": its heartbeat goes stale and the job
is marked failed with a translated message, as its page is shown or the worker takes work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lvzhi.core import jobs
from lvzhi.core.models import Job, JobStatus


def running_job(actor, *, beat_ago, language="zh-hans"):
    now = timezone.now()
    return Job.objects.create(
        kind="import",
        title="导入村",
        actor=actor,
        status=JobStatus.RUNNING,
        params={"language": language},
        started_at=now - beat_ago,
        heartbeat_at=now - beat_ago,
    )


def test_a_job_without_a_heartbeat_for_too_long_is_shown_as_failed(system, client_for, settings):
    settings.JOB_STALE_SECONDS = 600
    stale = running_job(system.bob, beat_ago=timedelta(seconds=601))
    alive = running_job(system.bob, beat_ago=timedelta(seconds=30))
    page = client_for(system.bob).get(stale.get_absolute_url()).content.decode()
    assert "执行此任务的后台进程在完成前已停止，未保存任何数据" in page
    stale.refresh_from_db()
    alive.refresh_from_db()
    assert stale.status == JobStatus.FAILED and stale.finished_at is not None
    assert alive.status == JobStatus.RUNNING


def test_the_message_is_in_the_language_the_job_was_started_in(system, settings):
    settings.JOB_STALE_SECONDS = 60
    job = running_job(system.bob, beat_ago=timedelta(hours=1), language="en")
    assert jobs.jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.result["message"].startswith("The worker running this job stopped")
    assert jobs.jobs_fail_stale() == 0


def test_progress_counts_as_a_heartbeat(system, settings):
    settings.JOB_STALE_SECONDS = 60
    job = running_job(system.bob, beat_ago=timedelta(hours=1))
    jobs.Progress(job)("checking", 10, 100)
    assert jobs.jobs_fail_stale() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


@pytest.mark.flushes
@pytest.mark.django_db(transaction=True)
def test_the_worker_beats_while_the_work_runs(system):
    job = running_job(system.bob, beat_ago=timedelta(hours=1))
    with jobs.Heartbeat(job.pk, interval=0.05):
        deadline = timezone.now() + timedelta(seconds=10)
        while timezone.now() < deadline:
            job.refresh_from_db()
            if job.heartbeat_at > timezone.now() - timedelta(minutes=1):
                break
    assert job.heartbeat_at > timezone.now() - timedelta(minutes=1)
