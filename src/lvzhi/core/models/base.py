"""Abstract bases every lvzhi record stands on: optimistic version, timestamps, visibility."""

from collections.abc import Callable
from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class VisibleQuerySet(models.QuerySet):
    """The one door to records: `.visible_to(user)` applies core.visibility."""

    def visible_to(self, user):
        from lvzhi.core.visibility import restrict

        return restrict(self, user)

    # Writes that send no signals report themselves to what is derived from the records
    # (core.derived: cached scores, the figures' summary tables).

    def update(self, **kwargs):
        from lvzhi.core import derived

        committees = derived.committees_of(self, kwargs)
        rows = super().update(**kwargs)
        derived.changed(self.model, committees, fields=kwargs)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        from lvzhi.core import derived

        objs = super().bulk_create(objs, *args, **kwargs)
        derived.changed(self.model, {getattr(o, "committee_id", None) for o in objs} - {None})
        return objs


class TrackedModel(models.Model):
    """A record with timestamps and a version number for optimistic locking.

    `version` grows by one on every save made through a service; an edit that started
    from an older version is refused instead of silently overwriting (see services).
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = VisibleQuerySet.as_manager()

    # Visibility hooks, read by core.visibility (None = the model has no such relation).
    #: lookup(s) from this model to the auth user(s) who own it ("own records"); a tuple
    #: when several people own it (the member who raised a problem and the one running
    #: the enterprise it concerns).
    owner_lookup: ClassVar[str | tuple[str, ...] | None] = None
    #: lookup from this model to the Department (handling unit) it is assigned to.
    unit_lookup: ClassVar[str | None] = None
    #: fields an owner may change on their own record (a member's contact data); empty = none.
    owner_editable_fields: ClassVar[tuple[str, ...]] = ()
    #: relations `__str__` reads: every picker loads them with its options (core.pickers)
    label_related: ClassVar[tuple[str, ...]] = ()
    #: a large set: pickers carry only the chosen records and find others by search
    #: (the autocomplete endpoint, core.pickers) instead of listing every record
    picked_by_search: ClassVar[bool] = False
    #: pickers group the options under this relation (core.pickers), e.g. "parent"
    picker_group: ClassVar[str | None] = None
    #: a small set read far more often than written: each process keeps its pickers'
    #: options until a write to it commits (core.pickers)
    picker_kept: ClassVar[bool] = False
    #: lookup of the stored pinyin of the record's name ("li sheng guo"): pickers find it
    #: by the initials typed ("lsg"), see core.views.autocomplete
    pinyin_lookup: ClassVar[str | None] = None
    #: `picker_scope(record)` -> the records a picker on a form about `record` offers, in
    #: place of what the user may see (the units a problem may be assigned to); None = none
    picker_scope: ClassVar[Callable | None] = None
    #: URL name prefix, e.g. "core:enterprise" -> core:enterprise, core:enterprise_edit …
    url_base: ClassVar[str] = ""

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(self.url_base, args=[self.pk])

    def fill_derived(self):
        """Set the columns computed from others (a name's sort keys); the services call it
        before validating every record they write."""


class RecordUrls:
    """record -> the URL of its page ("" for none). For `TrackedModel.get_absolute_url` (a
    `reverse` of the model's `url_base` with its pk) the pattern is reversed once per model
    with a pk no record has, and each record's pk put in its place: a list page's links and
    a pass's notifications pay one `reverse` per record type, not one per record."""

    #: a primary key no record has
    ANY_PK = 987654321987654321

    def __init__(self):
        self.patterns: dict[type, str | None] = {}

    def __call__(self, record) -> str:
        model = type(record)
        if model not in self.patterns:
            plain = getattr(model, "get_absolute_url", None) is TrackedModel.get_absolute_url
            self.patterns[model] = reverse(model.url_base, args=[self.ANY_PK]) if plain else None
        pattern = self.patterns[model]
        if pattern is not None:
            return pattern.replace(str(self.ANY_PK), str(record.pk))
        return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""


class CommitteeOwnedModel(TrackedModel):
    """A record that belongs to one committee (本级) of the system."""

    committee = models.ForeignKey(
        "core.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published = models.BooleanField(
        _("published to members"),
        default=False,
        help_text=_("Members of this committee system may see a published record."),
    )

    class Meta:
        abstract = True
