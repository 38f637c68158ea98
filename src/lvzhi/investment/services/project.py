"""Registering projects and the pipeline's steps: what each adds to the engine's work."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.core import permissions, recipients
from lvzhi.core.committees import within_system
from lvzhi.core.errors import DomainError
from lvzhi.core.models import Member
from lvzhi.core.notifications import Message, notify
from lvzhi.core.services import record_save
from lvzhi.core.workdays import WorkdayCalendar
from lvzhi.core.workflow import required, when

from ..choices import PIPELINE, STAGE_DATE, Action, Stage
from ..models import FundsInPlace, InvestmentProject, ProjectCredit
from .base import ADVANCE, WORKFLOW


@transaction.atomic
def project_register(*, actor, project: InvestmentProject, on=None) -> InvestmentProject:
    """登记 — the office files a project (usually a lead)."""
    return _register(actor, project, on, permissions.ADD)


@transaction.atomic
def project_report(*, actor, project: InvestmentProject, on=None) -> InvestmentProject:
    """报送线索 — a member registers a lead; they are credited with all of it until the
    office shares it out. Not published: the member and the office see it."""
    committee = project.committee if project.committee_id else None
    if committee is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    seat = Member.objects.filter(person__user=actor, committee=committee, is_active=True).first()
    if seat is None or not permissions.can_report(actor, InvestmentProject, committee):
        raise PermissionDenied(_("Only a member of this committee may register a lead with it."))
    project.published = False
    project = _register(actor, project, on, permissions.REPORT)
    credit = ProjectCredit(project=project, member=seat, share=Decimal(100))
    credit._history_user = actor
    credit.save()
    return project


def _register(actor, project, on, right):
    today, at = when(on)
    if on is not None:
        project.registered_on = today
    project.state = Stage.LEAD
    project.last_progress_on = project.registered_on
    large = (project.planned_investment or 0) >= settings.INVESTMENT_LARGE_PROJECT_WAN
    days = (
        settings.INVESTMENT_ASSESS_LARGE_WORKDAYS
        if large
        else settings.INVESTMENT_ASSESS_WITHIN_WORKDAYS
    )
    project.progress_due = WorkdayCalendar().add_workdays(project.registered_on, days)
    record_save(actor=actor, instance=project, right=right)
    WORKFLOW.log(
        project,
        action=Action.REGISTER,
        from_state=Stage.LEAD,
        to_state=Stage.LEAD,
        actor=actor,
        at=at,
    )
    notify(
        recipients.office_users(project.committee),
        "investment.register",
        project,
        message=Message(gettext_noop("New investment lead: %(project)s"), project=project.name),
        actor=actor,
    )
    return project


def _stage_day(ctx, day):
    """The day a stage was reached: not in the future, not before the stage before it."""
    day = day or ctx.today
    if day > ctx.today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    earlier = [
        getattr(ctx.record, STAGE_DATE[s])
        for s in PIPELINE[: PIPELINE.index(ctx.from_state) + 1]
        if getattr(ctx.record, STAGE_DATE[s])
    ]
    if earlier and day < max(earlier):
        raise ValidationError(
            {
                "date": _("The date cannot be before the previous stage (%(date)s).")
                % {"date": max(earlier)}
            }
        )
    return day


def _progressed(ctx, day):
    """Progress on `day`: the next report is due INVESTMENT_STALLED_AFTER_DAYS later."""
    last = ctx.record.last_progress_on
    day = max(day, last) if last else day
    ctx.set(
        last_progress_on=day,
        progress_due=day + timedelta(days=settings.INVESTMENT_STALLED_AFTER_DAYS),
        reminded_on=None,
        escalated_on=None,
    )


def _reach(ctx, target, day, comment):
    day = _stage_day(ctx, day)
    ctx.set(**{STAGE_DATE[target]: day})
    _progressed(ctx, day)
    ctx.comment = comment or ""
    ctx.payload = {"date": day.isoformat()}
    ctx.tell(
        recipients.office_users(ctx.record.committee),
        Message(
            gettext_noop("%(project)s: %(stage)s"),
            project=ctx.record.name,
            stage=Stage(target).label,
        ),
    )


def _advance_step(action, target):
    def step(ctx, *, date=None, comment="", contracted_amount=None, start_due_on=None):
        if action == Action.SIGN_CONTRACT:
            if contracted_amount is None:
                raise ValidationError({"contracted_amount": _("Give the contracted amount.")})
            ctx.set(contracted_amount=contracted_amount)
        _reach(ctx, target, date, comment)
        if action == Action.SIGN_CONTRACT:
            _start_due(ctx, start_due_on)

    return step


def _start_due(ctx, day):
    """合同约定开工日期: the contract's own, or INVESTMENT_START_WITHIN_DAYS after signing."""
    signed = ctx.record.contracted_on
    if day is None:
        day = signed + timedelta(days=settings.INVESTMENT_START_WITHIN_DAYS)
    elif day < signed:
        raise ValidationError(
            {"start_due_on": _("Construction cannot be due before the contract is signed.")}
        )
    ctx.set(start_due_on=day)


for _action, _target in ADVANCE.items():
    WORKFLOW.step(_action)(_advance_step(_action, _target))


@WORKFLOW.step(Action.SKIP)
def skip(ctx, *, to_stage, reason, date=None):
    """越级 — the office moves a project past stages (e.g. signed directly): logged with why."""
    reason = required(reason, "reason", _("Give the reason for moving past stages."))
    if to_stage not in PIPELINE or PIPELINE.index(to_stage) <= PIPELINE.index(ctx.from_state):
        raise ValidationError({"to_stage": _("Choose a stage after the current one.")})
    ctx.to(to_stage)
    _reach(ctx, to_stage, date, reason)


@WORKFLOW.step(Action.DROP)
def drop(ctx, *, reason, date=None):
    """终止 — the investor withdrew, the site fell through …: the reason is kept."""
    reason = required(reason, "reason", _("Give the reason for dropping the project."))
    day = _stage_day(ctx, date)
    ctx.set(dropped_on=day, drop_reason=reason)
    ctx.comment = reason


@WORKFLOW.step(Action.PROGRESS)
def progress(ctx, *, text, date=None):
    """进展 — at least every two weeks; a project without progress for 30 days is stalled."""
    ctx.comment = required(text, "text", _("Describe the progress."))
    day = date or ctx.today
    if day > ctx.today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    _progressed(ctx, day)


@WORKFLOW.step(Action.FUNDS)
def funds(ctx, *, amount, date=None, note=""):
    """到位资金 — one instalment; the project's total in place is their sum."""
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give an amount above zero.")})
    day = date or ctx.today
    if day > ctx.today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if ctx.record.contracted_on and day < ctx.record.contracted_on:
        raise ValidationError({"date": _("Funds cannot be in place before the contract.")})
    row = FundsInPlace(project=ctx.record, on=day, amount=amount, note=note or "")
    row._history_user = ctx.actor
    row.save()
    total = ctx.record.funds.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    ctx.set(funds_in_place=total)
    _progressed(ctx, day)
    ctx.comment = note or ""
    ctx.payload = {"date": day.isoformat(), "amount": str(amount)}


@WORKFLOW.step(Action.CREDIT)
def credit(ctx, *, member, share, enterprise=None):
    """牵线人 — credit a member with a share (0 removes the credit); shares add up to ≤ 100%."""
    project = ctx.record
    if member is None:
        raise ValidationError({"member": _("Choose the member.")})
    if not within_system(project.committee, member.committee):
        raise ValidationError({"member": _("Not a member of this committee system.")})
    if share is None or share < 0 or share > 100:
        raise ValidationError({"share": _("A share is between 0 and 100 percent.")})
    if enterprise is not None and enterprise.member_id != member.person_id:
        raise ValidationError({"enterprise": _("This enterprise is not run by the member.")})
    others = project.credits.exclude(member=member).aggregate(s=Sum("share"))["s"] or 0
    if others + share > 100:
        raise ValidationError(
            {
                "share": _("The shares would add up to more than 100%% (others hold %(n)s%%).")
                % {"n": others}
            }
        )
    existing = project.credits.filter(member=member).first()
    if share == 0:
        if existing is not None:
            existing._history_user = ctx.actor
            existing.delete()
    else:
        row = existing or ProjectCredit(project=project, member=member)
        row.share, row.enterprise = share, enterprise
        row._history_user = ctx.actor
        row.save()
    ctx.comment = f"{member.person.name} {Decimal(share).normalize():f}%"


@transaction.atomic
def project_update(*, actor, project, expected_version=None, fields=None):
    stored = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    if stored.state == Stage.DROPPED:
        raise DomainError(_("A dropped project can no longer be changed."))
    return record_save(
        actor=actor, instance=project, expected_version=expected_version, fields=fields
    )


project_negotiate = WORKFLOW.service(Action.NEGOTIATE)
project_sign_intention = WORKFLOW.service(Action.SIGN_INTENTION)
project_sign_contract = WORKFLOW.service(Action.SIGN_CONTRACT)
project_start = WORKFLOW.service(Action.START)
project_produce = WORKFLOW.service(Action.PRODUCE)
project_reach_capacity = WORKFLOW.service(Action.REACH_CAPACITY)
project_skip = WORKFLOW.service(Action.SKIP)
project_drop = WORKFLOW.service(Action.DROP)
project_progress = WORKFLOW.service(Action.PROGRESS)
project_funds = WORKFLOW.service(Action.FUNDS)
project_credit = WORKFLOW.service(Action.CREDIT)
