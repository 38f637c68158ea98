"""Demo data of the activities app: the 来宾 system's 2024, the first half of 2025 (with the
living year, all of it) and the living year up to today (`core.demo.calendar`).

The 2024 counts are the article's ("数据见证担当"): 83 专题协商 (80余场), 180 enterprise
visits by industry service teams, 352 member participations in 对外招商 (350多场次), the
2024-11 经验交流会 in 武宣县, 经济微讲堂 sessions; plus the 糖业 inspection with its
21 suggestions (20余条), two research reports with problem lists and 操作指南, and the
member cases of 林伟民 and 黎胜国. Everything is written through the services by the demo
actor, so history attributes it; `reset` deletes it with its history.
"""

import datetime
import random
from collections import Counter
from decimal import Decimal

from django.apps import apps
from django.db import transaction

from lvzhi.activities import models as m
from lvzhi.activities import services
from lvzhi.activities.choices import Attendance, GroupKind, ParticipationRole
from lvzhi.core.demo import calendar
from lvzhi.core.demo import structure as S
from lvzhi.core.models import Enterprise, Member
from lvzhi.core.services import record_save

SEED = 2024
#: the living year's volume against the article's year (the demo loads in about a minute)
LIVING_PACE = 0.6
COUNTIES = ["xb", "hs", "xz", "wx", "xc", "jx"]
PLACES = {
    "lb": "来宾市",
    "xb": "兴宾区",
    "hs": "合山市",
    "xz": "象州县",
    "wx": "武宣县",
    "xc": "忻城县",
    "jx": "金秀县",
}
CONSULT_TOPICS = [
    "糖业降本增效",
    "钙基新材料产业链延链补链",
    "绿色家居产业集聚",
    "冷链物流体系完善",
    "设施农业升级",
    "特色水稻品牌建设",
    "瑶医药产业高质量发展",
    "港口物流与西江黄金水道",
    "专精特新中小企业培育",
    "营商环境优化",
    "县域经济高质量发展",
    "乡村特色产业发展",
    "竹浆纸一体化项目推进",
    "园区标准厂房建设",
    "企业融资难融资贵",
]
DESTINATIONS = ["北京", "上海", "广东", "江苏", "浙江", "福建", "山东"]
SERVICE_TEAMS = [
    ("糖业产业服务团", "sugar"),
    ("钙基新材料产业服务团", "calcium"),
    ("绿色家居产业服务团", "home"),
    ("冷链物流产业服务团", "coldchain"),
    ("瑶医药产业服务团", "yaomed"),
    ("港口物流产业服务团", "port"),
]
PLATFORMS = [
    ("钙基新材料实践平台", "calcium"),
    ("蔗糖产业实践平台", "sugar"),
    ("特色水稻实践平台", "rice"),
]
SPEAKERS = [
    "广西大学经济学院教授",
    "自治区发展研究中心研究员",
    "广西社会科学院研究员",
    "人民银行来宾市分行专家",
    "区外产业研究院专家",
]
DEMO = "（演示数据）"


class _Demo:
    def __init__(self, loader):
        self.loader = loader
        self.actor = loader.actor
        self.rng = random.Random(SEED)
        self.c = loader.committees
        self.kinds = {k.code: k for k in m.ActivityKind.objects.all()}
        self.members = {
            key: list(
                Member.objects.filter(committee=committee, is_active=True)
                .select_related("person", "committee")
                .order_by("pk")
            )
            for key, committee in self.c.items()
        }
        self.firms = {
            key: list(Enterprise.objects.filter(committee=committee).order_by("pk"))
            for key, committee in self.c.items()
        }
        self.industry = {key: ind for (key, link), ind in loader.industries.items() if link is None}
        self.count = Counter()
        self.until = datetime.date.max  # the living year's days end today

    def day(self, year, months=(1, 12)):
        start = datetime.date(year, months[0], 1)
        end = min(datetime.date(year, months[1], 28), self.until)
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def leaders(self, key):
        return [x for x in self.members[key] if x.position in ("chair", "vice_chair")][:2]

    def activity(self, key, kind, title, date, participants=(), items=(), m2m=None, **extra):
        a = m.Activity(
            committee=self.c[key],
            kind=self.kinds[kind],
            title=title,
            start_date=date,
            published=True,
            **extra,
        )
        seen, rows = set(), []
        for member, role in participants:
            if member.pk not in seen:
                seen.add(member.pk)
                rows.append((member, role, Attendance.ATTENDED))
        a = services.activity_save(actor=self.actor, activity=a, m2m=m2m or {}, participants=rows)
        for order, (item_kind, text) in enumerate(items):
            services.child_save(
                actor=self.actor,
                instance=m.ReportItem(activity=a, kind=item_kind, text=text, sort_order=order),
            )
        self.count[kind] += 1
        return a

    def pick(self, key, n):
        pool = self.members[key]
        return self.rng.sample(pool, min(n, len(pool)))

    # -- the year ------------------------------------------------------------------------
    def groups(self):
        self.teams = []
        city = self.members["lb"]
        for name, ind in SERVICE_TEAMS + PLATFORMS:
            kind = GroupKind.PRACTICE_PLATFORM if "平台" in name else GroupKind.SERVICE_TEAM
            team_members = self.rng.sample(city, min(6, len(city)))
            group = record_save(
                actor=self.actor,
                instance=m.MemberGroup(
                    committee=self.c["lb"],
                    name=name,
                    kind=kind,
                    industry=self.industry[ind],
                    leader=team_members[0],
                    published=True,
                    description=DEMO,
                ),
                m2m={"members": team_members},
            )
            if kind == GroupKind.SERVICE_TEAM:
                self.teams.append((group, team_members, ind))

    def consultations(self, year, total, months):
        keys = ["lb"] * 20 + [k for k in COUNTIES for _ in range(11)]
        for i in range(total):
            key = keys[i % len(keys)]
            topic = CONSULT_TOPICS[i % len(CONSULT_TOPICS)]
            people = [(p, ParticipationRole.PARTICIPANT) for p in self.pick(key, 4)]
            people[0] = (people[0][0], ParticipationRole.LEAD)
            people[1] = (people[1][0], ParticipationRole.SPEAKER)
            items = [
                ("suggestion", f"关于{topic}的建议（{n + 1}）")
                for n in range(self.rng.randint(1, 3))
            ]
            self.activity(
                key,
                "consultation",
                f"{PLACES[key]}政协“{topic}”专题协商会",
                self.day(year, months),
                people,
                items,
                place=f"{PLACES[key]}政协会议室",
                summary=DEMO,
            )

    def media_consultations(self, year):
        topics = [
            ("瑶医药产业高质量发展", "yaomed"),
            ("糖业转型升级", "sugar"),
            ("牢记嘱托 感恩奋进 守好中国‘糖罐子’", "sugar"),
        ]
        for n, (topic, ind) in enumerate(topics):
            self.activity(
                "lb",
                "media-consultation",
                f"“来宾好商量”全媒体协商：{topic}",
                datetime.date(year, 4 + 3 * n, 18),
                [(p, ParticipationRole.SPEAKER) for p in self.pick("lb", 3)],
                [("suggestion", f"{topic}：协商建议{k + 1}") for k in range(3)],
                m2m={"industries": [self.industry[ind]]},
                media_link=f"https://example.org/laibin-haoshangliang/{year}-{n + 1}",
                place="来宾市融媒体中心",
                summary="入选广西电视台《桂在协商》栏目。" + DEMO,
            )

    def research(self, year):
        topics = [
            "能耗双控背景下来宾市工业高质量发展",
            "大力培育‘专精特新’中小企业提升产业核心竞争力",
        ]
        for n, topic in enumerate(topics):
            items = [("problem", f"{topic}：问题{k + 1}") for k in range(5)]
            items += [("guide", f"{topic}：操作指南第{k + 1}条") for k in range(4)]
            self.activity(
                "lb",
                "research",
                f"“{topic}”专题调研",
                datetime.date(year, 5 + n * 2, 12),
                [(p, ParticipationRole.PARTICIPANT) for p in self.pick("lb", 6)],
                items,
                m2m={"leaders": self.leaders("lb")},
                half_days=4,
                place="来宾市各工业园区",
                summary=DEMO,
            )

    def inspection(self, year):
        self.activity(
            "lb",
            "inspection",
            "蔗糖产业高质量发展专题视察",
            datetime.date(year, 6, 20),
            [(p, ParticipationRole.PARTICIPANT) for p in self.pick("lb", 10)],
            [("suggestion", f"蔗糖产业建议第{k + 1}条") for k in range(21)],
            m2m={"leaders": self.leaders("lb"), "industries": [self.industry["sugar"]]},
            half_days=2,
            place="制糖企业、田间地头、桂中治旱工程一线",
            summary=DEMO,
        )

    def visits(self, year, total, months):
        firms = [f for key in self.c for f in self.firms[key]]
        for i in range(total):
            group, team, ind = self.teams[i % len(self.teams)]
            firm = firms[i % len(firms)]
            people = [(p, ParticipationRole.PARTICIPANT) for p in self.rng.sample(team, 2)]
            self.activity(
                "lb",
                "enterprise-visit",
                f"{group.name}走访{firm.name}",
                self.day(year, months),
                people,
                group=group,
                m2m={"enterprises": [firm], "industries": [self.industry[ind]]},
                place=firm.name,
            )

    def investment(self, year, participations, months):
        done, n = 0, 0
        while done < participations:
            key = "lb" if n % 3 else self.rng.choice(COUNTIES)
            size = min(self.rng.randint(4, 7), participations - done)
            dests = self.rng.sample(DESTINATIONS, self.rng.randint(1, 3))
            people = [(p, ParticipationRole.PARTICIPANT) for p in self.pick(key, size)]
            leaders = self.leaders(key)
            self.activity(
                key,
                "investment",
                f"赴{'、'.join(dests)}招商引资",
                self.day(year, months),
                people,
                destinations="、".join(dests),
                m2m={"leaders": leaders},
                half_days=6,
                place="、".join(dests),
            )
            done += len(people)
            n += 1
        self.count["investment participations"] += done

    def lectures(self, year, months):
        for n in range(months[0], months[1] + 1, 2):
            if datetime.date(year, n, 25) > self.until:
                break
            self.activity(
                "lb",
                "lecture",
                f"经济微讲堂（{year}年第{n // 2 + 1}期）",
                datetime.date(year, n, 25),
                [(p, ParticipationRole.PARTICIPANT) for p in self.pick("lb", 12)],
                speakers=self.rng.choice(SPEAKERS),
                place="来宾市政协",
            )

    def financing(self, year, months):
        for n in range(3):
            key = ["lb", "wx", "xb"][n]
            self.activity(
                key,
                "financing",
                f"{PLACES[key]}政银企对接会",
                self.day(year, months),
                [(p, ParticipationRole.PARTICIPANT) for p in self.pick(key, 5)],
                place=f"{PLACES[key]}",
                summary=DEMO,
            )

    def meetings(self, year):
        roll = self.members["lb"]
        for code, title, date, days in (
            ("plenary", "全体会议", datetime.date(year, 1, 8), 5),
            ("standing", "常委会议", datetime.date(year, 6, 28), 1),
        ):
            if date > self.until:
                continue
            a = self.activity(
                "lb", code, f"市政协{year}年{title}", date, half_days=days, place="来宾市会议中心"
            )
            services.participants_invite(actor=self.actor, activity=a, members=roll)
            states = {}
            for p in a.participations.all():
                r = self.rng.random()
                states[p.pk] = (
                    Attendance.ABSENT
                    if r < 0.02
                    else Attendance.EXCUSED
                    if r < 0.08
                    else Attendance.ATTENDED
                )
            services.attendance_bulk_set(actor=self.actor, activity=a, states=states)

    def exchange(self):
        people = [(p, ParticipationRole.SPEAKER) for p in self.pick("wx", 4)]
        people += [
            (p, ParticipationRole.PARTICIPANT)
            for key in ["lb", *COUNTIES]
            for p in self.pick(key, 3)
        ]
        return self.activity(
            "lb",
            "exchange",
            "全市政协系统“产业振兴 委员行动”经验交流会",
            datetime.date(2024, 11, 14),
            people,
            place="武宣县",
            m2m={"leaders": self.leaders("lb")},
            summary="委员们带着案例来、带着思路走，在互学互鉴中明晰“怎么干”。" + DEMO,
        )

    def rules(self):
        k = self.kinds
        rs = services.ruleset_save(
            actor=self.actor,
            ruleset=m.RuleSet(
                committee=self.c["lb"],
                name="来宾市政协委员履职积分办法",
                year=2024,
                published=True,
                description="全体会议每半天5分；其他活动每次5分（牵头8分），活动类全年不超过40分。"
                + DEMO,
            ),
        )
        cap = services.child_save(
            actor=self.actor, instance=m.ScoreCap(ruleset=rs, name="活动类", limit=Decimal(40))
        )
        rows = [
            ("全体会议（每半天）", "activity", k["plenary"], "", "", 5, "half_day", None),
            ("常委会议", "activity", k["standing"], "", "", 5, "time", None),
            ("活动牵头", "activity", None, "lead", "", 8, "time", cap),
            ("活动发言", "activity", None, "speaker", "", 6, "time", cap),
            ("参加活动", "activity", None, "", "", 5, "time", cap),
            ("无故缺席全体会议", "attendance", k["plenary"], "", "absent", -5, "time", None),
            ("无故缺席常委会议", "attendance", k["standing"], "", "absent", -3, "time", None),
            ("提交提案（第一提案人）", "proposal_lead", None, "", "", 15, "item", None),
            ("提交提案（联名）", "proposal_joint", None, "", "", 3, "item", None),
            ("重点、优秀提案", "proposal_key", None, "", "", 10, "item", None),
            ("社情民意被采用", "social_report_adopted", None, "", "", 5, "article", None),
            ("协调解决难题", "problem_resolved", None, "", "", 3, "item", None),
            ("招商项目落地", "project_landed", None, "", "", 10, "item", None),
        ]
        for label, event, kind, role, att, pts, unit, rcap in rows:
            services.child_save(
                actor=self.actor,
                instance=m.Rule(
                    ruleset=rs,
                    label=label,
                    event=event,
                    activity_kind=kind,
                    role=role,
                    attendance=att,
                    points=Decimal(pts),
                    unit=unit,
                    cap=rcap,
                ),
            )
        for name, lo, hi in (
            ("优秀", 90, None),
            ("良好", 80, "89.9"),
            ("称职", 60, "79.9"),
            ("不称职", 0, "59.9"),
        ):
            hi = Decimal(hi) if hi else None
            services.child_save(
                actor=self.actor,
                instance=m.GradeBand(ruleset=rs, name=name, min_score=Decimal(lo), max_score=hi),
            )
        rs.locked = True
        services.ruleset_save(actor=self.actor, ruleset=rs)
        services.ruleset_copy(
            actor=self.actor, source=rs, year=2025, name="来宾市政协委员履职积分办法（2025年修订）"
        )

    def roadmap(self, exchange):
        tasks = [
            (2024, "制定“委员行动”路线图并动员部署", "办公室", datetime.date(2024, 2, 28), 100),
            (2024, "组建产业服务团走访企业180次", "经济委", datetime.date(2024, 12, 31), 100),
            (2024, "每两月举办一期经济微讲堂", "学习委", datetime.date(2024, 12, 31), 100),
            (2024, "召开全市政协系统经验交流会", "办公室", datetime.date(2024, 11, 30), 100),
            (
                2025,
                "打造钙基新材料、蔗糖、特色水稻三大实践平台",
                "经济委",
                datetime.date(2025, 6, 30),
                70,
            ),
            (
                2025,
                "推动32家委员企业与32个脱贫村结对帮扶",
                "农业和农村委",
                datetime.date(2025, 9, 30),
                60,
            ),
            (2025, "完成年度对外招商任务", "经济委", datetime.date(2025, 12, 31), 85),
        ]
        for year, title, owner, due, progress in tasks:
            linked = [exchange] if "交流会" in title else []
            record_save(
                actor=self.actor,
                instance=m.RoadmapTask(
                    committee=self.c["lb"],
                    year=year,
                    title=title,
                    owner=owner,
                    due_date=due,
                    progress=progress,
                    published=True,
                    description=DEMO,
                ),
                m2m={"activities": linked},
            )

    def cases(self):
        lin = Member.objects.filter(person__name="林伟民", committee=self.c["lb"]).first()
        li = Member.objects.filter(person__name="黎胜国", committee=self.c["lb"]).first()
        dongtang = Enterprise.objects.filter(name="广西东糖集团").first()
        port = Enterprise.objects.filter(name="武宣港区龙从作业区").first()
        if lin:
            record_save(
                actor=self.actor,
                instance=m.MemberCase(
                    committee=self.c["lb"],
                    member=lin,
                    year=2024,
                    published=True,
                    title="带领广西东糖集团投入1.8亿元实施技术改造",
                    investment=Decimal(18000),
                    summary="推动制糖工艺向“高端化、智能化、绿色化”转型，企业数智化水平显著提升。"
                    + DEMO,
                ),
                m2m={
                    "enterprises": [dongtang] if dongtang else [],
                    "industries": [self.industry["sugar"]],
                },
            )
        if li:
            record_save(
                actor=self.actor,
                instance=m.MemberCase(
                    committee=self.c["lb"],
                    member=li,
                    year=2024,
                    published=True,
                    title="每年3000万元承包武宣港区龙从作业区，扭亏为盈",
                    investment=Decimal(3000),
                    investment_is_annual=True,
                    jobs_created=350,
                    summary="通过科学管理实现扭亏为盈，让“死资产”变成“活资本”。" + DEMO,
                ),
                m2m={"enterprises": [port] if port else [], "industries": [self.industry["port"]]},
            )

    def run(self):
        self.groups()
        self.rules()
        full, half = (1, 12), (1, 6)
        self.meetings(2024)
        self.consultations(2024, 83, full)
        self.media_consultations(2024)
        self.research(2024)
        self.inspection(2024)
        self.visits(2024, 180, full)
        self.investment(2024, 352, full)
        self.lectures(2024, full)
        self.financing(2024, full)
        exchange = self.exchange()
        # 2025, first half
        self.meetings(2025)
        self.consultations(2025, 30, half)
        self.visits(2025, 60, half)
        self.investment(2025, 120, half)
        self.lectures(2025, half)
        self.roadmap(exchange)
        self.cases()
        span = calendar.living()
        if span:
            self.second_half(span)
            self.living(span)

    def second_half(self, span):
        """With the living year, the second half of the years before it (2025 …) too: the
        dashboard compares this year with a whole year."""
        for year in range(calendar.FIXED_LAST_YEAR, span.year):
            self.rng, second = random.Random(f"{year}-activities"), (7, 12)
            self.consultations(year, 30, second)
            self.visits(year, 60, second)
            self.investment(year, 120, second)
            self.lectures(year, second)

    def living(self, span):
        """This year up to today at part of the article's pace, and what is planned for next week:
        a 专题协商 and an enterprise visit the demo member is invited to (not yet attended)."""
        self.rng, self.until = span.rng("activities"), span.today
        year, months = span.year, (1, span.today.month)
        pace = LIVING_PACE * span.share
        self.meetings(year)
        self.consultations(year, round(83 * pace), months)
        self.visits(year, round(180 * pace), months)
        self.investment(year, round(352 * pace), months)
        self.lectures(year, months)
        self.financing(year, months)
        name = S.MEMBER_USER_PERSON[1]
        member = next((x for x in self.members["lb"] if x.person.name == name), None)
        for kind, title, people in (
            ("consultation", "市政协“糖业降本增效”专题协商会", self.pick("lb", 6)),
            ("enterprise-visit", "糖业产业服务团走访广西东糖集团", self.pick("lb", 3)),
        ):
            planned = self.activity(
                "lb", kind, title, span.upcoming(self.rng, days=6), place="来宾市政协会议室"
            )
            invited = [member, *people] if member else people
            services.participants_invite(actor=self.actor, activity=planned, members=invited)


def load(loader):
    """Load once: a database that already holds activities is left as it is."""
    if m.Activity.objects.exists() or "lb" not in loader.committees:
        return
    with transaction.atomic():
        _Demo(loader).run()


RESET_ORDER = [
    m.Participation,
    m.ReportItem,
    m.RoadmapTask,
    m.MemberCase,
    m.Activity,
    m.MemberGroup,
    m.Rule,
    m.ScoreCap,
    m.GradeBand,
    m.RuleSet,
]


def reset():
    """Delete every record of this app (activity kinds stay: they are a dictionary)."""
    deleted = Counter()
    for model in RESET_ORDER:
        deleted[str(model._meta.verbose_name_plural)] += (
            model.objects.all().delete()[1].get(model._meta.label, 0)
        )
    # the history of the records and of their many-to-many fields (the kinds' stays)
    for model in apps.get_app_config("activities").get_models():
        if model.__name__.startswith("Historical") and model.__name__ != "HistoricalActivityKind":
            model.objects.all().delete()
    return deleted
