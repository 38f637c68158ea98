"""The year's ranking of members by score, per committee and 界别, and its Excel export.

The scores behind it are kept in the cache per committee and year (`core.derived`, topic
`scoring.SCORES`): computing a year's scores of a thousand members reads every participation of
the year, while ranking them from the cache is a dictionary lookup. Any write to the
records a score is made of raises the topic's version, so a change shows at once.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _

from lvzhi.activities.scoring import SCORES, compute_scores
from lvzhi.core import derived
from lvzhi.core.excel import xlsx_response
from lvzhi.core.models import Member


class Standing(NamedTuple):
    total: object
    grade: str


def year_scores(committee_ids, year) -> dict[int, Standing]:
    """{member id: Standing} of every member of these committees for `year`."""

    def compute(keys):
        ids = [int(k.split(":")[1]) for k in keys]
        pairs = list(Member.objects.filter(committee_id__in=ids).values_list("pk", "committee_id"))
        scores = compute_scores(pairs, year, explain=False)
        out = {k: {} for k in keys}
        for member_id, committee_id in pairs:
            score = scores[member_id]
            out[f"{year}:{committee_id}"][member_id] = Standing(score.total, score.grade)
        return out

    per_committee = derived.get_many(
        SCORES, [f"{year}:{c}" for c in sorted(committee_ids)], compute
    )
    return {mid: s for standings in per_committee.values() for mid, s in standings.items()}


def ranking_rows(members, year):
    """[(rank, member, standing)] best first; equal totals share a rank."""
    members = list(members)
    scores = year_scores({m.committee_id for m in members}, year)
    ordered = sorted(members, key=lambda m: (-scores[m.pk].total, m.person.name, m.pk))
    rows, rank, previous = [], 0, None
    for i, m in enumerate(ordered, start=1):
        total = scores[m.pk].total
        if total != previous:
            rank, previous = i, total
        rows.append((rank, m, scores[m.pk]))
    return rows


def ranking_xlsx(rows, year):
    headers = [_("rank"), _("full name"), _("committee"), _("sector"), _("Score"), _("grade")]
    data = (
        [rank, m.person.name, m.committee.label, m.sector.name, float(s.total), s.grade]
        for rank, m, s in rows
    )
    label = _("score ranking")
    return xlsx_response(f"{label}-{year}.xlsx", str(year), headers, data)
