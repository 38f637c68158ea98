"""Status and kind values of investment projects, financing needs and pairings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    """The pipeline of a project (services.base.ProjectWorkflow): 线索 → … → 投产 (→ 达产)."""

    LEAD = "lead", pgettext_lazy("investment stage", "Lead")
    NEGOTIATING = "negotiating", _("Negotiating")
    INTENTION = "intention", _("Intention agreement signed")
    CONTRACTED = "contracted", _("Contract signed")
    STARTED = "started", _("Construction started")
    PRODUCING = "producing", _("In production")
    FULL_CAPACITY = "full_capacity", _("At full capacity")
    DROPPED = "dropped", _("Dropped")


#: the stages in order; a project moves to the next one only (or skips by office decision)
PIPELINE = [
    Stage.LEAD,
    Stage.NEGOTIATING,
    Stage.INTENTION,
    Stage.CONTRACTED,
    Stage.STARTED,
    Stage.PRODUCING,
    Stage.FULL_CAPACITY,
]
#: the date field each stage is reached on
STAGE_DATE = {
    Stage.LEAD: "registered_on",
    Stage.NEGOTIATING: "negotiating_on",
    Stage.INTENTION: "intention_on",
    Stage.CONTRACTED: "contracted_on",
    Stage.STARTED: "started_on",
    Stage.PRODUCING: "producing_on",
    Stage.FULL_CAPACITY: "full_capacity_on",
}
#: still moving: progress is expected, a stalled one is listed
OPEN_STAGES = (Stage.LEAD, Stage.NEGOTIATING, Stage.INTENTION, Stage.CONTRACTED, Stage.STARTED)
#: 项目落地: construction started (the scoring event and the 落地 figures count from here)
LANDED_STAGES = (Stage.STARTED, Stage.PRODUCING, Stage.FULL_CAPACITY)


class Action(models.TextChoices):
    """What a ProjectTransition records."""

    REGISTER = "register", _("Register")
    NEGOTIATE = "negotiate", _("Start negotiating")
    SIGN_INTENTION = "sign_intention", _("Sign the intention agreement")
    SIGN_CONTRACT = "sign_contract", _("Sign the contract")
    START = "start", _("Start construction")
    PRODUCE = "produce", _("Start production")
    REACH_CAPACITY = "reach_capacity", _("Reach full capacity")
    SKIP = "skip", _("Move to a later stage (office decision)")
    DROP = "drop", _("Drop")
    PROGRESS = "progress", _("Progress report")
    FUNDS = "funds", _("Funds in place")
    CREDIT = "credit", _("Credit a member")
    REMIND = "remind", _("Reminder")
    ESCALATE = "escalate", _("Escalation to a leader")


class SourceMode(models.TextChoices):
    """三位一体招商 — the three ways a project comes in."""

    LEADER = "leader", _("Led by a leader")
    MEMBER = "member", _("Brokered by a member entrepreneur")
    DEPARTMENT = "department", _("Professional promotion by a department head")


class Urgency(models.TextChoices):
    """The same scale as an enterprise problem's (one enum in the API schema)."""

    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    CRITICAL = "critical", _("Critical")


class MatchStatus(models.TextChoices):
    """政银企对接 — a financing need matched to one bank."""

    MATCHING = "matching", _("Being matched")
    GRANTED = "granted", _("Credit granted")
    DISBURSED = "disbursed", _("Loan disbursed")
    FAILED = "failed", _("Not successful")


class MatchAction(models.TextChoices):
    """What a bank (or the office) records about a match (MatchTransition)."""

    GRANT = "grant", _("Record the credit granted")
    DISBURSE = "disburse", _("Record the loan disbursed")
    DECLINE = "decline", _("Record that it did not succeed")


class SupportDimension(models.TextChoices):
    """百企扶百村 — what an enterprise gives its village."""

    FUNDS = "funds", _("Funds")
    TECHNOLOGY = "technology", _("Technology")
    MARKET = "market", _("Market")
    EMPLOYMENT = "employment", _("Employment")
    OTHER = "other", _("Other")
