"""The proposal list page at any size: a fixed number of queries, the count capped, no
DISTINCT over the list (each filter is a column or a subquery), newest first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvzhi.core.paging import COUNT_CAP
from lvzhi.proposals.models import ProposalAssignment

FILTERS = [
    {},
    {"year": 2024},
    {"year": 2024, "state": ["submitted", "assigned"]},
    {"unit": "UNIT"},
    {"scope": "COUNTY"},
]


def _add(pp, n):
    for i in range(n):
        p = pp.to(pp.new(title=f"关于第{i}项工作的建议"), "submitted")
        ProposalAssignment.objects.get_or_create(
            proposal=p, department=pp.unit, defaults={"role": "lead"}
        )


def _get(client, params, pp):
    params = {
        k: {"UNIT": pp.unit.pk, "COUNTY": pp.s.county.pk}.get(v, v) if isinstance(v, str) else v
        for k, v in params.items()
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("proposals:proposal_list"), params)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: ",".join(p) or "none")
def test_the_list_costs_the_same_with_more_proposals(pp, client_for, params):
    client = client_for(pp.s.bob)
    _add(pp, 2)
    _get(client, params, pp)  # caches warm
    small_page, small = _get(client, params, pp)
    _add(pp, 8)
    large_page, large = _get(client, params, pp)
    assert len(large) == len(small), "\n".join(large)
    listed = [q for q in large if q.startswith('SELECT "proposals_proposal"."id"')]
    assert len(listed) == 1 and "DISTINCT" not in listed[0]
    assert (
        'ORDER BY "proposals_proposal"."created_at" DESC, "proposals_proposal"."id" DESC'
        in (listed[0])
    )
    counted = [q for q in large if "COUNT(" in q and "proposals_proposal" in q]
    assert len(counted) == 1 and f"LIMIT {COUNT_CAP + 1}" in counted[0]
    # what the office sees: the newest proposal first, ten of them
    rows = large_page.context["table"].paginated_rows
    assert len(rows) == 10
    assert rows[0].record.title == "关于第7项工作的建议"
