"""Workflow steps posted from a problem's page: one form and one service per step."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from lvzhi.core.downloads import file_response
from lvzhi.core.errors import DomainError

from .. import forms, services
from ..choices import Action, ExtensionState
from ..models import Problem
from .records import render_detail
from .steps import STEPS


class ProblemStepView(LoginRequiredMixin, View):
    """POST /problems/<pk>/step/<action>/ — run one workflow step."""

    def post(self, request, pk, action):
        if action not in STEPS:
            raise Http404
        problem = get_object_or_404(Problem.objects.visible_to(request.user), pk=pk)
        form_class, service = STEPS[action]
        form = form_class(
            request.POST,
            request.FILES,
            user=request.user,
            problem=problem,
            auto_id=f"id_{action}_%s",
        )
        if form.is_valid():
            try:
                self.run(action, service, form, problem)
            except ValidationError as exc:
                for field, errors in (
                    exc.message_dict.items()
                    if hasattr(exc, "error_dict")
                    else [(None, exc.messages)]
                ):
                    form.add_error(field if field in form.fields else None, errors)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect(problem.get_absolute_url())
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
                return redirect(problem.get_absolute_url())
        return render_detail(request, problem, bound=(action, form), status=400)

    def run(self, action, service, form, problem):
        user = self.request.user
        if action in {Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION}:
            request_obj = problem.extensions.filter(
                pk=form.cleaned_data["request_id"], state=ExtensionState.PENDING
            ).first()
            if request_obj is None:
                raise DomainError(_("This extension request was already decided."))
            return service(actor=user, request=request_obj, comment=form.cleaned_data["comment"])
        return service(actor=user, problem=problem, **form.service_kwargs())


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
