"""Scoring events contributed by any app to the duty-performance score (履职积分).

The points engine (activities.scoring) reads the year's participations itself; every other
app that produces scoreable events (problems resolved, proposals filed, 社情民意 adopted,
projects landed …) declares where they come from here, so no pillar app imports another:

    register_source(ScoreEventKey, fn, models)   # fn(member_ids, year) -> Iterable[ExternalEvent]

`models` are the models fn reads: a write to any of them retires the cached scores
(core.derived, topic SCORES), so the ranking never shows a score from before it.

The key is the value of a `ScoreEvent` choice ("problem_resolved" …); a rule set's rule for
that event turns each `ExternalEvent` into points: units × the rule's points × weight. The
weight is the member's part of an event shared by several (a project credited 60/40 pays
0.6 and 0.4 of the rule's points); weighted points are kept to `POINTS_PLACES`.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lvzhi.core import derived

#: The topic of the cached scores in core.derived.
SCORES = "scores"
#: the precision of points paid for a part of an event (a rule's points have one decimal)
POINTS_PLACES = Decimal("0.1")
WHOLE = Decimal(1)


@dataclass(frozen=True)
class ExternalEvent:
    member_id: int
    date: datetime.date
    label: str
    url: str = ""
    units: int = 1
    #: the member's part of the event, 0 < weight ≤ 1 (a credit share of 60 % is 0.6)
    weight: Decimal = WHOLE

    def __post_init__(self):
        if not 0 < self.weight <= 1:
            raise ValueError(f"an event's weight is a part of one, not {self.weight}")


def weighted(points: Decimal, weight: Decimal) -> Decimal:
    """`points` × `weight`, to POINTS_PLACES (half up): 10 × 0.6 = 6.0, 10 × ⅓ = 3.3."""
    if weight == WHOLE:
        return points
    return (points * weight).quantize(POINTS_PLACES, rounding=ROUND_HALF_UP)


Source = Callable[[list[int], int], Iterable[ExternalEvent]]

_SOURCES: dict[str, list[Source]] = {}


def register_source(event: str, fn: Source, models=()) -> None:
    """Declare one source of the events of `event` (several apps may feed one event), and
    the models it reads them from."""
    derived.watch(SCORES, *models)
    found = _SOURCES.setdefault(event, [])
    if fn not in found:
        found.append(fn)


def sources() -> dict[str, list[Source]]:
    return _SOURCES


def events_for(member_ids: list[int], year: int) -> Iterable[tuple[str, ExternalEvent]]:
    """Every contributed event of `year` for the members, as (event key, event)."""
    for event, fns in _SOURCES.items():
        for fn in fns:
            for ext in fn(member_ids, year):
                yield event, ext
