"""Duty activities (履职活动), who took part, what came out, and the groups that made them."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.activities.choices import (
    Attendance,
    GroupKind,
    KindCategory,
    ParticipationRole,
    ReportItemKind,
)
from lvzhi.core.committees import system_committee_ids
from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel, TrackedModel

#: How far ahead an activity may be dated (planned activities); settings may override.
DEFAULT_FUTURE_DAYS = 366


def future_horizon() -> datetime.date:
    days = getattr(settings, "ACTIVITY_FUTURE_DAYS", DEFAULT_FUTURE_DAYS)
    return timezone.localdate() + datetime.timedelta(days=days)


class ActivityKind(TrackedModel):
    """A kind of duty activity — a dictionary system administrators extend."""

    picker_kept = True

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    category = models.CharField(
        _("category"), max_length=20, choices=KindCategory.choices, default=KindCategory.OTHER
    )
    description = LongTextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    url_base = "activities:kind"

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")

    def __str__(self):
        return self.name


class MemberGroup(CommitteeOwnedModel):
    """产业服务团 / 实践平台 — a named group of members attached to an industry."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.SERVICE_TEAM
    )
    industry = models.ForeignKey(
        "core.Industry", verbose_name=_("industry"), on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        "core.Member",
        verbose_name=_("team leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        "core.Member", verbose_name=_("members"), blank=True, related_name="activity_groups"
    )
    description = LongTextField(_("description"), blank=True)

    history = HistoricalRecords(m2m_fields=[members])
    owner_lookup = "members__person__user"
    url_base = "activities:group"

    class Meta:
        ordering = ["committee__sort_order", "kind", "name"]
        verbose_name = _("service team or platform")
        verbose_name_plural = _("service teams and platforms")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unique_member_group_name")
        ]

    def __str__(self):
        return self.name


class Activity(CommitteeOwnedModel):
    """履职活动 — one duty activity with its date, place, leaders, members and outputs."""

    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("date"), db_index=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for activities of several days.")
    )
    half_days = models.PositiveSmallIntegerField(
        _("half days"), default=1, help_text=_("Duration in half days (for per-half-day points).")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = LongTextField(_("summary"), blank=True)
    leaders = models.ManyToManyField(
        "core.Member", verbose_name=_("led by"), blank=True, related_name="led_activities"
    )
    industries = models.ManyToManyField(
        "core.Industry", verbose_name=_("industries"), blank=True, related_name="+"
    )
    enterprises = models.ManyToManyField(
        "core.Enterprise", verbose_name=_("enterprises"), blank=True, related_name="+"
    )
    group = models.ForeignKey(
        MemberGroup,
        verbose_name=_("service team or platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    destinations = models.CharField(
        _("destinations"), max_length=200, blank=True, help_text=_("e.g. 北京、上海、广东")
    )
    speakers = models.CharField(_("speakers"), max_length=200, blank=True)
    media_link = models.URLField(_("media link"), blank=True)
    attachments = GenericRelation("core.Attachment")

    history = HistoricalRecords(m2m_fields=[leaders, industries, enterprises])
    owner_lookup = "participations__member__person__user"
    picked_by_search = True
    url_base = "activities:activity"

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("duty activity")
        verbose_name_plural = _("duty activities")
        indexes = [models.Index(fields=["committee", "start_date"])]

    def __str__(self):
        return f"{self.start_date:%Y-%m-%d} {self.title}"

    @property
    def last_day(self) -> datetime.date:
        return self.end_date or self.start_date

    def clean(self):
        errors = {}
        if self.start_date and self.start_date > future_horizon():
            errors["start_date"] = _("The date lies too far in the future (after %(date)s).") % {
                "date": future_horizon().isoformat()
            }
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if not self.half_days:
            errors["half_days"] = _("An activity lasts at least one half day.")
        if errors:
            raise ValidationError(errors)

    def clean_members(self, members, field="participants"):
        """Every member must sit in this activity's committee system, and only once."""
        members = [m for m in members if m is not None]
        # Cached on the instance: a roll of 300 is checked against one tree.
        cached = getattr(self, "_system_ids", None)
        if cached is None or cached[0] != self.committee_id:
            cached = (self.committee_id, system_committee_ids(self.committee))
            self._system_ids = cached
        allowed = cached[1]
        outside = [str(m) for m in members if m.committee_id not in allowed]
        if outside:
            raise ValidationError(
                {
                    field: _("Not members of this committee system: %(names)s.")
                    % {"names": "、".join(outside)}
                }
            )
        seen, twice = set(), []
        for m in members:
            if m.pk in seen:
                twice.append(str(m))
            seen.add(m.pk)
        if twice:
            raise ValidationError(
                {field: _("Listed twice: %(names)s.") % {"names": "、".join(twice)}}
            )


class ActivityChild(CommitteeOwnedModel):
    """A record that belongs to an activity: committee and publication follow the activity."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("duty activity"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    def follow_activity(self):
        self.committee_id = self.activity.committee_id
        self.published = self.activity.published


class Participation(ActivityChild):
    """A member's part in an activity: role and attendance."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("duty activity"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    member = models.ForeignKey(
        "core.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTICIPANT,
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.INVITED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    owner_lookup = "member__person__user"
    label_related = ("member__person", "activity")
    url_base = "activities:participation"

    class Meta:
        ordering = ["activity", "member__person__name_strokes", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"], name="unique_participation_per_member"
            )
        ]
        indexes = [models.Index(fields=["member", "activity"])]

    def __str__(self):
        return f"{self.member.person.name} · {self.activity.title}"

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        # The database constraint names no field: say which one is wrong.
        if self.activity_id and self.member_id:
            dup = Participation.objects.filter(activity_id=self.activity_id, member=self.member_id)
            if dup.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"member": _("This member is already listed for this activity.")}
                )

    def clean(self):
        if self.activity_id and self.member_id:
            try:
                self.activity.clean_members([self.member], field="member")
            except ValidationError:
                raise ValidationError(
                    {"member": _("This member does not sit in this activity's committee system.")}
                ) from None


class ReportItem(ActivityChild):
    """An output counted one by one: a problem-list item, a recommendation, a suggestion.

    An item can lead to an outcome (成果转化): its record type is an outcome source
    (core.outcomes), and the outcome names it among its sources; `outcome_note` is the
    office's own short word on what became of it.
    """

    activity = models.ForeignKey(
        Activity, verbose_name=_("duty activity"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportItemKind.choices)
    text = LongTextField(_("text"))
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    outcome_note = models.CharField(_("outcome"), max_length=200, blank=True)

    history = HistoricalRecords()
    owner_lookup = "activity__participations__member__person__user"
    url_base = "activities:item"

    class Meta:
        ordering = ["activity", "kind", "sort_order", "id"]
        verbose_name = _("output item")
        verbose_name_plural = _("output items")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.text[:30]}"
