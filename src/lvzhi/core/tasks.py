"""Tasks the worker (`lvzhi db_worker`) runs; the work itself is in core.jobs."""

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    from lvzhi.core.jobs import job_run

    return job_run(job_id)
