"""Plain bulk writes for the bulk services: rows as {attname: value} dicts, no instances.

At 100,000 rows the ORM's bulk_create spends far more time building model instances and
SQL than the database spends storing them. `insert_rows` runs one prepared INSERT over all
rows (SQLite) or one COPY (PostgreSQL); `insert_history` writes django-simple-history's
rows for them as `bulk_history_create` would, attributed to the actor; `copy_history` the
same for rows already stored, copied inside the database.

The values must have passed model validation (the caller's check phase). They reach the
database as Django converts them (`get_db_prep_save`), except text, numbers and booleans,
which the drivers take as they are. Fields a row leaves out get their model default, and
`auto_now` / `auto_now_add` fields the time of the write.
"""

import json
from operator import itemgetter

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone

#: Fields whose validated Python values the drivers store unchanged.
_AS_IS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _as_is(field) -> bool:
    target = field.target_field if field.is_relation else field
    return isinstance(target, _AS_IS)


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


class _Converter:
    """`get_db_prep_save` for one column, remembering the last value (rows share a `now`).

    JSON goes as its text (both databases parse it), so that the rows sharing a value
    serialise it once."""

    __slots__ = ("convert", "last", "prepared")

    def __init__(self, field):
        self.last, self.prepared = object(), None
        if isinstance(field, models.JSONField):
            self.convert = lambda value: (
                None if value is None else json.dumps(value, cls=field.encoder)
            )
        else:
            self.convert = lambda value: field.get_db_prep_save(value, connection)

    def __call__(self, value):
        if value is not self.last:
            self.last, self.prepared = value, self.convert(value)
        return self.prepared


def allocate_ids(model, count: int) -> list[int]:
    """`count` new primary keys for `model`, reserved for this transaction's INSERT."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import transaction holds the write lock (BEGIN IMMEDIATE), so nobody
        # else inserts until it commits. AUTOINCREMENT never reuses a number: start past
        # both the highest row and the highest number ever handed out.
        cursor.execute(
            f"SELECT MAX({connection.ops.quote_name(model._meta.pk.column)}) FROM {connection.ops.quote_name(table)}"
        )  # noqa: E501, S608 - names from the model
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def insert_rows(model, rows: list[dict], *, same: dict | None = None, ids: bool = False):
    """INSERT `rows` into `model`'s table; `same` holds values common to every row.

    ids=True: each row gets a new primary key (row["id"]) first, so the caller can point
    other rows at it.
    """
    if not rows:
        return
    same = same or {}
    now = timezone.now()
    pk = model._meta.pk
    if ids:
        for row, new_id in zip(rows, allocate_ids(model, len(rows)), strict=True):
            row[pk.attname] = new_id
    varying, fixed = [], {}
    for field in model._meta.concrete_fields:
        if field.primary_key and not ids and field.attname not in rows[0]:
            continue
        if field.attname in same:
            fixed[field] = same[field.attname]
        else:
            varying.append((field, _default(field, now)))
    constants = [f.get_db_prep_save(v, connection) for f, v in fixed.items()]
    defaults = {f.attname: d for f, d in varying}
    plain = [f for f, _d in varying if _as_is(f)]
    converted = [(f.attname, _Converter(f)) for f, _d in varying if not _as_is(f)]
    columns = [f.column for f in plain] + [f.column for f, _d in varying if not _as_is(f)]
    columns += [f.column for f in fixed]
    pick = _picker([f.attname for f in plain])

    def values(row):
        full = defaults | row
        out = list(pick(full))
        out.extend(convert(full[attname]) for attname, convert in converted)
        out.extend(constants)
        return out

    _write(model._meta.db_table, columns, map(values, rows))


def _picker(names):
    """A function returning the tuple of a dict's values under `names`."""
    if len(names) > 1:
        return itemgetter(*names)
    return lambda row: tuple(row[name] for name in names)


def _write(table, columns, params):
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        copy = getattr(cursor.cursor, "copy", None)
        if connection.vendor == "postgresql" and copy is not None:
            with copy(f"COPY {quote(table)} ({names}) FROM STDIN") as pipe:
                for row in params:
                    pipe.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", params)  # noqa: S608 - names from the model


def update_rows(model, rows: list[dict], *, columns: list[str]):
    """UPDATE the given columns of each row (found by its primary key)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    pk = model._meta.pk
    fields = [model._meta.get_field(name) for name in columns]
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    params = [
        [f.get_db_prep_save(row[f.attname], connection) for f in fields] + [row[pk.attname]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(pk.column)} = %s",  # noqa: S608
            params,
        )


def insert_history(model, rows: list[dict], *, user, date, update: bool = False, reason=None):
    """The history rows django-simple-history's `bulk_history_create` writes for `rows`,
    with the change reason `reason` (the step's English name) if given."""
    insert_rows(model.history.model, rows, same=_history_of(user, date, update, reason))


def _history_of(user, date, update, reason) -> dict:
    """What every history row of one bulk write shares: when, who, why, and its kind."""
    return {
        "history_date": date,
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": reason,
        "history_type": "~" if update else "+",
    }


def by_ids(queryset, ids):
    """`queryset.filter(pk__in=ids)`; on PostgreSQL the ids go as one array parameter, not
    one parameter each: with thousands of ids, building and binding the query otherwise
    costs more than running it."""
    ids = list(ids)
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=ids)
    pk = queryset.model._meta.pk
    return queryset.filter(
        pk__in=RawSQL(f"SELECT unnest(%s::{pk.rel_db_type(connection)}[])", [id_array(ids)])
    )


def id_array(ids) -> str:
    """PostgreSQL's text form of an array of ids, the parameter `by_ids` passes."""
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def insert_select(model, source, fields, *, same: dict | None = None):
    """INSERT into `model`'s table the rows `source` selects (a values_list queryset whose
    columns fill the fields named in `fields`, in order), `same` holding values common to
    every row; the other fields get their model default. One INSERT … SELECT: rows made
    from stored rows without reading them into Python."""
    same = same or {}
    now = timezone.now()
    meta = model._meta
    filled = [meta.get_field(name) for name in fields]
    taken = {f.attname for f in filled} | set(same)
    fixed = {meta.get_field(name): value for name, value in same.items()}
    for field in meta.concrete_fields:
        if not field.primary_key and field.attname not in taken:
            fixed[field] = _default(field, now)
    constants = [f.get_db_prep_save(v, connection) for f, v in fixed.items()]
    sql, params = source.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in [*filled, *fixed])
    marks = "".join(", %s" for _c in constants)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({names}) "  # noqa: S608 - names from the model
            f"SELECT stored.*{marks} FROM ({sql}) AS stored",
            [*constants, *params],
        )


def copy_history(model, ids, *, user, date, update: bool = False, reason=None):
    """The history rows of the stored rows `ids` as they are now, copied inside the database
    (one INSERT … SELECT, in id order): what `insert_history` writes for them, without
    reading them into Python. For a pass that has just updated those rows."""
    history = model.history.model
    names = [f.attname for f in history.tracked_fields]
    stored = by_ids(model._base_manager.all(), ids).order_by("pk").values_list(*names)
    insert_select(history, stored, names, same=_history_of(user, date, update, reason))


def row_of(instance, now=None) -> dict:
    """An instance as the {attname: value} dict these functions take; a new instance's
    unset primary key is left out and its auto_now fields set to `now`."""
    row = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if value is None and (
            getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ):
            value = now
        if value is None and field.primary_key:
            continue
        row[field.attname] = value
    return row
