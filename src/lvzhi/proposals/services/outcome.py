"""成果转化: linking an outcome to the records it came from, and reading the links back."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.core import outcomes, permissions

from ..models import Outcome, OutcomeSource


def outcome_add_source(*, actor, outcome: Outcome, source, note="") -> OutcomeSource:
    """Name `source` (a record of a source type that `actor` may see) as one of the records
    `outcome` came from."""
    if not permissions.can_change(actor, outcome):
        raise PermissionDenied(_("You may not change this record."))
    if source is None or not outcomes.is_source(source):
        raise ValidationError({"source": _("Choose a record this outcome came from.")})
    if outcomes.resolve(outcomes.source_key(source), actor) is None:
        raise ValidationError({"source": _("Choose a record this outcome came from.")})
    content_type = ContentType.objects.get_for_model(source)
    with transaction.atomic():
        if OutcomeSource.objects.filter(
            outcome=outcome, source_type=content_type, source_id=source.pk
        ).exists():
            raise ValidationError({"source": _("This record is already a source of it.")})
        link = OutcomeSource(
            outcome=outcome, source_type=content_type, source_id=source.pk, note=note
        )
        link._history_user = actor
        link.save()
    return link


def outcome_remove_source(*, actor, link: OutcomeSource) -> None:
    if not permissions.can_change(actor, link.outcome):
        raise PermissionDenied(_("You may not change this record."))
    link._history_user = actor
    link.delete()


def outcomes_of(record, user) -> list:
    """The outcomes `user` may see that name `record` as a source (core.outcomes provider)."""
    content_type = ContentType.objects.get_for_model(record)
    return list(
        Outcome.objects.visible_to(user)
        .filter(sources__source_type=content_type, sources__source_id=record.pk)
        .distinct()
    )


def source_chain(outcome, user) -> list[tuple]:
    """(link, record or None, its type's name) for each source: None where `user` may not see the record —
    the page says a source exists without showing it."""
    links = list(outcome.sources.select_related("source_type"))
    by_type = {}
    for link in links:
        by_type.setdefault(link.source_type, []).append(link.source_id)
    seen = {}
    for content_type, ids in by_type.items():
        model = content_type.model_class()
        if model is None:
            continue
        for record in model.objects.visible_to(user).filter(pk__in=ids):
            seen[(content_type.pk, record.pk)] = record
    return [
        (
            link,
            seen.get((link.source_type_id, link.source_id)),
            getattr(link.source_type.model_class(), "_meta", None)
            and link.source_type.model_class()._meta.verbose_name,
        )
        for link in links
    ]
