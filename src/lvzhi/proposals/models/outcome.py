"""成果转化 — documents and decisions that came out of the committee's work, with their sources.

An outcome (a policy document, an implementation plan, a leader's instruction, a work
measure) names the records that led to it through `OutcomeSource` rows: a generic link to any
record whose record type declares `outcome_source = True` (core.outcomes), so a research
report of activities or a proposal is linked without this app importing theirs.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel

__all__ = ["Outcome", "OutcomeKind", "OutcomeSource"]


class OutcomeKind(models.TextChoices):
    POLICY = "policy", _("Policy document")
    PLAN = "plan", _("Implementation plan")
    INSTRUCTION = "instruction", _("Leader's instruction")
    MEASURE = "measure", _("Work measure")


class Outcome(CommitteeOwnedModel):
    """A document or decision the committee's suggestions led to."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    issuer = models.CharField(_("issued by"), max_length=100, help_text=_("e.g. 来宾市人民政府"))
    number = models.CharField(_("document number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    summary = LongTextField(_("summary"), blank=True)
    industries = models.ManyToManyField(
        "core.Industry", verbose_name=_("industries"), blank=True, related_name="+"
    )

    attachments = GenericRelation("core.Attachment")
    history = HistoricalRecords(m2m_fields=[industries])
    url_base = "proposals:outcome"

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.title


class OutcomeSource(models.Model):
    """One record an outcome came from (any record type that is an outcome source)."""

    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="sources"
    )
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("source type"), on_delete=models.CASCADE, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(_("source id"))
    source = GenericForeignKey("source_type", "source_id")
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("outcome source")
        verbose_name_plural = _("outcome sources")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "source_type", "source_id"], name="unique_outcome_source"
            )
        ]
        indexes = [models.Index(fields=["source_type", "source_id"], name="outcome_source_ref")]

    def __str__(self):
        return f"{self.outcome} ← {self.source}"
