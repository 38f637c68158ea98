"""In-app notifications (the bell); written by core.notifications.notify."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one user about one record, read or unread."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: machine-readable kind, e.g. "problems.remind"
    verb = models.CharField(_("kind"), max_length=60)
    message = models.CharField(_("message"), max_length=300)
    #: the message's English source and values (core.notifications.Message): shown in the
    #: reader's language; `message` is the text as first written
    message_source = models.JSONField(_("message source"), default=dict, blank=True)
    #: the record it is about: "app_label.model" and pk, plus the page to open
    target_type = models.CharField(_("record type"), max_length=60, blank=True)
    target_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.message

    @property
    def text(self) -> str:
        """The message in the active language."""
        if self.message_source:
            from lvzhi.core.notifications import Message

            return str(Message.load(self.message_source))
        return self.message
