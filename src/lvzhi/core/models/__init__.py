from .attachments import Attachment
from .base import CommitteeOwnedModel, TrackedModel, VisibleQuerySet
from .calendar import WorkdayOverride
from .committees import Committee, RoleAssignment
from .derived import DataVersion, Tally, TallyMark, TallyState
from .dictionaries import Department, Enterprise, Industry, Park, Sector, Village
from .jobs import Job, JobStatus
from .notifications import Notification
from .people import Member, Person
from .workflow import TransitionLog

__all__ = [
    "Attachment",
    "Committee",
    "CommitteeOwnedModel",
    "DataVersion",
    "Tally",
    "TallyMark",
    "TallyState",
    "Department",
    "Enterprise",
    "Industry",
    "Job",
    "JobStatus",
    "Member",
    "Notification",
    "Park",
    "Person",
    "RoleAssignment",
    "Sector",
    "TrackedModel",
    "TransitionLog",
    "Village",
    "VisibleQuerySet",
    "WorkdayOverride",
]
