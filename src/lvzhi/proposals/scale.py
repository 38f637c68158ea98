"""Scale data of the proposals app (`lvzhi demo --scale N`, core.demo.scale): each
committee's proposals over five years, one session (届次) a year, by its members. Older
proposals have mostly run their course (closed, a few not accepted or converted); this
year's are spread along the path, the accepted ones numbered in their session and handled
by the committee's units (a lead unit, now and then a co-handling one)."""

import datetime

from django.conf import settings
from django.utils import timezone

from lvzhi.core.models import Member
from lvzhi.core.workdays import add_months

from .choices.proposal import (
    ACCEPTED_STATES,
    ConvertTo,
    ReplyClass,
    State,
    UnitRole,
)
from .models import Proposal, ProposalAssignment, ProposalSession, RejectionGround

#: Rows per committee at fraction 1 (five years of ~500 proposals; the units' rows about as
#: many: a lead unit for the ~85 % accepted, a co-handling one for one in five of them).
ROWS = {"proposals": 2_500, "proposal assignments": 2_500}

#: the path of an accepted proposal; a proposal stops at one of these or leaves it early
PATH = [State.SUBMITTED, *ACCEPTED_STATES]
#: where proposals stand, by age (state: weight)
SETTLED = {State.CLOSED: 80, State.RATED: 4, State.REJECTED: 8, State.CONVERTED: 6, State.DRAFT: 2}
RECENT = {
    State.DRAFT: 4,
    State.SUBMITTED: 10,
    State.ACCEPTED: 8,
    State.ASSIGNED: 30,
    State.REPLIED: 12,
    State.RELEASED: 10,
    State.RATED: 8,
    State.CLOSED: 8,
    State.REJECTED: 5,
    State.CONVERTED: 5,
}
TOPICS = ["糖业", "物流", "文旅", "乡村振兴", "营商环境", "职业教育", "中小企业融资", "园区建设"]
RATINGS = ["satisfied"] * 8 + ["basically", "not_satisfied"]


def build(ctx):
    rng, today = ctx.rng, ctx.today
    sessions = _sessions(ctx)
    person_of = dict(
        Member.objects.filter(committee__in=ctx.committees).values_list("pk", "person_id")
    )
    per = ctx.quota("proposals")
    serials = {s.pk: s.last_serial for s in sessions.values()}
    grounds = list(RejectionGround.objects.filter(is_active=True).values_list("code", flat=True))

    def proposals():
        for c in ctx.committees:
            for i in range(per):
                session = sessions[(c.pk, ctx.years[i % len(ctx.years)])]
                topic = TOPICS[i % len(TOPICS)]
                p = Proposal(
                    committee=c,
                    session=session,
                    year=session.year,
                    lead_id=person_of[rng.choice(ctx.members[c.pk])],
                    title=f"关于推动{c.short_name}{topic}高质量发展的建议{i:05d}",
                    cause=f"{topic}发展面临要素保障不足等问题。",
                    analysis=f"{c.short_name}{topic}产业基础较好，但配套政策落实不到位。",
                    suggestions="一是完善政策；二是加强协调；三是强化督办落实。",
                )
                _along_the_path(p, rng, today, session, ctx.units[c.pk], serials, grounds)
                yield p

    made = ctx.create(proposals())
    ctx.insert(ProposalAssignment, assignments(made, rng, ctx.units))
    for session_id, last in serials.items():
        ProposalSession.objects.filter(pk=session_id).update(last_serial=last)


def _sessions(ctx) -> dict:
    """{(committee id, year): session}: the committee's own of that year, else a new one
    (the next free sitting of its latest term)."""
    have = {}
    for s in ProposalSession.objects.filter(committee__in=ctx.committees).order_by("year"):
        have.setdefault((s.committee_id, s.year), s)
    new = []
    for c in ctx.committees:
        own = [s for (cid, _y), s in have.items() if cid == c.pk]
        term = max((s.term for s in own), default=1)
        sittings = {s.sitting for s in ProposalSession.objects.filter(committee=c, term=term)}
        for year in ctx.years:
            if (c.pk, year) in have:
                continue
            sitting = next(n for n in range(1, 1000) if n not in sittings)
            sittings.add(sitting)
            new.append(
                ProposalSession(
                    committee=c,
                    term=term,
                    sitting=sitting,
                    year=year,
                    plenary_start=datetime.date(year, 1, 8),
                    plenary_end=datetime.date(year, 1, 12),
                )
            )
    for s in ctx.create(new):
        have[(s.committee_id, s.year)] = s
    return have


def _along_the_path(p, rng, today, session, units, serials, grounds):
    """Fill the workflow's fields of `p` as the services would have along its path."""
    submitted = min(
        datetime.date(session.year, 1, 8) + datetime.timedelta(days=rng.randrange(300)),
        today - datetime.timedelta(days=1),
    )
    weights = SETTLED if (today - submitted).days > 240 else RECENT
    state = rng.choices(list(weights), weights=list(weights.values()))[0]
    p.state = state
    if state == State.DRAFT:
        return
    p.submitted_on = submitted
    start, end = session.plenary_start, session.plenary_end
    p.plenary = bool(start and end and start <= submitted <= end)
    if state == State.REJECTED:
        p.rejection_ground_id = rng.choice(grounds)
        return
    if state == State.CONVERTED:
        p.converted_to = rng.choice(ConvertTo.values)
        return
    reached = PATH.index(state)
    if reached < PATH.index(State.ACCEPTED):
        return

    def after(day, lo, hi):
        return min(day + datetime.timedelta(days=rng.randint(lo, hi)), today)

    p.accepted_on = after(submitted, 3, 15)
    serials[session.pk] += 1
    p.serial = serials[session.pk]
    p.serial_label = session.serial_label(p.serial)
    if reached < PATH.index(State.ASSIGNED):
        return
    p.assigned_on = after(p.accepted_on, 1, 7)
    p.lead_unit_id = rng.choice(units)
    p.deadline = p.original_deadline = add_months(p.assigned_on, settings.PROPOSALS_REPLY_MONTHS)
    p.meet_by = p.assigned_on + datetime.timedelta(days=21)
    if reached < PATH.index(State.REPLIED):
        return
    p.met_on = after(p.assigned_on, 3, 20)
    p.replied_on = after(p.assigned_on, 20, 100)
    p.replied_on_time = p.replied_on <= p.deadline
    p.reply_class = rng.choice(ReplyClass.values[:3])
    if reached < PATH.index(State.RELEASED):
        return
    p.released_on = after(p.replied_on, 1, 7)
    p.rate_by = p.released_on + datetime.timedelta(days=21)
    if reached < PATH.index(State.RATED):
        return
    p.result_rating = rng.choice(RATINGS)
    p.handling_rating = "basically" if p.result_rating == "not_satisfied" else "satisfied"
    if state == State.CLOSED:
        p.closed_on = after(p.released_on, 20, 40)


def assignments(proposals, rng, units) -> list[dict]:
    """The units' rows of the assigned proposals: the lead unit, for one in five a co-handling
    unit of the same committee too."""
    rows = []
    for p in proposals:
        if p.lead_unit_id is None:
            continue
        at = timezone.make_aware(datetime.datetime.combine(p.assigned_on, datetime.time(9)))
        rows.append(
            {
                "proposal_id": p.pk,
                "department_id": p.lead_unit_id,
                "role": UnitRole.LEAD,
                "assigned_at": at,
            }
        )
        others = [u for u in units[p.committee_id] if u != p.lead_unit_id]
        if others and rng.random() < 0.2:
            rows.append(
                {
                    "proposal_id": p.pk,
                    "department_id": rng.choice(others),
                    "role": UnitRole.CO,
                    "assigned_at": at,
                }
            )
    return rows
