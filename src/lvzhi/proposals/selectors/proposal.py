"""Reads about proposals: units, what a reader may see of replies and ratings, figures."""

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core import tallies
from lvzhi.core.committees import units_at_hand
from lvzhi.core.indicators import IndicatorQuery
from lvzhi.core.league import league_rows, rate
from lvzhi.core.models import Department, Industry, Sector
from lvzhi.core.visibility import scope_for

from ..choices.proposal import (
    ACCEPTED_STATES,
    OPEN_STATES,
    RECEIVED_STATES,
    REPLY_SHOWN_STATES,
    Kind,
    Rating,
    RatingSide,
    State,
    UnitRole,
    reply_classes,
)
from ..indicators import proposal_year as year_indicators
from ..models import Proposal

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


def year_proposals(*, user, year, committee_ids=None):
    """The proposals of `year`'s sessions the user sees (in the committees asked for)."""
    qs = Proposal.objects.visible_to(user).filter(year=year)
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    return qs


def year_query(*, user, year, committee_ids=None) -> IndicatorQuery:
    """The question the figures page asks of the tables: `year`'s sessions, in the committees
    asked for that the user reads whole (an office, a leader)."""
    scope = scope_for(user)
    ids = set(scope.readable) if committee_ids is None else set(committee_ids) & scope.readable
    return IndicatorQuery(
        start=datetime.date(year, 1, 1),
        end=datetime.date(year + 1, 1, 1),
        committee_ids=frozenset(ids),
        every_committee=committee_ids is None and scope.reads_all,
    )


def _named(counts: dict, labels: dict) -> list[dict]:
    """[{name, n}] most first (then by name); groups of one name (units of two committees
    named alike) are one row."""
    merged = Counter()
    for key, n in counts.items():
        if n:
            merged[str(labels.get(key, key) or "—")] += n
    return [{"name": k, "n": n} for k, n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))]


def _by_split(split: dict, name="n") -> dict:
    return {key: values[name] for key, values in split.items()}


def _summed(split: dict) -> Counter:
    out = Counter()
    for values in split.values():
        out.update(values)
    return out


def figures(*, user, year, committee_ids=None, today=None) -> dict:
    """The year's figures: received and what became of them, by 界别 / proposer type /
    industry / unit, on-time reply rate, 面商率, class and satisfaction shares, 重办, and the
    unit league table.

    Read from the summary tables (core.tallies) of the session-year indicators
    (indicators/proposal_year.py): a few dozen rows per figure, whatever the number of
    proposals; only what is overdue today is counted over the open proposals."""
    today = today or timezone.localdate()
    q = year_query(user=user, year=year, committee_ids=committee_ids)
    inds = year_indicators.INDICATORS
    tallies.refresh(inds)
    split = tallies.groups(inds, q, "split")
    # the industry cells hold the proposals without one under None: not an industry
    industries = {
        k: v for k, v in tallies.groups(inds, q, "industry")["proposals.year_kinds"].items() if k
    }

    def of(name):
        return split[f"proposals.year_{name}"]

    by_state = _by_split(of("states"))
    kinds, classes_split, ratings_split = of("kinds"), of("classes"), of("ratings")
    totals = _summed(kinds) + _summed(classes_split) + _summed(ratings_split)
    totals["received"] = sum(n for s, n in by_state.items() if s in RECEIVED_STATES)
    accepted = sum(n for s, n in by_state.items() if s in ACCEPTED_STATES)
    classes = {k: v["n"] for k, v in classes_split.items() if k}
    ratings = {k: v["n"] for k, v in ratings_split.items() if k}
    # a reply not rated in time holds the default rating the daily pass recorded (deemed)
    sectors = _by_split(of("sectors"))
    units = _by_split(of("units"))
    unit_names = _unit_names({*units, *of("league")})
    names = dict(Sector.objects.filter(pk__in=[k for k in sectors if k]).values_list("pk", "name"))
    return {
        "received": totals["received"],
        "accepted": accepted,
        **{k: totals[k] for k in ("assigned", "met", "replied", "on_time", "redone", "key")},
        "excellent": totals["excellent"],
        "collective_excellent": kinds.get(Kind.ORGANISATION, {}).get("excellent", 0),
        "rejected": by_state.get(State.REJECTED, 0),
        "merged": by_state.get(State.MERGED, 0),
        "converted": by_state.get(State.CONVERTED, 0),
        "on_time_rate": rate(totals["on_time"], totals["replied"]),
        "meeting_rate": rate(totals["met"], totals["assigned"]),
        "key_share": rate(totals["key"], accepted),
        "classes": shares(classes, reply_classes()),
        "ratings": shares(ratings, Rating.choices),
        "unrated_counted": totals["deemed"],
        "by_state": _named(by_state, dict(State.choices)),
        "by_sector": _named(sectors, names),
        "by_kind": _named(_by_split(kinds), dict(Kind.choices)),
        "by_industry": _named(
            _by_split(industries),
            dict(Industry.objects.filter(pk__in=list(industries)).values_list("pk", "name")),
        ),
        "by_unit": _named(units, unit_names),
        "league": _league(of("league"), of("league_ratings"), unit_names, q, year, today),
    }


def shares(counts: dict, choices) -> list[dict]:
    """[{name, n, share}] of each choice among `counts` ({value: n}), shares in per cent."""
    whole = sum(counts.values())
    return [
        {"name": label, "n": counts.get(value, 0), "share": rate(counts.get(value, 0), whole)}
        for value, label in choices
    ]


def _unit_names(keys) -> dict:
    return dict(Department.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))


def _league(counts: dict, ratings: dict, names: dict, q, year, today) -> list[dict]:
    """The unit league table (core.league) by lead unit. Overdue: answered late (kept in
    the tables), or open past its deadline today — counted over the open proposals."""
    open_late = Proposal.objects.filter(
        year=year, state__in=OPEN_STATES, deadline__lt=today, assigned_on__isnull=False
    ).exclude(replied_on_time=False)
    if not q.every_committee:
        open_late = open_late.filter(committee_id__in=q.committee_ids)
    late_now = dict(
        open_late.order_by()
        .values("lead_unit")
        .annotate(n=Count("*"))  # from the index alone
        .values_list("lead_unit", "n")
    )
    return league_rows(
        (
            key,
            names.get(key),
            {
                **c,
                "overdue": c["late"] + late_now.get(key, 0),
                **ratings.get(key, {"rated": 0, "satisfied": 0, "resolved": 0}),
            },
        )
        for key, c in counts.items()
    )


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
