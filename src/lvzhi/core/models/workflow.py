"""The shape of every workflow's transition log (core.workflow writes it)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.core.choices import ExtensionState
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


class ExtensionRequest(models.Model):
    """申请延期 — a handling unit asks for a later deadline; the office approves or refuses.

    A workflow's request model adds the foreign key to its record (related_name
    "extensions") and history; core.extensions runs the three steps."""

    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    current_deadline = models.DateField(_("current deadline"))
    requested_deadline = models.DateField(_("requested deadline"))
    reason = LongTextField(_("reason"))
    state = models.CharField(
        _("state"), max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = LongTextField(_("decision comment"), blank=True)

    class Meta:
        abstract = True
        ordering = ["requested_at", "id"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self):
        return f"{self.current_deadline} → {self.requested_deadline}"
