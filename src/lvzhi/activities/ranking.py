"""The year's ranking of members by score, per committee and 界别, and its Excel export."""

from django.utils.translation import gettext as _

from lvzhi.activities.scoring import compute_scores
from lvzhi.core.excel import xlsx_response


def ranking_rows(members, year):
    """[(rank, member, score)] best first; equal totals share a rank."""
    members = list(members)
    scores = compute_scores(members, year, explain=False)
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
