"""The proposal figures page reads the summary tables (core.tallies) of the session-year
indicators, and its figures equal a recount of the records after writes of every kind."""

import datetime
import io
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvzhi.core import tallies
from lvzhi.core.league import league_rows, rate
from lvzhi.core.visibility import scope_for
from lvzhi.proposals.choices.proposal import (
    ACCEPTED_STATES,
    OPEN_STATES,
    RECEIVED_STATES,
    Kind,
    Rating,
    State,
    reply_classes,
)
from lvzhi.proposals.indicators import proposal_year
from lvzhi.proposals.models import Proposal, ProposalAssignment
from lvzhi.proposals.selectors import proposal as selectors
from tests import factories as f

TODAY = datetime.date(2024, 9, 1)


def _named(counter, labels=None):
    merged = Counter()
    for key, n in counter.items():
        merged[str((labels or {}).get(key, key) or "—")] += n
    return [{"name": k, "n": n} for k, n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))]


def recount(user, year, committee_ids=None, today=TODAY) -> dict:
    """The page's figures counted one record at a time, in Python."""
    readable = scope_for(user).readable
    ids = readable if committee_ids is None else set(committee_ids) & readable
    rows = list(
        Proposal.objects.filter(year=year, committee_id__in=ids).values(
            "pk", "state", "kind", "sector__name", "reply_class", "result_rating",
            "assigned_on", "met_on", "replied_on", "replied_on_time", "redo_count", "is_key",
            "is_excellent", "rating_deemed", "lead_unit", "lead_unit__name", "deadline",
        )
    )  # fmt: skip
    received = [r for r in rows if r["state"] in RECEIVED_STATES]
    got = {r["pk"] for r in received}
    t = Counter()
    for r in received:
        t["assigned"] += r["assigned_on"] is not None
        t["met"] += r["met_on"] is not None
        t["replied"] += r["replied_on_time"] is not None
        t["on_time"] += r["replied_on_time"] is True
        t["redone"] += r["redo_count"] > 0
        t["key"] += r["is_key"]
        t["excellent"] += r["is_excellent"]
        t["collective_excellent"] += r["is_excellent"] and r["kind"] == Kind.ORGANISATION
        t["deemed"] += r["rating_deemed"]
    accepted = sum(r["state"] in ACCEPTED_STATES for r in rows)
    classes = Counter(r["reply_class"] for r in received if r["reply_class"])
    ratings = Counter(r["result_rating"] for r in received if r["result_rating"])
    league = {}
    for r in rows:
        if r["assigned_on"] is None:
            continue
        c = league.setdefault(r["lead_unit"], [r["lead_unit__name"], Counter()])[1]
        c["assigned"] += 1
        c["answered"] += r["replied_on"] is not None
        c["on_time"] += r["replied_on_time"] is True
        c["overdue"] += r["replied_on_time"] is False or (
            r["state"] in OPEN_STATES and r["deadline"] is not None and r["deadline"] < today
        )
        c["resolved"] += r["state"] in (State.RATED, State.CLOSED)
        c["rated"] += r["result_rating"] in Rating.values
        c["satisfied"] += r["result_rating"] in (Rating.SATISFIED, Rating.BASICALLY)
    industries = Counter(
        name
        for pk, name in Proposal.industries.through.objects.values_list(
            "proposal_id", "industry__name"
        )
        if pk in got
    )
    units = Counter(
        name
        for pk, name in ProposalAssignment.objects.values_list("proposal_id", "department__name")
        if pk in got
    )
    return {
        "received": len(received),
        "accepted": accepted,
        **{k: t[k] for k in ("assigned", "met", "replied", "on_time", "redone", "key")},
        "excellent": t["excellent"],
        "collective_excellent": t["collective_excellent"],
        "rejected": sum(r["state"] == State.REJECTED for r in rows),
        "merged": sum(r["state"] == State.MERGED for r in rows),
        "converted": sum(r["state"] == State.CONVERTED for r in rows),
        "on_time_rate": rate(t["on_time"], t["replied"]),
        "meeting_rate": rate(t["met"], t["assigned"]),
        "key_share": rate(t["key"], accepted),
        "classes": [
            {"name": label, "n": classes[v], "share": rate(classes[v], classes.total())}
            for v, label in reply_classes()
        ],
        "ratings": [
            {"name": label, "n": ratings[v], "share": rate(ratings[v], ratings.total())}
            for v, label in Rating.choices
        ],
        "unrated_counted": t["deemed"],
        "by_state": _named(Counter(r["state"] for r in rows), dict(State.choices)),
        "by_sector": _named(Counter(r["sector__name"] for r in received)),
        "by_kind": _named(Counter(r["kind"] for r in received), dict(Kind.choices)),
        "by_industry": _named(industries),
        "by_unit": _named(units),
        "league": league_rows((key, name, c) for key, (name, c) in league.items()),
    }


def _figures(user, year=2024, committee_ids=None):
    return selectors.figures(user=user, year=year, committee_ids=committee_ids, today=TODAY)


def _random_write(rng, pp, other_session):
    """One write of the kinds the figures depend on, through the services and the ORM."""
    s = pp.s
    proposals = list(Proposal.objects.order_by("pk"))
    p = rng.choice(proposals) if proposals else None
    choice = rng.randrange(12)
    if choice in (0, 1) or p is None:
        state = rng.choice(["draft", "submitted", "accepted", "assigned", "replied", "closed"])
        made = pp.to(pp.new(), state, on=datetime.date(2024, 3, 1))
        made.industries.set(rng.sample(pp.industries, rng.randint(0, 2)))
    elif choice == 2:
        # a queryset update (no signal) of a few rows
        Proposal.objects.filter(pk__in=[x.pk for x in rng.sample(proposals, 2)]).update(
            state=rng.choice([State.REJECTED, State.CLOSED, State.ASSIGNED]),
            replied_on_time=rng.choice([None, True, False]),
            result_rating=rng.choice(["", *Rating.values]),
        )
    elif choice == 3:
        p.is_key, p.is_excellent = rng.random() < 0.5, rng.random() < 0.5
        p.rating_deemed, p.redo_count = rng.random() < 0.3, rng.randint(0, 1)
        p.kind = rng.choice([Kind.INDIVIDUAL, Kind.ORGANISATION])
        p.save()
    elif choice == 4:
        p.sector = rng.choice([None, *pp.sectors])
        p.save(update_fields=["sector"])
    elif choice == 5:
        p.industries.add(rng.choice(pp.industries))
    elif choice == 6:
        p.industries.clear()
    elif choice == 7:
        # moved to the other county, into its session of another year
        p.committee, p.session = s.other, other_session
        p.year = other_session.year
        p.save()
    elif choice == 8:
        ProposalAssignment.objects.get_or_create(
            proposal=p, department=rng.choice([pp.unit, pp.co_unit]), defaults={"role": "co"}
        )
    elif choice == 9:
        ProposalAssignment.objects.filter(proposal=p).delete()
    elif choice == 10:
        Proposal.objects.filter(pk=p.pk).delete()
    elif choice == 11:
        Proposal.objects.bulk_create(
            [
                Proposal(
                    committee=s.other,
                    session=rng.choice([other_session, pp.other_2024]),
                    year=rng.choice([other_session, pp.other_2024]).year,
                    lead=p.lead,
                    title="批量",
                    cause="案由",
                    analysis="分析",
                    suggestions="建议",
                    state=State.ASSIGNED,
                    submitted_on=datetime.date(2024, 2, 1),
                    assigned_on=datetime.date(2024, 2, 20),
                    deadline=datetime.date(2024, 5, 20),
                    lead_unit=pp.unit,
                )
            ]
        )


@pytest.fixture
def year(pp):
    pp.industries = [f.IndustryFactory(name=n) for n in ("糖业", "物流")]
    pp.sectors = [f.SectorFactory(name=n) for n in ("经济界", "农业界")]
    pp.other_2024 = f.ProposalSessionFactory(committee=pp.s.other, sitting=3, year=2024)
    other_2023 = f.ProposalSessionFactory(committee=pp.s.other, sitting=2, year=2023)
    pp.to(pp.new(sector=pp.sectors[0]), "closed", on=datetime.date(2024, 3, 1))
    pp.to(pp.new(), "assigned", on=datetime.date(2024, 3, 1))
    return pp, other_2023


def _assert_equal(pp):
    s = pp.s
    for user, ids in ((s.alice, None), (s.alice, {s.county.pk}), (s.bob, None), (s.erin, None)):
        for y in (2023, 2024):
            assert _figures(user, y, ids) == recount(user, y, ids), (user, y, ids)


def test_the_figures_equal_a_recount_after_random_writes(year):
    pp, other_2023 = year
    rng = random.Random(20261205)
    _assert_equal(pp)
    for _round in range(4):
        for _ in range(10):
            _random_write(rng, pp, other_2023)
        _assert_equal(pp)
    assert _figures(pp.s.alice)["received"] > 0
    call_command("tallies", "check", stdout=io.StringIO())


def test_the_figures_read_the_tables_not_the_proposals(year, client_for):
    pp, _ = year
    _figures(pp.s.alice)  # builds the tables
    with CaptureQueriesContext(connection) as queries:
        data = _figures(pp.s.alice)
    sql = [q["sql"] for q in queries.captured_queries]
    reading = [q for q in sql if "proposals_proposal" in q]
    # only what is overdue today is counted over the records: the open proposals
    assert len(reading) == 1 and "deadline" in reading[0], reading
    assert not any("proposals_proposalassignment" in q for q in sql)
    assert len(queries) <= 12
    assert data["received"] == 2 and data["league"][0]["assigned"] == 2


def test_the_page_reads_each_figure_in_a_fixed_number_of_queries(year, client_for):
    pp, _ = year
    client = client_for(pp.s.alice)
    url = reverse("proposals:figures")
    client.get(url, {"year": 2024})
    with CaptureQueriesContext(connection) as first:
        assert client.get(url, {"year": 2024}).status_code == 200
    for _ in range(5):
        pp.to(pp.new(), "closed", on=datetime.date(2024, 3, 1))
    tallies.refresh()  # what the writers' commits do
    with CaptureQueriesContext(connection) as second:
        assert client.get(url, {"year": 2024}).status_code == 200
    assert len(second) == len(first)


def test_the_session_year_figures_are_not_on_the_dashboard(year, client_for):
    page = client_for(year[0].s.alice).get(reverse("reports:dashboard"), {"year": 2024})
    assert page.status_code == 200
    shown = {fig.indicator.key for fig in page.context["report"].figures}
    assert "proposals.submitted" in shown
    assert not shown & {i.key for i in proposal_year.INDICATORS}
