"""What handling a proposal leaves behind: assignments, replies, ratings, 面商, extensions,
leaders' visits."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.fields import LongTextField
from lvzhi.core.models.workflow import ExtensionRequest

from ..choices.proposal import MeetingForm, Rating, RatingSide, ReplyClass, UnitRole


class ProposalAssignment(models.Model):
    """交办 — a unit handling a proposal as 主办, 会办 or 分办, and its objection."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="proposal_assignments",
    )
    role = models.CharField(_("role"), max_length=8, choices=UnitRole.choices)
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    #: 会办 units: their opinion to the 主办 unit, and by when
    opinion = LongTextField(_("co-handling opinion"), blank=True)
    opinion_on = models.DateField(_("opinion sent on"), null=True, blank=True)
    opinion_by = models.DateField(_("opinion due"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("proposal assignment")
        verbose_name_plural = _("proposal assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "department"], name="unique_proposal_assignment"
            ),
            models.UniqueConstraint(
                fields=["proposal"], condition=models.Q(role="lead"), name="one_proposal_lead"
            ),
        ]

    def __str__(self):
        return f"{self.department} ({self.get_role_display()})"


class ProposalReply(models.Model):
    """答复 — a unit's signed reply (文号, 签发人, the document), round 1 or a 重办 round."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    document_number = models.CharField(_("document number"), max_length=60)
    signed_by = models.CharField(_("signed by"), max_length=30)
    reply_class = models.CharField(_("reply class"), max_length=1, choices=ReplyClass.choices)
    #: the class the unit chose, when the office changed it on review
    unit_class = models.CharField(
        _("class chosen by the unit"), max_length=1, choices=ReplyClass.choices, blank=True
    )
    summary = LongTextField(_("summary of the reply"))
    document = models.ForeignKey(
        "core.Attachment",
        verbose_name=_("reply document"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_on = models.DateField(_("replied on"))
    on_time = models.BooleanField(_("on time"), default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("proposal reply")
        verbose_name_plural = _("proposal replies")

    def __str__(self):
        return f"{self.document_number} ({self.reply_class})"


class ProposalRating(models.Model):
    """评价 — the proposer's rating of the handling and the result, or (双向评议) the unit's
    rating of the proposal's quality. Neither side sees the other's until both are in."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    side = models.CharField(_("side"), max_length=8, choices=RatingSide.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handling = models.CharField(_("handling"), max_length=14, choices=Rating.choices)
    result = models.CharField(_("result"), max_length=14, choices=Rating.choices, blank=True)
    comment = LongTextField(_("comment"), blank=True)
    by_office = models.BooleanField(_("recorded by the office"), default=False)
    #: 视为满意: not given in time, recorded by the daily pass with the default rating
    deemed = models.BooleanField(_("deemed (not rated in time)"), default=False)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["rated_at", "id"]
        verbose_name = _("proposal rating")
        verbose_name_plural = _("proposal ratings")

    def __str__(self):
        return f"{self.get_side_display()}: {self.get_handling_display()}"


class ProposalMeeting(models.Model):
    """面商 — the unit meets the proposer (in person, by phone or in writing)."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    met_on = models.DateField(_("date"))
    form = models.CharField(_("form"), max_length=10, choices=MeetingForm.choices)
    note = LongTextField(_("note"), blank=True)

    class Meta:
        ordering = ["met_on", "id"]
        verbose_name = _("meeting with the proposer")
        verbose_name_plural = _("meetings with the proposer")

    def __str__(self):
        return f"{self.met_on} {self.get_form_display()}"


class ProposalLeaderVisit(models.Model):
    """领导督办 — a leader's visit to the units handling a key proposal (or a 督办 meeting):
    who went, when, and what they found or asked for. Recorded by the leader or the office
    (the workflow step `leader_visit`)."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="leader_visits",
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visited_on = models.DateField(_("date"))
    note = LongTextField(_("note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["visited_on", "id"]
        verbose_name = _("leader's visit")
        verbose_name_plural = _("leaders' visits")

    def __str__(self):
        return f"{self.visited_on} {self.leader}"


class ProposalExtension(ExtensionRequest):
    """申请延期 of a proposal's reply (core.extensions; one, at most a month, within the cap)."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )

    history = HistoricalRecords()

    class Meta(ExtensionRequest.Meta):
        pass
