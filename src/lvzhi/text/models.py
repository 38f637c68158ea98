"""The search index (also the candidate source of 查重): derived data, rebuilt by `lvzhi text reindex`.

A row is not a record of its own: it mirrors one registered record (see
`text.registry`), written by `text.services.index_record`. Visibility is never decided from
these rows alone — search results are filtered through the record model's `visible_to`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The searchable text of one record.

    `title_tokens` and `body_tokens` hold the jieba-segmented words, space-separated. The
    full-text index over them is vendor-specific and created in migration 0002: an FTS5
    table on SQLite, a narrow `text_searchvector` table of tsvectors with a GIN index on
    PostgreSQL, both kept in sync by triggers on this table.
    """

    kind = models.CharField(_("record type"), max_length=100)
    object_id = models.BigIntegerField(_("record id"))
    committee_id = models.BigIntegerField(_("committee id"), null=True, blank=True)
    # Copied from the record so the index can skip what a user cannot see before ranking;
    # every hit is still checked against the record model's visible_to(user).
    published = models.BooleanField(_("published to members"), default=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    title_tokens = models.TextField(blank=True, editable=False)
    body_tokens = models.TextField(blank=True, editable=False)
    #: the words 查重 compares (text.content.content_words of title and text), set phrasing
    #: left out; empty until the record is indexed again after an upgrade
    content_tokens = models.TextField(blank=True, editable=False, default="")
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]
        indexes = [models.Index(fields=["kind", "committee_id", "year"], name="text_doc_filter")]

    def __str__(self):
        return f"{self.kind}#{self.object_id} {self.title}"


class CorpusSample(models.Model):
    """The last sample of one record type's statistics for 查重 (text.stats): read by the
    first check after a server starts instead of sampling on the request."""

    kind = models.CharField(_("record type"), max_length=100, unique=True)
    records = models.PositiveIntegerField(_("records"))
    taken_at = models.DateTimeField(_("taken at"))
    data = models.BinaryField()

    class Meta:
        verbose_name = _("corpus sample")
        verbose_name_plural = _("corpus samples")

    def __str__(self):
        return f"{self.kind} ({self.records})"
