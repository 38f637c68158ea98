"""Reads about proposals: units, what a reader may see of replies and ratings, figures."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from lvzhi.core.committees import units_in_system
from lvzhi.core.league import LeagueFields, league_table, rate
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

__all__ = ["units_in_system"]


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


def _counts(qs, field, labels=None):
    rows = qs.order_by().values(field).annotate(n=Count("id")).order_by("-n")
    return [{"name": (labels or {}).get(r[field], r[field]) or "—", "n": r["n"]} for r in rows]


def figures(*, user, year, committee_ids=None, today=None) -> dict:
    """The year's figures: received and what became of them, by 界别 / proposer type /
    industry / unit, on-time reply rate, 面商率, class and satisfaction shares, 重办."""
    today = today or timezone.localdate()
    qs = year_proposals(user=user, year=year, committee_ids=committee_ids)
    received = qs.filter(state__in=RECEIVED_STATES)
    totals = received.aggregate(
        received=Count("id"),
        accepted=Count("id", filter=Q(state__in=ACCEPTED_STATES)),
        rejected=Count("id", filter=Q(state=State.REJECTED)),
        merged=Count("id", filter=Q(state=State.MERGED)),
        converted=Count("id", filter=Q(state=State.CONVERTED)),
        assigned=Count("id", filter=Q(assigned_on__isnull=False)),
        met=Count("id", filter=Q(met_on__isnull=False)),
        replied=Count("id", filter=Q(replied_on_time__isnull=False)),
        on_time=Count("id", filter=Q(replied_on_time=True)),
        redone=Count("id", filter=Q(redo_count__gt=0)),
        key=Count("id", filter=Q(is_key=True)),
        excellent=Count("id", filter=Q(is_excellent=True)),
        collective_excellent=Count("id", filter=Q(is_excellent=True, kind=Kind.ORGANISATION)),
    )
    classes = dict(
        received.exclude(reply_class="")
        .order_by()
        .values_list("reply_class")
        .annotate(n=Count("id"))
    )
    ratings = dict(
        received.exclude(result_rating="")
        .order_by()
        .values_list("result_rating")
        .annotate(n=Count("id"))
    )
    # an unrated reply past its rating time counts as PROPOSALS_UNRATED_COUNTS_AS
    unrated = received.filter(result_rating="", rate_by__lt=today).count()
    default = settings.PROPOSALS_UNRATED_COUNTS_AS
    ratings[default] = ratings.get(default, 0) + unrated
    rated = sum(ratings.values())
    replied_classes = sum(classes.values())
    return {
        **totals,
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
        "unrated_counted": unrated,
        "by_state": _counts(qs, "state", dict(State.choices)),
        "by_sector": _counts(received, "sector__name"),
        "by_kind": _counts(received, "kind", dict(Kind.choices)),
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
