"""Scale data of the investment app (`lvzhi demo --scale N`, core.demo.scale): each
committee's 招商 projects over five years, along the pipeline from 线索 to 达产 (a share
dropped), each with the pipeline steps that took it there, in the departments' care."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from lvzhi.core.models import Industry

from .choices import OPEN_STAGES, PIPELINE, STAGE_DATE, Action, SourceMode, Stage
from .models import InvestmentProject, ProjectTransition

#: Rows per committee at fraction 1 (the steps: registration plus ~2.5 moves a project).
ROWS = {"investment projects": 400, "pipeline steps": 1_400}

#: where projects stand (stage: weight); older ones are further along
SPREAD = {
    Stage.LEAD: 14,
    Stage.NEGOTIATING: 16,
    Stage.INTENTION: 12,
    Stage.CONTRACTED: 14,
    Stage.STARTED: 14,
    Stage.PRODUCING: 12,
    Stage.FULL_CAPACITY: 6,
    Stage.DROPPED: 12,
}
#: the action that reaches each stage
REACHED_BY = {
    Stage.NEGOTIATING: Action.NEGOTIATE,
    Stage.INTENTION: Action.SIGN_INTENTION,
    Stage.CONTRACTED: Action.SIGN_CONTRACT,
    Stage.STARTED: Action.START,
    Stage.PRODUCING: Action.PRODUCE,
    Stage.FULL_CAPACITY: Action.REACH_CAPACITY,
}
ORIGINS = ["广东佛山", "广东深圳", "浙江宁波", "福建厦门", "湖南长沙", "江苏苏州"]
WORDS = ["新材料产业园", "蔗糖深加工", "冷链物流中心", "林产品加工", "新能源电池配套"]
PLANNED = [800, 1500, 3000, 5000, 8000, 12000, 20000, 50000]


def build(ctx):
    rng, today = ctx.rng, ctx.today
    industries = list(
        Industry.objects.filter(parent__isnull=True, pk__in=ctx.industries).values_list(
            "pk", flat=True
        )
    )
    start = datetime.date(ctx.years[0], 1, 1)
    span = (today - start).days
    per = ctx.quota("investment projects")
    steps = {}  # project position -> [(stage, day)]

    def projects():
        n = 0
        for c in ctx.committees:
            for i in range(per):
                origin = rng.choice(ORIGINS)
                registered = start + datetime.timedelta(days=span * i // per)
                p = InvestmentProject(
                    committee=c,
                    name=f"{c.short_name}{rng.choice(WORDS)}项目{i:05d}",
                    investor_id=rng.choice(ctx.enterprises[c.pk]) if i % 3 == 0 else None,
                    investor_name="" if i % 3 == 0 else f"{origin}投资有限公司{i:05d}",
                    investor_origin=origin,
                    industry_id=rng.choice(industries) if industries else None,
                    planned_investment=Decimal(rng.choice(PLANNED)),
                    source_mode=rng.choice(SourceMode.values),
                    department_id=rng.choice(ctx.units[c.pk]),
                    registered_on=registered,
                )
                steps[n] = _along_the_pipeline(p, rng, today)
                n += 1
                yield p

    made = ctx.create(projects())
    ctx.insert(ProjectTransition, transitions(made, steps, ctx.actor))


def _along_the_pipeline(p, rng, today) -> list:
    """Set the stage fields of `p` as the workflow would; returns its steps [(from, to,
    action, day)] after registering."""
    stage = rng.choices(list(SPREAD), weights=list(SPREAD.values()))[0]
    target = PIPELINE[-1] if stage == Stage.DROPPED else stage
    day, steps = p.registered_on, []
    for before, reached in zip(PIPELINE, PIPELINE[1:], strict=False):
        if PIPELINE.index(reached) > PIPELINE.index(target):
            break
        day = day + datetime.timedelta(days=rng.randint(20, 120))
        if day >= today or (stage == Stage.DROPPED and rng.random() < 0.4):
            break
        setattr(p, STAGE_DATE[reached], day)
        steps.append((before, reached, REACHED_BY[reached], day))
    p.state = steps[-1][1] if steps else Stage.LEAD
    if stage == Stage.DROPPED:
        day = min(day + datetime.timedelta(days=rng.randint(10, 60)), today)
        steps.append((p.state, Stage.DROPPED, Action.DROP, day))
        p.state, p.dropped_on, p.drop_reason = Stage.DROPPED, day, "投资方调整投资计划。"
    if p.contracted_on:
        # what the contract step records when the contract names no start date
        p.contracted_amount = p.planned_investment
        p.start_due_on = p.contracted_on + datetime.timedelta(
            days=settings.INVESTMENT_START_WITHIN_DAYS
        )
    if p.started_on:
        p.funds_in_place = (p.planned_investment * Decimal(rng.randint(20, 100)) / 100).quantize(
            Decimal("0.01")
        )
        p.jobs_planned = rng.randint(20, 800)
        p.jobs_created = rng.randint(0, p.jobs_planned) if p.producing_on else None
    p.last_progress_on = steps[-1][3] if steps else p.registered_on
    if p.state in OPEN_STAGES:
        p.progress_due = p.last_progress_on + datetime.timedelta(
            days=settings.INVESTMENT_STALLED_AFTER_DAYS
        )
    return steps


def transitions(projects, steps, actor) -> list[dict]:
    """The pipeline steps of the generated projects: registration, then each move."""

    def at(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))

    rows = []
    for n, p in enumerate(projects):
        moves = [(Stage.LEAD, Stage.LEAD, Action.REGISTER, p.registered_on), *steps[n]]
        rows += [
            {
                "project_id": p.pk,
                "actor_id": actor.pk,
                "action": action,
                "from_state": before,
                "to_state": after,
                "at": at(day),
            }
            for before, after, action, day in moves
        ]
    return rows
