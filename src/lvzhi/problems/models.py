"""难题 / 企业诉求 — enterprise problems, their assignment to handling units, and their path.

A Problem belongs to a committee (the office that registered it). The workflow lives in
services.py; the fields below that the workflow maintains (state, lead unit, dates,
answer, satisfaction, reminder and escalation days) are never edited through a form.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.committees import within_system
from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel, TrackedModel, TransitionLog
from lvzhi.core.models.workflow import ExtensionRequest as BaseExtensionRequest

from .choices import (
    Action,
    ConfirmedVia,
    DueState,
    Satisfaction,
    State,
    UnitRole,
    Urgency,
)
from .deadlines import due_state


class ProblemCategory(TrackedModel):
    """难题类别 — 用地, 融资, 用工, 审批 …, with the default deadline per urgency."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=30, unique=True)
    days_normal = models.PositiveSmallIntegerField(
        _("working days (normal)"), default=15, help_text=_("Default deadline in working days.")
    )
    days_urgent = models.PositiveSmallIntegerField(_("working days (urgent)"), default=5)
    days_critical = models.PositiveSmallIntegerField(_("working days (critical)"), default=3)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    history = HistoricalRecords()
    url_base = "problems:category"

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")

    def __str__(self):
        return self.name

    def days_for(self, urgency: str) -> int:
        return {
            Urgency.CRITICAL: self.days_critical,
            Urgency.URGENT: self.days_urgent,
        }.get(urgency, self.days_normal)

    def clean(self):
        if not (self.days_critical and self.days_urgent and self.days_normal):
            raise ValidationError(_("Every deadline needs at least one working day."))


class Problem(CommitteeOwnedModel):
    """An enterprise's problem (企业诉求), followed to an answer the enterprise confirms."""

    title = models.CharField(_("title"), max_length=200)
    description = LongTextField(_("description"))
    enterprise = models.ForeignKey(
        "core.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    industry = models.ForeignKey(
        "core.Industry",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        ProblemCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    raised_by = models.ForeignKey(
        "core.Person",
        verbose_name=_("raised by (member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="raised_problems",
    )
    service_team = models.CharField(
        _("raised by (service team)"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 糖业产业服务团"),
    )
    # The activities capability is built separately: the link is an id, kept optional.
    source_activity_id = models.PositiveBigIntegerField(
        _("source activity"), null=True, blank=True, db_index=True
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. 产业服务团走访企业 2024-03-12")
    )
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)

    # -- maintained by the workflow (services.py) -----------------------------------------
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.REGISTERED, editable=False
    )
    lead_unit = models.ForeignKey(
        "core.Department",
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True, editable=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    original_deadline = models.DateField(
        _("deadline before extension"), null=True, blank=True, editable=False
    )
    solution = LongTextField(_("solution"), blank=True, editable=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)
    answer_workdays = models.PositiveIntegerField(
        _("working days to answer"), null=True, blank=True, editable=False
    )
    answered_on_time = models.BooleanField(
        _("answered on time"), null=True, blank=True, editable=False
    )
    satisfaction = models.CharField(
        _("satisfaction"), max_length=14, choices=Satisfaction.choices, blank=True, editable=False
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True, editable=False)
    escalated_on = models.DateField(
        _("escalated to a leader on"), null=True, blank=True, editable=False
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_problems",
        editable=False,
    )

    #: 附件 — the enterprise's letter, a unit's reply (core.Attachment)
    attachments = GenericRelation("core.Attachment")
    history = HistoricalRecords()
    # The member who raised it and the member running the enterprise: both are asked to
    # confirm the answer (selectors.enterprise_users), so both must be able to open it.
    owner_lookup = ("raised_by__user", "enterprise__member__user")
    unit_lookup = "assignments__department"
    picked_by_search = True
    url_base = "problems:problem"
    #: members report their enterprises' problems themselves (services.problem_report)
    members_report = True

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("enterprise problem")
        verbose_name_plural = _("enterprise problems")
        indexes = [
            models.Index(fields=["state", "deadline"], name="problem_state_deadline"),
            models.Index(fields=["assigned_on", "lead_unit"], name="problem_assigned_unit"),
            models.Index(fields=["registered_on"], name="problem_registered"),
            # A committee's list, newest first (a small county in a large system).
            models.Index(
                fields=["committee", "-registered_on"], name="problem_committee_registered"
            ),
        ]

    def delete_refusal(self):
        """Only a problem nobody has acted on may be deleted; later its transitions are the
        audit trail, and it is withdrawn (撤回) instead."""
        if (
            self.state != State.REGISTERED
            or self.transitions.exclude(action=Action.REGISTER).exists()
        ):
            return _(
                "A problem that has entered the workflow cannot be deleted; withdraw it instead."
            )
        return None

    def __str__(self):
        return f"#{self.pk} {self.title}" if self.pk else self.title

    def clean(self):
        if not self.raised_by_id and not self.service_team.strip():
            raise ValidationError(
                {"service_team": _("Name the member or the service team that raised it.")}
            )
        if (
            self.enterprise_id
            and self.committee_id
            and not within_system(self.committee, self.enterprise.committee)
        ):
            raise ValidationError(
                {"enterprise": _("The enterprise is not in this committee system.")}
            )

    def due_state(self, today=None, soon=None):
        """On time / due soon / overdue: for an answered problem, whether it was in time."""
        return due_state(self, today=today, soon=soon)

    def get_due_state_display(self):
        return DueState(self.due_state()).label


class ProblemAssignment(models.Model):
    """交办 — the lead unit (牵头) or a co-operating unit (配合) of a problem."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="assignments"
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="problem_assignments",
    )
    role = models.CharField(_("role"), max_length=4, choices=UnitRole.choices)
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["problem", "department"], name="unique_assignment"),
            models.UniqueConstraint(
                fields=["problem"], condition=models.Q(role="lead"), name="one_lead_unit"
            ),
        ]

    def __str__(self):
        return f"{self.department} ({self.get_role_display()})"


class ProblemTransition(TransitionLog):
    """One step of a problem's path: who did what, when, from which state to which."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=12, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=12, choices=State.choices)
    unit = models.ForeignKey(
        "core.Department",
        verbose_name=_("for unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        indexes = [models.Index(fields=["problem", "at"], name="transition_problem_at")]


class ProgressNote(models.Model):
    """办理进展 — what a handling unit reports while working on a problem."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="progress_notes"
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    text = LongTextField(_("progress"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return self.text[:40]


class ExtensionRequest(BaseExtensionRequest):
    """申请延期 of a problem — the lead unit asks for a later deadline (core.extensions)."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="extensions"
    )

    history = HistoricalRecords()

    class Meta(BaseExtensionRequest.Meta):
        pass


class Confirmation(models.Model):
    """企业确认 — the enterprise's verdict on an answer (or the office's, after a call-back)."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="confirmations"
    )
    satisfaction = models.CharField(_("satisfaction"), max_length=14, choices=Satisfaction.choices)
    via = models.CharField(_("confirmed"), max_length=10, choices=ConfirmedVia.choices)
    comment = LongTextField(_("comment"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["confirmed_at", "id"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")

    def __str__(self):
        return self.get_satisfaction_display()
