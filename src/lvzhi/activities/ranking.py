"""The year's ranking of members by score, per committee and 界别, and its Excel export.

The scores behind it are kept in the cache per committee and year (`core.derived`, topic
`core.points.SCORES`): computing a year's scores of a thousand members reads every participation of
the year, while ranking them from the cache is a dictionary lookup. Any write to the
records a score is made of raises the topic's version, so a change shows at once.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _

from lvzhi.activities.scoring import compute_scores
from lvzhi.core import derived
from lvzhi.core.excel import xlsx_response
from lvzhi.core.models import Member
from lvzhi.core.points import SCORES


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


def ranking_keys(members, year):
    """[(rank, member id, standing)] of the members (a queryset) best first; equal totals
    share a rank. Sorting needs only ids, committees and names: no Member objects."""
    keys = list(members.values_list("pk", "committee_id", "person__name"))
    scores = year_scores({committee for _pk, committee, _name in keys}, year)
    keys.sort(key=lambda k: (-scores[k[0]].total, k[2], k[0]))
    rows, rank, previous = [], 0, None
    for i, (pk, _committee, _name) in enumerate(keys, start=1):
        total = scores[pk].total
        if total != previous:
            rank, previous = i, total
        rows.append((rank, pk, scores[pk]))
    return rows


def with_members(rows, members):
    """[(rank, member, standing)]: the rows' Member objects, loaded for these rows only."""
    found = members.in_bulk([pk for _rank, pk, _s in rows])
    return [(rank, found[pk], standing) for rank, pk, standing in rows]


def ranking_rows(members, year):
    """[(rank, member, standing)] best first, every member (the export)."""
    return with_members(ranking_keys(members, year), members)


def ranking_xlsx(rows, year):
    headers = [_("rank"), _("full name"), _("committee"), _("sector"), _("Score"), _("grade")]
    data = (
        [rank, m.person.name, m.committee.label, m.sector.name, float(s.total), s.grade]
        for rank, m, s in rows
    )
    label = _("score ranking")
    return xlsx_response(f"{label}-{year}.xlsx", str(year), headers, data)
