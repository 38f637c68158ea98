"""Pages cost the same number of SQL queries with a few rows as with many.

For every registered record type its list page, the detail page of one record and its API
list are requested at two data sizes; so are the scores ranking, the league table, the home
page and a member's duty record. A count that grows with the data is an N+1 (a relation
loaded per row, a picker listing every record) and fails here, naming the repeated query.

A new record type needs a row maker in FACTORIES below (tests/factories.py has the
factories): without one this module fails and says so.
"""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import lvzhi.urls  # noqa: F401 — importing the URLs declares every record type
from lvzhi.core import tallies
from lvzhi.core.models import Industry
from lvzhi.core.records import record_types
from lvzhi.problems.models import ProblemAssignment
from tests import factories as f

#: rows of the measured type at the first and the second measurement
SMALL, LARGE = 3, 13


class World:
    """The county's records the row makers hang new rows on. A shared parent (an activity
    whose participants grow, a rule set whose rules grow) has its detail page measured too."""

    def __init__(self, system):
        self.s = system
        self.county = system.county
        self.parents = []
        self.n = 0

    def next(self):
        self.n += 1
        return self.n

    def parent(self, name, make):
        if not hasattr(self, f"_{name}"):
            obj = make()
            setattr(self, f"_{name}", obj)
            self.parents.append(obj)
        return getattr(self, f"_{name}")

    @property
    def activity(self):
        return self.parent("activity", lambda: f.ActivityFactory(committee=self.county))

    @property
    def ruleset(self):
        return self.parent("ruleset", lambda: f.RuleSetFactory(committee=self.county))

    @property
    def group(self):
        return self.parent("group", lambda: f.MemberGroupFactory(committee=self.county))

    def member(self):
        return f.MemberFactory(committee=self.county)

    def chain_link(self):
        """An industry's chain link: its label names its parent."""
        return Industry.objects.create(name=f"环节{self.next()}", parent=f.IndustryFactory())


def _enterprise(w):
    e = f.EnterpriseFactory(committee=w.county, member=f.PersonFactory(committee=w.county))
    e.industries.add(w.chain_link())
    return e


def _group(w):
    g = f.MemberGroupFactory(committee=w.county, leader=w.member(), industry=w.chain_link())
    g.members.add(w.member())
    w.group.members.add(w.member())
    return g


def _activity(w):
    a = f.ActivityFactory(committee=w.county)
    f.ParticipationFactory(activity=a, member=w.member())
    a.industries.add(w.chain_link())
    a.enterprises.add(f.EnterpriseFactory(committee=w.county))
    return a


def _task(w):
    t = f.RoadmapTaskFactory(committee=w.county, owner_member=w.member())
    t.activities.add(f.ActivityFactory(committee=w.county))
    return t


def _problem(w):
    unit = f.DepartmentFactory(committee=w.county)
    p = f.ProblemFactory(
        committee=w.county,
        industry=w.chain_link(),
        lead_unit=unit,
        raised_by=f.PersonFactory(committee=w.county),
    )
    ProblemAssignment.objects.create(problem=p, department=unit, role="lead")
    return p


def _project(w):
    from lvzhi.investment.models import FundsInPlace, ProjectCredit

    link = w.chain_link()
    p = f.InvestmentProjectFactory(
        committee=w.county,
        industry=link.parent,
        chain_link=link,
        park=f.ParkFactory(committee=w.county),
        department=f.DepartmentFactory(committee=w.county),
        responsible_leader=f.PersonFactory(committee=w.county),
    )
    ProjectCredit.objects.create(project=p, member=w.member(), share=60)
    FundsInPlace.objects.create(project=p, on=p.registered_on, amount=100)
    return p


def _proposal(w):
    from lvzhi.proposals.models import ProposalAssignment, ProposalSignature

    unit = f.DepartmentFactory(committee=w.county)
    p = f.ProposalFactory(
        committee=w.county,
        lead=f.PersonFactory(committee=w.county),
        sector=f.SectorFactory(name="经济界"),
        lead_unit=unit,
    )
    p.industries.add(w.chain_link())
    ProposalAssignment.objects.create(proposal=p, department=unit, role="lead")
    ProposalSignature.objects.create(
        proposal=p, person=f.PersonFactory(committee=w.county), sign_by="2024-03-01"
    )
    return p


#: model label -> make one row of it (with the relations its pages show) in the world
FACTORIES = {
    "core.committee": lambda w: f.CommitteeFactory(parent=w.county),
    "core.sector": lambda w: f.SectorFactory(),
    "core.industry": lambda w: w.chain_link(),
    "core.person": lambda w: f.PersonFactory(committee=w.county),
    "core.member": lambda w: w.member(),
    "core.department": lambda w: f.DepartmentFactory(committee=w.county),
    "core.park": lambda w: f.ParkFactory(committee=w.county),
    "core.village": lambda w: f.VillageFactory(committee=w.county),
    "core.enterprise": _enterprise,
    "activities.activitykind": lambda w: f.ActivityKindFactory(),
    "activities.membergroup": _group,
    "activities.activity": _activity,
    "activities.participation": lambda w: f.ParticipationFactory(
        activity=w.activity, member=w.member()
    ),
    "activities.reportitem": lambda w: f.ReportItemFactory(activity=w.activity),
    "activities.ruleset": lambda w: f.RuleSetFactory(committee=w.county, year=2000 + w.next()),
    "activities.rule": lambda w: f.RuleFactory(ruleset=w.ruleset),
    "activities.scorecap": lambda w: f.ScoreCapFactory(ruleset=w.ruleset),
    "activities.gradeband": lambda w: f.GradeBandFactory(ruleset=w.ruleset),
    "activities.roadmaptask": _task,
    "activities.membercase": lambda w: f.MemberCaseFactory(committee=w.county, member=w.member()),
    "problems.problemcategory": lambda w: f.ProblemCategoryFactory(name=f"类别{w.next()}"),
    "problems.problem": _problem,
    "proposals.opinion": lambda w: _opinion(w),
    "proposals.opinionbulletin": lambda w: f.OpinionBulletinFactory(committee=w.county),
    "proposals.outcome": lambda w: _outcome(w),
    "proposals.rejectionground": lambda w: f.RejectionGroundFactory(),
    "investment.investmentproject": lambda w: _project(w),
    "investment.financingneed": lambda w: (
        f.FinancingMatchFactory(
            need=f.FinancingNeedFactory(committee=w.county, industry=w.chain_link())
        ).need
    ),
    "investment.financingmatch": lambda w: f.FinancingMatchFactory(
        need=f.FinancingNeedFactory(committee=w.county)
    ),
    "investment.pairing": lambda w: (
        f.SupportRecordFactory(pairing=f.PairingFactory(committee=w.county)).pairing
    ),
    "investment.supportrecord": lambda w: f.SupportRecordFactory(
        pairing=f.PairingFactory(committee=w.county)
    ),
    "proposals.proposalsession": lambda w: f.ProposalSessionFactory(
        committee=w.county, sitting=w.next()
    ),
    "proposals.proposal": _proposal,
}


def _opinion(w):
    o = f.OpinionFactory(committee=w.county, authors=[w.member()])
    o.industries.add(w.chain_link())
    return o


def _outcome(w):
    from lvzhi.proposals.services.outcome import outcome_add_source

    o = f.OutcomeFactory(committee=w.county)
    o.industries.add(w.chain_link())
    outcome_add_source(actor=w.s.alice, outcome=o, source=w.activity)
    return o


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in ctx.captured_queries]


def measure(client, urls, grow):
    """{url: (queries at the small size, at the large size)} for the urls that grew.

    The figures' summary tables are brought up to date before each measurement, as the
    writers' commits do (a test never commits): what a page costs, not what a write left."""
    tallies.refresh()
    small = {url: queries(client, url) for url in urls}
    grow()
    tallies.refresh()
    large = {url: queries(client, url) for url in urls}
    return {url: (small[url], large[url]) for url in urls if len(large[url]) > len(small[url])}


def explain(grown):
    """Which statements the larger data set repeats, for the failure message."""
    lines = []
    for url, (small, large) in grown.items():
        shape = Counter(re.sub(r"\d+", "N", sql)[:160] for sql in large)
        before = Counter(re.sub(r"\d+", "N", sql)[:160] for sql in small)
        repeated = [f"    {n}× {sql}" for sql, n in shape.items() if n > before.get(sql, 0)]
        lines.append(f"{url}: {len(small)} → {len(large)} queries; grew:\n" + "\n".join(repeated))
    return "\n".join(lines)


@pytest.mark.parametrize("config", record_types(), ids=lambda t: t.model._meta.label_lower)
def test_record_type_pages_cost_the_same_at_any_size(config, system, client_for):
    label = config.model._meta.label_lower
    if label not in FACTORIES:
        pytest.fail(
            f"No row maker for the record type {label}: add one to FACTORIES in {__name__} "
            "(with a factory in tests/factories.py), so its pages are checked for N+1 queries."
        )
    world = World(system)
    make = FACTORIES[label]
    first = make(world)
    for _ in range(SMALL - 1):
        make(world)
    app = config.model.url_base.split(":")[0]
    urls = [
        reverse(f"{app}:{config.url_name('list')}"),
        first.get_absolute_url(),
        *(parent.get_absolute_url() for parent in world.parents),
    ]
    if config.api_prefix:
        urls.append(f"/api/v1/{config.api_prefix}/")
    client = client_for(system.bob)

    def grow():
        for _ in range(LARGE - SMALL):
            make(world)

    grown = measure(client, urls, grow)
    assert not grown, explain(grown)


PAGES = {
    "scores ranking": lambda w: reverse("activities:ranking") + "?year=2024",
    "league table": lambda w: reverse("problems:league") + "?year=2024",
    "home": lambda w: reverse("core:home"),
    "dashboard": lambda w: reverse("reports:dashboard") + "?year=2024",
    "figures API": lambda w: "/api/v1/reports/indicators/?year=2024",
    "duty record": lambda w: reverse("activities:duty_record", args=[w.busy.pk]) + "?year=2024",
}


def _grow_everything(w, n):
    """n more of what the summary pages read: members with participations, problems
    assigned to their own units, the busy member's activities and report items."""
    for _ in range(n):
        a = f.ActivityFactory(committee=w.county)
        f.ParticipationFactory(activity=a, member=w.member())
        f.ParticipationFactory(activity=a, member=w.busy)
        f.ReportItemFactory(activity=a)
        p = _problem(w)
        p.assigned_on = p.registered_on = a.start_date
        p.save(update_fields=["assigned_on", "registered_on"])


@pytest.mark.parametrize("page", list(PAGES))
def test_summary_pages_cost_the_same_at_any_size(page, system, client_for):
    world = World(system)
    world.busy = world.member()
    f.RuleFactory(ruleset=world.ruleset)
    _grow_everything(world, SMALL)
    grown = measure(
        client_for(system.bob),
        [PAGES[page](world)],
        lambda: _grow_everything(world, LARGE - SMALL),
    )
    assert not grown, explain(grown)
