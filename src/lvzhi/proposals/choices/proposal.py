"""Status and kind values of proposals: readable values, translated labels."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual proposal")
    JOINT = "joint", _("Joint proposal")
    ORGANISATION = "organisation", _("Organisation proposal")


class OrganisationKind(models.TextChoices):
    """In whose name an organisation proposal is made."""

    PARTY = "party", _("Democratic party")
    PEOPLES_ORGANISATION = "peoples_org", _("People's organisation")
    SECTOR = "sector", _("Sector")
    SPECIAL_COMMITTEE = "special_committee", _("Special committee")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted as a case")
    REJECTED = "rejected", pgettext_lazy("proposal", "Not accepted")  # 不予立案
    CONVERTED = "converted", _("Converted")
    MERGED = "merged", _("Merged")
    ASSIGNED = "assigned", _("Being handled")
    REPLIED = "replied", _("Replied (office review)")
    RELEASED = "released", _("Reply sent to the proposer")
    RATED = "rated", _("Rated")
    CLOSED = "closed", _("Closed")


#: the units are handling it: the reply deadline runs
OPEN_STATES = (State.ASSIGNED,)
#: accepted as a case (立案) and every state after it
ACCEPTED_STATES = (
    State.ACCEPTED,
    State.ASSIGNED,
    State.REPLIED,
    State.RELEASED,
    State.RATED,
    State.CLOSED,
)
#: the proposer sees the reply
REPLY_SHOWN_STATES = (State.RELEASED, State.RATED, State.CLOSED)
#: a member still writes it
EDITABLE_STATES = (State.DRAFT, State.RETURNED)
#: handed in: counted as received (收到提案)
RECEIVED_STATES = tuple(s for s in State.values if s not in EDITABLE_STATES)


class Action(models.TextChoices):
    CREATE = "create", _("Draft")
    SIGN = "sign", _("Sign as co-signer")
    DECLINE = "decline", _("Decline to co-sign")
    SUBMIT = "submit", _("Submit")
    ACCEPT = "accept", _("Accept as a case")
    REJECT = "reject", _("Do not accept")
    RETURN = "return", _("Return for revision")
    CONVERT = "convert", _("Convert")
    MERGE = "merge", _("Merge into another proposal")
    ASSIGN = "assign", _("Assign to handling units")
    OBJECT = "object", _("Object to the assignment")
    CO_OPINION = "co_opinion", _("Send the co-handling opinion")
    MEET = "meet", _("Record a meeting with the proposer")
    REPLY = "reply", _("Reply")
    RELEASE = "release", _("Send the reply to the proposer")
    RATE = "rate", _("Rate the reply")
    DEEM_RATED = "deem_rated", _("Not rated in time: rating deemed")
    REDO = "redo", _("Handle again")
    UNIT_RATE = "unit_rate", _("Rate the proposal's quality")
    MARK_KEY = "mark_key", _("Mark as a key proposal")
    MARK_EXCELLENT = "mark_excellent", _("Mark as an excellent proposal")
    LEADER_VISIT = "leader_visit", _("Record a leader's visit")
    CLOSE = "close", _("Close")
    REQUEST_EXTENSION = "request_extension", _("Request an extension")
    APPROVE_EXTENSION = "approve_extension", _("Approve the extension")
    REFUSE_EXTENSION = "refuse_extension", _("Refuse the extension")
    REMIND = "remind", _("Reminder")
    ESCALATE = "escalate", _("Escalation to a leader")


class ConvertTo(models.TextChoices):
    SUGGESTION = "suggestion", _("Opinion and suggestion")
    OPINION = "opinion", _("Social-conditions report")


class UnitRole(models.TextChoices):
    # 主办单位: a proposal's lead unit (a problem's is its 牵头单位)
    LEAD = "lead", pgettext_lazy("proposal", "Lead unit")
    CO = "co", _("Co-handling unit")
    SEPARATE = "separate", _("Separate handling unit")


class SignatureState(models.TextChoices):
    INVITED = "invited", _("Invited")
    SIGNED = "signed", _("Signed")
    DECLINED = "declined", _("Declined")


class ReplyClass(models.TextChoices):
    A = "A", _("A: solved or basically solved")
    B = "B", _("B: being solved or planned")
    C = "C", _("C: kept for reference")
    D = "D", _("D: explained, cannot be solved")


def reply_classes():
    """The reply classes in use (PROPOSALS_REPLY_CLASSES: 3 = A–C, 4 = A–D)."""
    return ReplyClass.choices[: 4 if settings.PROPOSALS_REPLY_CLASSES >= 4 else 3]


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


class RatingSide(models.TextChoices):
    PROPOSER = "proposer", _("Proposer on the handling")
    UNIT = "unit", _("Unit on the proposal's quality")


class MeetingForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    WRITTEN = "written", _("In writing")
