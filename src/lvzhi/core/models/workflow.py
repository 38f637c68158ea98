"""The shape of every workflow's transition log (core.workflow writes it)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.core.fields import LongTextField


class TransitionLog(models.Model):
    """One step of a record's path: who did what, when, from which state to which.

    A workflow's log model adds the foreign key to its record and `action`, `from_state`,
    `to_state` with its own choices. Rows are written only by the engine, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = LongTextField(_("comment"), blank=True)
    #: what the step read beyond the comment (ids and values), for audits and the API
    payload = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"
