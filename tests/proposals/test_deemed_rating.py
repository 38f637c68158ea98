"""A reply not rated in time: the daily pass records the default rating (视为满意) on the
proposal, as the system user, and the page and the figures show the stored value."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from lvzhi.core.deadlines import daily_pass
from lvzhi.core.services import system_user
from lvzhi.proposals.models import Proposal


def _released(pp, days_ago=40):
    on = timezone.localdate() - timedelta(days=days_ago)
    return pp.to(pp.new(), "released", on=on)


def test_the_daily_pass_records_the_default_rating_as_deemed(pp, system):
    proposal = _released(pp)
    rated_in_time = pp.to(pp.new(title="关于按时评价的建议"), "rated")
    rate_by = proposal.rate_by

    assert daily_pass(today=rate_by)["lapsed"] == 0  # the last day to rate is still open
    counts = daily_pass(today=rate_by + timedelta(days=1))

    proposal = Proposal.objects.get(pk=proposal.pk)
    assert counts["lapsed"] == 1
    assert (proposal.state, proposal.handling_rating, proposal.result_rating) == (
        "rated",
        "satisfied",
        "satisfied",
    )
    assert proposal.rating_deemed
    (rating,) = proposal.ratings.all()
    assert rating.deemed and rating.rated_by == system_user() and not rating.by_office
    step = proposal.transitions.order_by("-id").first()
    assert (step.action, step.from_state, step.to_state, step.actor) == (
        "deem_rated",
        "released",
        "rated",
        system_user(),
    )
    assert proposal.history.first().history_user == system_user()
    # the proposer's own rating is left alone; a second run does nothing
    assert not Proposal.objects.get(pk=rated_in_time.pk).rating_deemed
    assert daily_pass(today=rate_by + timedelta(days=2))["lapsed"] == 0
    assert proposal.ratings.count() == 1


@override_settings(PROPOSALS_UNRATED_COUNTS_AS="basically")
def test_the_default_is_a_setting(pp, system):
    proposal = _released(pp)
    daily_pass(today=proposal.rate_by + timedelta(days=1))
    assert Proposal.objects.get(pk=proposal.pk).result_rating == "basically"


def test_the_page_says_the_rating_was_deemed_and_the_figures_read_it(
    pp, system, client_for, api_for
):
    proposal = _released(pp)
    figures = client_for(system.bob).get(reverse("proposals:figures"), {"year": 2024})
    satisfied = figures.context["f"]["ratings"][0]
    assert (satisfied["n"], figures.context["f"]["unrated_counted"]) == (0, 0)

    daily_pass(today=proposal.rate_by + timedelta(days=1))
    page = client_for(system.carol).get(proposal.get_absolute_url()).content.decode()
    assert "视为满意" in page and "非提案者本人评价" in page
    api = api_for(system.carol).get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert (api["result_rating"], api["rating_deemed"]) == ("satisfied", True)
    figures = client_for(system.bob).get(reverse("proposals:figures"), {"year": 2024})
    satisfied = figures.context["f"]["ratings"][0]
    assert (satisfied["n"], satisfied["share"], figures.context["f"]["unrated_counted"]) == (
        1,
        100.0,
        1,
    )
    assert "1件答复未按时评价，按默认评价计" in figures.content.decode()
