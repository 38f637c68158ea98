"""The job page: progress while the worker runs it (htmx polling), then its result."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from lvzhi.core.excel import XLSX_CONTENT_TYPE
from lvzhi.core.jobs import job_files, jobs_fail_stale
from lvzhi.core.models import Job


def _get_job(request, pk):
    # Another user's job is a 404, as if it did not exist.
    return get_object_or_404(Job.objects.visible_to(request.user), pk=pk)


@login_required
def job_detail(request, pk):
    jobs_fail_stale()
    job = _get_job(request, pk)
    template = "core/includes/job_status.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = _get_job(request, pk)
    if not job.output_file or not job_files().exists(job.output_file):
        raise Http404
    return FileResponse(
        job_files().open(job.output_file, "rb"),
        as_attachment=True,
        filename=job.output_name,
        content_type=XLSX_CONTENT_TYPE,
    )
