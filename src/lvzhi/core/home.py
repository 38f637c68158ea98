"""The home page's "what to do next": pillar apps declare what waits for a user.

    home.register_todos(problem_todos)        # fn(user) -> iterable of Todo
    home.register_section(figures_section)    # fn(request) -> HTML or "" (e.g. the figures)

Core asks every provider and shows what they return, the most pressing first; it never
imports a pillar app. A provider returns nothing for a user it has nothing for, and counts
in a few aggregate queries (the home page is every user's first page).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: how pressing a to-do is: overdue first, then what waits for the user, then for notice
URGENT, ACTION, NOTICE = "urgent", "action", "notice"
_RANK = {URGENT: 0, ACTION: 1, NOTICE: 2}


@dataclass(frozen=True)
class Todo:
    label: str
    count: int
    url: str
    level: str = ACTION
    icon: str = "check2-square"
    #: the earliest deadline among the items, when they have one
    due: object = None


def list_url(url_name: str, **params) -> str:
    """A list page filtered to the items a to-do counts (a list value repeats the
    parameter)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return f"{reverse(url_name)}?{urlencode(params, doseq=True)}"


_TODOS: list[Callable] = []
_SECTIONS: list[tuple[int, Callable]] = []


def register_todos(provider: Callable[[object], Iterable[Todo]]) -> None:
    if provider not in _TODOS:
        _TODOS.append(provider)


def register_section(provider: Callable, order: int = 100) -> None:
    if all(p is not provider for _o, p in _SECTIONS):
        _SECTIONS.append((order, provider))


def todos_for(user) -> list[Todo]:
    items = [t for provider in _TODOS for t in provider(user) if t.count]
    return sorted(items, key=lambda t: (_RANK.get(t.level, 9), t.due is None, t.due or 0))


def sections_for(request) -> list[str]:
    out = []
    for _order, provider in sorted(_SECTIONS, key=lambda s: s[0]):
        html = provider(request)
        if html:
            out.append(html)
    return out
