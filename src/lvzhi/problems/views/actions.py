"""Workflow steps posted from a problem's page: one form and one service per step."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from lvzhi.core.errors import DomainError
from lvzhi.core.views.generic import detail_rows

from .. import forms, services
from ..choices import Action, ExtensionState
from ..models import Problem

#: action -> (form class, service function)
STEPS = {
    Action.ASSIGN: (forms.AssignForm, services.problem_assign),
    Action.START: (forms.CommentForm, services.problem_start),
    Action.PROGRESS: (forms.ProgressForm, services.problem_add_progress),
    Action.ANSWER: (forms.AnswerForm, services.problem_answer),
    Action.CONFIRM: (forms.ConfirmForm, services.problem_confirm),
    Action.REOPEN: (forms.ReopenForm, services.problem_reopen),
    Action.RETURN: (forms.ReasonForm, services.problem_return),
    Action.MERGE: (forms.MergeForm, services.problem_merge),
    Action.WITHDRAW: (forms.ReasonForm, services.problem_withdraw),
    Action.CLOSE: (forms.CommentForm, services.problem_close),
    Action.REQUEST_EXTENSION: (forms.ExtensionForm, services.problem_request_extension),
    Action.APPROVE_EXTENSION: (forms.DecisionForm, services.problem_approve_extension),
    Action.REFUSE_EXTENSION: (forms.DecisionForm, services.problem_refuse_extension),
}


def step_forms(user, problem, actions, bound=None):
    """[(action, label, form)] for the steps the user may take; `bound` replaces one."""
    out = []
    for action in actions:
        if action in {Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION}:
            continue  # shown next to each pending request
        form_class, _service = STEPS[action]
        form = (
            bound[1]
            if bound and bound[0] == action
            else form_class(user=user, problem=problem, auto_id=f"id_{action}_%s")
        )
        out.append((action, Action(action).label, form))
    return out


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


def old_attachment_link(request, pk, attachment_pk):
    """/problems/<pk>/attachments/<id>/ from before attachments moved to core (ids kept):
    the core view checks the attachment's own record."""
    return redirect("core:attachment", pk=attachment_pk, permanent=True)


def render_detail(request, problem, bound=None, status=200):
    from lvzhi.core import permissions

    from .records import ProblemViews

    context = {
        "model_name": Problem._meta.verbose_name,
        "model_name_plural": Problem._meta.verbose_name_plural,
        "list_url": reverse("problems:problem_list"),
        "object": problem,
        "fields": detail_rows(problem, ProblemViews.detail_fields, request.user),
        "can_change": permissions.can_change(request.user, problem),
        "can_delete": permissions.can_delete(request.user, problem),
        "edit_url": reverse("problems:problem_edit", args=[problem.pk]),
        "delete_url": reverse("problems:problem_delete", args=[problem.pk]),
        "history_url": reverse("problems:problem_history", args=[problem.pk]),
        "tab": "detail",
        **ProblemViews.detail_context(request, problem, bound),
    }
    return render(request, ProblemViews.detail_template, context, status=status)
