"""社情民意信息 — social-conditions reports, the bulletin 《社情民意》 and their way upward.

A member (or a 党派 / 界别 / 专委会) reports one matter: 情况, 分析, 建议 in at most
`OPINION_MAX_CHARS` characters. The 联络委 edits it (the edited text is kept beside the
original), accepts or rejects it, compiles accepted reports into numbered issues of the
bulletin, and records what happens upward: 报送 to a level, 采用 there (单篇 / 综合), and a
leader's 批示. Every step is a row of the transition log; what happened upward is also an
`OpinionUptake` row (level, date, mode), which the ladder, the points and the figures read.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel, TransitionLog

__all__ = [
    "AdoptionMode",
    "InstructionLevel",
    "Opinion",
    "OpinionAction",
    "OpinionBulletin",
    "OpinionState",
    "OpinionTransition",
    "OpinionUptake",
    "SubmitterKind",
    "UptakeKind",
    "UptakeLevel",
]


class OpinionState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    PUBLISHED = "published", _("In the bulletin")
    FORWARDED = "forwarded", _("Sent upward")
    ADOPTED = "adopted", _("Adopted")


class OpinionAction(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    EDIT = "edit", _("Edit the text")
    ACCEPT = "accept", _("Accept")
    REJECT = "reject", _("Do not accept")
    COMPILE = "compile", _("Put in a bulletin issue")
    FORWARD = "forward", _("Send upward")
    ADOPT = "adopt", _("Record an adoption")
    INSTRUCT = "instruct", _("Record a leader's instruction")


class SubmitterKind(models.TextChoices):
    MEMBER = "member", _("Member")
    PARTY = "party", _("Democratic party")
    SECTOR = "sector", _("Sector")
    COMMITTEE = "committee", _("Special committee")


class UptakeLevel(models.TextChoices):
    """Where a report is sent and adopted, from the city up."""

    CITY = "city", _("City Party committee / city government")
    PROVINCE = "province", _("Provincial CPPCC")
    NATIONAL = "national", _("National CPPCC")


class UptakeKind(models.TextChoices):
    FORWARDED = "forwarded", _("Sent")
    ADOPTED = "adopted", _("Adopted")
    INSTRUCTED = "instructed", _("Leader's instruction")


class AdoptionMode(models.TextChoices):
    SINGLE = "single", _("Adopted on its own")
    COMBINED = "combined", _("Adopted in a combined report")


class InstructionLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial leader")
    CITY_PRINCIPAL = "city_principal", _("Principal city leader")
    CITY = "city", _("City leader")


class OpinionBulletin(CommitteeOwnedModel):
    """One numbered issue of the bulletin 《社情民意》: 期号, date and the reports in it."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("issue number"))
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=60, default="社情民意")
    editor = models.CharField(_("edited by"), max_length=100, blank=True)

    history = HistoricalRecords()
    url_base = "proposals:bulletin"

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "number"], name="unique_bulletin_number"
            )
        ]

    def __str__(self):
        return _("《%(title)s》 %(year)s no. %(number)s") % {
            "title": self.title,
            "year": self.year,
            "number": self.number,
        }

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        if self.committee_id and self.year and self.number:
            same = OpinionBulletin.objects.filter(
                committee_id=self.committee_id, year=self.year, number=self.number
            )
            if same.exclude(pk=self.pk).exists():
                raise ValidationError({"number": _("This issue number is already taken.")})


class Opinion(CommitteeOwnedModel):
    """社情民意信息 — one matter, reported by members or an organisation."""

    title = models.CharField(_("title"), max_length=200)
    text = LongTextField(
        _("text"), help_text=_("The situation, its analysis and the suggestions: one matter.")
    )
    submitter_kind = models.CharField(
        _("submitted as"),
        max_length=10,
        choices=SubmitterKind.choices,
        default=SubmitterKind.MEMBER,
    )
    organisation = models.CharField(
        _("organisation"), max_length=100, blank=True, help_text=_("e.g. 民革来宾市委员会")
    )
    authors = models.ManyToManyField(
        "core.Member", verbose_name=_("members"), blank=True, related_name="opinions"
    )
    industries = models.ManyToManyField(
        "core.Industry", verbose_name=_("industries"), blank=True, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)

    # -- maintained by the workflow (services/opinion.py) ----------------------------------
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=OpinionState.choices,
        default=OpinionState.SUBMITTED,
        editable=False,
    )
    edited_text = LongTextField(_("edited text"), blank=True, editable=False)
    bulletin = models.ForeignKey(
        OpinionBulletin,
        verbose_name=_("bulletin issue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        editable=False,
    )
    #: what it was converted from (a proposal 转为社情民意), through a generic link
    source_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("converted from"), max_length=200, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[authors, industries])
    owner_lookup = "authors__person__user"
    members_report = True
    picked_by_search = True
    url_base = "proposals:opinion"

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("social-conditions report")
        verbose_name_plural = _("social-conditions reports")
        indexes = [models.Index(fields=["committee", "submitted_on"], name="opinion_committee_day")]

    def __str__(self):
        return self.title

    def delete_refusal(self):
        """A report the 联络委 has acted on is kept: its steps are the record of its way up."""
        if (
            self.state != OpinionState.SUBMITTED
            or self.transitions.exclude(action="submit").exists()
        ):
            return _("A report the office has acted on cannot be deleted.")
        return None

    def clean(self):
        errors = {}
        limit = settings.OPINION_MAX_CHARS
        for name in ("text", "edited_text"):
            value = getattr(self, name) or ""
            if len(value) > limit:
                errors[name] = _(
                    "A report holds at most %(limit)s characters (this one has %(n)s): "
                    "one matter per report."
                ) % {"limit": limit, "n": len(value)}
        if self.submitter_kind != SubmitterKind.MEMBER and not self.organisation.strip():
            errors["organisation"] = _("Name the organisation that submits it.")
        if errors:
            raise ValidationError(errors)

    @property
    def final_text(self):
        """The text as the bulletin prints it: the edited one, else the original."""
        return self.edited_text or self.text

    def author_names(self) -> str:
        names = [m.person.name for m in self.authors.all()]
        return self.organisation if not names else "、".join(names)


class OpinionUptake(models.Model):
    """报送 / 采用 / 批示 — one thing that happened to a report above the committee."""

    opinion = models.ForeignKey(
        Opinion, verbose_name=_("report"), on_delete=models.CASCADE, related_name="uptakes"
    )
    kind = models.CharField(_("what"), max_length=10, choices=UptakeKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=UptakeLevel.choices, blank=True)
    date = models.DateField(_("date"))
    mode = models.CharField(_("adoption"), max_length=10, choices=AdoptionMode.choices, blank=True)
    instructed_by = models.CharField(_("instruction by"), max_length=60, blank=True)
    instruction_level = models.CharField(
        _("leader's level"), max_length=16, choices=InstructionLevel.choices, blank=True
    )
    text = LongTextField(_("text"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("uptake")
        verbose_name_plural = _("uptakes")
        indexes = [models.Index(fields=["kind", "date"], name="uptake_kind_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_level_display()} {self.date}"


class OpinionTransition(TransitionLog):
    """One step of a report's path."""

    opinion = models.ForeignKey(
        Opinion, verbose_name=_("report"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=10, choices=OpinionAction.choices)
    from_state = models.CharField(_("from"), max_length=10, choices=OpinionState.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=OpinionState.choices)

    class Meta(TransitionLog.Meta):
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
