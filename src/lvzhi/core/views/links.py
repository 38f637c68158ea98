"""Naming or removing the records of a link point (core.links) from a record's page: an
outcome's sources, the records a member case is about. One pair of views for all of them:

    source_add = LinkAddView.as_view(config=OutcomeViews, form_class=SourceForm, add=fn)
    # fn(*, actor, record, **the form's cleaned data)
    source_remove = LinkRemoveView.as_view(config=OutcomeViews, related="sources", remove=fn)
    # fn(*, actor, link)

The record's page shows the form from `link_form_for(request, form_class, record)`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from lvzhi.core import permissions
from lvzhi.core.views.generic import RecordView, add_validation_error, render_detail

#: the request attribute a detail page reads a link form back from (with its errors)
BOUND_LINK_FORM = "bound_link_form"


class _LinkView(RecordView):
    http_method_names = ["post"]

    def changeable(self):
        record = self.get_object()
        if not permissions.can_change(self.request.user, record):
            raise PermissionDenied(_("You may not change this record."))
        return record

    def done(self, record):
        messages.success(self.request, _("Saved %(record)s.") % {"record": record})
        return redirect(record.get_absolute_url())


class LinkAddView(_LinkView):
    """POST: `add(actor=…, record=…, **form.cleaned_data)` names the linked record; bad
    input shows the record's page again with the errors at the field (400)."""

    form_class = None
    add = None

    def post(self, request, pk):
        record = self.changeable()
        form = self.form_class(request.POST, user=request.user)
        if form.is_valid():
            try:
                self.add(actor=request.user, record=record, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                return self.done(record)
        setattr(request, BOUND_LINK_FORM, form)
        return render_detail(self.config, request, record, status=400)


class LinkRemoveView(_LinkView):
    """POST: `remove(actor=…, link=…)` for the link `link_pk` of the record (`related`:
    the record's manager of its links)."""

    related = ""
    remove = None

    def post(self, request, pk, link_pk):
        record = self.changeable()
        link = get_object_or_404(getattr(record, self.related), pk=link_pk)
        self.remove(actor=request.user, link=link)
        return self.done(record)


def link_form_for(request, form_class, record):
    """The link form a record's page shows: the one posted with errors, else a fresh one;
    None when the user may not change the record."""
    if not permissions.can_change(request.user, record):
        return None
    return getattr(request, BOUND_LINK_FORM, None) or form_class(user=request.user)
