"""The workflow step posted from a record's page: POST <record>/step/<action>/."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lvzhi.core.errors import DomainError
from lvzhi.core.views.generic import RecordView, add_validation_error, render_detail


class WorkflowStepView(RecordView):
    """Runs one step through the workflow engine; a refusal is a message, bad input is
    shown on the step's form (400), never a 500."""

    def post(self, request, pk, action):
        workflow = self.config.workflow
        transition = workflow.transitions.get(action)
        if transition is None or not transition.offered or transition.form is None:
            raise Http404
        record = self.get_object()
        label = workflow.action_label(action, getattr(record, workflow.state_field))
        form = workflow.form(action, request.user, record, request.POST, request.FILES)
        if form.is_valid():
            try:
                workflow.run(action, actor=request.user, record=record, **form.service_kwargs())
            except ValidationError as exc:
                add_validation_error(form, exc)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect(record.get_absolute_url())
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": label})
                # A step may take the record out of the actor's sight (a unit returning an
                # assignment): then back to the list, not to a page that is now a 404.
                if self.config.queryset(request.user).filter(pk=record.pk).exists():
                    return redirect(record.get_absolute_url())
                return redirect(self.url("list"))
        return render_detail(self.config, request, record, bound_step=(action, form), status=400)
