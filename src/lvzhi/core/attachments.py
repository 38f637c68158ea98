"""Attachments of any record: the content check and the two writes (add, remove).

The type of an upload is read from its bytes (filetype's magic numbers), never from its
name: a renamed executable, or a web page saved as ".png", is refused. The name's
extension must agree with what the bytes are. One size limit, ATTACHMENT_MAX_BYTES.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.core import permissions
from lvzhi.core.choices import AttachmentKind
from lvzhi.core.models import Attachment
from lvzhi.core.records import record_type

OLE_TYPE = "application/x-ole-storage"
#: detected MIME type -> (kind, the extensions a name may carry for it)
PHOTO_TYPES = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg", ".jfif"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
}
DOCUMENT_TYPES = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    # Word 97–2003, Excel 97–2003, PowerPoint 97–2003 and WPS share one container (OLE).
    OLE_TYPE: (".doc", ".xls", ".ppt", ".wps", ".et", ".dps"),
    "text/plain": (".txt", ".csv"),
}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
#: markup is not plain text: a browser may run it
MARKUP_STARTS = (b"<", b"\xef\xbb\xbf<")
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Detected:
    mime_type: str
    kind: str
    extension: str


def allowed_extensions() -> list[str]:
    return sorted({e for exts in (PHOTO_TYPES | DOCUMENT_TYPES).values() for e in exts})


def _sniff(head: bytes) -> str | None:
    """The MIME type the bytes say, among those we know; None when they say nothing."""
    if head.startswith(OLE_MAGIC):
        return OLE_TYPE
    guess = filetype.guess(head)
    if guess is not None:
        return guess.mime
    if head and b"\x00" not in head and not head.lstrip().startswith(MARKUP_STARTS):
        for encoding in ("utf-8", "gb18030"):
            try:
                # the sniffed head may cut a character in two: ignore the last three bytes
                head[:-3].decode(encoding) if len(head) == SNIFF_BYTES else head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return "text/plain"
    return None


def detect(file, name: str) -> Detected:
    """What `file` is by its content; a field error unless allowed and named for what it is."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if isinstance(head, str):
        head = head.encode()
    mime = _sniff(head)
    extension = PurePosixPath(name).suffix.lower()
    if mime in PHOTO_TYPES:
        kind, extensions = AttachmentKind.PHOTO, PHOTO_TYPES[mime]
    elif mime in DOCUMENT_TYPES:
        kind, extensions = AttachmentKind.DOCUMENT, DOCUMENT_TYPES[mime]
    else:
        raise ValidationError(
            {
                "file": _(
                    "This file is not an accepted photo or document (its content is not one "
                    "of: %(allowed)s)."
                )
                % {"allowed": " ".join(allowed_extensions())}
            }
        )
    if extension not in extensions:
        raise ValidationError(
            {
                "file": _(
                    "The file's name ends in “%(ext)s” but its content is %(kind)s (%(expected)s)."
                )
                % {
                    "ext": extension or "—",
                    "kind": kind.label,
                    "expected": " ".join(extensions),
                }
            }
        )
    return Detected(mime, kind, extension)


def check_upload(file, name: str) -> Detected:
    """Size (ATTACHMENT_MAX_BYTES), then content: what every attachment upload passes."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            {
                "file": _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": round(file.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
            }
        )
    return detect(file, name)


def takes_attachments(model) -> bool:
    """A record type takes files when it declares a GenericRelation to Attachment."""
    return any(
        isinstance(field, GenericRelation) and field.related_model is Attachment
        for field in model._meta.private_fields
    )


def may_attach(user, record) -> bool:
    """May `user` add files to `record`? The record's own rule, else who may change it."""
    if not user.is_authenticated or not takes_attachments(type(record)):
        return False
    declared = record_type(record)
    if declared is not None:
        return declared.may_attach(user, record)
    return permissions.can_change(user, record)


def may_remove(user, attachment, record) -> bool:
    """Whoever may change the record, or the uploader while they may still attach."""
    if permissions.can_change(user, record):
        return True
    return attachment.uploaded_by_id == user.pk and may_attach(user, record)


def _visible_record(actor, record):
    """The record, locked (its rules may depend on its state), if `actor` may see it."""
    model = type(record)
    current = model.objects.select_for_update(of=("self",)).filter(pk=record.pk).first()
    # visible_to may need DISTINCT, which PostgreSQL refuses with FOR UPDATE: ask apart.
    if current is None or not model.objects.visible_to(actor).filter(pk=record.pk).exists():
        raise PermissionDenied(_("You may not see this record."))
    return current


@transaction.atomic
def attachment_add(*, actor, record, file, name=""):
    """Attach `file` to `record` (checked by content and size) as `actor`."""
    current = _visible_record(actor, record)
    if not may_attach(actor, current):
        raise PermissionDenied(_("You may not add attachments to this record."))
    if file is None:
        raise ValidationError({"file": _("Choose a file.")})
    detected = check_upload(file, file.name or "")
    attachment = Attachment(
        record=current,
        name=(name.strip() or PurePosixPath(file.name).name)[:200],
        mime_type=detected.mime_type,
        kind=detected.kind,
        size=file.size,
        uploaded_by=actor,
    )
    attachment.file.save(f"upload{detected.extension}", file, save=False)
    stored = attachment.file.name
    attachment._history_user = actor
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment):
    """Remove an attachment (kept in history); its file goes once the removal is committed."""
    current = Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
    if current is None or current.record is None:
        raise PermissionDenied(_("You may not see this attachment."))
    record = _visible_record(actor, current.record)
    if not may_remove(actor, current, record):
        raise PermissionDenied(_("You may not remove this attachment."))
    stored, storage = current.file.name, current.file.storage
    current._history_user = actor
    current.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    return current


def record_key(record) -> str:
    """`app_label.model` — how the upload URL names a record type."""
    return record._meta.label_lower


def panel_context(user, record, form=None) -> dict:
    """What core/includes/attachments.html shows: the record's files and, if allowed, the form."""
    from django.template.defaultfilters import filesizeformat
    from django.urls import reverse

    from lvzhi.core.forms import AttachmentForm

    items = list(Attachment.objects.of(record).select_related("uploaded_by"))
    may_change = permissions.can_change(user, record)
    can_attach = may_attach(user, record)
    for item in items:
        # may_remove's rule, without asking the record's permissions once per file
        item.removable = may_change or (item.uploaded_by_id == user.pk and can_attach)
    return {
        "record": record,
        "attachments": items,
        "can_attach": can_attach,
        "form": form or AttachmentForm(auto_id=f"id_attachment_{record.pk}_%s"),
        "upload_url": reverse("core:attachment_add", args=[record_key(record), record.pk]),
        "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
    }
