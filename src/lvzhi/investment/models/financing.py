"""政银企 — enterprises' financing needs, surveyed, and their matches with banks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.choices import DepartmentKind
from lvzhi.core.committees import within_system
from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel, TransitionLog
from lvzhi.text.amounts import MoneyField

from ..choices import MatchAction, MatchStatus, Urgency


def _money(label, **extra):
    return MoneyField(label, unit=10_000, max_digits=12, decimal_places=2, **extra)


class FinancingNeed(CommitteeOwnedModel):
    """融资需求 — what an enterprise asked for when surveyed."""

    enterprise = models.ForeignKey(
        "core.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="financing_needs",
    )
    industry = models.ForeignKey(
        "core.Industry",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = _money(_("amount asked (10k yuan)"))
    purpose = models.CharField(_("purpose"), max_length=200)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), null=True, blank=True)
    collateral = models.CharField(_("collateral"), max_length=200, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    surveyed_on = models.DateField(_("surveyed on"), default=timezone.localdate)
    collected_by = models.ForeignKey(
        "core.Person",
        verbose_name=_("collected by (member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: collected by the office."),
    )

    history = HistoricalRecords()
    #: the member running the enterprise sees its needs
    owner_lookup = "enterprise__member__user"
    #: a bank sees the needs matched to it
    unit_lookup = "matches__bank"
    url_base = "investment:need"
    label_related = ("enterprise",)

    class Meta:
        ordering = ["-surveyed_on", "-id"]
        verbose_name = _("financing need")
        verbose_name_plural = _("financing needs")

    def __str__(self):
        return f"{self.enterprise.name}：{self.purpose}"

    def clean(self):
        if (
            self.enterprise_id
            and self.committee_id
            and not within_system(self.committee, self.enterprise.committee)
        ):
            raise ValidationError(
                {"enterprise": _("The enterprise is not in this committee system.")}
            )
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("The amount asked must be more than zero.")})


class FinancingMatch(CommitteeOwnedModel):
    """对接 — a need matched to one bank (at a 政银企 event), and what came of it."""

    need = models.ForeignKey(
        FinancingNeed,
        verbose_name=_("financing need"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    bank = models.ForeignKey(
        "core.Department", verbose_name=_("bank"), on_delete=models.PROTECT, related_name="+"
    )
    # the 政银企对接 activity (activities are another app: the link is an id)
    activity_id = models.PositiveBigIntegerField(
        _("政银企 event (activity)"), null=True, blank=True, db_index=True
    )
    matched_on = models.DateField(_("matched on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.MATCHING
    )
    amount_granted = _money(_("credit granted (10k yuan)"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    amount_disbursed = _money(_("loan disbursed (10k yuan)"), null=True, blank=True)
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    failure_reason = LongTextField(_("why it did not succeed"), blank=True)

    history = HistoricalRecords()
    #: a bank sees its own matches, never another bank's offer
    unit_lookup = "bank"
    owner_lookup = "need__enterprise__member__user"
    url_base = "investment:match"
    label_related = ("need__enterprise", "bank")

    class Meta:
        ordering = ["-matched_on", "-id"]
        verbose_name = _("bank match")
        verbose_name_plural = _("bank matches")
        constraints = [models.UniqueConstraint(fields=["need", "bank"], name="unique_need_bank")]

    def __str__(self):
        return f"{self.need.enterprise.name} · {self.bank}"

    def follow_need(self):
        self.committee_id = self.need.committee_id
        self.published = self.need.published

    def clean(self):
        errors = {}
        if self.bank_id and self.bank.kind != DepartmentKind.BANK:
            errors["bank"] = _("Choose a bank (a handling unit of kind bank).")
        granted, disbursed = self.amount_granted, self.amount_disbursed
        if self.status in (MatchStatus.GRANTED, MatchStatus.DISBURSED):
            if granted is None:
                errors["amount_granted"] = _("Give the amount granted.")
            if self.granted_on is None:
                errors["granted_on"] = _("Give the date the credit was granted.")
        if self.status == MatchStatus.DISBURSED:
            if disbursed is None:
                errors["amount_disbursed"] = _("Give the amount disbursed.")
            if self.disbursed_on is None:
                errors["disbursed_on"] = _("Give the date of the disbursement.")
        if granted is not None and disbursed is not None and disbursed > granted:
            errors["amount_disbursed"] = _(
                "The amount disbursed cannot be more than the amount granted."
            )
        if self.status == MatchStatus.FAILED and not self.failure_reason.strip():
            errors["failure_reason"] = _("Say why the match did not succeed.")
        if errors:
            raise ValidationError(errors)


class MatchTransition(TransitionLog):
    """What the bank (or the office) recorded about a match: 授信, 放款 or 未成功."""

    match = models.ForeignKey(
        FinancingMatch,
        verbose_name=_("bank match"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=10, choices=MatchAction.choices)
    from_state = models.CharField(_("from"), max_length=10, choices=MatchStatus.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=MatchStatus.choices)

    class Meta(TransitionLog.Meta):
        verbose_name = _("match outcome step")
        verbose_name_plural = _("match outcome steps")
