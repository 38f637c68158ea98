"""附件 — a photo or document attached to any record that takes files.

An attachment belongs to its record through a generic relation and has no visibility of its
own: whoever may see the record may see its files (`Attachment.objects.visible_to(user)`).
A record type takes files by declaring `attachments = GenericRelation("core.Attachment")`;
who may add them is the record's `may_attach(user)` (core.attachments).
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.choices import AttachmentKind


def attachment_path(instance, filename):
    """A random name under MEDIA_ROOT: the stored path never reveals what was uploaded."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class AttachmentQuerySet(models.QuerySet):
    def of(self, record):
        """The attachments of `record`."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
        )

    def visible_to(self, user):
        """Attachments whose record `user` may see: each owner type's own `visible_to`."""
        q = Q(pk__in=[])
        type_ids = self.order_by().values_list("content_type", flat=True).distinct()
        for content_type in ContentType.objects.filter(pk__in=list(type_ids)):
            model = content_type.model_class()
            if model is None or not hasattr(model.objects, "visible_to"):
                continue
            owners = model.objects.visible_to(user).values("pk")
            q |= Q(content_type=content_type, object_id__in=owners)
        return self.filter(q)


class Attachment(models.Model):
    """A stored file of a record: its checked type, size, uploader and time."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    name = models.CharField(_("name"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    mime_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = HistoricalRecords()
    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:attachment", args=[self.pk])

    @property
    def download_name(self):
        """The name the uploader gave, with the stored file's extension."""
        suffix = "." + self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else ""
        name = self.name or "attachment"
        return name if name.lower().endswith(suffix.lower()) else f"{name}{suffix}"
