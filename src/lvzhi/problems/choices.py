"""Status and kind values of enterprise problems: readable values, translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    CRITICAL = "critical", _("Critical")


class State(models.TextChoices):
    """The workflow of a problem (see services.TRANSITIONS)."""

    REGISTERED = "registered", _("Registered")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CONFIRMED = "confirmed", _("Confirmed by the enterprise")
    CLOSED = "closed", _("Closed")
    RETURNED = "returned", _("Returned by the unit")
    MERGED = "merged", _("Merged")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: a handling unit is working on it: the deadline runs
OPEN_STATES = (State.ASSIGNED, State.IN_PROGRESS)
#: not finished in any way (the duplicate warning looks at these)
ACTIVE_STATES = (
    State.REGISTERED,
    State.ASSIGNED,
    State.IN_PROGRESS,
    State.ANSWERED,
    State.RETURNED,
)
#: "协调解决难题290个": answered and confirmed by the enterprise
RESOLVED_STATES = (State.CONFIRMED, State.CLOSED)
FINAL_STATES = (State.CLOSED, State.MERGED, State.WITHDRAWN)


class Action(models.TextChoices):
    """What a ProblemTransition records."""

    REGISTER = "register", _("Register")
    ASSIGN = "assign", _("Assign")
    START = "start", _("Start handling")
    PROGRESS = "progress", _("Progress note")
    ANSWER = "answer", _("Answer")
    CONFIRM = "confirm", _("Confirm")
    REOPEN = "reopen", _("Reopen")
    RETURN = "return", _("Return to the office")
    MERGE = "merge", _("Merge into another problem")
    WITHDRAW = "withdraw", _("Withdraw")
    CLOSE = "close", _("Close")
    REQUEST_EXTENSION = "request_extension", _("Request an extension")
    APPROVE_EXTENSION = "approve_extension", _("Approve the extension")
    REFUSE_EXTENSION = "refuse_extension", _("Refuse the extension")
    REMIND = "remind", _("Reminder")
    ESCALATE = "escalate", _("Escalation to a leader")


class UnitRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    CO = "co", _("Co-operating unit")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


class ConfirmedVia(models.TextChoices):
    ENTERPRISE = "enterprise", _("By the enterprise")
    CALLBACK = "callback", _("By the office after a call-back")


class DueState(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    NONE = "none", _("No deadline")
