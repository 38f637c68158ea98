"""Sections of a member's duty record (履职档案) that other apps contribute.

The duty record page (activities) shows the member's activities and the explained score;
every other app that holds a member's duty work (problems coordinated, proposals, 社情民意 …)
declares a section from its AppConfig.ready(), so the page never imports those apps:

    register_section(DutySection(
        key="problems",
        title=_("Problems coordinated"),
        entries=problems_of,      # entries(member, year) -> list[DutyEntry], date order
        order=20,
    ))

The page asks each section only after it has checked that the reader may see the member;
the entries are the member's own record, as the activities are.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DutyEntry:
    date: datetime.date | None
    title: str
    url: str = ""
    #: what the entry is (提案, 社情民意 …) and where it stands (已采用 …)
    kind: str = ""
    status: str = ""


@dataclass(frozen=True)
class DutySection:
    key: str
    title: str
    entries: Callable[[object, int], list[DutyEntry]]
    order: int = 100


_SECTIONS: dict[str, DutySection] = {}


def register_section(section: DutySection) -> DutySection:
    _SECTIONS[section.key] = section
    return section


def sections() -> list[DutySection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def entries_for(member, year: int) -> list[tuple[DutySection, list[DutyEntry]]]:
    """Every declared section with the member's entries of `year` (sections left empty too:
    the record says "none" rather than hiding what was asked)."""
    return [(section, list(section.entries(member, year))) for section in sections()]
