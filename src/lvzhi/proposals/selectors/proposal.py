"""Reads about proposals: units, what a reader may see of replies and ratings, figures."""

from lvzhi.core.committees import units_in_system
from lvzhi.core.visibility import scope_for

from ..choices.proposal import REPLY_SHOWN_STATES, RatingSide, UnitRole

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
