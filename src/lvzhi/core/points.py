"""Scoring events contributed by any app to the duty-performance score (履职积分).

The points engine (activities.scoring) reads the year's participations itself; every other
app that produces scoreable events (problems resolved, proposals filed, 社情民意 adopted,
projects landed …) declares where they come from here, so no pillar app imports another:

    register_source(ScoreEventKey, fn, models)   # fn(member_ids, year) -> Iterable[ExternalEvent]

`models` are the models fn reads: a write to any of them retires the cached scores
(core.derived, topic SCORES), so the ranking never shows a score from before it.

The key is the value of a `ScoreEvent` choice ("problem_resolved" …); a rule set's rule for
that event turns each `ExternalEvent` into points (units × the rule's points).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lvzhi.core import derived

#: The topic of the cached scores in core.derived.
SCORES = "scores"


@dataclass(frozen=True)
class ExternalEvent:
    member_id: int
    date: datetime.date
    label: str
    url: str = ""
    units: int = 1


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
