"""提案 — proposals: the session they belong to, the proposal, its co-signers, its log.

A Proposal belongs to a committee (the office of the 提案委 that handles it) and a session
(届次). The workflow (services/proposal_*.py) maintains the fields marked editable=False;
a member edits only the text of their own draft (owner_editable_fields).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel, TrackedModel, TransitionLog

from ..choices.proposal import (
    Action,
    ConvertTo,
    Kind,
    OrganisationKind,
    Rating,
    ReplyClass,
    SignatureState,
    State,
)
from .proposal_handling import (
    ProposalAssignment,
    ProposalExtension,
    ProposalLeaderVisit,
    ProposalMeeting,
    ProposalRating,
    ProposalReply,
)

__all__ = [
    "Proposal",
    "ProposalAssignment",
    "ProposalExtension",
    "ProposalLeaderVisit",
    "ProposalMeeting",
    "ProposalRating",
    "ProposalReply",
    "ProposalSession",
    "ProposalSignature",
    "ProposalTransition",
    "RejectionGround",
]

DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 as 一 … 九十九 (届 and 次 of a session)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


class RejectionGround(TrackedModel):
    """不予立案的理由 — a ground for not accepting a proposal (涉密, 内容空泛 …): a dictionary
    the office keeps. A deactivated ground is no longer offered; proposals keep theirs."""

    code = models.SlugField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    description = LongTextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    url_base = "proposals:ground"

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("ground for not accepting")
        verbose_name_plural = _("grounds for not accepting")

    def __str__(self):
        return self.name

    def clean(self):
        # proposals point at the code: it stays once a proposal was refused on the ground
        old = type(self).objects.filter(pk=self.pk).values_list("code", flat=True).first()
        if old and old != self.code and Proposal.objects.filter(rejection_ground_id=old).exists():
            raise ValidationError(
                {"code": _("Proposals were not accepted on this ground: keep its code.")}
            )


class ProposalSession(CommitteeOwnedModel):
    """届次 — e.g. 五届三次 (the third plenary session of the fifth committee), with its year
    and plenary window: proposals made during it are 大会提案, the others 平时提案."""

    term = models.PositiveSmallIntegerField(_("term"))
    sitting = models.PositiveSmallIntegerField(_("session"))
    year = models.PositiveSmallIntegerField(_("year"))
    plenary_start = models.DateField(_("plenary from"), null=True, blank=True)
    plenary_end = models.DateField(_("plenary until"), null=True, blank=True)
    #: members file their proposals into it: a session is announced to them
    published = models.BooleanField(
        _("published to members"),
        default=True,
        help_text=_("Members of this committee system may see a published record."),
    )
    #: the last serial number given at 立案 (locked while the next one is taken)
    last_serial = models.PositiveIntegerField(_("last serial number"), default=0, editable=False)

    history = HistoricalRecords()
    url_base = "proposals:session"

    class Meta:
        ordering = ["-year", "-term", "-sitting"]
        verbose_name = _("proposal session")
        verbose_name_plural = _("proposal sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "term", "sitting"], name="unique_proposal_session"
            )
        ]

    def __str__(self):
        return f"{chinese_number(self.term)}届{chinese_number(self.sitting)}次"

    def clean(self):
        if self.plenary_start and self.plenary_end and self.plenary_end < self.plenary_start:
            raise ValidationError({"plenary_end": _("The plenary cannot end before it starts.")})
        if not self.term or not self.sitting:
            raise ValidationError(_("Term and session start at 1."))

    def serial_label(self, serial: int) -> str:
        return f"{self}第{serial:04d}号"


class Proposal(CommitteeOwnedModel):
    """A proposal (提案): by a member, jointly, or in the name of an organisation."""

    session = models.ForeignKey(
        ProposalSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.INDIVIDUAL)
    organisation_kind = models.CharField(
        _("organisation kind"), max_length=20, choices=OrganisationKind.choices, blank=True
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=100,
        blank=True,
        help_text=_("e.g. the city committee of a democratic party"),
    )
    lead = models.ForeignKey(
        "core.Person",
        verbose_name=_("lead proposer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_proposals",
    )
    sector = models.ForeignKey(
        "core.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Phrase it as a suggestion: “On …”")
    )
    cause = LongTextField(_("cause"), max_length=500)
    analysis = LongTextField(_("analysis"))
    suggestions = LongTextField(_("suggestions"))
    industries = models.ManyToManyField("core.Industry", verbose_name=_("industries"), blank=True)
    #: the session's year, kept on the row: the year's figures read one table
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    plenary = models.BooleanField(_("plenary proposal"), default=False, editable=False)

    # -- maintained by the workflow -------------------------------------------------------
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True, editable=False)
    serial_label = models.CharField(_("number"), max_length=30, blank=True, editable=False)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True, editable=False)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, editable=False)
    rejection_ground = models.ForeignKey(
        RejectionGround,
        verbose_name=_("ground for not accepting"),
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    converted_to = models.CharField(
        _("converted to"), max_length=12, choices=ConvertTo.choices, blank=True, editable=False
    )
    #: the record it became (a 社情民意 report's id), once that part links it
    converted_record_id = models.PositiveBigIntegerField(
        _("converted record"), null=True, blank=True, editable=False
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_proposals",
        editable=False,
    )
    lead_unit = models.ForeignKey(
        "core.Department",
        verbose_name=pgettext_lazy("proposal", "lead unit"),  # 主办单位
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True, editable=False)
    deadline = models.DateField(_("reply deadline"), null=True, blank=True, editable=False)
    original_deadline = models.DateField(
        _("deadline before extension"), null=True, blank=True, editable=False
    )
    meet_by = models.DateField(_("meet the proposer by"), null=True, blank=True, editable=False)
    met_on = models.DateField(_("met the proposer on"), null=True, blank=True, editable=False)
    replied_on = models.DateField(_("replied on"), null=True, blank=True, editable=False)
    replied_on_time = models.BooleanField(
        _("replied on time"), null=True, blank=True, editable=False
    )
    reply_class = models.CharField(
        _("reply class"), max_length=1, choices=ReplyClass.choices, blank=True, editable=False
    )
    released_on = models.DateField(_("reply sent on"), null=True, blank=True, editable=False)
    rate_by = models.DateField(_("rate by"), null=True, blank=True, editable=False)
    handling_rating = models.CharField(
        _("rating of the handling"),
        max_length=14,
        choices=Rating.choices,
        blank=True,
        editable=False,
    )
    result_rating = models.CharField(
        _("rating of the result"),
        max_length=14,
        choices=Rating.choices,
        blank=True,
        editable=False,
    )
    #: the ratings above are the default recorded when the proposer did not rate in time
    rating_deemed = models.BooleanField(
        _("rating deemed (not rated in time)"), default=False, editable=False
    )
    redo_count = models.PositiveSmallIntegerField(_("handled again"), default=0, editable=False)
    is_key = models.BooleanField(_("key proposal"), default=False, editable=False)
    key_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_excellent = models.BooleanField(_("excellent proposal"), default=False, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True, editable=False)
    escalated_on = models.DateField(
        _("escalated to a leader on"), null=True, blank=True, editable=False
    )

    #: the units' signed replies (core.Attachment)
    attachments = GenericRelation("core.Attachment")
    history = HistoricalRecords()
    # the lead proposer and every co-signer see their proposal's whole path
    owner_lookup = ("lead__user", "signatures__person__user")
    owner_editable_fields = ("title", "cause", "analysis", "suggestions", "industries")
    unit_lookup = "assignments__department"
    picked_by_search = True
    url_base = "proposals:proposal"
    #: members draft their own proposals (services.proposal_draft)
    members_report = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "serial"],
                condition=models.Q(serial__isnull=False),
                name="unique_proposal_serial",
            )
        ]
        indexes = [
            # the list newest first: of the whole system, of one committee, of a year
            models.Index(fields=["-created_at", "-id"], name="proposal_newest"),
            models.Index(
                fields=["committee", "-created_at", "-id"], name="proposal_committee_newest"
            ),
            models.Index(fields=["year", "-created_at", "-id"], name="proposal_year_created"),
            models.Index(fields=["state", "deadline"], name="proposal_state_deadline"),
            models.Index(fields=["submitted_on"], name="proposal_submitted"),
            models.Index(fields=["year", "committee"], name="proposal_year_committee"),
            # the year's figures count what is open past its deadline today by lead unit
            # (from the index alone on PostgreSQL); the list counts a year's states with it
            models.Index(
                fields=["year", "state", "deadline"],
                include=["lead_unit", "replied_on_time", "assigned_on", "committee"],
                name="proposal_year_state_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.serial_label} {self.title}" if self.serial_label else self.title

    def text_length(self) -> int:
        return len(self.cause or "") + len(self.analysis or "") + len(self.suggestions or "")

    def clean(self):
        if self.session_id:
            self.year = self.session.year
        limit = settings.PROPOSALS_TEXT_MAX_CHARS
        if self.text_length() > limit:
            raise ValidationError(
                {
                    "suggestions": _(
                        "Cause, analysis and suggestions together may hold %(limit)s characters; "
                        "this text has %(n)s."
                    )
                    % {"limit": limit, "n": self.text_length()}
                }
            )
        if self.kind == Kind.ORGANISATION:
            if not self.organisation_kind or not self.organisation.strip():
                raise ValidationError(
                    {"organisation": _("Name the organisation the proposal is made by.")}
                )
        elif self.lead_id is None:
            raise ValidationError({"lead": _("Name the lead proposer.")})
        if self.session_id and self.committee_id and self.session.committee_id != self.committee_id:
            raise ValidationError({"session": _("The session belongs to another committee.")})

    def delete_refusal(self):
        if self.state != State.DRAFT:
            return _("A submitted proposal cannot be deleted; its path is the record.")
        return None

    def proposer_label(self) -> str:
        if self.kind == Kind.ORGANISATION:
            return self.organisation
        return str(self.lead) if self.lead_id else ""


class ProposalSignature(models.Model):
    """联名 — a co-signer invited to sign a joint proposal before a deadline."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="signatures"
    )
    person = models.ForeignKey(
        "core.Person", verbose_name=_("co-signer"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=SignatureState.choices, default=SignatureState.INVITED
    )
    sign_by = models.DateField(_("sign by"))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("co-signer")
        verbose_name_plural = _("co-signers")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="unique_co_signer")
        ]

    def __str__(self):
        return f"{self.person} ({self.get_state_display()})"


class ProposalTransition(TransitionLog):
    """One step of a proposal's path."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=10, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=State.choices)
    unit = models.ForeignKey(
        "core.Department",
        verbose_name=_("for unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("proposal step")
        verbose_name_plural = _("proposal steps")
        indexes = [models.Index(fields=["proposal", "at"], name="transition_proposal_at")]
