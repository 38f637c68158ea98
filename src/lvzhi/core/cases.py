"""典型案例 — the link point between a member case and the records it is about.

A record type whose records a case can be about (a project a member brought, a pairing
they lead, a financing match they brokered) declares `case_impact = staticmethod(fn)`,
fn(record) -> {"investment": 万元, "jobs": n, "output_value": 万元}; the app that keeps the
cases links them by key (core.links) and shows each record with its figures and their sum,
so the figures are read from the records rather than typed again.
"""

from decimal import Decimal

from lvzhi.core.links import LinkPoint
from lvzhi.core.records import record_type

#: the record types a member case may be about
SUBJECTS = LinkPoint(lambda t: t.case_impact is not None)
#: the figures a case shows, in order
FIGURES = ("investment", "jobs", "output_value")


def impact(record) -> dict:
    """The record's figures (FIGURES, None where it has none)."""
    found = record_type(record).case_impact(record) or {}
    return {name: found.get(name) for name in FIGURES}


def total(impacts) -> dict:
    """The sum of each figure over `impacts` (None where no record has it)."""
    out = dict.fromkeys(FIGURES)
    for figures in impacts:
        for name in FIGURES:
            if figures.get(name) is not None:
                out[name] = (out[name] or Decimal(0)) + Decimal(figures[name])
    return out
