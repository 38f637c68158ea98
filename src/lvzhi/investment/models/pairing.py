"""百企扶百村 — a member enterprise paired with a village, and the support it gives."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.committees import within_system
from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel
from lvzhi.text.amounts import MoneyField

from ..choices import SupportDimension


class Pairing(CommitteeOwnedModel):
    """结对帮扶 — one member enterprise ↔ one village for a period."""

    enterprise = models.ForeignKey(
        "core.Enterprise",
        verbose_name=_("member enterprise"),
        on_delete=models.PROTECT,
        related_name="pairings",
    )
    village = models.ForeignKey(
        "core.Village", verbose_name=_("village"), on_delete=models.PROTECT, related_name="pairings"
    )
    started_on = models.DateField(_("paired from"))
    ended_on = models.DateField(_("paired until"), null=True, blank=True)
    goals = LongTextField(_("goals"), blank=True)

    history = HistoricalRecords()
    #: the member running the enterprise leads the pairing and sees it
    owner_lookup = "enterprise__member__user"
    url_base = "investment:pairing"
    label_related = ("enterprise", "village")

    class Meta:
        ordering = ["village__township", "village__name", "id"]
        verbose_name = _("village pairing")
        verbose_name_plural = _("village pairings")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "village", "started_on"], name="unique_pairing"
            )
        ]

    def __str__(self):
        return f"{self.enterprise.name} ↔ {self.village}"

    def clean(self):
        errors = {}
        if self.enterprise_id and not (
            self.enterprise.is_member_enterprise and self.enterprise.member_id
        ):
            errors["enterprise"] = _("Only a member enterprise can be paired with a village.")
        for name in ("enterprise", "village"):
            other = getattr(self, name) if getattr(self, f"{name}_id") else None
            if (
                other is not None
                and self.committee_id
                and not within_system(self.committee, other.committee)
            ):
                errors[name] = _("Not in this committee system.")
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The pairing cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class SupportRecord(CommitteeOwnedModel):
    """帮扶记录 — what was done for the village on a day, and what came of it."""

    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.CASCADE, related_name="support"
    )
    dimension = models.CharField(_("dimension"), max_length=12, choices=SupportDimension.choices)
    on = models.DateField(_("date"))
    amount = MoneyField(
        _("amount (10k yuan)"), unit=10_000, max_digits=12, decimal_places=2, null=True, blank=True
    )
    quantity = models.CharField(
        _("quantity"), max_length=60, blank=True, help_text=_("e.g. 培训120人次")
    )
    description = LongTextField(_("what was done"))
    result = LongTextField(_("result"), blank=True)
    income = MoneyField(
        _("village income raised (10k yuan)"),
        unit=10_000,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)

    #: 照片 — photos of the support (core.Attachment)
    attachments = GenericRelation("core.Attachment")
    history = HistoricalRecords()
    owner_lookup = "pairing__enterprise__member__user"
    url_base = "investment:support"

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("support record")
        verbose_name_plural = _("support records")

    def __str__(self):
        return f"{self.on} {self.get_dimension_display()}"

    def follow_pairing(self):
        self.committee_id = self.pairing.committee_id
        self.published = self.pairing.published

    def clean(self):
        if self.pairing_id and self.on and self.on < self.pairing.started_on:
            raise ValidationError({"on": _("The support cannot be before the pairing started.")})
