"""Writes to the text index.

Records written through core's `record_save` / `record_delete` are indexed by the write
hooks registered in `TextConfig.ready()`; a service that writes a registered model some
other way calls `index_record` / `unindex_record` itself. `reindex` rebuilds everything.
"""

from collections.abc import Iterable

from django.db import transaction

from lvzhi.text import content, registry
from lvzhi.text.models import CorpusSample, SearchDocument
from lvzhi.text.similarity import MAX_TEXT
from lvzhi.text.tokenize import index_tokens

BATCH = 500


def _document_for(reg: registry.Registration, instance, tokens=index_tokens) -> SearchDocument:
    title = reg.title_of(instance)[:300]
    body = reg.body_of(instance)
    text = f"{title}\n{body}"[:MAX_TEXT]
    return SearchDocument(
        kind=reg.kind,
        object_id=instance.pk,
        committee_id=getattr(instance, "committee_id", None),
        published=bool(getattr(instance, "published", False)),
        year=reg.year_of(instance),
        title=title,
        body=body,
        title_tokens=tokens(title),
        body_tokens=tokens(body),
        content_tokens=content.serialise(content.segments(text)),
    )


@transaction.atomic
def index_record(instance) -> SearchDocument | None:
    """Create or refresh the index entries of one registered record."""
    reg = registry.get(type(instance))
    if reg is None or instance.pk is None:
        return None
    fresh = _document_for(reg, instance)
    fresh.pk = (
        SearchDocument.objects.filter(kind=reg.kind, object_id=instance.pk)
        .values_list("pk", flat=True)
        .first()
    )
    fresh.save()
    return fresh


@transaction.atomic
def unindex_record(instance) -> None:
    """Remove one record from the indexes (call before or after deleting it)."""
    reg = registry.get(type(instance))
    if reg is None:
        return
    SearchDocument.objects.filter(kind=reg.kind, object_id=instance.pk).delete()


def record_saved(instance) -> None:
    """Write hook: index a registered record after a service saved it."""
    if registry.get(type(instance)) is not None:
        index_record(instance)


def record_deleted(instance) -> None:
    """Write hook: drop a registered record from the index as a service deletes it."""
    if registry.get(type(instance)) is not None:
        unindex_record(instance)


def index_many(reg: registry.Registration, instances: Iterable) -> int:
    """Index a batch of instances of one registered model in bulk (no old entries assumed).

    Texts repeat in a batch (names, employers, committees' boilerplate): each distinct one
    is segmented once.
    """
    seen: dict[str, str] = {}

    def tokens(text: str) -> str:
        if text not in seen:
            seen[text] = index_tokens(text)
        return seen[text]

    docs = [_document_for(reg, obj, tokens) for obj in instances]
    SearchDocument.objects.bulk_create(docs, batch_size=BATCH)
    return len(docs)


def records_saved_many(instances, *, created: bool) -> None:
    """Bulk write hook: index the registered records a bulk service just wrote."""
    by_kind: dict[str, list] = {}
    for instance in instances:
        reg = registry.get(type(instance))
        if reg is not None:
            by_kind.setdefault(reg.kind, []).append(instance)
    for kind, batch in by_kind.items():
        if not created:
            ids = [obj.pk for obj in batch]
            for start in range(0, len(ids), BATCH):
                SearchDocument.objects.filter(
                    kind=kind, object_id__in=ids[start : start + BATCH]
                ).delete()
        index_many(registry.get(kind), batch)


def reindex(kinds: Iterable[str] | None = None, progress=None) -> dict[str, int]:
    """Rebuild the indexes of the given record types (all registered types by default).

    `progress(n)` is called after each batch with the number of records just indexed.
    """
    done = {}
    for reg in registry.registrations():
        if kinds and reg.kind not in kinds:
            continue
        SearchDocument.objects.filter(kind=reg.kind).delete()
        count = 0
        batch = []
        for obj in reg.model._default_manager.order_by("pk").iterator(chunk_size=2000):
            batch.append(obj)
            if len(batch) >= BATCH:
                count += index_many(reg, batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            count += index_many(reg, batch)
            if progress:
                progress(len(batch))
        done[reg.kind] = count
        # the first 查重 check after the rebuild reads this sample instead of taking one
        from lvzhi.text.stats import refresh

        refresh(reg.kind)
    return done


def count_records(kinds: Iterable[str] | None = None) -> int:
    return sum(
        reg.model._default_manager.count()
        for reg in registry.registrations()
        if not kinds or reg.kind in kinds
    )


def clear_index() -> dict:
    """Empty every text index (the demo's reset deletes the records it indexed)."""
    deleted = SearchDocument.objects.all().delete()[0]
    CorpusSample.objects.all().delete()
    return {"search documents": deleted}
