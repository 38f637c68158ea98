"""Reads about proposals: units, what a reader may see of replies and ratings, figures."""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.committees import units_at_hand
from lvzhi.core.league import LeagueFields, league_table, rate
from lvzhi.core.models import Sector
from lvzhi.core.visibility import scope_for

from ..choices.proposal import (
    ACCEPTED_STATES,
    RECEIVED_STATES,
    REPLY_SHOWN_STATES,
    Kind,
    Rating,
    RatingSide,
    State,
    UnitRole,
    reply_classes,
)
from ..models import Proposal, ProposalAssignment

__all__ = ["units_at_hand"]


def replies_for(user, proposal, roles):
    """The replies `user` may read: the office and the replying units always; a 会办 unit
    and everyone else once the office has sent the reply on (released)."""
    replies = proposal.replies.select_related("department", "document")
    if "office" in roles or roles & {"lead", "separate"}:
        return replies
    if proposal.state in REPLY_SHOWN_STATES:
        return replies
    if scope_for(user).readable and proposal.committee_id in scope_for(user).readable:
        return replies  # leaders follow the handling
    return replies.none()


def ratings_for(user, proposal, roles):
    """双向评议: each side sees the other's rating only once both are in; the office sees all."""
    ratings = list(proposal.ratings.select_related("department", "rated_by"))
    if "office" in roles:
        return ratings
    sides = {r.side for r in ratings}
    both = {RatingSide.PROPOSER, RatingSide.UNIT} <= sides
    mine = RatingSide.UNIT if roles & {"lead", "separate", "co"} else RatingSide.PROPOSER
    return [r for r in ratings if both or r.side == mine]


def lead_assignment(proposal):
    return proposal.assignments.filter(role=UnitRole.LEAD).first()


# -- figures -----------------------------------------------------------------------------

#: the proposal's columns in the unit league table (core.league)
LEAGUE_FIELDS = LeagueFields(
    answered_on="replied_on",
    on_time="replied_on_time",
    deadline="deadline",
    open_states=(State.ASSIGNED,),
    resolved_states=(State.RATED, State.CLOSED),
    satisfaction="result_rating",
    satisfied=(Rating.SATISFIED, Rating.BASICALLY),
    rated=tuple(Rating.values),
)


def year_proposals(*, user, year, committee_ids=None):
    """The proposals of `year`'s sessions the user sees (in the committees asked for)."""
    qs = Proposal.objects.visible_to(user).filter(year=year)
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    return qs


def _named(counter, labels):
    return [{"name": labels.get(k, k) or "—", "n": n} for k, n in counter.most_common()]


def _counts(qs, field, labels=None):
    rows = qs.order_by().values(field).annotate(n=Count("id")).order_by("-n")
    return [{"name": (labels or {}).get(r[field], r[field]) or "—", "n": r["n"]} for r in rows]


def figures(*, user, year, committee_ids=None, today=None) -> dict:
    """The year's figures: received and what became of them, by 界别 / proposer type /
    industry / unit, on-time reply rate, 面商率, class and satisfaction shares, 重办.

    One grouped scan of the year's proposals gives the totals and the breakdowns by state,
    kind, 界别, class and rating; industries, units and the league table read their joins."""
    today = today or timezone.localdate()
    qs = year_proposals(user=user, year=year, committee_ids=committee_ids)
    groups = list(
        qs.order_by()
        .values("state", "kind", "sector_id", "reply_class", "result_rating")
        .annotate(
            n=Count("id"),
            assigned=Count("id", filter=Q(assigned_on__isnull=False)),
            met=Count("id", filter=Q(met_on__isnull=False)),
            replied=Count("id", filter=Q(replied_on_time__isnull=False)),
            on_time=Count("id", filter=Q(replied_on_time=True)),
            redone=Count("id", filter=Q(redo_count__gt=0)),
            key=Count("id", filter=Q(is_key=True)),
            excellent=Count("id", filter=Q(is_excellent=True)),
            deemed=Count("id", filter=Q(rating_deemed=True)),
        )
    )
    received_groups = [g for g in groups if g["state"] in RECEIVED_STATES]
    totals = Counter()
    by = {
        name: Counter() for name in ("state", "kind", "sector_id", "reply_class", "result_rating")
    }
    for g in groups:
        by["state"][g["state"]] += g["n"]
    for g in received_groups:
        totals["received"] += g["n"]
        for name in ("assigned", "met", "replied", "on_time", "redone", "key", "excellent"):
            totals[name] += g[name]
        if g["state"] in ACCEPTED_STATES:
            totals["accepted"] += g["n"]
        for state in (State.REJECTED, State.MERGED, State.CONVERTED):
            if g["state"] == state:
                totals[state] += g["n"]
        if g["kind"] == Kind.ORGANISATION:
            totals["collective_excellent"] += g["excellent"]
        for name in ("kind", "sector_id", "reply_class", "result_rating"):
            by[name][g[name]] += g["n"]
        totals["deemed"] += g["deemed"]
    classes = {k: v for k, v in by["reply_class"].items() if k}
    ratings = {k: v for k, v in by["result_rating"].items() if k}
    # a reply not rated in time holds the default rating the daily pass recorded (deemed)
    rated = sum(ratings.values())
    replied_classes = sum(classes.values())
    sectors = dict(Sector.objects.filter(pk__in=by["sector_id"]).values_list("pk", "name"))
    received = qs.filter(state__in=RECEIVED_STATES)
    return {
        **{
            k: totals[k]
            for k in (
                "received",
                "accepted",
                "assigned",
                "met",
                "replied",
                "on_time",
                "redone",
                "key",
                "excellent",
                "collective_excellent",
            )
        },
        "rejected": totals[State.REJECTED],
        "merged": totals[State.MERGED],
        "converted": totals[State.CONVERTED],
        "on_time_rate": rate(totals["on_time"], totals["replied"]),
        "meeting_rate": rate(totals["met"], totals["assigned"]),
        "key_share": rate(totals["key"], totals["accepted"]),
        "classes": [
            {
                "name": label,
                "n": classes.get(value, 0),
                "share": rate(classes.get(value, 0), replied_classes),
            }
            for value, label in reply_classes()
        ],
        "ratings": [
            {"name": label, "n": ratings.get(value, 0), "share": rate(ratings.get(value, 0), rated)}
            for value, label in Rating.choices
        ],
        "unrated_counted": totals["deemed"],
        "by_state": _named(by["state"], dict(State.choices)),
        "by_sector": _named(by["sector_id"], sectors),
        "by_kind": _named(by["kind"], dict(Kind.choices)),
        "by_industry": _counts(received.filter(industries__isnull=False), "industries__name"),
        "by_unit": _counts(
            ProposalAssignment.objects.filter(proposal__in=received.values("pk")),
            "department__name",
        ),
        "league": league_table(
            qs.filter(assigned_on__isnull=False),
            key="lead_unit",
            label="lead_unit__name",
            fields=LEAGUE_FIELDS,
            today=today,
        ),
    }


def duty_entries(member, year):
    """The member's proposals of `year` — as lead proposer or as a co-signer who signed — with
    where each stands (core.duty section of the 履职档案)."""
    from lvzhi.core.duty import DutyEntry

    from ..choices.proposal import SignatureState

    mine = Q(lead_id=member.person_id) | Q(
        signatures__person_id=member.person_id, signatures__state=SignatureState.SIGNED
    )
    rows = (
        Proposal.objects.filter(mine, submitted_on__year=year)
        .exclude(state=State.DRAFT)
        .distinct()
        .order_by("submitted_on", "id")
    )
    out = []
    for p in rows:
        role = _("Lead proposer") if p.lead_id == member.person_id else _("Co-signer")
        status = str(p.get_state_display())
        if p.is_key:
            status += "；" + str(_("key proposal"))
        if p.is_excellent:
            status += "；" + str(_("excellent proposal"))
        out.append(DutyEntry(p.submitted_on, p.title, p.get_absolute_url(), role, status))
    return out
