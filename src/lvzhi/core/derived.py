"""Derived data kept in the cache (the year's scores …) and the version that retires it.

A topic ("scores") names the models its values are computed from (`watch`). Any write of
one of them — a service, a workflow step, the bulk service, the admin — raises the topic's
version in the database as its transaction commits, and cached values are keyed by the
version, so once the writing request has ended no request reads a value computed before
the write. Within the writing transaction, before the commit, the cache is not used.

Signals rather than the services' write hooks: a value that outlives a write nobody
reported would be wrong until the next one, and signals see every ORM write. The bulk
service, which saves no instances, reports through its write hook (`saved_many`).
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, signals

from lvzhi.core import tallies
from lvzhi.core.models import DataVersion

#: model -> the topics computed from it
WATCHED: dict[type, set[str]] = {}

#: Seconds a value stays cached (a new version retires it anyway).
TIMEOUT = 24 * 3600


def watch(topic: str, *models) -> None:
    """Values of `topic` are computed from these models' rows."""
    for model in models:
        if model not in WATCHED:
            WATCHED[model] = set()
            for signal in (signals.post_save, signals.post_delete):
                signal.connect(_on_write, sender=model, dispatch_uid=f"derived-{model._meta.label}")
        WATCHED[model].add(topic)


def changed(model, committee_ids=None, fields=None) -> None:
    """Rows of `model` were written in the current transaction without signals (a queryset
    update); `committee_ids`: the committees of the rows, when known, and `fields`: the
    fields an update set (the summary tables then recount only what they read)."""
    tallies.changed(model, committee_ids, fields)
    _retire(model)


def committees_of(queryset, changes: dict):
    """The committees of the rows a queryset update is about to write, when the summary
    tables need them (None: every committee)."""
    return tallies.committees_of(queryset, changes)


def _retire(model) -> None:
    for topic in WATCHED.get(model, ()):
        if not _pending(topic):
            transaction.on_commit(_Bump(topic))


def saved_many(model, rows, *, created) -> None:
    """The bulk service's write hook."""
    tallies.saved_many(model, rows, created=created)
    _retire(model)


def _on_write(sender, **kwargs):
    _retire(sender)


class _Bump:
    """The on-commit callback raising one topic's version (found again by `_pending`)."""

    def __init__(self, topic):
        self.topic = topic

    def __call__(self):
        updated = DataVersion.objects.filter(topic=self.topic).update(version=F("version") + 1)
        if not updated:
            DataVersion.objects.get_or_create(topic=self.topic, defaults={"version": 1})


def _pending(topic) -> bool:
    """A write to the topic's models waits for its transaction's commit."""
    return any(
        isinstance(func, _Bump) and func.topic == topic
        for _ids, func, *_robust in connection.run_on_commit
    )


def version(topic: str) -> int:
    return DataVersion.objects.filter(topic=topic).values_list("version", flat=True).first() or 0


def current_version(topic: str) -> int | None:
    """The topic's version; None within a transaction that wrote its models (values kept
    for a version must not be read or kept then)."""
    return None if _pending(topic) else version(topic)


def get_many(topic: str, keys, compute):
    """{key: value} for `keys`; `compute(missing keys)` returns the values not cached."""
    keys = list(keys)
    if _pending(topic):
        return compute(keys)
    prefix = f"derived:{topic}:{version(topic)}:"
    found = {
        k.removeprefix(prefix): v for k, v in cache.get_many([prefix + k for k in keys]).items()
    }
    missing = [k for k in keys if k not in found]
    if missing:
        fresh = compute(missing)
        cache.set_many({prefix + k: fresh[k] for k in missing}, TIMEOUT)
        found.update(fresh)
    return found
