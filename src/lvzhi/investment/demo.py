"""Demo data: the 招商 projects, 政银企 needs and 百企扶百村 pairings of 2024–2025, and
the living year's new leads and support up to today (`core.demo.calendar`).

The projects the article names (怡黄木业's intention agreement, 东糖's 1.8亿元 technical
upgrade, a 钙基新材料 and a 竹浆纸一体化 project landing, 黎胜国's takeover of the 龙从
作业区) and about 150 plausible ones across stages and counties, moved along the pipeline
through the workflow services with their dates (`on=`); financing needs from two 政银企
events matched to the banks; 32 member enterprises paired with 32 villages, with support
records. Deterministic (seeded); loading twice adds nothing.
"""

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps

from lvzhi.core.choices import DepartmentKind
from lvzhi.core.demo import calendar
from lvzhi.core.models import Department, Enterprise, Member, Notification, Village
from lvzhi.core.services import record_save

from . import services
from .choices import OPEN_STAGES, PIPELINE, MatchStatus, SourceMode, Stage, SupportDimension
from .models import FinancingMatch, FinancingNeed, InvestmentProject, Pairing, SupportRecord

SEED = 2025
#: the demo's years are 2024–2025: nothing happens after this day
LAST_DAY = date(2025, 12, 20)
GENERATED = 150
PAIRS = 32

STEP = {
    Stage.NEGOTIATING: services.project_negotiate,
    Stage.INTENTION: services.project_sign_intention,
    Stage.CONTRACTED: services.project_sign_contract,
    Stage.STARTED: services.project_start,
    Stage.PRODUCING: services.project_produce,
    Stage.FULL_CAPACITY: services.project_reach_capacity,
}

# committee, name, investor (enterprise name or outside name), origin, industry, chain link,
# park, planned 万元, capacity, mode, stage reached, first date, jobs, credited person key
ARTICLE = [
    (
        "lb",
        "年产1000万平方米绿色建筑新材料项目",
        "怡黄木业",
        "",
        "home",
        "绿色建筑新材料",
        "三江口工业园区",
        None,
        "年产1000万平方米",
        SourceMode.LEADER,
        Stage.INTENTION,
        date(2025, 3, 3),
        None,
        None,
    ),
    (
        "lb",
        "广西东糖集团制糖技术改造项目",
        "广西东糖集团",
        "",
        "sugar",
        "制糖",
        None,
        18000,
        "",
        SourceMode.MEMBER,
        Stage.PRODUCING,
        date(2024, 1, 15),
        None,
        "lin",
    ),
    (
        "wx",
        "武宣港区龙从作业区承包经营项目",
        "武宣港区龙从作业区",
        "",
        "port",
        "港口作业",
        None,
        3000,
        "",
        SourceMode.MEMBER,
        Stage.PRODUCING,
        date(2024, 2, 20),
        350,
        "li",
    ),
    (
        "lb",
        "年产60万吨钙基新材料项目",
        "广东清远某钙业集团",
        "广东清远",
        "calcium",
        None,
        "三江口工业园区",
        120000,
        "年产60万吨",
        SourceMode.LEADER,
        Stage.STARTED,
        date(2024, 3, 12),
        280,
        None,
    ),
    (
        "lb",
        "竹浆纸一体化项目（一期）",
        "四川某纸业集团",
        "四川乐山",
        "bamboo",
        "竹浆",
        "三江口工业园区",
        350000,
        "年产30万吨",
        SourceMode.DEPARTMENT,
        Stage.STARTED,
        date(2024, 4, 8),
        600,
        None,
    ),
]

ORIGINS = ["广东佛山", "广东广州", "广东深圳", "浙江湖州", "福建厦门", "北京", "上海", "江苏苏州"]
INVESTOR_WORDS = ["实业", "新材料", "科技", "控股", "产业", "智造"]
PROJECT_WORDS = {
    "sugar": ["甘蔗深加工项目", "糖业循环经济项目"],
    "calcium": ["碳酸钙粉体项目", "钙基新材料项目"],
    "home": ["绿色家居产业园项目", "人造板生产线项目"],
    "bamboo": ["竹浆纸配套项目", "生活用纸项目"],
    "coldchain": ["冷链物流园项目", "产地预冷中心项目"],
    "facility": ["智慧农业产业园项目", "设施蔬菜基地项目"],
    "port": ["多式联运物流项目", "临港仓储项目"],
    "yaomed": ["瑶医药制剂项目", "瑶医康养项目"],
    "metal": ["再生铝项目", "铝型材精深加工项目"],
    "silk": ["缫丝厂项目", "丝绸加工项目"],
}
#: how far the generated projects went (stage reached, how many)
SPREAD = [
    (Stage.LEAD, 30),
    (Stage.NEGOTIATING, 28),
    (Stage.INTENTION, 24),
    (Stage.CONTRACTED, 22),
    (Stage.STARTED, 18),
    (Stage.PRODUCING, 10),
    (Stage.FULL_CAPACITY, 4),
    (Stage.DROPPED, 14),
]
assert sum(n for _s, n in SPREAD) == GENERATED
#: the living year's new projects (`core.demo.calendar`): mostly still early in the pipeline
LIVING_SPREAD = [
    (Stage.LEAD, 8),
    (Stage.NEGOTIATING, 8),
    (Stage.INTENTION, 6),
    (Stage.CONTRACTED, 4),
    (Stage.STARTED, 2),
    (Stage.DROPPED, 2),
]

EVENTS = [
    (date(2024, 4, 18), "政银企融资对接会（2024年4月）"),
    (date(2024, 10, 22), "政银企融资对接会（2024年10月）"),
]
PURPOSES = ["流动资金周转", "技改设备购置", "原料收购", "厂房扩建", "冷库建设"]


def load(loader):
    if InvestmentProject.objects.exists():
        return  # loaded before (or real data): nothing to add
    rng = random.Random(SEED)
    seats = _seats(loader)
    _article_projects(loader, seats)
    _generated_projects(loader, rng, seats)
    _financing(loader, rng)
    _pairings(loader, rng)
    span = calendar.living()
    if span:
        _living(loader, span, seats)


def _living(loader, span, seats):
    """This year's leads and projects up to today, and this year's support to most pairs."""
    rng = span.rng("investment")
    _generated_projects(
        loader,
        rng,
        seats,
        spread=LIVING_SPREAD,
        first=span.first,
        last=span.today,
        number=GENERATED,
    )
    for pairing in Pairing.objects.order_by("pk"):
        if rng.random() < 0.75:
            _support(rng, pairing, span.day, loader.actor)
    # most projects still under way reported progress in the last weeks; the rest stalled
    for project in InvestmentProject.objects.filter(
        state__in=OPEN_STAGES, registered_on__lt=span.first
    ).order_by("pk"):
        if rng.random() < 0.85:
            services.project_progress(
                actor=loader.actor,
                project=project,
                on=max(span.first, span.today - timedelta(days=rng.randrange(1, 25))),
                text="项目按计划推进。",
            )


def _seats(loader):
    """A member's seat per person key (the city seat first)."""
    out = {}
    for key, person in loader.people.items():
        seat = (
            Member.objects.filter(person=person, is_active=True)
            .order_by("committee__sort_order")
            .exclude(committee=loader.committees.get("gx"))
            .first()
        )
        if seat is not None:
            out[key] = seat
    return out


def _move(actor, project, stage, first, rng, amount=None, last=LAST_DAY):
    """Take `project` from 线索 to `stage` with dates after `first` up to `last`."""
    day = first
    target = stage if stage != Stage.DROPPED else rng.choice(PIPELINE[:3])
    for s in PIPELINE[1 : PIPELINE.index(target) + 1]:
        day = min(day + timedelta(days=rng.randrange(15, 60)), last)
        extra = {}
        if s == Stage.CONTRACTED:
            extra["contracted_amount"] = amount or Decimal(rng.randrange(2000, 60000))
        project = STEP[s](actor=actor, project=project, on=day, comment="", **extra)
        if s in (Stage.CONTRACTED, Stage.STARTED) and project.contracted_amount:
            share = Decimal(rng.choice([20, 30, 40, 50]))
            funds_day = min(day + timedelta(days=rng.randrange(5, 40)), last)
            project = services.project_funds(
                actor=actor,
                project=project,
                on=funds_day,
                date=funds_day,
                amount=(project.contracted_amount * share / 100).quantize(Decimal(1)),
                note="",
            )
            day = funds_day
    if stage == Stage.DROPPED:
        day = min(day + timedelta(days=rng.randrange(20, 90)), last)
        project = services.project_drop(
            actor=actor, project=project, on=day, reason="投资方调整战略布局，项目终止。"
        )
    elif rng.random() < 0.7:
        day = min(day + timedelta(days=rng.randrange(3, 20)), last)
        project = services.project_progress(
            actor=actor, project=project, on=day, text="项目按计划推进。"
        )
    return project


def _new_project(loader, committee_key, **fields):
    # not published: the office, the leaders, the department and the credited members see it
    project = InvestmentProject(committee=loader.committees[committee_key], **fields)
    return services.project_register(
        actor=loader.actor, project=project, on=fields["registered_on"]
    )


def _article_projects(loader, seats):
    rng = random.Random(SEED + 1)
    for (
        committee,
        name,
        investor,
        origin,
        industry,
        link,
        park,
        planned,
        capacity,
        mode,
        stage,
        first,
        jobs,
        credited,
    ) in ARTICLE:
        enterprise = Enterprise.objects.filter(name=investor).first()
        project = _new_project(
            loader,
            committee,
            name=name,
            investor=enterprise,
            investor_name="" if enterprise else investor,
            investor_origin=origin,
            industry=loader.industries[(industry, None)],
            chain_link=loader.industries.get((industry, link)) if link else None,
            park=loader.parks.get(park) if park else None,
            planned_investment=planned,
            capacity=capacity,
            jobs_planned=jobs,
            jobs_created=jobs if stage in (Stage.STARTED, Stage.PRODUCING) else None,
            source_mode=mode,
            source="领导带队赴广东招商" if mode == SourceMode.LEADER else "",
            description=f"{name}。（演示数据，据公开报道整理）",
            registered_on=first,
        )
        if credited and credited in seats:
            services.project_credit(
                actor=loader.actor,
                project=project,
                on=first,
                member=seats[credited],
                share=Decimal(100),
                enterprise=enterprise,
            )
        _move(loader.actor, project, stage, first, rng, amount=planned)


def _generated_projects(
    loader, rng, seats, spread=SPREAD, first=date(2024, 1, 2), last=LAST_DAY, number=0
):
    counties = [k for k in loader.committees if k not in ("gx",)]
    members = list(seats.values())
    stages = [s for s, n in spread for _ in range(n)]
    rng.shuffle(stages)
    days = min((last - first).days, 480)
    for n, stage in enumerate(stages, start=number):
        committee = "lb" if n % 3 == 0 else rng.choice(counties)
        industry = rng.choice(sorted(PROJECT_WORDS))
        root = loader.industries[(industry, None)]
        links = [i for (k, link), i in loader.industries.items() if k == industry and link]
        origin = rng.choice(ORIGINS)
        registered = first + timedelta(days=rng.randrange(0, max(days, 1)))
        mode = rng.choice(
            [SourceMode.LEADER, SourceMode.MEMBER, SourceMode.MEMBER, SourceMode.DEPARTMENT]
        )
        planned = Decimal(rng.choice([800, 1500, 3000, 5000, 8000, 12000, 20000, 50000]))
        project = _new_project(
            loader,
            committee,
            name=f"{origin[:2]}{rng.choice(PROJECT_WORDS[industry])}（{n + 1}号）",
            investor_name=f"{origin}{rng.choice(INVESTOR_WORDS)}{n + 1}号有限公司（虚构）",
            investor_origin=origin,
            industry=root,
            chain_link=rng.choice(links) if links else None,
            planned_investment=planned,
            jobs_planned=rng.choice([30, 50, 80, 120, 200]),
            source_mode=mode,
            department=_department(loader, committee, rng),
            description="（演示数据）",
            registered_on=registered,
        )
        if mode == SourceMode.MEMBER and members:
            for member, share in zip(
                rng.sample(members, 2), (Decimal(60), Decimal(40)), strict=True
            ):
                services.project_credit(
                    actor=loader.actor, project=project, on=registered, member=member, share=share
                )
        _move(loader.actor, project, stage, registered, rng, amount=planned, last=last)


def _department(loader, committee_key, rng):
    units = list(
        Department.objects.filter(
            committee=loader.committees[committee_key], kind=DepartmentKind.GOVERNMENT
        )
    )
    return rng.choice(units) if units else None


def _financing(loader, rng):
    banks = list(Department.objects.filter(kind=DepartmentKind.BANK))
    enterprises = list(
        Enterprise.objects.filter(committee__in=loader.committees.values()).order_by("pk")
    )
    if not banks or not enterprises:
        return
    for event_day, event in EVENTS:
        for enterprise in rng.sample(enterprises, min(20, len(enterprises))):
            need = FinancingNeed(
                committee=enterprise.committee,
                published=True,
                enterprise=enterprise,
                amount=Decimal(rng.choice([200, 500, 800, 1000, 2000, 3000])),
                purpose=rng.choice(PURPOSES),
                term_months=rng.choice([12, 24, 36]),
                collateral=rng.choice(["厂房抵押", "设备抵押", "应收账款质押", ""]),
                surveyed_on=event_day - timedelta(days=rng.randrange(10, 30)),
            )
            record_save(actor=loader.actor, instance=need)
            match = FinancingMatch(need=need, bank=rng.choice(banks), matched_on=event_day)
            match.follow_need()
            match.activity_id = None
            record_save(actor=loader.actor, instance=match, reason=event)
            outcome = rng.choice(
                [MatchStatus.DISBURSED] * 3
                + [MatchStatus.GRANTED] * 2
                + [MatchStatus.FAILED, MatchStatus.MATCHING]
            )
            _outcome(loader.actor, match, outcome, rng)


def _outcome(actor, match, outcome, rng):
    """What came of a match, recorded as the bank records it: its workflow's steps, dated."""
    if outcome == MatchStatus.FAILED:
        services.match_decline(
            actor=actor,
            match=match,
            on=match.matched_on + timedelta(days=14),
            failure_reason="抵押物不足，暂不符合授信条件。",
        )
    elif outcome in (MatchStatus.GRANTED, MatchStatus.DISBURSED):
        granted = match.need.amount * Decimal(rng.choice([6, 8, 10])) / 10
        day = match.matched_on + timedelta(days=rng.randrange(7, 30))
        match = services.match_grant(
            actor=actor, match=match, on=day, amount_granted=granted, granted_on=day
        )
        if outcome == MatchStatus.DISBURSED:
            day = day + timedelta(days=rng.randrange(3, 20))
            services.match_disburse(
                actor=actor, match=match, on=day, amount_disbursed=granted, disbursed_on=day
            )


def _pairings(loader, rng):
    enterprises = list(
        Enterprise.objects.filter(is_member_enterprise=True, member__isnull=False).order_by("pk")
    )[:PAIRS]
    villages = list(Village.objects.filter(is_lifted_out_of_poverty=True).order_by("pk"))[:PAIRS]
    for enterprise, village in zip(enterprises, villages, strict=False):
        pairing = Pairing(
            committee=loader.committees["lb"],
            published=True,
            enterprise=enterprise,
            village=village,
            started_on=date(2024, 3, 1),
            goals=f"{enterprise.name}结对帮扶{village}，发展{village.main_industries or '特色产业'}。",
        )
        record_save(actor=loader.actor, instance=pairing)
        for _ in range(rng.randrange(2, 5)):
            _support(rng, pairing, _first_two_years, loader.actor)


def _first_two_years(rng):
    return date(2024, 3, 1) + timedelta(days=rng.randrange(0, 600))


def _support(rng, pairing, when, actor):
    """A support record of `pairing` on the day `when(rng)` draws."""
    dimension = rng.choice([d.value for d in SupportDimension][:4])
    record = SupportRecord(
        pairing=pairing,
        dimension=dimension,
        on=when(rng),
        amount=Decimal(rng.choice([5, 10, 20, 30])) if dimension == "funds" else None,
        quantity="培训60人次" if dimension == "technology" else "",
        description={
            "funds": "捐资修建村道和产业基础设施。",
            "technology": "派技术员开展种养技术培训。",
            "market": "订单收购村民农产品。",
            "employment": "吸纳村民到企业就业。",
        }[dimension],
        income=Decimal(rng.choice([2, 5, 8])),
        jobs=rng.choice([None, 3, 5, 10]) if dimension == "employment" else None,
    )
    record.follow_pairing()
    record_save(actor=actor, instance=record)


def reset():
    deleted = Counter()
    for model in (SupportRecord, Pairing, FinancingMatch, FinancingNeed, InvestmentProject):
        _count, by_model = model.objects.all().delete()
        deleted[str(model._meta.verbose_name_plural)] += by_model.get(model._meta.label, 0)
    Notification.objects.filter(target_type__startswith="investment.").delete()
    for model in apps.get_app_config("investment").get_models():
        if model.__name__.startswith("Historical"):
            model.objects.all().delete()
    return deleted
