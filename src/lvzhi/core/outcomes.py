"""成果转化 — the link point between an outcome and the records that led to it.

A record type declares that its records can lead to an outcome (a policy document, an
implementation plan, a leader's instruction) with `outcome_source = True`; research reports,
their 问题清单 / 操作指南 items, activities, 社情民意 and proposals do. The app that keeps the
outcomes registers one provider from its AppConfig.ready():

    outcomes.register(outcomes_of)   # outcomes_of(record, user) -> the outcomes `user` may
                                     # see that name `record` among their sources

From it core shows "转化成果" on every source's page ({% outcomes object %}), and the outcome's
source picker searches every source type at once (`search`, /autocomplete/outcome-sources/).
A source is named across types as "app_label.model:pk" (`source_key`, `resolve`), so no
pillar app imports another to link them.
"""

from django.apps import apps

from lvzhi.core.pickers import AUTOCOMPLETE_LIMIT
from lvzhi.core.records import REGISTRY, record_type

_PROVIDERS: list = []


def register(provider) -> None:
    """Declare where outcomes come from: provider(record, user) -> list of outcomes."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def source_types() -> list:
    """The record types whose records may be an outcome's source, in a stable order."""
    return sorted(
        (t for t in REGISTRY.values() if t.outcome_source),
        key=lambda t: t.model._meta.label_lower,
    )


def is_source(record) -> bool:
    config = record_type(record)
    return bool(config and config.outcome_source)


def outcomes_of(record, user) -> list:
    """The outcomes `user` may see that `record` led to (empty for a type that is no source)."""
    if not is_source(record):
        return []
    return [outcome for provider in _PROVIDERS for outcome in provider(record, user)]


def source_key(record) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def source_label(record) -> str:
    return f"{record._meta.verbose_name}：{record}"


def resolve(key: str, user):
    """The source record named `key` ("app_label.model:pk") if `user` may see it, else None."""
    label, _sep, pk = (key or "").partition(":")
    if not pk.isdigit():
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    config = record_type(model)
    if config is None or not config.outcome_source:
        return None
    return config.queryset(user).filter(pk=int(pk)).first()


def search(words: str, request, limit: int = AUTOCOMPLETE_LIMIT) -> list[dict]:
    """Sources of every type that the requesting user may see matching `words`:
    [{"id": key, "text": …}], a share of `limit` for each type so none crowds out the rest."""
    types = source_types()
    share = max(1, -(-limit // max(1, len(types))))
    results = []
    for config in types:
        queryset = config.queryset(request.user)
        if words and config.filterset is not None:
            filterset = config.filterset({"q": words}, queryset=queryset, request=request)
            queryset = filterset.qs if filterset.is_valid() else queryset.none()
        related = getattr(config.model, "label_related", ())
        if related:
            queryset = queryset.select_related(*related)
        results += [{"id": source_key(obj), "text": source_label(obj)} for obj in queryset[:share]]
    return results[:limit]
