"""The year's scores are cached per committee (core.derived) and never shown stale: a
change through the services shows in the ranking at once. These tests commit (the version
is raised when a write commits), so they run in the second pass."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvzhi.activities import services
from lvzhi.activities.models import ActivityKind, Participation, Rule
from lvzhi.activities.ranking import year_scores
from lvzhi.core import derived
from lvzhi.core.services import record_save
from tests.conftest import reseed_data_migrations

from .test_scoring import rules, take_part  # noqa: F401 - the rule set fixture

pytestmark = [pytest.mark.flushes, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kinds(transactional_db):
    """The activity kinds, put back after an earlier committing test's flush."""
    reseed_data_migrations()
    return {k.code: k for k in ActivityKind.objects.all()}


def totals(client):
    data = client.get("/api/v1/scores/?year=2024&scope=all").json()["results"]
    return {row["name"]: float(row["total"]) for row in data}


def reads_participations(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return any("activities_participation" in q["sql"] for q in ctx.captured_queries)


def test_ranking_is_cached_until_a_score_input_changes(system, client_for, kinds, people, rules):  # noqa: F811
    activity_part = take_part(people.carol, kinds["research"], 3, role="lead")
    take_part(people.county, kinds["research"], 4)
    client = client_for(system.alice)
    url = reverse("activities:ranking") + "?year=2024"
    assert reads_participations(client, url)  # computed once …
    assert not reads_participations(client, url)  # … then read from the cache
    assert totals(client)["卡萝"] == 8  # lead: 8 points

    # attendance changed through the service: carol was absent, so no points
    services.attendance_bulk_set(
        actor=system.alice, activity=activity_part.activity, states={activity_part.pk: "absent"}
    )
    assert reads_participations(client, url)
    assert totals(client)["卡萝"] == 0

    # a rule's points changed through the service: every score under it moves at once
    rule = Rule.objects.get(label="活动")
    rule.points = 7
    record_save(actor=system.frank, instance=rule)
    assert totals(client)[people.county.person.name] == 7

    # a participation deleted through the service
    services.child_delete(
        actor=system.alice, instance=Participation.objects.get(member=people.county)
    )
    assert totals(client)[people.county.person.name] == 0


def test_inside_the_writing_transaction_the_cache_is_not_used(system, kinds, people, rules):  # noqa: F811
    part = take_part(people.carol, kinds["research"], 3, role="lead")
    committees = {people.carol.committee_id}
    assert year_scores(committees, 2024)[people.carol.pk].total == 8
    before = derived.version("scores")
    with transaction.atomic():
        services.attendance_bulk_set(
            actor=system.alice, activity=part.activity, states={part.pk: "absent"}
        )
        assert year_scores(committees, 2024)[people.carol.pk].total == 0
        assert derived.version("scores") == before  # raised only when it commits
    assert derived.version("scores") == before + 1
    assert year_scores(committees, 2024)[people.carol.pk].total == 0


def test_a_rolled_back_write_leaves_the_cache_in_use(system, kinds, people, rules):  # noqa: F811
    take_part(people.carol, kinds["research"], 3, role="lead")
    committees = {people.carol.committee_id}
    year_scores(committees, 2024)
    before = derived.version("scores")
    with pytest.raises(RuntimeError), transaction.atomic():
        Rule.objects.filter(label="活动").get().delete()
        raise RuntimeError
    assert derived.version("scores") == before
    assert not derived._pending("scores")
    assert year_scores(committees, 2024)[people.carol.pk].total == 8
