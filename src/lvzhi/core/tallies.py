"""Summary tables of the year's figures (core.indicators), kept equal to a recount.

Counted over the records, every figure of a national system (3,000 committees, millions of
participations) takes seconds; read from its tallies it takes milliseconds. A tally
(`core.models.Tally`) holds an indicator's aggregates over the records of one committee and
one month, split by the indicator's split field (dimension "s") or by industry ("i");
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
  declaration (another filter, another field) rebuilds them before they are read.

What the tallies answer: whole months, no industry or sector filter, an indicator whose
aggregates add up (Count and Sum, not distinct counts) and that does not change with the
date (`Indicator.tally=False`: what is overdue today). Everything else is counted over the
records as before. `lvzhi tallies check` compares every tally with a recount.
"""

import datetime
import hashlib
import json
import logging
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models, transaction
from django.db.models import CharField, Count, F, Sum, Value, signals
from django.db.models.expressions import Col
from django.db.models.functions import TruncMonth

from lvzhi.core.indicators import Indicator, IndicatorQuery, all_indicators
from lvzhi.core.models import Tally, TallyMark, TallyState

log = logging.getLogger(__name__)

EVERY = 0  # the committee of the sums over every committee, and of "every committee" marks
NO_COMMITTEE = -1  # records without a committee (counted only when every committee is asked)
#: marked committees beyond which one indicator is rebuilt whole rather than per committee
REBUILD_ABOVE = 200
VALUES = ("v1", "v2", "v3", "v4")
STORED = (*VALUES, "records")


# -- which indicators, which questions -----------------------------------------------------


def tallied(ind: Indicator) -> bool:
    return (
        ind.tally
        and len(ind.aggregates) <= len(VALUES)
        and all(
            isinstance(agg, Count | Sum) and not getattr(agg, "distinct", False)
            for agg in ind.aggregates.values()
        )
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
    return _memo("signature", ind, _signature)


def _signature(ind: Indicator) -> str:
    text = " | ".join(str(_source(ind, d).query) for d in _dimensions(ind))
    return hashlib.sha256(text.encode()).hexdigest()


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


def _lock(ind: Indicator) -> str:
    """Take the indicator's lock (its state row; on SQLite the write lock) for a recount;
    the signature stored, "" when never built."""
    TallyState.objects.get_or_create(indicator=ind.key, defaults={"signature": ""})
    TallyState.objects.filter(indicator=ind.key).update(signature=F("signature"))
    return TallyState.objects.values_list("signature", flat=True).get(indicator=ind.key)


def rebuild(ind: Indicator) -> int:
    """Count every tally of `ind` again; the number of rows written."""
    with transaction.atomic():
        _lock(ind)
        TallyMark.objects.filter(indicator=ind.key).delete()
        _forget(ind.key)
        Tally.objects.filter(indicator=ind.key).delete()
        cells = _counted(ind)
        rows = _rows(ind.key, cells) + _rows(ind.key, _summed(cells), committee=EVERY)
        Tally.objects.bulk_create(rows, batch_size=2000)
        TallyState.objects.filter(indicator=ind.key).update(signature=signature(ind))
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
    watch_indicators()
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
    done = 0
    for ind in inds:
        if states.get(ind.key) == signature(ind) and not marked.get(ind.key):
            continue
        done += _work_off(ind)
    return done


def _work_off(ind: Indicator) -> int:
    with transaction.atomic():
        if _lock(ind) != signature(ind):
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


# -- marking -------------------------------------------------------------------------------

#: model -> [(indicator key, path from the model to the committee or None)]
_DEPENDS: dict[type, list[tuple[str, str | None]]] = {}
#: many-to-many through model -> [(indicator key, {model: path})]
_THROUGH: dict[type, list[tuple[str, dict]]] = {}
#: (model off the committee path, indicator key) -> (the indicator's record model, the path
#: from it to the model, its committee field): the committees are those of the records
#: pointing at the written row
_VIA: dict[tuple[type, str], tuple[type, str, str]] = {}


def _committee_path(ind: Indicator, model) -> str | None:
    """The path from `model` to the committee an indicator's record counts for, when
    `model` lies on the committee path through forward relations only."""
    parts = ind.committee_field.split("__")
    current = ind.queryset().model
    for i, name in enumerate(parts):
        if current is model:
            return "__".join(parts[i:])
        field = current._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            return None
        current = field.related_model
    return None


def _record_path(ind: Indicator, model, depth=3) -> str | None:
    """The forward path from the indicator's record model to `model`, if any."""
    paths = [(ind.queryset().model, "")]
    for _ in range(depth):
        reached = []
        for current, path in paths:
            for field in current._meta.concrete_fields:
                if not field.many_to_one or field.auto_created:
                    continue
                name = f"{path}__{field.name}" if path else field.name
                if field.related_model is model:
                    return name
                reached.append((field.related_model, name))
        paths = reached
    return None


def _follow(ind: Indicator, model) -> str | None:
    """How a write of `model` finds its committees for `ind`: its own path to the committee
    (returned), or the records pointing at it (kept in _VIA; None returned)."""
    path = _committee_path(ind, model)
    if path is None:
        via = _record_path(ind, model)
        if via is not None:
            _VIA[(model, ind.key)] = (ind.queryset().model, via, ind.committee_field)
    return path


def _via(model, key, instance) -> set:
    found = _VIA.get((model, key))
    if found is None:
        return {EVERY}
    record, via, committee_field = found
    return set(
        record._base_manager.filter(**{via: instance.pk})
        .order_by()
        .values_list(committee_field, flat=True)
        .distinct()
    )


def _models_read(ind: Indicator) -> set[type]:
    tables = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    out = set()
    for dimension in _dimensions(ind):
        query = _source(ind, dimension).query
        str(query)  # joins are set up when the query is compiled
        out |= {tables[a.table_name] for a in query.alias_map.values() if a.table_name in tables}
    return out


#: the declarations whose models are watched: (key, id)
_WATCHED: set[tuple[str, int]] = set()


def watch_indicators() -> None:
    """Connect the write signals of every model a tallied indicator reads: once the pillar
    apps have registered their indicators, and for one registered later, before it is read."""
    for ind in all_indicators():
        if not tallied(ind) or (ind.key, id(ind)) in _WATCHED:
            continue
        _WATCHED.add((ind.key, id(ind)))
        _COLUMNS[ind.key] = _read_columns(ind)
        for model in _models_read(ind):
            if model._meta.auto_created:
                owners = {
                    f.related_model: _follow(ind, f.related_model)
                    for f in model._meta.concrete_fields
                    if f.is_relation
                }
                _THROUGH.setdefault(model, []).append((ind.key, owners))
                signals.m2m_changed.connect(
                    _on_m2m, sender=model, dispatch_uid=f"tally-{model._meta.label}"
                )
                continue
            _DEPENDS.setdefault(model, []).append((ind.key, _follow(ind, model)))
            uid = f"tally-{model._meta.label}"
            signals.post_init.connect(_remember, sender=model, dispatch_uid=uid)
            signals.post_save.connect(_on_save, sender=model, dispatch_uid=uid)
            signals.post_delete.connect(_on_save, sender=model, dispatch_uid=uid)


def _first_hop(model, path):
    return model._meta.get_field(path.split("__")[0]).attname


def _remember(sender, instance, **kwargs):
    """The committee path's first foreign key as loaded, to mark the committee it leaves."""
    instance._tally_was = {
        path: instance.__dict__.get(_first_hop(sender, path))
        for _key, path in _DEPENDS.get(sender, ())
        if path
    }


def _committee_of(instance, path: str):
    obj = instance
    *hops, last = path.split("__")
    try:
        for hop in hops:
            obj = getattr(obj, hop)
            if obj is None:
                return None
    except ObjectDoesNotExist:
        return EVERY
    return getattr(obj, obj._meta.get_field(last).attname)


def _committee_was(model, path: str, old_id):
    head, _sep, rest = path.partition("__")
    if not rest:
        return old_id
    related = model._meta.get_field(head).related_model
    found = related._base_manager.filter(pk=old_id).values_list(rest, flat=True).first()
    return found if found is not None else EVERY


def _on_save(sender, instance, **kwargs):
    pairs = set()
    was = getattr(instance, "_tally_was", {})
    for key, path in _DEPENDS.get(sender, ()):
        if path is None:
            pairs |= {(key, c) for c in _via(sender, key, instance)}
            continue
        pairs.add((key, _committee_of(instance, path)))
        old_id = was.get(path)
        if old_id is not None and old_id != instance.__dict__.get(_first_hop(sender, path)):
            pairs.add((key, _committee_was(sender, path, old_id)))
    mark(pairs)


def _on_m2m(sender, instance, action, **kwargs):
    if not action.startswith("post_"):
        return
    pairs = set()
    for key, owners in _THROUGH.get(sender, ()):
        path = owners.get(type(instance))
        if path:
            pairs.add((key, _committee_of(instance, path)))
        else:
            pairs |= {(key, c) for c in _via(type(instance), key, instance)}
    mark(pairs)


def changed(model, committee_ids=None, fields=None) -> None:
    """Rows of `model` were written without signals (a bulk insert, a queryset update):
    mark what they may have touched — the given committees, or every committee; `fields`:
    the fields an update set (an indicator that reads none of them is left alone)."""
    if not _own_committee(model):
        committee_ids = None  # the rows do not name the committee they count for
    elif committee_ids is not None and not committee_ids:
        return
    pairs = set()
    for key, path in _DEPENDS.get(model, ()):
        if fields is not None and not _reads(key, model, fields):
            continue
        if path is None or committee_ids is None:
            pairs.add((key, EVERY))
        else:
            pairs |= {(key, c) for c in committee_ids}
    for key, _owners in _THROUGH.get(model, ()):
        pairs.add((key, EVERY))
    mark(pairs)


#: indicator key -> {(model, column)} its tallies read (filters, values, joins)
_COLUMNS: dict[str, set] = {}


def _columns(node, out: set) -> None:
    if isinstance(node, Col):
        out.add((node.target.model, node.target.column))
        return
    for child in getattr(node, "children", None) or ():
        _columns(child, out)
    if hasattr(node, "get_source_expressions"):
        for expr in node.get_source_expressions():
            if expr is not None:
                _columns(expr, out)
    for side in ("lhs", "rhs"):
        value = getattr(node, side, None)
        if isinstance(value, Col) or hasattr(value, "get_source_expressions"):
            _columns(value, out)


def _read_columns(ind: Indicator) -> set:
    tables = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    out = set()
    for dimension in _dimensions(ind):
        query = _source(ind, dimension).query
        str(query)
        _columns(query.where, out)
        for expr in query.annotations.values():
            _columns(expr, out)
        for alias in query.alias_map.values():
            parent = getattr(alias, "parent_alias", None)
            if parent is None:
                continue
            for left, right in alias.join_cols:
                out.add((tables.get(query.alias_map[parent].table_name), left))
                out.add((tables.get(alias.table_name), right))
    return out


def _reads(key: str, model, fields) -> bool:
    """Whether indicator `key` reads any of `model`'s `fields` (names or attnames)."""
    columns = {
        model._meta.get_field(name).column
        for name in fields
        if name in {f.name for f in model._meta.concrete_fields}
        or name in {f.attname for f in model._meta.concrete_fields}
    }
    if len(columns) < len(set(fields)):
        return True  # a name we cannot place: assume it matters
    return any((model, column) in _COLUMNS.get(key, ()) for column in columns)


def _own_committee(model) -> bool:
    """Every indicator reading `model` counts its rows for their own committee field."""
    paths = {path for _key, path in _DEPENDS.get(model, ())}
    return paths == {"committee"} and not _THROUGH.get(model)


def committees_of(queryset, changes: dict):
    """The committees of the rows `queryset` is about to update (one query), when the
    tallies read its model and the update leaves the committee alone; else None."""
    model = queryset.model
    if not any(_reads(key, model, changes) for key, _path in _DEPENDS.get(model, ())):
        return set()  # no kept figure reads what the update sets
    if not _own_committee(model) or {"committee", "committee_id"} & set(changes):
        return None
    return set(queryset.order_by().values_list("committee_id", flat=True).distinct())


def saved_many(model, rows, *, created) -> None:
    """The bulk service's write hook: the rows name their committee when it is their own."""
    if _own_committee(model):
        changed(model, {row.get("committee_id") for row in rows} - {None} or None)
    else:
        changed(model)


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
    for _ids, func, *_robust in connection.run_on_commit:
        if isinstance(func, _Marked):
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
    pairs = {(key, NO_COMMITTEE if c is None else c) for key, c in pairs}
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
