"""招商项目 — an investment project followed from lead to production.

The pipeline's fields (stage, stage dates, contracted amount, funds in place, credits) are
kept by the workflow (services); the form edits what the project *is*.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.choices import IndustryKind
from lvzhi.core.committees import within_system
from lvzhi.core.fields import LongTextField
from lvzhi.core.models import CommitteeOwnedModel, TransitionLog
from lvzhi.text.amounts import MoneyField, parse_quantity

from ..choices import Action, SourceMode, Stage

#: the fields whose copies in the history are not indexed
UNINDEXED_HISTORY = [
    "committee",
    "investor",
    "industry",
    "chain_link",
    "park",
    "responsible_leader",
    "department",
    "source_activity_id",
]


def _stage_date(label):
    return models.DateField(label, null=True, blank=True, editable=False)


class InvestmentProject(CommitteeOwnedModel):
    """A project the committee system attracts: investor, industry chain link, park, money."""

    name = models.CharField(_("project name"), max_length=200)
    investor = models.ForeignKey(
        "core.Enterprise",
        verbose_name=_("investor (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    investor_name = models.CharField(
        _("investor (outside the system)"),
        max_length=200,
        blank=True,
        help_text=_("When the investor is not an enterprise of the system."),
    )
    investor_origin = models.CharField(
        _("investor from"), max_length=60, blank=True, help_text=_("Province / city, e.g. 广东佛山")
    )
    investor_contact = models.CharField(_("investor contact"), max_length=100, blank=True)
    industry = models.ForeignKey(
        "core.Industry",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chain_link = models.ForeignKey(
        "core.Industry",
        verbose_name=_("chain link"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The link of the industry chain the project fills (以链招商)."),
    )
    park = models.ForeignKey(
        "core.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT
    )
    planned_investment = MoneyField(
        _("planned investment (10k yuan)"),
        unit=10_000,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    capacity = models.CharField(
        _("capacity"), max_length=60, blank=True, help_text=_("e.g. 年产1000万平方米")
    )
    capacity_value = models.DecimalField(
        _("capacity (value)"), max_digits=20, decimal_places=2, null=True, editable=False
    )
    capacity_unit = models.CharField(_("capacity unit"), max_length=10, blank=True, editable=False)
    jobs_planned = models.PositiveIntegerField(_("jobs planned"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    source_mode = models.CharField(_("source mode"), max_length=12, choices=SourceMode.choices)
    # A link to the 对外招商 trip or 经验交流会 it came from (activities are another app).
    source_activity_id = models.PositiveBigIntegerField(
        _("source activity"), null=True, blank=True, db_index=True
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. 赴广东招商 2024-05-16")
    )
    responsible_leader = models.ForeignKey(
        "core.Person",
        verbose_name=_("responsible leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    description = LongTextField(_("description"), blank=True)
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)

    # -- kept by the workflow -----------------------------------------------------------------
    state = models.CharField(
        _("stage"), max_length=14, choices=Stage.choices, default=Stage.LEAD, editable=False
    )
    negotiating_on = _stage_date(_("negotiating since"))
    intention_on = _stage_date(_("intention agreement signed on"))
    contracted_on = _stage_date(_("contract signed on"))
    #: 合同约定开工日期: set when the contract is signed (履约率 counts against it)
    start_due_on = _stage_date(_("construction due to start by"))
    started_on = _stage_date(_("construction started on"))
    producing_on = _stage_date(_("production started on"))
    full_capacity_on = _stage_date(_("full capacity reached on"))
    dropped_on = _stage_date(_("dropped on"))
    drop_reason = LongTextField(_("reason for dropping"), blank=True, editable=False)
    contracted_amount = MoneyField(
        _("contracted amount (10k yuan)"),
        unit=10_000,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    funds_in_place = MoneyField(
        _("funds in place (10k yuan)"),
        unit=10_000,
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        editable=False,
    )
    last_progress_on = models.DateField(_("last progress on"), null=True, editable=False)
    #: the next step or progress report is due (assessment of a new lead, then every
    #: INVESTMENT_STALLED_AFTER_DAYS): the daily pass reminds and escalates after it
    progress_due = models.DateField(_("progress due"), null=True, editable=False)
    reminded_on = models.DateField(_("reminder sent on"), null=True, editable=False)
    escalated_on = models.DateField(_("escalated to a leader on"), null=True, editable=False)

    #: the history is read by record (`id`) only: its copies of the foreign keys need no
    #: index, and every history row the daily pass writes would update eight more
    history = HistoricalRecords(no_db_index=UNINDEXED_HISTORY)
    #: the members credited with bringing it (牵线人) see it; so do those who registered it
    owner_lookup = "credits__member__person__user"
    #: the responsible department sees it
    unit_lookup = "department"
    #: members register leads themselves (services.project_report)
    members_report = True
    picked_by_search = True
    url_base = "investment:project"

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        indexes = [
            models.Index(fields=["committee", "state"], name="project_committee_stage"),
            models.Index(fields=["state", "last_progress_on"], name="project_stage_progress"),
        ]

    def __str__(self):
        return self.name

    @property
    def investor_label(self) -> str:
        return str(self.investor) if self.investor_id else self.investor_name

    def clean(self):
        errors = {}
        if not self.investor_id and not self.investor_name.strip():
            errors["investor_name"] = _("Name the investor, or choose an enterprise.")
        if self.chain_link_id:
            link = self.chain_link
            if link.kind != IndustryKind.CHAIN_LINK or link.parent_id is None:
                errors["chain_link"] = _("Choose a link of an industry chain.")
            elif self.industry_id and link.parent_id != self.industry_id:
                errors["chain_link"] = _(
                    "This link belongs to another industry (%(industry)s)."
                ) % {"industry": link.parent}
            elif not self.industry_id:
                self.industry_id = link.parent_id
        if self.capacity.strip():
            q = parse_quantity(self.capacity)
            if q is None or not q.unit or q.is_money:
                errors["capacity"] = _(
                    "Write the capacity as a quantity with its unit, e.g. 年产1000万平方米."
                )
            else:
                self.capacity_value, self.capacity_unit = q.value, q.unit
        else:
            self.capacity_value, self.capacity_unit = None, ""
        if (
            self.committee_id
            and self.park_id
            and not within_system(self.committee, self.park.committee)
        ):
            errors["park"] = _("The park is not in this committee system.")
        if errors:
            raise ValidationError(errors)

    def delete_refusal(self):
        if self.transitions.exclude(action=Action.REGISTER).exists():
            return _(
                "A project that has moved along the pipeline cannot be deleted; drop it instead."
            )
        return None


class ProjectCredit(models.Model):
    """牵线人 — a member (and their enterprise) credited with a share of bringing the project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="credits",
    )
    member = models.ForeignKey(
        "core.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "core.Enterprise",
        verbose_name=_("member enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-share", "id"]
        verbose_name = _("credited member")
        verbose_name_plural = _("credited members")
        constraints = [
            models.UniqueConstraint(fields=["project", "member"], name="unique_project_credit")
        ]

    def __str__(self):
        return f"{self.member.person.name} {self.share:g}%"


class FundsInPlace(models.Model):
    """到位资金 — one dated instalment of the investment actually in place."""

    project = models.ForeignKey(
        InvestmentProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="funds"
    )
    on = models.DateField(_("date"))
    amount = MoneyField(_("amount (10k yuan)"), unit=10_000, max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("funds in place")
        verbose_name_plural = _("funds in place")

    def __str__(self):
        return f"{self.on} {self.amount}"


class ProjectTransition(TransitionLog):
    """One step of a project's pipeline: who moved it, when, from which stage to which."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=14, choices=Stage.choices)
    to_state = models.CharField(_("to"), max_length=14, choices=Stage.choices)

    class Meta(TransitionLog.Meta):
        verbose_name = _("pipeline step")
        verbose_name_plural = _("pipeline steps")
        indexes = [models.Index(fields=["project", "at"], name="transition_project_at")]
