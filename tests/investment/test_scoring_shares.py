"""履职积分 of a project credited to several members: each gets the `project_landed` rule's
points in proportion to the share, shown to one decimal in the explained score, the duty
record and the ranking."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from lvzhi.activities.scoring import compute_scores
from lvzhi.investment import services
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 3)


@pytest.fixture
def shared(iv):
    """iv.project credited 60 % to carol and 40 % to 黎胜国, construction started in 2024;
    the county's rule pays 10 points per project landed."""
    iv.other_seat = f.MemberFactory(
        committee=iv.s.county, person=f.PersonFactory(committee=iv.s.county, name="黎胜国")
    )
    services.project_credit(actor=iv.s.bob, project=iv.project, member=iv.carol_seat, share=60)
    services.project_credit(actor=iv.s.bob, project=iv.project, member=iv.other_seat, share=40)
    services.project_skip(
        actor=iv.s.bob, project=iv.project, to_stage="started", reason="已开工", date=DAY
    )
    ruleset = f.RuleSetFactory(committee=iv.s.county, year=2024)
    f.RuleFactory(
        ruleset=ruleset, label="招商项目落地", event="project_landed", points=10, unit="item"
    )
    return iv


def test_two_members_credited_60_40_get_60_and_40_percent_of_the_rules_points(shared):
    scores = compute_scores([shared.carol_seat, shared.other_seat], 2024)
    carol, other = scores[shared.carol_seat.pk], scores[shared.other_seat.pk]
    assert (carol.total, other.total) == (Decimal("6.0"), Decimal("4.0"))
    assert [(line.units_shown, line.base, line.points) for line in carol.lines] == [
        ("1 × 60%", Decimal("6.0"), Decimal("6.0"))
    ]


def test_a_share_that_does_not_divide_evenly_is_kept_to_one_decimal(shared):
    services.project_credit(
        actor=shared.s.bob, project=shared.project, member=shared.other_seat, share=0
    )
    services.project_credit(
        actor=shared.s.bob,
        project=shared.project,
        member=shared.carol_seat,
        share=Decimal("33.33"),
    )
    score = compute_scores([shared.carol_seat], 2024)[shared.carol_seat.pk]
    assert score.total == Decimal("3.3")


def test_the_duty_record_and_the_ranking_show_the_part(shared, client_for):
    url = reverse("activities:duty_record", args=[shared.carol_seat.pk]) + "?year=2024"
    page = client_for(shared.s.carol).get(url).content.decode()
    assert "1 × 60%" in page and "6.0" in page
    # the department responsible for the project does not see a member's duty record
    assert client_for(shared.s.dave).get(url).status_code == 404
    ranking = client_for(shared.s.bob).get(reverse("activities:ranking"), {"year": 2024})
    rows = {m.person.name: s.total for _rank, m, s in ranking.context["page"].object_list}
    assert rows["黎胜国"] == Decimal("4.0") and rows["卡萝"] == Decimal("6.0")


def test_the_score_api_gives_the_part_and_the_points(shared, api_for):
    data = api_for(shared.s.bob).get(f"/api/v1/scores/{shared.other_seat.pk}/?year=2024").json()
    assert data["total"] == "4.0"
    assert [(line["weight"], line["points"]) for line in data["lines"]] == [("0.4000", "4.0")]
