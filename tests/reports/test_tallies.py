"""The figures' summary tables (core.tallies) always equal a recount of the records."""

import datetime
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lvzhi.activities.models import Activity, ActivityKind, Participation
from lvzhi.core import tallies
from lvzhi.core.indicators import Indicator, all_indicators, indicator, register, unregister
from lvzhi.core.models import Tally, TallyMark, TallyState
from lvzhi.problems.models import Problem
from lvzhi.reports import selectors
from tests import factories as f

D = datetime.date
PERIODS = [{"year": 2024}, {"year": 2024, "quarter": 2}]


#: the indicators the random writes change
WRITTEN = {
    "activities.consultations",
    "activities.investment_trips",
    "activities.investment_participations",
    "problems.received",
    "problems.resolved",
    "problems.overdue",
}


def _figures(user, scope, params, *, counted):
    """Every indicator with every grouping, from the tallies or counted over the records."""
    saved = tallies.totals, tallies.groups
    if counted:
        tallies.totals = lambda inds, q: {}
        tallies.groups = lambda inds, q, by: {}
    try:
        period = selectors.parse_period(params, 2024)
        report = selectors.report(
            user, scope_value=scope, period=period, groupings=selectors.GROUPINGS, keys=WRITTEN
        )
    finally:
        tallies.totals, tallies.groups = saved
    return {
        fig.indicator.key: (fig.values, fig.previous, fig.groups)
        for fig in report.figures
        if tallies.tallied(fig.indicator)
    }


def assert_equal_to_recount(s):
    for scope in ("all", str(s.county.pk)):
        for params in PERIODS:
            kept = _figures(s.alice, scope, params, counted=False)
            assert kept == _figures(s.alice, scope, params, counted=True), (scope, params)


def _random_write(rng, s, year):
    """One write of the kinds the figures depend on, through the ORM as services write."""
    committees = [s.city, s.county, s.other]
    kinds = list(ActivityKind.objects.filter(code__in=["consultation", "investment"]))
    day = D(2024, rng.randint(1, 12), rng.randint(1, 28))
    industries = [year.sugar, year.sugar_link, year.other_industry]
    activities = list(Activity.objects.order_by("pk"))
    problems = list(Problem.objects.order_by("pk"))
    choice = rng.randrange(13)
    if choice == 0:
        a = f.ActivityFactory(
            committee=rng.choice(committees), start_date=day, kind=rng.choice(kinds)
        )
        a.industries.set(rng.sample(industries, rng.randint(0, 2)))
    elif choice == 1 and activities:
        rng.choice(activities).delete()
    elif choice == 2 and activities:
        a = rng.choice(activities)
        a.start_date = day
        a.committee = rng.choice(committees)  # moved to another committee, another month
        a.save()
    elif choice == 3 and activities:
        a = rng.choice(activities)
        a.kind = rng.choice(kinds)
        a.save()
    elif choice == 4 and activities:
        rng.choice(activities).industries.add(rng.choice(industries))
    elif choice == 5 and activities:
        rng.choice(activities).industries.clear()
    elif choice == 6 and activities:
        f.ParticipationFactory(activity=rng.choice(activities), attendance="attended")
    elif choice == 7 and Participation.objects.exists():
        p = Participation.objects.order_by("?").first()
        if rng.random() < 0.5:
            p.delete()
        else:
            p.attendance = "invited" if p.attendance == "attended" else "attended"
            p.save()
    elif choice == 8:
        p = f.ProblemFactory(committee=rng.choice(committees), industry=rng.choice(industries))
        p.registered_on = day
        p.save()
    elif choice == 9 and problems:
        p = rng.choice(problems)
        p.state, p.resolved_on = "closed", day
        p.committee = rng.choice(committees)
        p.save()
    elif choice == 10 and problems:
        # a queryset update (no signal) of rows in two committees
        Problem.objects.filter(
            pk__in=[p.pk for p in rng.sample(problems, min(2, len(problems)))]
        ).update(state="confirmed", resolved_on=day)
    elif choice == 12:
        # a kind changes category: every activity of that kind moves between figures
        kind = rng.choice(kinds)
        kind.category = "investment" if kind.category == "consultation" else "consultation"
        kind.save()
    elif choice == 11 and problems:
        Problem.objects.bulk_create(
            [
                Problem(
                    committee=rng.choice(committees),
                    title="批量",
                    description="批量",
                    enterprise=problems[0].enterprise,
                    category=problems[0].category,
                    registered_on=day,
                    state="closed",
                    resolved_on=day,
                )
            ]
        )


def test_figures_from_the_tallies_equal_a_recount_after_random_writes(year):
    rng = random.Random(20261205)
    assert_equal_to_recount(year.s)
    for _round in range(5):
        for _ in range(10):
            _random_write(rng, year.s, year)
        assert_equal_to_recount(year.s)
    assert Tally.objects.exists()
    call_command("tallies", "check", stdout=io.StringIO())  # every cell, every committee


def test_the_check_finds_a_tally_written_by_hand(year):
    selectors.report(year.s.alice, scope_value="all", period=selectors.parse_period({}, 2024))
    Tally.objects.filter(indicator="activities.consultations", committee_id=0).update(v1=99)
    with pytest.raises(CommandError, match="differ from a recount|不一致"):
        call_command("tallies", "check", stdout=io.StringIO())
    call_command(
        "tallies", "rebuild", "--indicator", "activities.consultations", stdout=io.StringIO()
    )
    call_command("tallies", "check", stdout=io.StringIO())


def test_the_whole_system_is_read_from_the_tallies_not_the_records(year):
    period = selectors.parse_period({"year": 2024}, 2024)
    kept = {i.key for i in all_indicators() if tallies.tallied(i)}
    selectors.report(year.s.alice, scope_value="all", period=period, keys=kept)  # builds them
    with CaptureQueriesContext(connection) as queries:
        report = selectors.report(year.s.alice, scope_value="all", period=period, keys=kept)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "problems_problem" not in sql and "activities_participation" not in sql
    figure = next(x for x in report.figures if x.indicator.key == "activities.consultations")
    assert figure.n == 4  # the hand count of conftest's year


def test_a_write_marks_its_committee_and_the_next_reader_recounts_it(year):
    s = year.s
    period = selectors.parse_period({"year": 2024}, 2024)
    selectors.report(s.alice, scope_value="all", period=period)
    assert not TallyMark.objects.filter(indicator__startswith="activities.").exists()
    kind = ActivityKind.objects.get(code="consultation")
    f.ActivityFactory(committee=s.other, start_date=D(2024, 8, 1), kind=kind)
    assert set(
        TallyMark.objects.filter(indicator="activities.consultations").values_list(
            "committee_id", flat=True
        )
    ) == {s.other.pk}
    report = selectors.report(s.alice, scope_value="all", period=period)
    figure = next(x for x in report.figures if x.indicator.key == "activities.consultations")
    assert figure.n == 5
    assert not TallyMark.objects.filter(indicator="activities.consultations").exists()


def test_the_writer_recounts_what_it_marked_once_committed(year):
    period = selectors.parse_period({"year": 2024}, 2024)
    selectors.report(year.s.alice, scope_value="all", period=period)
    kind = ActivityKind.objects.get(code="consultation")
    f.ActivityFactory(committee=year.s.county, start_date=D(2024, 8, 1), kind=kind)
    assert TallyMark.objects.filter(indicator="activities.consultations").exists()
    for _ids, callback, *_robust in list(connection.run_on_commit):  # what COMMIT runs
        callback()
    assert not TallyMark.objects.filter(indicator="activities.consultations").exists()
    kept = Tally.objects.get(
        indicator="activities.consultations", committee_id=0, month=D(2024, 8, 1), dimension="s"
    )
    assert kept.v1 == 1


@pytest.fixture
def narrowed():
    """A declaration changed in place: the consultations of the county only."""
    original = indicator("activities.consultations")
    yield original
    register(original)


def test_a_changed_declaration_rebuilds_its_tallies(year, narrowed):
    s = year.s
    period = selectors.parse_period({"year": 2024}, 2024)
    selectors.report(s.alice, scope_value="all", period=period)
    unregister(narrowed.key)
    fields = {k: getattr(narrowed, k) for k in narrowed.__dataclass_fields__}
    base = narrowed.queryset
    register(Indicator(**{**fields, "queryset": lambda: base().filter(committee=s.county)}))
    report = selectors.report(s.alice, scope_value="all", period=period)
    figure = next(x for x in report.figures if x.indicator.key == narrowed.key)
    assert figure.n == 1


def test_what_is_overdue_today_is_counted_again_on_a_new_day(year, monkeypatch):
    """Overdue changes with the date alone: its tallies sign with the day, so the first
    reading of a new day (or the daily pass) counts them again; no write is needed."""
    from lvzhi.core.deadlines import daily_pass

    s = year.s
    overdue = indicator("problems.overdue")
    assert tallies.tallied(overdue)
    assert not tallies.tallied(indicator("investment.financing"))  # a distinct count
    today = timezone.localdate()
    p = f.ProblemFactory(committee=s.county, industry=year.sugar, state="assigned")
    Problem.objects.filter(pk=p.pk).update(registered_on=today, deadline=today)
    period = selectors.parse_period({"year": today.year}, today.year)

    def overdue_now():
        report = selectors.report(s.alice, scope_value="all", period=period, keys={overdue.key})
        return report.figures[0].n

    before = overdue_now()  # due today: not overdue yet
    assert TallyState.objects.filter(indicator=overdue.key).exists()  # built today
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: today + datetime.timedelta(days=1)
    )
    assert overdue_now() == before + 1  # read from the tallies, rebuilt for the new day
    assert tallies.differences(overdue) == []
    Tally.objects.filter(indicator=overdue.key).update(v1=99)  # yesterday's, say
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: today + datetime.timedelta(days=2)
    )
    daily_pass(today=today + datetime.timedelta(days=2))
    with CaptureQueriesContext(connection) as queries:
        assert overdue_now() == before + 1
    assert "problems_problem" not in " ".join(q["sql"] for q in queries.captured_queries)
