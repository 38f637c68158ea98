"""The annual roadmap (路线图) and member cases (委员风采)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel
from lvzhi.text.amounts import MoneyField


class RoadmapTask(CommitteeOwnedModel):
    """A task of the year's "委员行动" roadmap: owner, due date, progress, activities."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(_("task"), max_length=200)
    description = LongTextField(_("description"), blank=True)
    owner = models.CharField(_("responsible"), max_length=100, help_text=_("e.g. 经济委"))
    owner_member = models.ForeignKey(
        "core.Member",
        verbose_name=_("responsible leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    progress_note = LongTextField(_("progress note"), blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", verbose_name=_("activities"), blank=True, related_name="tasks"
    )

    history = HistoricalRecords(m2m_fields=[activities])
    url_base = "activities:task"

    class Meta:
        ordering = ["committee__sort_order", "year", "due_date", "id"]
        verbose_name = _("roadmap task")
        verbose_name_plural = _("roadmap tasks")

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.progress < 100 and self.due_date < timezone.localdate()


class MemberCase(CommitteeOwnedModel):
    """委员风采 — what a member achieved, with the impact as figures, not prose."""

    member = models.ForeignKey(
        "core.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    summary = LongTextField(_("summary"), blank=True)
    investment = MoneyField(
        _("investment (10k yuan)"),
        unit=10_000,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    investment_is_annual = models.BooleanField(
        _("investment per year"), default=False, help_text=_("e.g. a yearly lease")
    )
    output_value = MoneyField(
        _("output value (10k yuan)"),
        unit=10_000,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    villages_helped = models.PositiveIntegerField(_("villages helped"), null=True, blank=True)
    enterprises = models.ManyToManyField(
        "core.Enterprise", verbose_name=_("enterprises"), blank=True, related_name="+"
    )
    industries = models.ManyToManyField(
        "core.Industry", verbose_name=_("industries"), blank=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[enterprises, industries])
    owner_lookup = "member__person__user"
    url_base = "activities:case"

    class Meta:
        ordering = ["-year", "committee__sort_order", "id"]
        verbose_name = _("member case")
        verbose_name_plural = _("member cases")

    def __str__(self):
        return self.title


class CaseSubject(models.Model):
    """A record a member case is about (a project, a pairing, a financing match …: any
    record type that is a case subject, core.cases); its figures are shown on the case."""

    case = models.ForeignKey(
        MemberCase, verbose_name=_("member case"), on_delete=models.CASCADE, related_name="subjects"
    )
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("record id"))
    subject = GenericForeignKey("subject_type", "subject_id")

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("case subject")
        verbose_name_plural = _("case subjects")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "subject_type", "subject_id"], name="unique_case_subject"
            )
        ]

    def __str__(self):
        return f"{self.case} → {self.subject_type.model}:{self.subject_id}"
