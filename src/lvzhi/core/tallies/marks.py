"""Which writes make which tallies stale: the models each indicator reads, their paths
to the committee a record counts for, and the signals that mark them (core.tallies)."""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import signals
from django.db.models.expressions import Col

from lvzhi.core.indicators import Indicator, all_indicators

from .query import EVERY, _dimensions, _source, tallied
from .store import mark

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
    return "" if current is model else None  # "": the written row is the committee


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


def _via(model, key, instance, seen: dict) -> set:
    """The committees of the records pointing at `instance` for `key`; `seen` keeps each
    lookup's answer for the other indicators of one write."""
    found = _VIA.get((model, key))
    if found is None:
        return {EVERY}
    if found not in seen:
        record, via, committee_field = found
        seen[found] = set(
            record._base_manager.filter(**{via: instance.pk})
            .order_by()
            .values_list(committee_field, flat=True)
            .distinct()
        )
    return seen[found]


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
            path = _follow(ind, model)
            _DEPENDS.setdefault(model, []).append((ind.key, path))
            if path:  # ("" for the committee itself: its id never moves)
                _FIRST_HOPS.setdefault(model, {})[path] = _first_hop(model, path)
            uid = f"tally-{model._meta.label}"
            signals.post_init.connect(_remember, sender=model, dispatch_uid=uid)
            signals.post_save.connect(_on_save, sender=model, dispatch_uid=uid)
            signals.post_delete.connect(_on_save, sender=model, dispatch_uid=uid)


#: model -> {committee path: the attname of its first foreign key}
_FIRST_HOPS: dict[type, dict[str, str]] = {}


def _first_hop(model, path):
    return model._meta.get_field(path.split("__")[0]).attname


def _remember(sender, instance, **kwargs):
    """The committee path's first foreign key as loaded, to mark the committee it leaves
    (runs for every instance loaded: kept to a dictionary lookup per path)."""
    hops = _FIRST_HOPS.get(sender)
    if hops:
        values = instance.__dict__
        instance._tally_was = {path: values.get(attname) for path, attname in hops.items()}


def _committee_of(instance, path: str):
    if not path:
        return instance.pk
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


def _on_save(sender, instance, update_fields=None, created=False, **kwargs):
    if update_fields and not any(_reads(k, sender, update_fields) for k, _p in _DEPENDS[sender]):
        return  # a save of fields no kept figure reads
    pairs = set()
    was = getattr(instance, "_tally_was", {})
    seen = {}
    for key, path in _DEPENDS.get(sender, ()):
        if path is None:
            if not created:  # no record points at a row just inserted
                pairs |= {(key, c) for c in _via(sender, key, instance, seen)}
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
    seen = {}
    for key, owners in _THROUGH.get(sender, ()):
        path = owners.get(type(instance))
        if path is not None:
            pairs.add((key, _committee_of(instance, path)))
        else:
            pairs |= {(key, c) for c in _via(type(instance), key, instance, seen)}
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
