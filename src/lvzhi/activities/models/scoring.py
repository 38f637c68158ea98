"""履职积分 — the duty-performance score as data: rule sets per committee and year.

A member's score for year Y is computed with the rule set of the member's committee (or the
nearest committee above it that has one) whose `year` is the latest one not after Y. A new
year gets its own rule set (copied from the last one), so editing this year's rules never
changes last year's scores; a rule set whose year is closed is `locked` against edits.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.activities.choices import Attendance, ParticipationRole, ScoreEvent, ScoreUnit
from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel


class RuleSet(CommitteeOwnedModel):
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("valid from year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    locked = models.BooleanField(
        _("locked"),
        default=False,
        help_text=_("A locked rule set (a closed year) can no longer be changed."),
    )
    description = LongTextField(_("description"), blank=True)

    history = HistoricalRecords()
    url_base = "activities:ruleset"

    class Meta:
        ordering = ["committee__sort_order", "-year"]
        verbose_name = _("score rule set")
        verbose_name_plural = _("score rule sets")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="unique_ruleset_year")
        ]

    def __str__(self):
        return f"{self.name}（{self.year}）"


class RuleSetChild(CommitteeOwnedModel):
    """Rules, caps and grade bands: committee and publication follow the rule set."""

    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("score rule set"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    def follow_ruleset(self):
        self.committee_id = self.ruleset.committee_id
        self.published = self.ruleset.published


class ScoreCap(RuleSetChild):
    """A yearly ceiling shared by several rules (e.g. all activities together ≤ 40)."""

    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("score rule set"), on_delete=models.CASCADE, related_name="caps"
    )
    name = models.CharField(_("name"), max_length=60)
    limit = models.DecimalField(_("yearly limit"), max_digits=7, decimal_places=1)

    history = HistoricalRecords()
    url_base = "activities:cap"

    class Meta:
        ordering = ["ruleset", "name"]
        verbose_name = _("score cap")
        verbose_name_plural = _("score caps")

    def __str__(self):
        return f"{self.name} ≤ {self.limit}"


class Rule(RuleSetChild):
    """Points for one event type; negative points are deductions."""

    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("score rule set"), on_delete=models.CASCADE, related_name="rules"
    )
    label = models.CharField(_("label"), max_length=100)
    event = models.CharField(_("event"), max_length=24, choices=ScoreEvent.choices)
    activity_kind = models.ForeignKey(
        "activities.ActivityKind",
        verbose_name=_("activity kind"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: every kind."),
    )
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=ParticipationRole.choices,
        blank=True,
        help_text=_("Empty: every role."),
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        blank=True,
        help_text=_("For attendance rules: excused or absent."),
    )
    points = models.DecimalField(_("points per unit"), max_digits=6, decimal_places=1)
    unit = models.CharField(
        _("unit"), max_length=10, choices=ScoreUnit.choices, default=ScoreUnit.TIME
    )
    cap_per_year = models.DecimalField(
        _("yearly cap"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    cap = models.ForeignKey(
        ScoreCap,
        verbose_name=_("shared cap"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rules",
    )

    history = HistoricalRecords()
    url_base = "activities:rule"

    class Meta:
        ordering = ["ruleset", "event", "id"]
        verbose_name = _("score rule")
        verbose_name_plural = _("score rules")

    def __str__(self):
        return f"{self.label}：{self.points}"

    def clean(self):
        errors = {}
        if self.event == ScoreEvent.ATTENDANCE and not self.attendance:
            errors["attendance"] = _("An attendance rule names the attendance state.")
        if self.event == ScoreEvent.ATTENDANCE and self.attendance in (
            Attendance.INVITED,
            Attendance.ATTENDED,
        ):
            errors["attendance"] = _("Attendance rules are for excused or absent members.")
        if self.event != ScoreEvent.ATTENDANCE and self.attendance:
            errors["attendance"] = _("Only an attendance rule names an attendance state.")
        if self.event not in (ScoreEvent.ACTIVITY, ScoreEvent.ATTENDANCE) and (
            self.activity_kind_id or self.role
        ):
            errors["event"] = _("Activity kind and role apply to activity events only.")
        if self.cap_per_year is not None and self.cap_per_year <= 0:
            errors["cap_per_year"] = _("A cap is a positive number.")
        if self.cap_id and self.ruleset_id and self.cap.ruleset_id != self.ruleset_id:
            errors["cap"] = _("The cap belongs to another rule set.")
        if errors:
            raise ValidationError(errors)


class GradeBand(RuleSetChild):
    """A grade (优秀, 良好 …) for scores from `min_score` up to, not including, the next band."""

    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("score rule set"), on_delete=models.CASCADE, related_name="bands"
    )
    name = models.CharField(_("grade"), max_length=30)
    min_score = models.DecimalField(_("from score"), max_digits=7, decimal_places=1)
    max_score = models.DecimalField(
        _("up to score"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Inclusive; empty = no upper limit."),
    )

    history = HistoricalRecords()
    url_base = "activities:band"

    class Meta:
        ordering = ["ruleset", "-min_score"]
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")

    def __str__(self):
        upper = "" if self.max_score is None else f"–{self.max_score}"
        return f"{self.name}（{self.min_score}{upper}）"

    def clean(self):
        if self.max_score is not None and self.min_score is not None:
            if self.max_score < self.min_score:
                raise ValidationError({"max_score": _("The upper score is below the lower score.")})
        if not self.ruleset_id or self.min_score is None:
            return
        for other in GradeBand.objects.filter(ruleset_id=self.ruleset_id).exclude(pk=self.pk):
            if bands_overlap(self, other):
                raise ValidationError(
                    {"min_score": _("This band overlaps the band %(band)s.") % {"band": str(other)}}
                )


def bands_overlap(a, b) -> bool:
    """Closed intervals [min, max]; a missing max is +∞."""
    a_hi = a.max_score if a.max_score is not None else float("inf")
    b_hi = b.max_score if b.max_score is not None else float("inf")
    return a.min_score <= b_hi and b.min_score <= a_hi
