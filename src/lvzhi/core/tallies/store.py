"""Building, recounting and reading the summary tables, and the marks of a transaction's
writes (core.tallies)."""

import datetime
import json
import logging
from collections import defaultdict
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Sum

from lvzhi.core.indicators import Indicator, IndicatorQuery, all_indicators, registered
from lvzhi.core.models import Tally, TallyMark, TallyState

from .query import (
    EVERY,
    NO_COMMITTEE,
    REBUILD_ABOVE,
    STORED,
    VALUES,
    _dimensions,
    _memo,
    _source,
    answers,
    signature,
    tallied,
)

log = logging.getLogger(__name__)

# -- building ------------------------------------------------------------------------------


def _month(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _counted(ind: Indicator, committees=None) -> dict[tuple, list[Decimal]]:
    """{(committee, month, dimension, key): [v1 …]} counted over the records."""
    out = {}
    for dimension in _dimensions(ind):
        for row in _source(ind, dimension, committees):
            committee = row["_t_committee"]
            cell = (
                NO_COMMITTEE if committee is None else committee,
                _month(row["_t_month"]),
                dimension,
                json.dumps(row["_t_key"], default=str),
            )
            out[cell] = [Decimal(row.get(v) or 0) for v in STORED]
    # dimension "y": each committee's year, for the comparison of thousands of committees
    years = defaultdict(lambda: [Decimal(0)] * len(STORED))
    for (committee, month, dimension, _key), values in out.items():
        if dimension == "s":
            cell = (committee, month.replace(month=1), "y", "null")
            years[cell] = [a + b for a, b in zip(years[cell], values, strict=True)]
    out.update(years)
    return out


def _summed(cells: dict[tuple, list]) -> dict[tuple, list[Decimal]]:
    """The cells added up over their committees: {(month, dimension, key): [v1 …]}."""
    out = defaultdict(lambda: [Decimal(0)] * len(STORED))
    for (_committee, *rest), values in cells.items():
        out[tuple(rest)] = [a + b for a, b in zip(out[tuple(rest)], values, strict=True)]
    return out


def _rows(key, cells: dict[tuple, list], committee=None) -> list[Tally]:
    return [
        Tally(
            indicator=key,
            committee_id=committee if committee is not None else cell[0],
            month=cell[-3],
            dimension=cell[-2],
            key=cell[-1],
            **dict(zip(STORED, values, strict=True)),
        )
        for cell, values in cells.items()
        if values[-1]  # records
    ]


def _lock(keys) -> dict[str, str]:
    """Take the indicators' locks (their state rows, in key order; on SQLite the write lock)
    for a recount; {key: the signature stored, "" when never built}."""
    TallyState.objects.bulk_create(
        [TallyState(indicator=key, signature="") for key in keys], ignore_conflicts=True
    )
    return dict(
        TallyState.objects.select_for_update()
        .filter(indicator__in=keys)
        .order_by("indicator")
        .values_list("indicator", "signature")
    )


def rebuild(ind: Indicator) -> int:
    """Count every tally of `ind` again; the number of rows written."""
    return rebuild_many([ind])


def rebuild_many(inds) -> int:
    """Count every tally of these indicators again, in one transaction and a few queries
    besides each indicator's counting; the number of rows written."""
    keys = sorted(i.key for i in inds)
    with transaction.atomic():
        _lock(keys)
        TallyMark.objects.filter(indicator__in=keys).delete()
        for key in keys:
            _forget(key)
        Tally.objects.filter(indicator__in=keys).delete()
        rows = []
        for ind in inds:
            cells = _counted(ind)
            rows += _rows(ind.key, cells) + _rows(ind.key, _summed(cells), committee=EVERY)
        Tally.objects.bulk_create(rows, batch_size=2000)
        TallyState.objects.bulk_update(
            [TallyState(indicator=i.key, signature=signature(i)) for i in inds],
            ["signature"],
            batch_size=500,
        )
    return len(rows)


def _recount(ind: Indicator, committees: set[int]) -> None:
    """Count the tallies of these committees again and move the sums over every committee
    by the difference (under the indicator's lock)."""
    stale = Tally.objects.filter(indicator=ind.key, committee_id__in=committees)
    before = {
        (r.committee_id, r.month, r.dimension, r.key): [getattr(r, v) for v in STORED]
        for r in stale
    }
    stale.delete()
    after = _counted(ind, committees)
    Tally.objects.bulk_create(_rows(ind.key, after), batch_size=2000)
    old, new = _summed(before), _summed(after)
    moved = {
        cell: [
            b - a
            for a, b in zip(
                old.get(cell, [0] * len(STORED)), new.get(cell, [0] * len(STORED)), strict=True
            )
        ]
        for cell in set(old) | set(new)
    }
    moved = {cell: delta for cell, delta in moved.items() if any(delta)}
    if not moved:
        return
    sums = {
        (r.month, r.dimension, r.key): r
        for r in Tally.objects.filter(
            indicator=ind.key, committee_id=EVERY, month__in={c[0] for c in moved}
        )
    }
    changed, added, emptied = [], [], []
    for cell, delta in moved.items():
        row = sums.get(cell)
        if row is None:
            added.extend(_rows(ind.key, {(EVERY, *cell): delta}))
            continue
        for name, d in zip(STORED, delta, strict=True):
            setattr(row, name, getattr(row, name) + d)
        (changed if row.records else emptied).append(row)
    Tally.objects.filter(pk__in=[r.pk for r in emptied]).delete()
    Tally.objects.bulk_update(changed, list(STORED), batch_size=2000)
    Tally.objects.bulk_create(added, batch_size=2000)


def refresh(indicators=None, *, only: set[tuple[str, int]] | None = None) -> int:
    """Work off the marks of `indicators` (default: every tallied one) and build what was
    never built or was built by another declaration; `only` limits the work to these
    (indicator key, committee) marks (a writer's own). The number of indicators recounted."""
    inds = [i for i in (indicators or all_indicators()) if tallied(i)]
    if not inds:
        return 0
    keys = {i.key for i in inds}
    marked = defaultdict(set)
    for key, committee in TallyMark.objects.filter(indicator__in=keys).values_list(
        "indicator", "committee_id"
    ):
        if only is None or (key, committee) in only:
            marked[key].add(committee)
    states = dict(
        TallyState.objects.filter(indicator__in=keys).values_list("indicator", "signature")
    )
    unbuilt = [i for i in inds if states.get(i.key) != signature(i)]
    if unbuilt:
        rebuild_many(unbuilt)
    done, rebuilt = len(unbuilt), {i.key for i in unbuilt}
    for ind in inds:
        if ind.key in rebuilt or not marked.get(ind.key):
            continue
        done += _work_off(ind)
    return done


def _work_off(ind: Indicator) -> int:
    with transaction.atomic():
        if _lock([ind.key]).get(ind.key) != signature(ind):
            rebuild(ind)
            return 1
        marks = list(
            TallyMark.objects.select_for_update()
            .filter(indicator=ind.key)
            .values_list("pk", "committee_id")
        )
        if not marks:
            return 0
        committees = {c for _pk, c in marks}
        if committees & {EVERY, NO_COMMITTEE} or len(committees) > REBUILD_ABOVE:
            rebuild(ind)
        else:
            _recount(ind, committees)
            TallyMark.objects.filter(pk__in=[pk for pk, _c in marks]).delete()
            _forget(ind.key, committees)
    return 1


# -- reading -------------------------------------------------------------------------------


def _converters(ind: Indicator):
    """How each stored value becomes what the aggregate itself returns (int, Decimal …)."""
    return _memo("converters", ind, _make_converters)


def _make_converters(ind: Indicator):
    qs = ind.queryset().annotate(**{f"_t_{n}": a for n, a in ind.aggregates.items()})
    out = {}
    for name in ind.aggregates:
        field = qs.query.annotations[f"_t_{name}"].output_field
        if isinstance(field, models.DecimalField):
            places = Decimal(1).scaleb(-field.decimal_places)
            out[name] = lambda v, places=places: Decimal(v).quantize(places)
        elif isinstance(field, models.FloatField):
            out[name] = float
        else:
            out[name] = lambda v: int(Decimal(v))
    return out


def _values(ind: Indicator, row) -> dict:
    convert = _converters(ind)
    return {
        name: (convert[name](row[v]) if row[v] is not None else 0)
        for name, v in zip(ind.aggregates, VALUES, strict=False)
    }


def _cells(keys, q: IndicatorQuery, *, by_committee=False):
    qs = Tally.objects.filter(indicator__in=keys, month__gte=q.start, month__lt=q.end)
    if q.committee_ids is not None and not q.every_committee:
        return qs.filter(committee_id__in=q.committee_ids)
    return qs.exclude(committee_id=EVERY) if by_committee else qs.filter(committee_id=EVERY)


def _answered(inds, q) -> dict[str, Indicator]:
    return {i.key: i for i in inds if tallied(i)} if answers(q) else {}


def totals(inds, q: IndicatorQuery) -> dict[str, dict]:
    """{key: aggregates} for `q` of the indicators among `inds` the tallies answer: one
    query for all of them. Run `refresh(inds)` first in the request."""
    kept = _answered(inds, q)
    if not kept:
        return {}
    rows = (
        _cells(kept, q)
        .filter(dimension="s")
        .values("indicator")
        .annotate(**{v: Sum(v) for v in VALUES})
        .order_by()
    )
    found = {row["indicator"]: row for row in rows}
    empty = dict.fromkeys(VALUES)
    return {key: _values(ind, found.get(key, empty)) for key, ind in kept.items()}


def groups(inds, q: IndicatorQuery, by: str) -> dict[str, dict]:
    """{key: {group: aggregates}} for `q` by committee, month, industry or split, of the
    indicators among `inds` the tallies answer: one query for all of them."""
    kept = _answered(inds, q)
    dimension = "i" if by == "industry" else "s"
    if by == "committee" and q.start.month == 1 and q.end.month == 1:
        dimension = "y"  # whole years: one row per committee and year
    field = "industry_field" if by == "industry" else "split_field"
    out = {key: {} for key in kept}
    if by in ("industry", "split"):
        kept = {key: ind for key, ind in kept.items() if getattr(ind, field)}
    if not kept:
        return out
    column = {"committee": "committee_id", "month": "month"}.get(by, "key")
    rows = (
        _cells(kept, q, by_committee=by == "committee")
        .filter(dimension=dimension)
        .values("indicator", column)
        .annotate(**{v: Sum(v) for v in VALUES})
        .order_by()
    )
    for row in rows:
        group = row[column]
        if column == "key":
            group = json.loads(group)
        elif column == "committee_id" and group == NO_COMMITTEE:
            group = None
        out[row["indicator"]][group] = _values(kept[row["indicator"]], row)
    return out


def total(ind: Indicator, q: IndicatorQuery) -> dict | None:
    """The indicator's aggregates for `q` from its tallies; None when they cannot answer."""
    return totals([ind], q).get(ind.key)


def grouped(ind: Indicator, q: IndicatorQuery, by: str) -> dict | None:
    """{group: aggregates} from the tallies; None when they cannot answer."""
    return groups([ind], q, by).get(ind.key)


class _Marked:
    """The on-commit callback of one transaction: what it marked, recounted once committed."""

    def __init__(self):
        self.pairs: set[tuple[str, int]] = set()

    def __call__(self):
        try:
            keys = {key for key, _c in self.pairs}
            refresh([i for i in all_indicators() if i.key in keys], only=self.pairs)
        except Exception:  # a reader recounts what is still marked
            log.exception("recounting tallies after a write failed")


def _pending() -> _Marked | None:
    """This transaction's callback, if it has one. Remembered with the list of callbacks it
    was found in: Django replaces that list on commit, rollback and savepoint rollback, so a
    remembered callback is current exactly while its list is (no scan per write)."""
    found = getattr(connection, "_tally_pending", None)
    if found is not None and found[0] is connection.run_on_commit:
        return found[1]
    for _ids, func, *_robust in connection.run_on_commit:
        if isinstance(func, _Marked):
            connection._tally_pending = (connection.run_on_commit, func)
            return func
    return None


def _forget(key: str, committees=None) -> None:
    """Marks worked off inside the writing transaction: a later write in it marks again."""
    batch = _pending() if connection.in_atomic_block else None
    if batch is not None:
        batch.pairs = {
            (k, c)
            for k, c in batch.pairs
            if k != key or committees is not None and c not in committees
        }


def mark(pairs: set[tuple[str, int]]) -> None:
    pairs = {(key, NO_COMMITTEE if c is None else c) for key, c in pairs if registered(key)}
    if not pairs:
        return
    batch = _pending() if connection.in_atomic_block else None
    if batch is not None:
        pairs -= batch.pairs
        if not pairs:
            return
    table = TallyMark._meta.db_table
    rows = ", ".join(["(%s, %s, 1)"] * len(pairs))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (indicator, committee_id, stamp) VALUES {rows} "
            f"ON CONFLICT (indicator, committee_id) DO UPDATE SET stamp = {table}.stamp + 1",
            [v for pair in sorted(pairs) for v in pair],
        )
    if batch is None:
        batch = _Marked()
        transaction.on_commit(batch)
    batch.pairs |= pairs


# -- checking ------------------------------------------------------------------------------


def differences(ind: Indicator) -> list[tuple]:
    """The cells where the stored tallies differ from a recount of the records (after the
    marks are worked off): [(committee, month, dimension, key, stored, counted)]."""
    refresh([ind])
    counted = _counted(ind)
    counted |= {(EVERY, *cell): values for cell, values in _summed(counted).items()}
    counted = {cell: values for cell, values in counted.items() if values[-1]}
    stored = {
        (r.committee_id, r.month, r.dimension, r.key): [getattr(r, v) for v in STORED]
        for r in Tally.objects.filter(indicator=ind.key)
    }
    zero = [Decimal(0)] * len(STORED)
    return [
        (*cell, stored.get(cell, zero), counted.get(cell, zero))
        for cell in sorted(set(stored) | set(counted), key=str)
        if stored.get(cell, zero) != counted.get(cell, zero)
    ]
