"""Demo data: the 2024 enterprise problems of the 来宾 system — "协调解决难题290个".

Written through the workflow services by the demo actor, with 2024 dates (`on=`), so the
transitions, history and league tables look like a real year: exactly 290 problems
resolved (confirmed by the enterprise, most of them closed), a few answered and waiting
for the enterprise, a few still open, overdue, reminded and escalated to a leader, some
returned, merged or withdrawn. With the living year (`core.demo.calendar`), the years
since (2025 …) have theirs, handled by now, and this year's go as far as today.
Deterministic (seeded); loading twice adds nothing.
"""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lvzhi.core import notifications
from lvzhi.core.deadlines import daily_pass
from lvzhi.core.demo import calendar as demo_calendar
from lvzhi.core.models import Enterprise, Notification
from lvzhi.core.workdays import WorkdayCalendar

from . import services
from .models import Problem, ProblemCategory

RESOLVED = 290
SEED = 2024

#: category -> (problem titles, unit short-name suffixes that handle it, urgent share)
CASES = {
    "用地": (
        [
            "扩建项目用地指标不足",
            "厂房用地报批进度慢",
            "仓储用地土地证办理受阻",
            "临时用地续期困难",
        ],
        ["自然资源局"],
    ),
    "融资": (
        ["流动资金贷款续贷困难", "技改项目缺少中长期贷款", "应收账款质押融资难", "担保费率偏高"],
        ["人民银行来宾市分行", "来宾市农商行", "北部湾银行来宾分行", "财政局"],
    ),
    "用工": (
        ["榨季熟练工短缺", "技术工人招聘难", "员工子女入学需协调", "人才公寓申请慢"],
        ["人社局"],
    ),
    "审批": (
        ["环评审批周期长", "施工许可办理慢", "食品生产许可证延续", "排污许可变更"],
        ["发改委", "发改局", "生态环境局", "市场监管局"],
    ),
    "基础设施": (
        ["园区道路未配套", "供水管网压力不足", "专用线电力增容", "物流园区进港道路破损"],
        ["交通运输局", "水利局", "三江口园区管委会"],
    ),
    "市场": (
        ["产品销路受阻需对接", "冷链产品进超市渠道不畅", "参加展会需支持", "原料蔗收购价格协调"],
        ["商务局", "农业农村局"],
    ),
    "政策": (
        ["技改补贴政策兑现慢", "税费减免政策落实", "首台套奖励申报", "稳岗补贴申领"],
        ["工信局", "财政局", "投资促进局"],
    ),
}

#: the outcome of each demo problem, by count
OUTCOMES = (
    ["closed"] * 254
    + ["confirmed"] * 35
    + ["answered"] * 15
    + ["escalated"] * 9
    + ["reminded"] * 6
    + ["returned"] * 3
    + ["merged"] * 3
    + ["withdrawn"] * 5
)
#: …and the one 黎胜国 reported himself (member_report below), closed: the 290th
assert OUTCOMES.count("closed") + OUTCOMES.count("confirmed") + 1 == RESOLVED


@dataclass(frozen=True)
class _Year:
    """When a demo year's problems happen: `registered(rng, outcome)` draws a problem's first
    day; nothing happens after `until`; the daily pass runs on `pass_on`."""

    registered: Callable
    reminded_deadline: date
    pass_on: date
    until: date = date.max


def _article_year(rng, outcome):
    registered = date(2024, 1, 8) + timedelta(days=rng.randrange(0, 320))
    if outcome in ("escalated", "reminded"):
        registered = date(2024, 12, 2) + timedelta(days=rng.randrange(0, 5))
    return registered


#: the living year's problems (`core.demo.calendar`): most solved, some open with deadlines
#: next week, a few overdue, a few just registered
LIVING_OUTCOMES = (
    ["closed"] * 50
    + ["confirmed"] * 8
    + ["answered"] * 6
    + ["open"] * 12
    + ["escalated"] * 3
    + ["reminded"] * 4
    + ["new"] * 5
    + ["withdrawn"] * 2
)


def _living_year(span):
    def registered(rng, outcome):
        if outcome in ("open", "new"):
            return max(span.first, span.today - timedelta(days=rng.randrange(0, 12)))
        if outcome in ("escalated", "reminded"):
            return max(span.first, span.today - timedelta(days=rng.randrange(20, 40)))
        return span.day(rng)

    # the daily pass ran last night: a past day, so its log and notifications share a time
    yesterday = span.today - timedelta(days=1)
    return _Year(registered, yesterday - timedelta(days=1), yesterday, span.today)


#: a year between the article's and the living one (2025 …): handled by now, a few withdrawn
PAST_OUTCOMES = ["closed"] * 110 + ["confirmed"] * 8 + ["withdrawn"] * 4


def _past_year(year, span):
    def registered(rng, outcome):
        return date(year, 1, 8) + timedelta(days=rng.randrange(0, 320))

    return _Year(registered, date(year, 12, 19), date(year, 12, 20), span.today)


def load(loader):
    if Problem.objects.exists():
        return  # loaded before (or real data): nothing to add
    outcomes = OUTCOMES[:]
    rng = random.Random(SEED)
    rng.shuffle(outcomes)
    created = _year(
        loader, rng, outcomes, _Year(_article_year, date(2024, 12, 19), date(2024, 12, 20))
    )
    member_problem = member_report(loader, loader.actor, _categories(), _units_by_committee(loader))
    if member_problem is not None:
        created.append(member_problem)
    span = demo_calendar.living()
    if span:
        _settle(loader.actor, random.Random(SEED + 1))
        for past in range(demo_calendar.FIXED_LAST_YEAR, span.year):
            rng = random.Random(f"{past}-problems")
            outcomes = list(PAST_OUTCOMES)
            rng.shuffle(outcomes)
            created += _year(loader, rng, outcomes, _past_year(past, span))
        rng = span.rng("problems")
        outcomes = list(LIVING_OUTCOMES)
        rng.shuffle(outcomes)
        created += _year(loader, rng, outcomes, _living_year(span))
    loader.created[Problem] += len(created)
    loader.models.setdefault(Problem, None)


def _settle(actor, rng):
    """Before the living year: what the article's year left open is answered, confirmed and
    closed in the first weeks of 2025."""
    left = Problem.objects.filter(
        registered_on__year=2024, state__in=["in_progress", "answered", "confirmed"]
    )
    for problem in left.order_by("pk"):
        day = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 30))
        if problem.state == "in_progress":
            problem = _step(
                services.problem_answer,
                actor=actor,
                problem=problem,
                solution="年初协调落实。（演示数据）",
                on=day,
            )
        if problem.state == "answered":
            problem = _step(
                services.problem_confirm,
                actor=actor,
                problem=problem,
                satisfaction="satisfied",
                comment="电话回访确认。",
                on=day,
            )
        _step(services.problem_close, actor=actor, problem=problem, on=day)


def _categories():
    return {c.name: c for c in ProblemCategory.objects.all()}


def _year(loader, rng, outcomes, year):
    """Write one year's problems, each taken through the workflow towards its outcome (as far
    as `year.until`), then run the year's daily pass; returns the problems."""
    actor = loader.actor
    calendar = WorkdayCalendar()
    categories = _categories()
    units = _units_by_committee(loader)
    enterprises = _enterprises(loader)
    members = [p for p in loader.people.values() if p.user_id is None][:40]
    created = []
    for n, outcome in enumerate(outcomes):
        committee_key = "lb" if n % 5 in (0, 1) else rng.choice(sorted(units.keys() - {"lb"}))
        committee = loader.committees[committee_key]
        pool = enterprises.get(committee_key) or enterprises["lb"]
        enterprise = rng.choice(pool)
        category_name = rng.choice(list(CASES))
        titles, unit_suffixes = CASES[category_name]
        registered = year.registered(rng, outcome)
        problem = Problem(
            committee=committee,
            enterprise=enterprise,
            industry=_industry(enterprise),
            category=categories[category_name],
            urgency=rng.choice(["normal"] * 6 + ["urgent"] * 3 + ["critical"]),
            title=f"{enterprise.name}：{rng.choice(titles)}",
            description=(
                f"产业服务团走访{enterprise.name}时，企业反映{rng.choice(titles)}，"
                "影响项目进度，请求协调解决。（演示数据）"
            ),
            raised_by=rng.choice(members) if members and rng.random() < 0.4 else None,
            service_team="" if rng.random() < 0.4 else "产业服务团",
            source=f"产业服务团走访企业 {registered:%Y-%m-%d}",
            registered_on=registered,
        )
        if problem.raised_by is None:
            problem.service_team = "产业服务团"
        problem = _step(
            services.problem_register,
            actor=actor,
            problem=problem,
            allow_duplicate=True,
            on=registered,
        )
        created.append(problem)
        if outcome == "new":
            continue
        if outcome == "withdrawn" and n % 2:
            _step(
                services.problem_withdraw,
                actor=actor,
                problem=problem,
                reason="企业已自行解决。",
                on=registered,
            )
            continue
        assigned = calendar.add_workdays(registered, rng.randint(1, 3))
        lead, co = _pick_units(rng, units, committee_key, unit_suffixes)
        deadline = None
        if outcome == "escalated":  # long overdue by the year-end pass
            deadline = calendar.add_workdays(assigned, 2)
        elif outcome == "reminded":  # just overdue
            deadline = year.reminded_deadline
        elif outcome == "open":  # due next week
            deadline = calendar.add_workdays(year.until, rng.randint(2, 6))
        problem = _step(
            services.problem_assign,
            actor=actor,
            problem=problem,
            lead_unit=lead,
            co_units=co,
            deadline=deadline,
            on=assigned,
        )
        if outcome == "withdrawn":
            _step(
                services.problem_withdraw,
                actor=actor,
                problem=problem,
                reason="企业撤回诉求。",
                on=assigned,
            )
            continue
        if outcome == "merged":
            target = (
                Problem.objects.filter(enterprise__committee=committee, state="in_progress")
                .exclude(pk=problem.pk)
                .first()
            )
            if target is not None:
                _step(
                    services.problem_merge, actor=actor, problem=problem, into=target, on=assigned
                )
                continue
            outcome = "answered"  # nothing to merge into yet: an ordinary open case
        if outcome == "returned":
            _step(
                services.problem_return,
                actor=actor,
                problem=problem,
                reason="不属于本单位职责，请改派。",
                on=assigned,
            )
            continue
        _step(
            services.problem_add_progress,
            actor=actor,
            problem=problem,
            text="已与企业对接，正在协调。",
            on=assigned,
        )
        if outcome in ("escalated", "reminded", "open"):
            continue
        late = rng.random() < 0.12
        days = problem.category.days_for(problem.urgency)
        answer_on = calendar.add_workdays(
            assigned, days + rng.randint(1, 6) if late else rng.randint(1, days)
        )
        if answer_on > year.until:
            continue
        problem = _step(
            services.problem_answer,
            actor=actor,
            problem=problem,
            solution=f"经{lead.name}协调，{_solution(category_name)}（演示数据）",
            on=answer_on,
        )
        if outcome == "answered":
            continue
        confirm_on = calendar.add_workdays(answer_on, rng.randint(1, 5))
        if confirm_on > year.until:
            continue
        if rng.random() < 0.06:  # not satisfied first: 重办, answered again
            _step(
                services.problem_confirm,
                actor=actor,
                problem=problem,
                satisfaction="not_satisfied",
                comment="企业反映问题尚未根本解决。",
                on=confirm_on,
            )
            answer_on = calendar.add_workdays(confirm_on, rng.randint(2, 8))
            problem = _step(
                services.problem_answer,
                actor=actor,
                problem=problem,
                solution="再次协调后已落实。",
                on=answer_on,
            )
            confirm_on = calendar.add_workdays(answer_on, 2)
        _step(
            services.problem_confirm,
            actor=actor,
            problem=problem,
            satisfaction="satisfied" if rng.random() < 0.85 else "basically",
            comment="电话回访确认。",
            on=confirm_on,
        )
        if outcome == "closed":
            _step(services.problem_close, actor=actor, problem=problem, on=confirm_on)
    # The year-end passes: reminders for the December cases, escalation of the oldest.
    with _dated(year.pass_on, time(9, 0)):
        daily_pass(today=year.pass_on, actor=actor)
    return created


def member_report(loader, actor, categories, units):
    """黎胜国 (the demo member) reports a problem of the port area he runs; the office has it
    solved and closed — his 协调解决难题 in the duty record and the score."""
    from lvzhi.core.models import Person

    person = Person.objects.filter(name="黎胜国", user__isnull=False).first()
    port = Enterprise.objects.filter(name="武宣港区龙从作业区").first()
    city_units = units.get("lb", [])
    unit = next((u for u in city_units if u.short_name.endswith("交通运输局")), None)
    unit = unit or (city_units[0] if city_units else None)
    if person is None or port is None or unit is None:
        return None
    reported, assigned = date(2024, 10, 14), date(2024, 10, 15)
    problem = _step(
        services.problem_report,
        actor=person.user,
        problem=Problem(
            committee=loader.committees["lb"],
            enterprise=port,
            industry=_industry(port),
            category=categories["基础设施"],
            title=f"{port.name}：进港道路破损影响集港运输",
            description="榨季集港运输车辆增多，进港道路多处破损，请求协调修复。（演示数据）",
        ),
        allow_duplicate=True,
        on=reported,
    )
    steps = [
        (services.problem_assign, {"lead_unit": unit, "co_units": []}, assigned),
        (
            services.problem_answer,
            {"solution": "已安排专项资金修复进港道路。（演示数据）"},
            date(2024, 11, 8),
        ),
        (
            services.problem_confirm,
            {"satisfaction": "satisfied", "comment": "委员确认。"},
            date(2024, 11, 12),
        ),
        (services.problem_close, {}, date(2024, 11, 12)),
    ]
    for service, inputs, on in steps:
        problem = _step(service, actor=actor, problem=problem, on=on, **inputs)
    return problem


def _step(service, **kwargs):
    """A workflow step of the demo's past: its notifications are dated as the workflow's
    log dates the step (core.workflow.when: 10:00 on its day, or the moment it ran when
    that is earlier today)."""
    if kwargs.get("on") is None:
        return service(**kwargs)
    done = []

    def moment():
        problem = done[0] if isinstance(done[0], Problem) else kwargs["problem"]
        return problem.transitions.latest("at", "pk").at

    with notifications.dated(moment):
        done.append(service(**kwargs))
    return done[0]


def _dated(day, at):
    """Notifications of a daily pass run for `day` are dated `at` on that day."""
    return notifications.dated(timezone.make_aware(datetime.combine(day, at)))


def reset():
    from django.apps import apps

    deleted = Counter()
    count, by_model = Problem.objects.all().delete()
    deleted[str(Problem._meta.verbose_name_plural)] += by_model.get(Problem._meta.label, 0)
    Notification.objects.filter(target_type__startswith="problems.").delete()
    for model in apps.get_app_config("problems").get_models():
        if model.__name__.startswith("Historical"):
            model.objects.all().delete()
    return deleted


def _units_by_committee(loader):
    out = {}
    for dept in loader.departments.values():
        key = next(k for k, c in loader.committees.items() if c.pk == dept.committee_id)
        out.setdefault(key, []).append(dept)
    return out


def _pick_units(rng, units, committee_key, suffixes):
    """A lead unit of the problem's committee when it has a fitting one, else the city's."""

    def fitting(key):
        return [d for d in units.get(key, []) if any(d.short_name.endswith(s) for s in suffixes)]

    candidates = fitting(committee_key) or fitting("lb") or units["lb"]
    lead = rng.choice(candidates)
    others = [d for d in fitting("lb") + fitting(committee_key) if d.pk != lead.pk]
    co = rng.sample(others, 1) if others and rng.random() < 0.3 else []
    return lead, co


def _enterprises(loader):
    keys = {c.pk: k for k, c in loader.committees.items()}
    out = {}
    for e in Enterprise.objects.filter(committee_id__in=keys).prefetch_related("industries"):
        out.setdefault(keys[e.committee_id], []).append(e)
    return out


def _industry(enterprise):
    industries = list(enterprise.industries.all())
    if not industries:
        return None
    first = industries[0]
    return first.parent if first.parent_id else first


def _solution(category):
    return {
        "用地": "已调剂用地指标并完成报批。",
        "融资": "银行已完成授信审批，贷款到位。",
        "用工": "人社部门组织专场招聘会，缺口已补齐。",
        "审批": "开通绿色通道，审批已办结。",
        "基础设施": "配套工程已纳入年度计划并开工。",
        "市场": "已组织产销对接会，签订采购协议。",
        "政策": "补贴资金已拨付到位。",
    }[category]
