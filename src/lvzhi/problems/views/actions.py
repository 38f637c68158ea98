"""Attachments of a problem: upload, and download behind the visibility check."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from lvzhi.core.downloads import file_response
from lvzhi.core.errors import DomainError

from .. import forms, services
from ..models import Problem


class ProblemAttachView(LoginRequiredMixin, View):
    def post(self, request, pk):
        problem = get_object_or_404(Problem.objects.visible_to(request.user), pk=pk)
        form = forms.AttachmentForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                services.problem_attach(
                    actor=request.user,
                    problem=problem,
                    file=form.cleaned_data["file"],
                    name=form.cleaned_data["name"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Attachment added."))
        else:
            messages.error(request, _("Choose a file."))
        return redirect(problem.get_absolute_url())


class ProblemAttachmentFileView(LoginRequiredMixin, View):
    """An attachment of a problem the user may see; for anyone else a 404."""

    def get(self, request, pk, attachment_pk):
        problem = get_object_or_404(Problem.objects.visible_to(request.user), pk=pk)
        attachment = get_object_or_404(problem.attachments, pk=attachment_pk)
        return file_response(attachment.file, filename=_download_name(attachment))


def _download_name(attachment):
    """The name the uploader gave, with the stored file's extension."""
    suffix = PurePosixPath(attachment.file.name).suffix
    name = attachment.name or PurePosixPath(attachment.file.name).stem
    return name if name.lower().endswith(suffix.lower()) else f"{name}{suffix}"
