"""The figures equal the records counted by hand, at every scope, period, industry, sector."""

import datetime

import pytest

from lvzhi.core import tallies
from lvzhi.reports import selectors

pytestmark = pytest.mark.django_db

KEYS = ("activities.consultations", "activities.investment_participations", "problems.resolved")


def figures(user, scope="all", industry=None, sector=None, **period):
    period = selectors.parse_period(period or {"year": 2024}, 2024)
    report = selectors.report(
        user, scope_value=scope, period=period, industry=industry, sector=sector, keys=KEYS
    )
    by_key = {f.indicator.key: f for f in report.figures}
    return tuple(by_key[k].values["n"] if by_key[k].values is not None else None for k in KEYS)


@pytest.mark.parametrize(
    "scope, expected",
    [("all", (4, 5, 2)), ("own", (2, 2, 1)), ("county", (1, 3, 1)), ("other", (1, 0, 0))],
)
def test_city_staff_per_scope(year, scope, expected):
    s = year.s
    value = {"county": str(s.county.pk), "other": str(s.other.pk)}.get(scope, scope)
    assert figures(s.alice, value) == expected


def test_county_staff_sees_only_its_county_even_when_asking_for_more(year):
    s = year.s
    assert figures(s.bob, "all") == (1, 3, 1)
    assert figures(s.bob, str(s.other.pk)) == (0, 0, 0)
    assert figures(s.bob, str(s.city.pk)) == (
        1,
        3,
        1,
    )  # the city with what lies below, as bob reads it


def test_a_leader_reads_the_same_as_the_office(year):
    assert figures(year.s.erin) == figures(year.s.alice)


@pytest.mark.parametrize(
    "period, expected",
    [
        ({"year": 2024, "quarter": 1}, (2, 2, 0)),
        ({"year": 2024, "quarter": 4}, (1, 0, 1)),
        ({"year": 2024, "month": 5}, (1, 0, 0)),
        ({"start": "2024-03-01", "end": "2024-07-08"}, (3, 3, 1)),
        ({"start": "2024-12-31", "end": "2025-01-15"}, (1, 0, 2)),
        ({"year": 2023}, (1, 0, 0)),
    ],
)
def test_periods(year, period, expected):
    assert figures(year.s.alice, **period) == expected


def test_an_industry_counts_its_chain_links_and_each_record_once(year):
    assert figures(year.s.alice, industry=year.sugar.pk) == (1, 0, 1)
    assert figures(year.s.alice, industry=year.sugar_link.pk) == (1, 0, 1)
    assert figures(year.s.alice, industry=year.other_industry.pk) == (0, 3, 0)


def test_a_sector_counts_the_records_of_its_members(year):
    assert figures(year.s.alice, sector=year.farming.pk) == (0, 1, 0)


def test_the_year_before_and_the_groupings(year):
    s = year.s
    period = selectors.parse_period({"year": 2024}, 2024)
    report = selectors.report(
        s.alice, scope_value="all", period=period, keys=KEYS, groupings=selectors.GROUPINGS
    )
    consultations, participations, resolved = (
        next(f for f in report.figures if f.indicator.key == k) for k in KEYS
    )
    assert consultations.previous == {"n": 1}
    assert consultations.groups["committee"] == {
        s.city.pk: {"n": 2},
        s.county.pk: {"n": 1},
        s.other.pk: {"n": 1},
    }
    assert consultations.groups["month"] == {
        datetime.date(2024, 3, 1): {"n": 2},
        datetime.date(2024, 5, 1): {"n": 1},
        datetime.date(2024, 11, 1): {"n": 1},
    }
    assert participations.groups["industry"] == {None: {"n": 2}, year.other_industry.pk: {"n": 3}}
    assert resolved.groups["month"] == {
        datetime.date(2024, 4, 1): {"n": 1},
        datetime.date(2024, 12, 1): {"n": 1},
    }


def test_each_grouping_is_one_query(year, django_assert_max_num_queries):
    period = selectors.parse_period({"year": 2024}, 2024)
    q = selectors.build_query(year.s.alice, scope_value="all", period=period)
    ind = selectors.all_indicators()[0]
    tallies.refresh()  # builds the summary tables
    for by in selectors.GROUPINGS:
        with django_assert_max_num_queries(1):
            selectors._counted_groups(ind, q, by)  # over the records
        with django_assert_max_num_queries(1):
            tallies.grouped(ind, q, by)  # over the summary tables


def test_the_report_asks_the_summary_tables_once_for_every_indicator(
    year, django_assert_max_num_queries
):
    period = selectors.parse_period({"year": 2024}, 2024)
    selectors.report(year.s.alice, scope_value="all", period=period)
    untallied = [i for i in selectors.all_indicators() if not tallies.tallied(i)]
    # scope (3) + refresh (2) + this year and the one before (2) + each grouping (4), and
    # the figures the tables do not keep counted over the records, each year and grouping
    with django_assert_max_num_queries(11 + 6 * len(untallied)):
        selectors.report(
            year.s.alice, scope_value="all", period=period, groupings=selectors.GROUPINGS
        )


@pytest.mark.parametrize(
    "params",
    [
        {"year": "1999"},
        {"year": "x"},
        {"year": 2024, "quarter": 5},
        {"start": "2024-01-01"},
        {"start": "2024-05-01", "end": "2024-01-01"},
        {"start": "2024-13-01", "end": "2024-12-01"},
    ],
)
def test_bad_periods_are_refused_with_a_message(params):
    with pytest.raises(selectors.PeriodError) as refused:
        selectors.parse_period(params, 2024)
    assert str(refused.value)


def test_drill_down_links_list_exactly_what_was_counted(year, client_for):
    s = year.s
    period = selectors.parse_period({"year": 2024}, 2024)
    report = selectors.report(s.alice, scope_value="all", period=period, keys=KEYS)
    client = client_for(s.alice)
    for figure in report.figures:
        page = client.get(figure.list_url)
        assert page.status_code == 200
        assert page.context["total"] == figure.values["n"], figure.list_url
