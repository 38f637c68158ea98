"""Summary tables of the year's figures (core.indicators), kept equal to a recount.

Counted over the records, every figure of a national system (3,000 committees, millions of
participations) takes seconds; read from its tallies it takes milliseconds. A tally
(`core.models.Tally`) holds an indicator's aggregates over the records of one committee and
one month, split by the indicator's split field (dimension "s") or by industry ("i"), and
per year ("y", for comparing thousands of committees);
committee 0 holds the sum over every committee, so the whole system reads a dozen rows.

How the tallies stay exact:

- A write of any model an indicator reads — the record itself, a model on its committee
  path, a table its filter or industry joins — marks (indicator, committee) as stale in the
  writing transaction (`TallyMark`): the committee of the written row before and after the
  write, or 0 (every committee) where the row does not tell. Signals see every ORM save,
  delete and many-to-many change; the bulk service and queryset updates report through
  `changed`. The mark commits with the write or not at all.
- After the commit the writer recounts what it marked; a reader recounts any mark still
  there, for the indicators it reads, before reading. A recount holds the indicator's
  `TallyState` row (and the marks it works off) locked, so a write still in flight keeps
  its mark, and no reader sums a tally older than a committed write.
- The signature of the query that builds an indicator's tallies is kept; a changed
  declaration (another filter, another field) rebuilds them before they are read. A figure
  that changes with the date alone (`Indicator.daily`: what is overdue today) signs with
  the day too: the daily pass rebuilds it (`refresh_daily`), or else the day's first reader.

What the tallies answer: whole months, no industry or sector filter, an indicator whose
aggregates add up (Count and Sum, not distinct counts). Everything else is counted over the
records as before. `lvzhi tallies check` compares every tally with a recount.
"""

from lvzhi.core.indicators import all_indicators

from . import store
from .marks import changed, committees_of, saved_many, watch_indicators
from .query import EVERY, NO_COMMITTEE, answers, signature, tallied
from .store import differences, grouped, groups, mark, rebuild, total, totals


def refresh(indicators=None, *, only=None) -> int:
    """Work off the marks of `indicators` (default: every kept one) and build what was never
    built; an indicator registered after start-up is watched from here on."""
    watch_indicators()
    return store.refresh(indicators, only=only)


def refresh_daily() -> int:
    """Rebuild the figures that change with the date alone for today (the daily pass)."""
    daily = [i for i in all_indicators() if i.daily and tallied(i)]
    return refresh(daily) if daily else 0


__all__ = [
    "EVERY",
    "NO_COMMITTEE",
    "answers",
    "changed",
    "committees_of",
    "differences",
    "grouped",
    "groups",
    "mark",
    "rebuild",
    "refresh",
    "refresh_daily",
    "saved_many",
    "signature",
    "tallied",
    "total",
    "totals",
    "watch_indicators",
]
