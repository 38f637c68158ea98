"""Attachments of any record: download after the record's visibility check, upload, remove.

Every view loads the attachment, or the record, only from what the user may see: anything
else is a 404. Refusals (type, size, rights) come back as translated messages: at the field
when the form was sent by htmx (the panel is swapped in place), as a page message otherwise.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lvzhi.core import attachments as service
from lvzhi.core.downloads import file_response
from lvzhi.core.errors import DomainError
from lvzhi.core.forms import AttachmentForm
from lvzhi.core.models import Attachment

PANEL = "core/includes/attachments.html"


def _record_or_404(user, record_type, pk):
    try:
        app_label, model_name = record_type.split(".")
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except (ValueError, ContentType.DoesNotExist):
        raise Http404 from None
    if model is None or not service.takes_attachments(model):
        raise Http404
    return get_object_or_404(model.objects.visible_to(user), pk=pk)


def _attachment_or_404(user, pk):
    return get_object_or_404(Attachment.objects.visible_to(user), pk=pk)


def _answer(request, record, form=None):
    """The panel again for htmx (errors at their field), else back to the record's page."""
    if request.htmx:
        return render(request, PANEL, service.panel_context(request.user, record, form))
    if form is not None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(record.get_absolute_url())


@login_required
@require_GET
def attachment_download(request, pk):
    attachment = _attachment_or_404(request.user, pk)
    # Shown in the page only when its content is a photo (downloads.INLINE_TYPES; never SVG).
    content_type = "" if attachment.mime_type == service.OLE_TYPE else attachment.mime_type
    return file_response(
        attachment.file, filename=attachment.download_name, content_type=content_type
    )


@login_required
@require_POST
def attachment_add(request, record_type, pk):
    record = _record_or_404(request.user, record_type, pk)
    form = AttachmentForm(request.POST, request.FILES, auto_id=f"id_attachment_{pk}_%s")
    if form.is_valid():
        try:
            service.attachment_add(
                actor=request.user,
                record=record,
                file=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            for field, errors in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            ):
                form.add_error(field if field in form.fields else None, errors)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You may not add attachments to this record."))
        except DomainError as exc:
            form.add_error(None, exc.message)
    if form.errors:
        return _answer(request, record, form)
    if not request.htmx:
        messages.success(request, _("Attachment added."))
    return _answer(request, record)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = _attachment_or_404(request.user, pk)
    record = attachment.record
    try:
        service.attachment_remove(actor=request.user, attachment=attachment)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        if not request.htmx:
            messages.success(request, _("Attachment removed."))
    return _answer(request, record)


def moved_attachment(request, attachment_pk, model, **_ignored):
    """A link of the form a record type used before its files moved to core attachments (ids
    kept where free): the attachment of that id, if it belongs to a `model` record, at its
    core address; the core view then checks the record's visibility."""
    attachment = get_object_or_404(
        Attachment.objects.filter(content_type=ContentType.objects.get_for_model(model)),
        pk=attachment_pk,
    )
    return redirect("core:attachment", pk=attachment.pk, permanent=True)
