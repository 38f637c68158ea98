"""The figures of 社情民意 and outcomes as declared (core.indicators): each counts its records
by date, committee and industry through the lookups it names."""

import datetime

import pytest

from lvzhi.core.indicators import indicator
from lvzhi.proposals.models import Opinion
from lvzhi.proposals.services import opinion as services
from tests import factories as f

pytestmark = pytest.mark.django_db


def figure(key, *, committees=None, industry=None, year=2024):
    ind = indicator(key)
    qs = ind.queryset().filter(
        **{
            f"{ind.date_field}__gte": datetime.date(year, 1, 1),
            f"{ind.date_field}__lt": datetime.date(year + 1, 1, 1),
        }
    )
    if committees is not None:
        qs = qs.filter(**{f"{ind.committee_field}__in": committees})
    if industry is not None:
        qs = qs.filter(**{ind.industry_field: industry}).distinct()
    return qs.aggregate(**ind.aggregates)


def test_submitted_adopted_by_level_instructed_and_outcomes(system):
    sugar = f.IndustryFactory(name="糖业")
    issue = f.OpinionBulletinFactory(committee=system.county)
    day = datetime.date(2024, 5, 6)
    reports = []
    for title in ("甲", "乙", "丙"):
        o = services.opinion_submit(
            actor=system.bob,
            opinion=Opinion(committee=system.county, title=title, text="建议。"),
            m2m={"industries": [sugar] if title != "丙" else []},
            on=day,
        )
        reports.append(o)
    a, b, _c = reports
    for o in (a, b):
        services.opinion_accept(actor=system.bob, opinion=o)
        services.opinion_compile(actor=system.bob, opinion=o, bulletin=issue)
        services.opinion_forward(actor=system.bob, opinion=o, level="city", date=day)
        services.opinion_adopt(actor=system.bob, opinion=o, level="city", mode="single", date=day)
    services.opinion_forward(actor=system.bob, opinion=a, level="province", date=day)
    services.opinion_adopt(actor=system.bob, opinion=a, level="province", mode="combined", date=day)
    services.opinion_instruct(
        actor=system.bob,
        opinion=a,
        instructed_by="市长",
        instruction_level="city",
        date=day,
        text="请研究。",
    )
    f.OutcomeFactory(committee=system.city, issued_on=datetime.date(2024, 9, 10))
    f.OutcomeFactory(committee=system.city, issued_on=datetime.date(2023, 9, 10))

    assert figure("proposals.opinions_submitted")["n"] == 3
    assert figure("proposals.opinions_submitted", industry=sugar)["n"] == 2
    assert figure("proposals.opinions_submitted", committees=[system.other.pk])["n"] == 0
    assert figure("proposals.opinions_adopted") == {"n": 3, "city": 2, "province": 1, "national": 0}
    assert figure("proposals.opinions_adopted", committees=[system.county.pk])["n"] == 3
    assert figure("proposals.opinions_instructed")["n"] == 1
    assert figure("proposals.outcomes")["n"] == 1
    assert figure("proposals.opinions_submitted", year=2025)["n"] == 0
