"""Scale data of the problems app (`lvzhi demo --scale N`, core.demo.scale): each
committee's enterprise problems over five years, ~96 % finished, the rest open (a share
past their deadline), each assigned to one of the committee's handling units."""

import datetime

from lvzhi.core.workdays import WorkdayCalendar

from .demo import CASES
from .models import Problem, ProblemAssignment, ProblemCategory

#: Rows per committee at fraction 1 (199,500 problems for a city and six counties).
ROWS = {"problems": 28_500, "problem assignments": 28_500}

FINISHED = ["closed"] * 8 + ["confirmed", "answered"]
SATISFACTION = ["satisfied"] * 8 + ["basically", "not_satisfied"]


def build(ctx):
    rng, today = ctx.rng, ctx.today
    calendar = WorkdayCalendar()
    categories = list(ProblemCategory.objects.filter(is_active=True))
    titles = {name: titles for name, (titles, _units) in CASES.items()}
    start = datetime.date(ctx.years[0], 1, 1)
    span = (today - start).days
    per = ctx.quota("problems")

    def problems():
        for c in ctx.committees:
            for i in range(per):
                category = rng.choice(categories)
                yield new_problem(
                    rng,
                    calendar,
                    today,
                    registered=start + datetime.timedelta(days=span * i // per),
                    category=category,
                    committee=c,
                    enterprise_id=rng.choice(ctx.enterprises[c.pk]),
                    industry_id=rng.choice(ctx.industries) if ctx.industries else None,
                    lead_unit_id=rng.choice(ctx.units[c.pk]),
                    title=rng.choice(titles.get(category.name) or ["企业诉求"]),
                    description="企业反映的困难和诉求，需协调相关部门解决。",
                )

    made = ctx.create(problems())
    ctx.insert(ProblemAssignment, assignments(made))


def assignments(problems) -> list[dict]:
    """The lead-unit assignment row of each generated problem."""
    return [{"problem_id": p.pk, "department_id": p.lead_unit_id, "role": "lead"} for p in problems]


def new_problem(rng, calendar, today, *, registered, category, **fields) -> Problem:
    """A problem registered on `registered` (before `today`) and assigned the next working
    day: open when recent (35 %, else 2 %), otherwise answered, 15 % of them late."""
    registered = min(registered, today - datetime.timedelta(days=1))
    assigned = min(calendar.add_workdays(registered, 1), today)
    deadline = calendar.add_workdays(assigned, category.days_normal)
    p = Problem(
        category=category,
        service_team="产业服务团",
        registered_on=registered,
        assigned_on=assigned,
        deadline=deadline,
        original_deadline=deadline,
        **fields,
    )
    recent = (today - registered).days < 90
    if rng.random() < (0.35 if recent else 0.02):
        p.state = rng.choice(["assigned", "in_progress"])
    else:
        _finish(p, rng, calendar, assigned, deadline, category, today)
    return p


def _finish(p, rng, calendar, assigned, deadline, category, today):
    late = rng.random() < 0.15
    days = (
        category.days_normal + rng.randint(1, 5) if late else rng.randint(0, category.days_normal)
    )
    answered = min(calendar.add_workdays(assigned, days), today)
    p.state = rng.choice(FINISHED)
    p.solution = "已协调解决。"
    p.answered_on = answered
    p.answer_workdays = calendar.workdays_between(assigned, answered)
    p.answered_on_time = answered <= deadline
    if p.state != "answered":
        p.satisfaction = rng.choice(SATISFACTION)
        p.resolved_on = answered
    if late:  # earlier daily passes reminded and escalated it
        p.reminded_on = p.escalated_on = answered
