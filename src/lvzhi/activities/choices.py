"""Kinds and states of the activities app: readable values, translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lvzhi.core.choices import AttachmentKind as CoreAttachmentKind


class KindCategory(models.TextChoices):
    """What an activity kind is, whatever an office names it: drives its extra fields."""

    CONSULTATION = "consultation", _("Special consultation")
    MEDIA_CONSULTATION = "media_consultation", _("All-media consultation")
    RESEARCH = "research", _("Research")
    INSPECTION = "inspection", _("Inspection")
    ENTERPRISE_VISIT = "enterprise_visit", _("Service-team enterprise visit")
    INVESTMENT = "investment", _("Investment promotion")
    LECTURE = "lecture", _("Economic lecture")
    FINANCING = "financing", _("Government-bank-enterprise meeting")
    EXCHANGE = "exchange", _("Experience exchange meeting")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class ReportItemKind(models.TextChoices):
    PROBLEM = "problem", _("Problem-list item")
    GUIDE = "guide", _("Operation guide")
    RECOMMENDATION = "recommendation", _("Recommendation")
    SUGGESTION = "suggestion", _("Suggestion")


# One kind for every record's attachments (core.Attachment and activities.Attachment).
AttachmentKind = CoreAttachmentKind


class GroupKind(models.TextChoices):
    SERVICE_TEAM = "service_team", _("Industry service team")
    PRACTICE_PLATFORM = "practice_platform", _("Practice platform")


class ScoreEvent(models.TextChoices):
    """What a rule gives points for. The last ones are fed by later apps (see scoring)."""

    ACTIVITY = "activity", _("Activity (kind × role, attended)")
    ATTENDANCE = "attendance", _("Attendance state (excused / absent)")
    PROPOSAL_LEAD = "proposal_lead", _("Proposal filed (lead proposer)")
    PROPOSAL_JOINT = "proposal_joint", _("Proposal filed (joint proposer)")
    PROPOSAL_KEY = "proposal_key", _("Key or excellent proposal")
    SOCIAL_REPORT_ADOPTED = "social_report_adopted", _("Social-conditions report adopted")
    PROBLEM_RESOLVED = "problem_resolved", _("Problem resolved")
    PROJECT_LANDED = "project_landed", _("Investment project landed")


class ScoreUnit(models.TextChoices):
    TIME = "time", _("per time (次)")
    HALF_DAY = "half_day", _("per half day (半天)")
    ITEM = "item", _("per item (件)")
    ARTICLE = "article", _("per article (篇)")
