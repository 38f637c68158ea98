"""Writes to the text index.

Records written through core's `record_save` / `record_delete` are indexed by the write
hooks registered in `TextConfig.ready()`; a service that writes a registered model some
other way calls `index_record` / `unindex_record` itself. `reindex` rebuilds everything.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction

from lvzhi.core import bulk
from lvzhi.text import content, registry, tokenize
from lvzhi.text.models import CorpusSample, SearchDocument
from lvzhi.text.similarity import MAX_TEXT
from lvzhi.text.tokenize import index_tokens

BATCH = 500


def _document_for(reg: registry.Registration, instance) -> SearchDocument:
    values = _document_values(reg, instance)
    return SearchDocument(
        **values,
        kind=reg.kind,
        title_tokens=index_tokens(values["title"]),
        body_tokens=index_tokens(values["body"]),
        content_tokens=content_tokens(values, reg.sections_of(instance)) if reg.compares else "",
    )


def content_tokens(values, sections: tuple[str, str] | None = None) -> str:
    """The words 查重 compares (text.content), from an entry's title and body, with the
    boundary between its sections where its record type names them (registry `sections`)."""
    parts = content.sectioned_segments(values["title"], values["body"], sections, MAX_TEXT)
    return content.serialise(parts)


def _document_values(reg: registry.Registration, record) -> dict:
    """The index entry's fields read from a record (an instance or attribute view of one)."""
    return {
        "object_id": record.pk,
        "committee_id": getattr(record, "committee_id", None),
        "published": bool(getattr(record, "published", False)),
        "year": reg.year_of(record),
        "title": reg.title_of(record)[:300],
        "body": reg.body_of(record),
    }


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


def index_many(reg: registry.Registration, records: Iterable) -> int:
    """Index a batch of records of one registered model in bulk (no old entries assumed).

    `records` are instances, or for a registration that reads fields only, any objects with
    the fields as attributes. Texts repeat in a batch (names, employers, committees'
    boilerplate): each distinct one is segmented once. Inside `bulk_indexing` the text is
    segmented in worker processes while the caller goes on writing, and the entries are
    written when the block ends.
    """
    docs, sections = [], []
    for record in records:
        docs.append(_document_values(reg, record))
        sections.append(reg.sections_of(record) if reg.compares else None)
    texts = list({t: None for doc in docs for t in (doc["title"], doc["body"])})
    pending = (reg, docs, sections, texts, tokenize.index_tokens_later(texts))
    if _pending is None:
        _write_documents(*pending)
    else:
        _pending.append(pending)
    return len(docs)


def _write_documents(reg, docs, sections, texts, tokens_of):
    tokens = dict(zip(texts, tokens_of(), strict=True))
    contents: dict = {}  # texts repeat in a batch: each distinct one is read once
    for doc, parts in zip(docs, sections, strict=True):
        doc["title_tokens"] = tokens[doc["title"]]
        doc["body_tokens"] = tokens[doc["body"]]
        key = (doc["title"], doc["body"], parts)
        if key not in contents:
            contents[key] = content_tokens(doc, parts) if reg.compares else ""
        doc["content_tokens"] = contents[key]
    bulk.insert_rows(SearchDocument, docs, same={"kind": reg.kind})


#: Index entries waiting for their words inside `bulk_indexing`; None outside it.
_pending: list | None = None


def _flush():
    while _pending:
        _write_documents(*_pending.pop(0))


@contextmanager
def bulk_indexing():
    """Write hook context of a bulk write: its index text is segmented in worker processes
    (`tokenize.segmenting_pool`) alongside the write, and the entries are written as the
    block ends — inside the write's transaction, so the index never disagrees with it."""
    global _pending
    if _pending is not None:
        yield
        return
    with tokenize.segmenting_pool():
        _pending = []
        try:
            yield
            _flush()
        finally:
            _pending = None


def records_saved_many(model, rows, *, created: bool) -> None:
    """Bulk write hook: index the registered records a bulk service just wrote.

    rows: the stored {attname: value} dicts, primary key included; a field a row leaves
    out holds its default.
    """
    reg = registry.get(model)
    if reg is None or not rows:
        return
    pk = model._meta.pk.attname
    if not created:
        _flush()  # an entry still waiting for its words would come back after the delete
        ids = [row[pk] for row in rows]
        for start in range(0, len(ids), BATCH):
            SearchDocument.objects.filter(
                kind=reg.kind, object_id__in=ids[start : start + BATCH]
            ).delete()
    defaults = {f.attname: f.get_default() for f in model._meta.concrete_fields}
    if reg.reads_fields_only:
        records = [SimpleNamespace(**{**defaults, **row, "pk": row[pk]}) for row in rows]
    else:
        records = [model(**{**defaults, **row}) for row in rows]
    index_many(reg, records)


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
