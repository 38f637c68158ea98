"""成果转化 — the link point between an outcome and the records that led to it.

A record type declares that its records can lead to an outcome (a policy document, an
implementation plan, a leader's instruction) with `outcome_source = True`; research reports,
their 问题清单 / 操作指南 items, activities, 社情民意 and proposals do. The app that keeps the
outcomes registers one provider from its AppConfig.ready():

    outcomes.register(outcomes_of)   # outcomes_of(record, user) -> the outcomes `user` may
                                     # see that name `record` among their sources

From it core shows "转化成果" on every source's page ({% outcomes object %}), and the outcome's
source picker searches every source type at once (`search`, /autocomplete/outcome-sources/).
A source is named across types as "app_label.model:pk" (`source_key`, `resolve`: a
core.links link point), so no pillar app imports another to link them.
"""

from lvzhi.core.links import LinkPoint, key, label

#: the record types whose records may be an outcome's source
SOURCES = LinkPoint(lambda t: t.outcome_source)

_PROVIDERS: list = []


def register(provider) -> None:
    """Declare where outcomes come from: provider(record, user) -> list of outcomes."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


source_types = SOURCES.types
is_source = SOURCES.accepts_record
resolve = SOURCES.resolve
search = SOURCES.search
source_key = key
source_label = label


def outcomes_of(record, user) -> list:
    """The outcomes `user` may see that `record` led to (empty for a type that is no source)."""
    if not is_source(record):
        return []
    return [outcome for provider in _PROVIDERS for outcome in provider(record, user)]
