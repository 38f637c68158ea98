"""Demo data: the 2024 社情民意 of the 来宾 system, the bulletin issues, and the two sugar
documents of the article with their sources (成果转化); with the living year
(`core.demo.calendar`), the years since and this year up to today too.

Sixty reports a year across the system, written through the services by the demo actor,
dated in their year: most accepted and compiled into twelve issues of 《社情民意》 a year, a
few not accepted or still waiting; some sent upward and adopted at the city level; in 2024
a few adopted at the provincial level and one instructed by a principal city leader, and
黎胜国 (the demo member) wrote three of them. This year's go as far as today.
Deterministic (seeded); loading twice adds nothing.
"""

import random
from collections import Counter
from datetime import date, timedelta

from lvzhi.activities.models import Activity, ReportItem
from lvzhi.core.demo import calendar
from lvzhi.core.models import Member

from ..models import Opinion, OpinionBulletin, Outcome, OutcomeKind, Proposal
from ..services import opinion as services
from ..services.outcome import outcome_add_source

SEED = 2024
DEMO = "（演示数据）"

TOPICS = [
    ("关于稳定糖料蔗种植面积保障糖厂原料供应的建议", "sugar"),
    ("关于降低制糖企业用电成本的建议", "sugar"),
    ("关于推进甘蔗生产全程机械化的建议", "sugar"),
    ("关于加快蔗渣综合利用延伸糖业产业链的建议", "sugar"),
    ("关于破解榨季运输难题的建议", "sugar"),
    ("关于支持钙基新材料企业技术改造的建议", "calcium"),
    ("关于完善冷链物流节点布局的建议", "coldchain"),
    ("关于扶持特色水稻品牌建设的建议", "rice"),
    ("关于推动瑶医药产业标准化发展的建议", "yaomed"),
    ("关于优化园区用地审批流程的建议", ""),
    ("关于缓解中小企业融资难融资贵的建议", ""),
    ("关于加强乡村振兴人才队伍建设的建议", ""),
    ("关于提升县域商业体系建设水平的建议", ""),
    ("关于加强农村养老服务的建议", ""),
    ("关于完善绿色家居产业配套的建议", "home"),
]

BODY = (
    "一、基本情况\n{title}所涉问题在我市较为突出，企业和群众反映集中。\n"
    "二、存在问题\n政策落实不到位，部门协同不够，要素保障不足。\n"
    "三、意见建议\n一是加强统筹协调；二是完善配套政策；三是强化要素保障。" + DEMO
)


def load(loader):
    if Opinion.objects.exists():
        return
    years = [(2024, REPORTS, None)]
    span = calendar.living()
    if span:  # the years since (2025 …) have theirs, and this year up to today
        years += [(y, REPORTS, None) for y in range(calendar.FIXED_LAST_YEAR, span.year)]
        years.append((span.year, max(1, round(REPORTS * span.share)), span.today))
    created = 0
    for year, count, until in years:
        created += _year(loader, year, count, until)
    _outcomes(loader, loader.actor)
    loader.created[Opinion] += created
    loader.models.setdefault(Opinion, None)


#: reports a year across the system
REPORTS = 60


def _year(loader, year, count, until):
    """One year's reports, each taken as far as it went by `until` (None: the whole way)."""
    rng = random.Random(SEED) if year == 2024 else random.Random(f"{year}-opinions")
    actor = loader.actor
    committees = loader.committees
    industries = {key: ind for (key, link), ind in loader.industries.items() if link is None}
    bulletins = _bulletins(loader, actor, year, until)
    li = Member.objects.filter(person__name="黎胜国", committee=committees["lb"]).first()
    last = date(year, 12, 31) if until is None else until
    opinions = []
    for n in range(count):
        key = "lb" if n % 3 == 0 else rng.choice(sorted(committees.keys() - {"lb"}))
        committee = committees[key]
        title, industry = TOPICS[n % len(TOPICS)]
        members = list(Member.objects.filter(committee=committee)[:30])
        authors = rng.sample(members, min(len(members), rng.choice([1, 1, 1, 2])))
        if li is not None and year == 2024 and n in (0, 3, 27):
            committee, authors = committees["lb"], [li]
        day = date(year, 1, 10) + timedelta(days=rng.randrange(0, 300))
        if year == 2024 and n == 0:
            day = date(2024, 3, 5)  # 黎胜国's report that goes furthest: within the year
        if day > last:
            day = last - timedelta(days=rng.randrange(0, 5))
        opinion = services.opinion_submit(
            actor=actor,
            opinion=Opinion(
                committee=committee,
                title=title,
                text=BODY.format(title=title.removeprefix("关于").removesuffix("的建议")),
                published=True,
            ),
            m2m={
                "authors": authors,
                "industries": [industries[industry]] if industry in industries else [],
            },
            on=day,
        )
        opinions.append((n, opinion, day))
    for n, opinion, day in opinions:
        _advance(n, opinion, day, actor, bulletins, rng, year=year, last=last)
    return len(opinions)


def _bulletins(loader, actor, year, until):
    """Twelve issues a year of each committee's bulletin (monthly, on the 25th), up to
    `until`."""
    from lvzhi.core.services import record_save

    out = {}
    for committee in loader.committees.values():
        for month in range(1, 13):
            issued = date(year, month, 25)
            if until is not None and issued > until:
                break
            issue = OpinionBulletin(
                committee=committee,
                year=year,
                number=month,
                issued_on=issued,
                editor=f"{committee.name}办公室",
                published=True,
            )
            record_save(actor=actor, instance=issue)
            out[(committee.pk, month)] = issue
    return out


def _advance(n, opinion, day, actor, bulletins, rng, *, year, last):
    """Take a report up the ladder by its number; a step dated after `last` is not taken."""
    if n % 10 == 9:
        services.opinion_reject(
            actor=actor, opinion=opinion, reason="反映问题已有专门部署，暂不编发。", on=day
        )
        return
    if n % 10 == 8:
        return  # still waiting for the 联络委
    accepted = day + timedelta(days=3)
    if accepted > last:
        return
    if n % 4 == 0:
        services.opinion_edit(
            actor=actor,
            opinion=opinion,
            edited_text=opinion.text.replace("较为突出", "比较突出，亟待解决"),
            comment="文字精简。",
            on=accepted,
        )
    services.opinion_accept(actor=actor, opinion=opinion, on=accepted)
    if n % 10 == 7:
        return  # accepted, not yet in an issue
    month = min(12, accepted.month + (1 if accepted.day > 25 else 0))
    issue = bulletins.get((opinion.committee_id, month))
    if issue is None:
        return  # this month's issue is not out yet
    services.opinion_compile(actor=actor, opinion=opinion, bulletin=issue, on=issue.issued_on)
    if n % 3 != 0:
        return
    sent = issue.issued_on + timedelta(days=2)
    if sent > last:
        return
    services.opinion_forward(actor=actor, opinion=opinion, level="city", date=sent, on=sent)
    if n % 2:
        return
    adopted = sent + timedelta(days=rng.randint(5, 20))
    if adopted > last:
        return
    services.opinion_adopt(
        actor=actor, opinion=opinion, level="city", mode="single", date=adopted, on=adopted
    )
    if year != 2024:
        return  # the provincial uptakes and the instruction are the article's year's
    if n in (0, 12, 24):
        services.opinion_forward(
            actor=actor, opinion=opinion, level="province", date=adopted, on=adopted
        )
        later = adopted + timedelta(days=20)
        services.opinion_adopt(
            actor=actor,
            opinion=opinion,
            level="province",
            mode="single" if n == 0 else "combined",
            date=later,
            on=later,
        )
    if n == 0:
        services.opinion_instruct(
            actor=actor,
            opinion=opinion,
            instructed_by="市委主要领导",
            instruction_level="city_principal",
            date=adopted + timedelta(days=3),
            text="请市农业农村局、工信局研究落实，保障糖料蔗种植面积。",
            on=adopted + timedelta(days=3),
        )


def _outcomes(loader, actor):
    """The two documents the article names, each linked to what led to it."""
    from lvzhi.core.services import record_save

    lb = loader.committees["lb"]
    in_lb = Activity.objects.filter(committee=lb, start_date__year=2024)
    consultation = in_lb.filter(title__contains="糖业降本增效").first()
    inspection = in_lb.filter(title__contains="蔗糖产业").first()
    research = in_lb.filter(kind__code="research").order_by("start_date").first()
    items = list(ReportItem.objects.filter(activity=research).order_by("kind", "sort_order", "id"))
    problem_item = next((i for i in items if i.kind == "problem"), None)
    guide_item = next((i for i in items if i.kind == "guide"), None)
    suggestions = list(inspection.items.all()[:2]) if inspection else []
    sugar_reports = list(Opinion.objects.filter(committee=lb, title__contains="糖").order_by("id"))
    # 《关于增强广西糖业稳定保供能力的建议》 and the other accepted 糖业 proposals of 2024
    sugar_proposals = list(
        Proposal.objects.filter(
            committee=lb, accepted_on__year=2024, title__contains="糖"
        ).order_by("serial")[:3]
    )
    documents = [
        (
            "来宾市糖业降本增效行动方案",
            OutcomeKind.PLAN,
            "来宾市人民政府办公室",
            "来政办发〔2024〕31号",
            date(2024, 9, 10),
            [consultation, *suggestions, *sugar_reports[:1], *sugar_proposals[:2]],
        ),
        (
            "全市加快推进糖业全产业链高质量发展的实施意见",
            OutcomeKind.POLICY,
            "中共来宾市委 来宾市人民政府",
            "来发〔2024〕12号",
            date(2024, 11, 20),
            [
                inspection,
                research,
                problem_item,
                guide_item,
                *sugar_reports[1:2],
                *sugar_proposals[2:],
            ],
        ),
    ]
    for title, kind, issuer, number, issued, sources in documents:
        outcome = Outcome(
            committee=lb,
            title=title,
            kind=kind,
            issuer=issuer,
            number=number,
            issued_on=issued,
            summary="委员的建议和意见得到市委高度重视，相关文件相继出台。" + DEMO,
            published=True,
        )
        sugar = loader.industries.get(("sugar", None))
        record_save(actor=actor, instance=outcome, m2m={"industries": [sugar] if sugar else []})
        for source in sources:
            if source is not None:
                outcome_add_source(actor=actor, outcome=outcome, source=source)
        loader.created[Outcome] += 1
    loader.models.setdefault(Outcome, None)


def reset():
    from django.apps import apps

    deleted = Counter()
    for model in (Outcome, Opinion, OpinionBulletin):
        _count, by_model = model.objects.all().delete()
        deleted[str(model._meta.verbose_name_plural)] += by_model.get(model._meta.label, 0)
    for model in apps.get_app_config("proposals").get_models():
        if model.__name__.startswith("Historical"):
            model.objects.all().delete()
    return deleted
