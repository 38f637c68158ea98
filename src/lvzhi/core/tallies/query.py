"""What the summary tables keep: which indicators, which questions, and the query that
counts an indicator's cells over its records (core.tallies)."""

import hashlib

from django.db.models import CharField, Count, F, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lvzhi.core.indicators import Indicator, IndicatorQuery

EVERY = 0  # the committee of the sums over every committee, and of "every committee" marks
NO_COMMITTEE = -1  # records without a committee (counted only when every committee is asked)
#: marked committees beyond which one indicator is rebuilt whole rather than per committee
REBUILD_ABOVE = 200
VALUES = ("v1", "v2", "v3", "v4")
STORED = (*VALUES, "records")
#: the layout of the stored rows, part of every signature: a new layout rebuilds them all
FORMAT = "2: s, i, y"


# -- which indicators, which questions -----------------------------------------------------


def tallied(ind: Indicator) -> bool:
    return len(ind.aggregates) <= len(VALUES) and all(
        isinstance(agg, Count | Sum) and not getattr(agg, "distinct", False)
        for agg in ind.aggregates.values()
    )


def answers(q: IndicatorQuery) -> bool:
    """Whether tallies can answer `q`: whole months, no industry or sector filter."""
    return q.industry_ids is None and q.sector_id is None and q.start.day == 1 and q.end.day == 1


def _dimensions(ind: Indicator) -> dict[str, str | None]:
    dims = {"s": ind.split_field}
    if ind.industry_field:
        dims["i"] = ind.industry_field
    return dims


def _source(ind: Indicator, dimension: str, committees=None):
    """The indicator's records grouped by committee, month and key, with its aggregates."""
    qs = ind.queryset().order_by()
    if committees is not None:
        qs = qs.filter(**{f"{ind.committee_field}__in": committees})
    key = _dimensions(ind)[dimension]
    qs = qs.filter(**{f"{ind.date_field}__isnull": False}).annotate(
        _t_committee=F(ind.committee_field),
        _t_month=TruncMonth(ind.date_field),
        _t_key=F(key) if key else Value(None, output_field=CharField()),
    )
    names = dict(zip(VALUES, ind.aggregates.values(), strict=False))
    return qs.values("_t_committee", "_t_month", "_t_key").annotate(**names, records=Count("pk"))


#: (key, id) of a declaration -> what is derived from it once per process
_MEMO: dict[tuple, object] = {}


def _memo(name, ind: Indicator, compute):
    slot = (name, ind.key, id(ind))
    if slot not in _MEMO:
        _MEMO[slot] = compute(ind)
    return _MEMO[slot]


def signature(ind: Indicator) -> str:
    """What the stored tallies of `ind` were counted by: its query and the layout, and for a
    daily figure the day (a new day rebuilds them before they are read)."""
    text = _memo("signature", ind, _signature)
    if ind.daily:
        day = timezone.localdate().isoformat()
        text = hashlib.sha256(f"{text} {day}".encode()).hexdigest()
    return text


def _signature(ind: Indicator) -> str:
    text = " | ".join([FORMAT, *(str(_source(ind, d).query) for d in _dimensions(ind))])
    return hashlib.sha256(text.encode()).hexdigest()
