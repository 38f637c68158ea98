"""成果转化 pages: the outcomes (record type) and naming or removing their sources."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lvzhi.core import permissions
from lvzhi.core.records import RecordType
from lvzhi.core.views.generic import render_detail

from ..filters.outcome import OutcomeFilterSet
from ..forms.outcome import OutcomeForm, SourceForm
from ..models import Outcome, OutcomeSource
from ..services import outcome as services
from ..tables.outcome import OutcomeTable


class OutcomeViews(RecordType):
    model = Outcome
    prefix = "outcomes"
    api_prefix = "outcomes"
    filterset = OutcomeFilterSet
    table = OutcomeTable
    form = OutcomeForm
    select_related = ("committee",)
    prefetch_related = ("industries",)
    detail_template = "proposals/outcome_detail.html"
    detail_fields = (
        "title",
        "kind",
        "issuer",
        "number",
        "issued_on",
        "committee",
        "industries",
        "summary",
        "published",
    )

    @classmethod
    def detail_context(cls, request, obj):
        may = permissions.can_change(request.user, obj)
        # a form sent back with errors (source_add) is shown as it was filled in
        bound = getattr(request, "outcome_source_form", None)
        return {
            "chain": services.source_chain(obj, request.user),
            "source_form": (bound or SourceForm(user=request.user)) if may else None,
        }


def _outcome(request, pk):
    outcome = get_object_or_404(Outcome.objects.visible_to(request.user), pk=pk)
    if not permissions.can_change(request.user, outcome):
        raise PermissionDenied(_("You may not change this record."))
    return outcome


@login_required
@require_POST
def source_add(request, pk):
    outcome = _outcome(request, pk)
    form = SourceForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.outcome_add_source(
                actor=request.user,
                outcome=outcome,
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("source", exc.message_dict.get("source", exc.messages))
        else:
            messages.success(request, _("Saved %(record)s.") % {"record": outcome})
            return redirect(outcome.get_absolute_url())
    request.outcome_source_form = form  # the page again, the errors at the field
    return render_detail(OutcomeViews, request, outcome, status=400)


@login_required
@require_POST
def source_remove(request, pk, link_pk):
    outcome = _outcome(request, pk)
    link = get_object_or_404(OutcomeSource, pk=link_pk, outcome=outcome)
    services.outcome_remove_source(actor=request.user, link=link)
    messages.success(request, _("Saved %(record)s.") % {"record": outcome})
    return redirect(outcome.get_absolute_url())
