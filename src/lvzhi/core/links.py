"""Link points: a record of one app names records of other apps without importing them.

A link point accepts the record types that declare it (`accepts(record_type)`); a linked
record is named across types as "app_label.model:pk" (`key`), found again for a user who
may see it (`resolve`) and searched across every accepted type at once (`search`, for a
picker). 成果转化 (core.outcomes: an outcome's sources) and 典型案例 (core.cases: what a
member case is about) are link points.
"""

from django.apps import apps

from lvzhi.core.pickers import AUTOCOMPLETE_LIMIT
from lvzhi.core.records import REGISTRY, record_type


def key(record) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def label(record) -> str:
    return f"{record._meta.verbose_name}：{record}"


class LinkPoint:
    def __init__(self, accepts):
        #: accepts(record_type) -> bool: may its records be linked here?
        self.accepts = accepts

    def types(self) -> list:
        """The record types accepted, in a stable order."""
        return sorted(
            (t for t in REGISTRY.values() if self.accepts(t)),
            key=lambda t: t.model._meta.label_lower,
        )

    def accepts_record(self, record) -> bool:
        config = record_type(record)
        return bool(config and self.accepts(config))

    def resolve(self, name: str, user):
        """The record named `name` ("app_label.model:pk") if it is accepted here and `user`
        may see it, else None."""
        model_label, _sep, pk = (name or "").partition(":")
        if not pk.isdigit():
            return None
        try:
            model = apps.get_model(model_label)
        except (LookupError, ValueError):
            return None
        config = record_type(model)
        if config is None or not self.accepts(config):
            return None
        return config.queryset(user).filter(pk=int(pk)).first()

    def search(self, words: str, request, limit: int = AUTOCOMPLETE_LIMIT) -> list[dict]:
        """Records of every accepted type that the requesting user may see matching
        `words`: [{"id": key, "text": …}], a share of `limit` for each type so none crowds
        out the rest."""
        types = self.types()
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
            results += [{"id": key(obj), "text": label(obj)} for obj in queryset[:share]]
        return results[:limit]
