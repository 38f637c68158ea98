"""Demo proposals: the 来宾 system's 五届 sessions, ~450 proposals a year in 2023 and 2024
(and in 2025 and the living year up to today when that is loaded, `core.demo.calendar`).

"委员们围绕糖业高质量发展提交提案30余件，《关于增强广西糖业稳定保供能力》等提案直击产业痛点":
32 of 2024's proposals are on 糖业; 《关于增强广西糖业稳定保供能力的建议》 by 黎胜国 (the
demo member) goes its whole path through the workflow services, as do a handful of others
the demo logins find waiting for them (a draft, one under review, one for 市工信局 to
reply to, one to rate). The rest of the year is written in bulk with the rows the workflow
would have left (transitions, assignments, replies, ratings, 面商) so `make run` stays fast.
Deterministic (seeded); loading twice adds nothing.
"""

import random
from collections import Counter
from datetime import date, timedelta

from django.utils import timezone

from lvzhi.core import bulk
from lvzhi.core.demo import calendar
from lvzhi.core.models import Attachment, Department, Member
from lvzhi.core.services import record_create_many
from lvzhi.core.workdays import add_months

from ..choices.proposal import Action, Kind, OrganisationKind, UnitRole
from ..models import (
    Proposal,
    ProposalAssignment,
    ProposalExtension,
    ProposalMeeting,
    ProposalRating,
    ProposalReply,
    ProposalSession,
    ProposalSignature,
    ProposalTransition,
)
from . import walkthrough

SEED = 2024
YEARS = (2023, 2024)
PER_YEAR = {"lb": 180, "xb": 60, "hs": 40, "xz": 45, "wx": 45, "xc": 40, "jx": 40}
SUGAR_2024 = 32

TOPICS = {
    "sugar": [
        "糖料蔗良种良法推广",
        "甘蔗全程机械化",
        "糖企降本增效",
        "蔗糖副产品综合利用",
        "糖业金融保险支持",
        "糖料蔗收购价格联动",
        "糖业数字化改造",
        "双高基地建设",
    ],
    "calcium": ["钙基新材料产业园建设", "碳酸钙精深加工", "石材资源有序开发"],
    "home": ["绿色家居产业集聚", "林木加工产业链延伸", "家居品牌培育"],
    "coldchain": ["冷链物流设施补短板", "农产品产地预冷", "冷链运输标准化"],
    "facility": ["设施农业用地保障", "蔬菜大棚提质", "智慧农业推广"],
    "rice": ["优质稻品牌建设", "稻米加工升级"],
    "yaomed": ["瑶医药传承创新", "瑶药材种植基地", "瑶医康养融合发展"],
    "port": ["港口物流枢纽建设", "西江航运提升", "多式联运发展"],
    "tourism": ["乡村民宿规范发展", "全域旅游品牌", "红色旅游资源保护"],
    "digital": ["数据中心建设", "中小企业数字化转型", "5G应用场景培育"],
}
UNIT_HINTS = {
    "sugar": ["糖业发展", "农业农村", "工信"],
    "calcium": ["工信", "自然资源"],
    "home": ["林业", "工信"],
    "coldchain": ["商务", "交通"],
    "facility": ["农业农村"],
    "rice": ["农业农村"],
    "yaomed": ["卫生健康", "中医"],
    "port": ["交通", "港"],
    "tourism": ["文化", "旅游"],
    "digital": ["大数据", "工信"],
}
#: what became of a year's proposals (shares of the received ones)
FATES = (
    ["closed"] * 700
    + ["rated"] * 60
    + ["released"] * 20
    + ["replied"] * 10
    + ["assigned"] * 40
    + ["accepted"] * 10
    + ["rejected"] * 40
    + ["merged"] * 50
    + ["converted"] * 70
)
RATINGS = ["satisfied"] * 80 + ["basically"] * 17 + ["not_satisfied"] * 3
CLASSES = ["A"] * 55 + ["B"] * 35 + ["C"] * 10


def load(loader):
    if Proposal.objects.exists():
        return
    rng = random.Random(SEED)
    actor = loader.actor
    sessions = _sessions(loader)
    units = _units(loader)
    seats = _seats(loader)
    sugar = loader.industries[("sugar", None)]
    industries = {key: loader.industries[(key, None)] for key in TOPICS}
    flagship = walkthrough.flagship(loader, sessions, units, sugar)
    span = calendar.living()
    planned = []
    # with the living year, the years between (2025 …) have theirs: this year compares
    for year in (*YEARS, *range(calendar.FIXED_LAST_YEAR, span.year + 1)) if span else YEARS:
        sugar_left = SUGAR_2024 - 1 if year == 2024 else 20
        for key, count in PER_YEAR.items():
            committee = loader.committees[key]
            for n in range(count):
                topic = (
                    "sugar"
                    if sugar_left > 0 and rng.random() < 0.08
                    else rng.choice([t for t in TOPICS if t != "sugar"])
                )
                if topic == "sugar":
                    sugar_left -= 1
                planned.append((year, key, committee, topic, n))
        # the rest of the 糖业 proposals go to the city
        while sugar_left > 0:
            planned.append((year, "lb", loader.committees["lb"], "sugar", -sugar_left))
            sugar_left -= 1
    instances, details = [], []
    for year, key, committee, topic, _n in planned:
        session = sessions[(key, year)]
        seat = rng.choice(seats[key])
        fate = rng.choice(FATES)
        kind = rng.choice([Kind.INDIVIDUAL] * 6 + [Kind.JOINT] * 3 + [Kind.ORGANISATION])
        subject = rng.choice(TOPICS[topic])
        p = Proposal(
            committee=committee,
            session=session,
            year=year,
            kind=kind,
            lead=None if kind == Kind.ORGANISATION else seat.person,
            organisation_kind=OrganisationKind.PARTY if kind == Kind.ORGANISATION else "",
            organisation=rng.choice(
                ["民建来宾市委员会", "民盟来宾市委员会", "农工党来宾市委员会", "经济界别", "工商联"]
            )
            if kind == Kind.ORGANISATION
            else "",
            sector_id=seat.sector_id,
            title=f"关于{subject}的建议",
            cause=f"{subject}是{committee.short_name}产业振兴的重要一环，当前仍有短板。（演示数据）",
            analysis=f"调研发现，{subject}存在要素保障不足、政策落地慢、龙头带动弱等问题。",
            suggestions=f"一是加强{subject}的规划引领；二是加大财政金融支持；三是完善协调推进机制。",
            published=True,
        )
        submitted = date(year, 1, 5) + timedelta(days=rng.randrange(0, 60))
        plan = _plan(rng, fate, submitted, year)
        if span and year == span.year:
            _cut(plan, span.today)
        elif span and plan["fate"] in UNFINISHED:
            plan["fate"] = "closed"  # a year before the living one is handled by now
        _apply(p, plan, session)
        instances.append(p)
        details.append((p, plan, topic, seat, key))
    _number(instances)
    record_create_many(actor=actor, instances=instances)
    _children(rng, actor, details, units, industries, seats)
    _merge_targets(actor, details)
    loader.created[Proposal] += len(instances) + (1 if flagship else 0)
    loader.models.setdefault(Proposal, None)
    walkthrough.waiting(loader, sessions, units, sugar)


def _plan(rng, fate, submitted, year):
    """The dates and values of a proposal's path to `fate`."""
    accepted = submitted + timedelta(days=rng.randrange(10, 25))
    assigned = accepted + timedelta(days=rng.randrange(5, 15))
    deadline = add_months(assigned, 3)
    late = rng.random() < 0.08
    replied = (
        (deadline + timedelta(days=rng.randrange(1, 20)))
        if late
        else (assigned + timedelta(days=rng.randrange(30, 85)))
    )
    released = replied + timedelta(days=rng.randrange(2, 8))
    rating = rng.choice(RATINGS)
    return {
        "fate": fate,
        "submitted": submitted,
        "accepted": accepted,
        "assigned": assigned,
        "deadline": deadline,
        "replied": replied,
        "on_time": not late,
        "released": released,
        "rated": released + timedelta(days=rng.randrange(3, 14)),
        "rating": rating,
        "handling": "satisfied" if rating != "not_satisfied" else "basically",
        "class": rng.choice(CLASSES),
        "met": assigned + timedelta(days=rng.randrange(3, 20)) if rng.random() < 0.86 else None,
        "closed": released + timedelta(days=rng.randrange(20, 40)),
        "key": rng.random() < 0.06,
        "excellent": rng.random() < 0.05,
        "ground": rng.choice(["vague", "personal", "advertising", "litigation"]),
    }


STAGES = ["submitted", "accepted", "assigned", "replied", "released", "rated", "closed"]
UNFINISHED = ("accepted", "assigned", "replied", "released", "rated")


def _cut(plan, today):
    """The living year's plan as far as today: its fate is the last stage reached by then."""
    ends = plan["fate"] in ("rejected", "merged", "converted")
    if ends and plan["accepted"] <= today:
        return
    reached = [s for s in STAGES if plan[s] <= today] or STAGES[:1]
    if ends or STAGES.index(reached[-1]) < STAGES.index(plan["fate"]):
        plan["fate"] = reached[-1]
    if plan["met"] and plan["met"] > today:
        plan["met"] = None


def _reached(plan, stage):
    fate = plan["fate"]
    if fate in ("rejected", "merged", "converted"):
        return stage == "submitted"
    return STAGES.index(stage) <= STAGES.index(fate)


def _apply(p, plan, session):
    p.submitted_on = plan["submitted"]
    p.state = plan["fate"]
    if plan["fate"] == "rejected":
        p.rejection_ground_id = plan["ground"]
    if plan["fate"] == "converted":
        p.converted_to = "opinion" if plan["ground"] == "vague" else "suggestion"
    if _reached(plan, "accepted"):
        p.accepted_on = plan["accepted"]
        p.is_key, p.is_excellent = plan["key"], plan["excellent"]
    if _reached(plan, "assigned"):
        p.assigned_on, p.deadline = plan["assigned"], plan["deadline"]
        p.meet_by = plan["assigned"] + timedelta(days=21)
        p.met_on = plan["met"]
    if _reached(plan, "replied"):
        p.replied_on, p.replied_on_time, p.reply_class = (
            plan["replied"],
            plan["on_time"],
            plan["class"],
        )
    if _reached(plan, "released"):
        p.released_on, p.rate_by = plan["released"], plan["released"] + timedelta(days=21)
    if _reached(plan, "rated"):
        p.handling_rating, p.result_rating = plan["handling"], plan["rating"]
    if _reached(plan, "closed"):
        p.closed_on = plan["closed"]


def _number(instances):
    """Serial numbers per session in order of acceptance."""
    counters = Counter(dict(ProposalSession.objects.values_list("pk", "last_serial")))
    for p in sorted(instances, key=lambda x: (x.accepted_on or date.max, x.title)):
        if p.accepted_on:
            counters[p.session_id] += 1
            p.serial = counters[p.session_id]
            p.serial_label = p.session.serial_label(p.serial)
    for session_id, last in counters.items():
        ProposalSession.objects.filter(pk=session_id, last_serial__lt=last).update(last_serial=last)


def _children(rng, actor, details, units, industries, seats):
    through = Proposal.industries.through
    links, transitions, assignments, replies, ratings, meetings, signatures = ([] for _ in range(7))
    for p, plan, topic, _seat, key in details:
        links.append(through(proposal_id=p.pk, industry_id=industries[topic].pk))
        log = _log(transitions, p, actor)
        log(Action.CREATE, "draft", "draft", plan["submitted"] - timedelta(days=3))
        log(Action.SUBMIT, "draft", "submitted", plan["submitted"])
        if p.kind == Kind.JOINT:
            signatures.append(
                ProposalSignature(
                    proposal_id=p.pk,
                    person_id=rng.choice(seats[key]).person_id,
                    state="signed",
                    sign_by=plan["submitted"],
                )
            )
        fate = plan["fate"]
        if fate in ("rejected", "merged", "converted"):
            action = {
                "rejected": Action.REJECT,
                "merged": Action.MERGE,
                "converted": Action.CONVERT,
            }[fate]
            log(action, "submitted", fate, plan["accepted"])
            continue
        log(Action.ACCEPT, "submitted", "accepted", plan["accepted"])
        if not _reached(plan, "assigned"):
            continue
        lead = _unit_for(rng, units, key, topic)
        co = _unit_for(rng, units, key, "digital" if topic == "sugar" else "sugar")
        p.lead_unit_id = lead.pk
        assignments.append(
            ProposalAssignment(proposal_id=p.pk, department=lead, role=UnitRole.LEAD)
        )
        if co.pk != lead.pk and rng.random() < 0.4:
            assignments.append(
                ProposalAssignment(
                    proposal_id=p.pk,
                    department=co,
                    role=UnitRole.CO,
                    opinion="同意主办单位意见，积极配合。",
                    opinion_on=plan["assigned"] + timedelta(days=20),
                    opinion_by=add_months(plan["assigned"], 1),
                )
            )
        log(Action.ASSIGN, "accepted", "assigned", plan["assigned"], unit=lead)
        if plan["met"]:
            meetings.append(
                ProposalMeeting(
                    proposal_id=p.pk,
                    department=lead,
                    met_on=plan["met"],
                    form=rng.choice(["in_person"] * 3 + ["phone", "written"]),
                )
            )
            log(Action.MEET, "assigned", "assigned", plan["met"], unit=lead)
        if not _reached(plan, "replied"):
            continue
        replies.append(
            ProposalReply(
                proposal_id=p.pk,
                department=lead,
                document_number=f"来{lead.short_name or '办'}函〔"
                f"{plan['replied'].year}〕{rng.randrange(10, 300)}号",
                signed_by="主要负责人",
                reply_class=plan["class"],
                summary=f"关于“{p.title}”的答复：已研究落实相关建议。",
                replied_on=plan["replied"],
                on_time=plan["on_time"],
            )
        )
        log(Action.REPLY, "assigned", "replied", plan["replied"], unit=lead)
        if not _reached(plan, "released"):
            continue
        log(Action.RELEASE, "replied", "released", plan["released"])
        if not _reached(plan, "rated"):
            continue
        ratings.append(
            ProposalRating(
                proposal_id=p.pk,
                side="proposer",
                handling=plan["handling"],
                result=plan["rating"],
                comment="" if plan["rating"] != "not_satisfied" else "落实不到位",
            )
        )
        log(Action.RATE, "released", "rated", plan["rated"])
        if _reached(plan, "closed"):
            log(Action.CLOSE, "rated", "closed", plan["closed"])
    through.objects.bulk_create(links, batch_size=1000)
    for model, rows in (
        (ProposalTransition, transitions),
        (ProposalAssignment, assignments),
        (ProposalReply, replies),
        (ProposalRating, ratings),
        (ProposalMeeting, meetings),
        (ProposalSignature, signatures),
    ):
        model.objects.bulk_create(rows, batch_size=1000)
        if rows and hasattr(model, "history"):  # each record's creation in its history
            bulk.copy_history(model, [r.pk for r in rows], user=actor, date=timezone.now())
    led = []
    for unit_id, ids in _by(details, lambda d: d[0].lead_unit_id).items():
        if unit_id:
            Proposal.objects.filter(pk__in=ids).update(lead_unit_id=unit_id)
            led += ids
    if led:
        bulk.copy_history(Proposal, led, user=actor, date=timezone.now(), update=True)


def _merge_targets(actor, details):
    """A merged proposal points at an accepted one of its session."""
    leads, merged = {}, []
    for p, _plan, _t, _s, _k in details:
        if p.accepted_on and p.session_id not in leads:
            leads[p.session_id] = p.pk
    for p, plan, *_rest in details:
        if plan["fate"] == "merged" and p.session_id in leads:
            Proposal.objects.filter(pk=p.pk).update(merged_into_id=leads[p.session_id])
            merged.append(p.pk)
    if merged:
        bulk.copy_history(Proposal, merged, user=actor, date=timezone.now(), update=True)


def _by(details, key):
    out = {}
    for d in details:
        out.setdefault(key(d), []).append(d[0].pk)
    return out


def _log(rows, p, actor):
    from datetime import datetime, time

    from django.utils import timezone

    def add(action, from_state, to_state, day, unit=None):
        at = timezone.make_aware(datetime.combine(day, time(10, 0)))
        rows.append(
            ProposalTransition(
                proposal_id=p.pk,
                action=action,
                from_state=from_state,
                to_state=to_state,
                actor=actor,
                at=at,
                unit=unit,
            )
        )

    return add


def _sessions(loader):
    """五届一次 … for every committee: one session a year (sitting = year − 2021)."""
    from lvzhi.core.demo import structure as S

    terms = {c[0]: c[6] for c in S.COMMITTEES}
    out = {}
    for key in PER_YEAR:
        living = calendar.living()
        for year in (*YEARS, *range(2025, living.year + 1 if living else 2026)):
            out[(key, year)] = loader.ensure(
                ProposalSession,
                {"committee": loader.committees[key], "term": terms[key], "sitting": year - 2021},
                {
                    "year": year,
                    "plenary_start": date(year, 1, 8),
                    "plenary_end": date(year, 1, 12),
                    "published": True,
                },
            )
    return out


def _units(loader):
    out = {}
    keys = {c.pk: k for k, c in loader.committees.items()}
    for dept in Department.objects.filter(is_active=True).order_by("pk"):
        if dept.committee_id in keys:
            out.setdefault(keys[dept.committee_id], []).append(dept)
    return out


def _unit_for(rng, units, key, topic):
    hints = UNIT_HINTS.get(topic, [])
    for pool in (units.get(key, []), units.get("lb", [])):
        fitting = [u for u in pool if any(h in f"{u.name}{u.short_name}" for h in hints)]
        if fitting:
            return rng.choice(fitting)
    return rng.choice(units.get(key) or units["lb"])


def _seats(loader):
    out = {}
    keys = {c.pk: k for k, c in loader.committees.items()}
    for seat in Member.objects.filter(committee_id__in=keys).select_related("person"):
        out.setdefault(keys[seat.committee_id], []).append(seat)
    return out


def reset():
    from django.contrib.contenttypes.models import ContentType

    attachments = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Proposal)
    )
    Attachment.history.filter(content_type=ContentType.objects.get_for_model(Proposal)).delete()
    attachments.delete()
    for model in (
        ProposalTransition,
        ProposalRating,
        ProposalMeeting,
        ProposalReply,
        ProposalExtension,
        ProposalAssignment,
        ProposalSignature,
    ):
        model.objects.all().delete()
    Proposal.objects.update(merged_into=None)
    Proposal.objects.all().delete()
    ProposalSession.objects.all().delete()
    for model in (
        Proposal,
        ProposalSession,
        ProposalAssignment,
        ProposalReply,
        ProposalSignature,
        ProposalExtension,
    ):
        model.history.all().delete()
