"""The demo holds the article's projects with their figures, volume across the pipeline,
two 政银企 events' needs and the 32 百企扶百村 pairs."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from lvzhi.core.demo import calendar
from lvzhi.investment.choices import MatchStatus, Stage
from lvzhi.investment.models import (
    FinancingMatch,
    FinancingNeed,
    InvestmentProject,
    Pairing,
    SupportRecord,
)
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db


def test_demo_has_the_articles_projects_volume_financing_and_32_pairs():
    with demo_pillars("investment"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    yihuang = InvestmentProject.objects.get(name="年产1000万平方米绿色建筑新材料项目")
    assert yihuang.state == Stage.INTENTION and yihuang.intention_on.year == 2025
    assert (yihuang.capacity_value, yihuang.capacity_unit) == (Decimal(10_000_000), "平方米")
    assert yihuang.chain_link.name == "绿色建筑新材料"
    dongtang = InvestmentProject.objects.get(name="广西东糖集团制糖技术改造项目")
    assert dongtang.planned_investment == Decimal(18000)  # 1.8亿元 in 万元
    assert dongtang.credits.get().member.person.name == "林伟民"
    port = InvestmentProject.objects.get(name="武宣港区龙从作业区承包经营项目")
    assert port.jobs_created == 350 and port.credits.get().member.person.name == "黎胜国"
    assert InvestmentProject.objects.filter(industry__name="钙基新材料", started_on__isnull=False)
    assert InvestmentProject.objects.filter(industry__name="竹浆纸一体化", started_on__isnull=False)
    assert InvestmentProject.objects.count() >= 150
    assert set(InvestmentProject.objects.values_list("state", flat=True)) == set(Stage.values)
    assert FinancingMatch.objects.values("matched_on").distinct().count() == 2
    assert Pairing.objects.count() == 32
    assert Pairing.objects.values("village").distinct().count() == 32
    assert SupportRecord.objects.count() >= 64
    years = {d.year for d in InvestmentProject.objects.values_list("last_progress_on", flat=True)}
    living = calendar.living()
    assert years <= {2024, 2025, *([living.year] if living else [])}
    assert not InvestmentProject.objects.filter(published=True).exists()


def test_every_demo_record_looks_made_through_the_services():
    """History for every record; a signed project's agreed start; a bank's outcome as the
    steps the bank records, dated as the match says."""
    with demo_pillars("investment"):
        call_command("demo", stdout=StringIO(), stderr=StringIO())
    for model in (InvestmentProject, FinancingNeed, FinancingMatch, Pairing, SupportRecord):
        kept = set(model.history.values_list("id", flat=True))
        assert set(model.objects.values_list("pk", flat=True)) <= kept, model.__name__
    signed = InvestmentProject.objects.filter(contracted_on__isnull=False)
    assert signed.exists() and not signed.filter(start_due_on__isnull=True).exists()
    steps = {
        MatchStatus.MATCHING: [],
        MatchStatus.GRANTED: [("grant", "granted_on")],
        MatchStatus.DISBURSED: [("grant", "granted_on"), ("disburse", "disbursed_on")],
        MatchStatus.FAILED: [("decline", None)],
    }
    outcomes = set()
    for match in FinancingMatch.objects.all():
        outcomes.add(match.status)
        expected = steps[match.status]
        logged = [(t.action, t.at.date()) for t in match.transitions.all()]
        assert [a for a, _day in logged] == [a for a, _f in expected], match.pk
        for (_action, day), (_a, field) in zip(logged, expected, strict=True):
            if field:
                assert day == getattr(match, field), match.pk
        assert match.history.count() == 1 + len(expected)
        if match.status == MatchStatus.FAILED:
            assert match.failure_reason and match.transitions.get().comment
    assert outcomes == set(MatchStatus.values)
