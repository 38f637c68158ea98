"""The activities demo: the article's 2024 counts, loaded through services, reset cleanly."""

import datetime

import pytest
from django.core.management import call_command

from lvzhi.activities import models
from lvzhi.activities.scoring import compute_scores
from lvzhi.core.demo.loader import reset_demo
from lvzhi.core.demo.structure import DEMO_ACTOR_USERNAME
from lvzhi.core.models import Member
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_pillars("activities"):
        call_command("demo", verbosity=0)
        yield
        reset_demo()


def in_2024(**kw):
    return models.Activity.objects.filter(
        start_date__gte=datetime.date(2024, 1, 1), start_date__lt=datetime.date(2025, 1, 1), **kw
    )


@pytest.mark.usefixtures("loaded")
class TestDemo:
    def test_counts_match_the_article(self):
        assert 80 < in_2024(kind__code="consultation").count() < 90  # 80余场
        assert in_2024(kind__code="enterprise-visit", group__isnull=False).count() == 180
        investment = models.Participation.objects.filter(
            activity__in=in_2024(kind__code="investment")
        ).count()
        assert 350 < investment < 360  # 350多场（次）
        exchange = in_2024(kind__code="exchange").get()
        assert exchange.start_date.month == 11 and exchange.place == "武宣县"
        assert in_2024(kind__code="lecture").exists()
        inspection = in_2024(kind__code="inspection").get()
        assert inspection.items.filter(kind="suggestion").count() == 21  # 20余条建议
        research = in_2024(kind__code="research").first()
        assert research.items.filter(kind="problem").exists()
        assert research.items.filter(kind="guide").exists()
        assert models.Activity.objects.filter(start_date__year=2025).exists()

    def test_cases_and_history(self):
        li = models.MemberCase.objects.get(member__person__name="黎胜国")
        assert (li.jobs_created, li.investment, li.investment_is_annual) == (350, 3000, True)
        lin = models.MemberCase.objects.get(member__person__name="林伟民")
        assert lin.investment == 18000
        assert not models.Activity.history.exclude(
            history_user__username=DEMO_ACTOR_USERNAME
        ).exists()

    def test_scores_use_the_year_rule_set(self):
        members = list(Member.objects.filter(committee__name="来宾市政协"))
        scores = compute_scores(members, 2024)
        assert any(s.total > 0 for s in scores.values())
        assert {s.ruleset.year for s in scores.values()} == {2024}
        assert {s.ruleset.year for s in compute_scores(members, 2025).values()} == {2025}

    def test_second_run_adds_nothing(self):
        from types import SimpleNamespace

        from lvzhi.activities.demo import load
        from lvzhi.core.models import Committee

        before = models.Activity.objects.count(), models.Participation.objects.count()
        load(SimpleNamespace(committees={"lb": Committee.objects.get(name="来宾市政协")}))
        assert (models.Activity.objects.count(), models.Participation.objects.count()) == before
