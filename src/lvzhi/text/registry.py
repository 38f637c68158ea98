"""Which record types carry searchable text, and how to read it.

A pillar app registers its models once, from its AppConfig.ready():

    from lvzhi.text import registry
    registry.register(Proposal, title="title", body=("body", "reason"), year="submitted_on")

`title`, `body` and `year` are a field name, a tuple of field names, or a callable taking the
instance. The default year is the year the record was created. A record type whose text has
a case and what it proposes (a proposal's 案由 and analysis, and its suggestions) names them
as `sections=(case, suggestions)`, two getters of the same kind: 查重 then compares
suggestions with suggestions and case with case where both records have them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Getter = str | tuple[str, ...] | Callable[[Any], Any]


@dataclass(frozen=True)
class Registration:
    model: type
    title: Getter
    body: Getter
    year: Getter | None = None
    #: its records are checked for near-duplicates (查重): the index keeps their content
    #: words; for the others 查重 reads the text when asked (saves an import the work)
    compares: bool = True
    #: (case, suggestions): the two parts of the body 查重 compares part with part
    sections: tuple[Getter, Getter] | None = None

    @property
    def kind(self) -> str:
        """A stable name for the record type, e.g. "core.enterprise"."""
        return self.model._meta.label_lower

    @property
    def label(self):
        return self.model._meta.verbose_name

    @property
    def reads_fields_only(self) -> bool:
        """True when title, body and year are field names (no callable needs an instance)."""
        getters = (self.title, self.body, self.year, *(self.sections or ()))
        return not any(callable(g) for g in getters)

    def read(self, instance, getter) -> str:
        if callable(getter):
            value = getter(instance)
        elif isinstance(getter, tuple):
            value = "\n".join(str(getattr(instance, name) or "") for name in getter)
        else:
            value = getattr(instance, getter)
        return "" if value is None else str(value)

    def title_of(self, instance) -> str:
        return self.read(instance, self.title).strip()

    def body_of(self, instance) -> str:
        return self.read(instance, self.body).strip()

    def sections_of(self, instance) -> tuple[str, str] | None:
        """(case, suggestions) of a record whose type names them, else None."""
        if self.sections is None:
            return None
        case, suggestions = self.sections
        return self.read(instance, case).strip(), self.read(instance, suggestions).strip()

    def year_of(self, instance) -> int | None:
        if self.year is None:
            value = getattr(instance, "created_at", None)
        elif callable(self.year):
            value = self.year(instance)
        else:
            value = getattr(instance, self.year)
        if value is None or value == "":
            return None
        return value if isinstance(value, int) else getattr(value, "year", None)


_registry: dict[str, Registration] = {}


def register(
    model,
    *,
    title: Getter,
    body: Getter,
    year: Getter | None = None,
    compares: bool = True,
    sections: tuple[Getter, Getter] | None = None,
) -> Registration:
    reg = Registration(
        model=model, title=title, body=body, year=year, compares=compares, sections=sections
    )
    _registry[reg.kind] = reg
    return reg


def unregister(model) -> None:
    _registry.pop(model._meta.label_lower, None)


def get(kind_or_model) -> Registration | None:
    kind = kind_or_model if isinstance(kind_or_model, str) else kind_or_model._meta.label_lower
    return _registry.get(kind)


def registrations() -> list[Registration]:
    return list(_registry.values())


def kinds() -> list[str]:
    return list(_registry)
