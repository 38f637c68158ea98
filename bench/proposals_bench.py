"""Benchmark of proposals: the year's statistics and the list page at a large N, side by side
with a baseline, runs interleaved (A, B, A, B …).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lvzhi_proposals_1m \
        .venv/bin/python bench/proposals_bench.py --proposals 1000000 --runs 15
    (--build-only builds and stops; --reuse times what an earlier run built)

Builds (in the database DATABASE_URL names, emptied first) a city system — the city and six
counties, 50 handling units, sectors, industries — and N proposals spread over 2021–2025,
bulk-written (core.bulk: COPY on PostgreSQL) with their industry and unit rows; ~85 % of
them accepted, most replied and rated. Then, as the office of the city (it reads all):

* the statistics page (GET /proposals/figures/?year=2024, rendered; and the figures alone):
  read from the summary tables (core.tallies); baseline: the same page with the grouped scan
  it ran before (`grouped_scan`, below). The bench first checks both give the same figures;
* the list page (GET /proposals/ with a few filters, rendered, 25 rows): the count capped
  (core.paging.CappedPaginator); baseline: the same page with Django's exact count.

Prints a Markdown table and writes it to bench/results/proposals.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
YEARS = range(2021, 2026)


def setup_django(*, flush=True):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    if flush:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def build(n, seed=7):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from lvzhi.core.choices import CommitteeLevel, Role
    from lvzhi.core.models import Committee, Department, Industry, Person, RoleAssignment, Sector
    from lvzhi.proposals.models import ProposalSession

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        city = Committee.objects.create(name="来宾市政协", level=CommitteeLevel.CITY)
        committees = [city] + [
            Committee.objects.create(name=f"县{i}政协", level=CommitteeLevel.COUNTY, parent=city)
            for i in range(6)
        ]
        staff = get_user_model().objects.create(username="bench-staff")
        RoleAssignment.objects.create(user=staff, committee=city, role=Role.STAFF)
        sectors = [Sector.objects.create(name=f"界别{i}") for i in range(20)]
        industries = [Industry.objects.create(name=f"产业{i}") for i in range(14)]
        units = [
            Department.objects.create(committee=c, name=f"{c.name}单位{j}")
            for c in committees
            for j in range(8 if c == city else 7)
        ]
        people = {
            c.pk: [Person.objects.create(committee=c, name=f"委员{c.pk}-{i}") for i in range(40)]
            for c in committees
        }
        sessions = {
            (c.pk, y): ProposalSession.objects.create(committee=c, term=5, sitting=y - 2020, year=y)
            for c in committees
            for y in YEARS
        }
        rows, assignments = [], []
        serials = Counter()
        states = (
            ["closed"] * 70
            + ["rated"] * 6
            + ["released"] * 3
            + ["assigned"] * 6
            + ["accepted"] * 1
            + ["rejected"] * 5
            + ["merged"] * 4
            + ["converted"] * 5
        )
        for i in range(n):
            if len(rows) == CHUNK:
                _write(rows, assignments, rng, industries, now)
                rows, assignments = [], []
                print(f"  proposals: {i:,}", flush=True)
            c = committees[0] if i % 3 == 0 else rng.choice(committees[1:])
            year = YEARS[i % len(YEARS)]
            s = sessions[(c.pk, year)]
            state = rng.choice(states)
            accepted = state not in ("rejected", "merged", "converted")
            submitted = date(year, 1, 5) + timedelta(days=rng.randrange(0, 300))
            row = {
                "committee_id": c.pk,
                "session_id": s.pk,
                "year": year,
                "published": True,
                "kind": rng.choice(["individual"] * 6 + ["joint"] * 3 + ["organisation"]),
                "lead_id": rng.choice(people[c.pk]).pk,
                "sector_id": rng.choice(sectors).pk,
                "title": f"关于产业发展的建议{i}",
                "cause": "案由",
                "analysis": "分析",
                "suggestions": "建议",
                "state": state,
                "submitted_on": submitted,
                "created_at": now,
                "updated_at": now,
            }
            if accepted:
                serials[s.pk] += 1
                row.update(
                    serial=serials[s.pk],
                    serial_label=f"五届第{serials[s.pk]:04d}号",
                    accepted_on=submitted + timedelta(days=14),
                )
            if state not in ("rejected", "merged", "converted", "accepted"):
                unit = rng.choice(units)
                assigned = submitted + timedelta(days=20)
                row.update(
                    lead_unit_id=unit.pk,
                    assigned_on=assigned,
                    deadline=assigned + timedelta(days=91),
                    met_on=assigned + timedelta(days=9) if rng.random() < 0.85 else None,
                )
                if state != "assigned":
                    row.update(
                        replied_on=assigned + timedelta(days=60),
                        replied_on_time=rng.random() < 0.92,
                        reply_class=rng.choice("AAAAABBBC"),
                    )
                if state in ("rated", "closed"):
                    row.update(
                        result_rating=rng.choice(
                            ["satisfied"] * 8 + ["basically", "not_satisfied"]
                        ),
                        handling_rating="satisfied",
                    )
                assignments.append(unit.pk)
            else:
                assignments.append(None)
            rows.append(row)
        _write(rows, assignments, rng, industries, now)
    from django.db import connection

    with connection.cursor() as cursor:
        # what autovacuum does after a bulk load: the counts then read the indexes alone
        cursor.execute("VACUUM ANALYZE")
    return staff


CHUNK = 100_000


def _write(rows, assignments, rng, industries, now):
    """One chunk of proposals with their industry and lead-unit rows (core.bulk: COPY)."""
    from lvzhi.core import bulk
    from lvzhi.proposals.models import Proposal, ProposalAssignment

    bulk.insert_rows(Proposal, rows, ids=True)
    bulk.insert_rows(
        Proposal.industries.through,
        [{"proposal_id": r["id"], "industry_id": rng.choice(industries).pk} for r in rows],
    )
    bulk.insert_rows(
        ProposalAssignment,
        [
            {"proposal_id": r["id"], "department_id": u, "role": "lead", "assigned_at": now}
            for r, u in zip(rows, assignments, strict=True)
            if u
        ],
    )


# -- the baseline: the figures page's grouped scan as it was before the summary tables -----


def grouped_scan(*, user, year, committee_ids=None, today=None) -> dict:
    """The year's figures the way the page counted them before the summary tables: one
    grouped scan of the year's proposals, plus the industries', units' and league joins."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from lvzhi.core.league import LeagueFields, league_table, rate
    from lvzhi.core.models import Sector
    from lvzhi.proposals.choices.proposal import (
        ACCEPTED_STATES,
        RECEIVED_STATES,
        Kind,
        Rating,
        State,
        reply_classes,
    )
    from lvzhi.proposals.models import ProposalAssignment
    from lvzhi.proposals.selectors.proposal import shares, year_proposals

    league_fields = LeagueFields(
        answered_on="replied_on",
        on_time="replied_on_time",
        deadline="deadline",
        open_states=(State.ASSIGNED,),
        resolved_states=(State.RATED, State.CLOSED),
        satisfaction="result_rating",
        satisfied=(Rating.SATISFIED, Rating.BASICALLY),
        rated=tuple(Rating.values),
    )

    def _named(counter, labels):
        return [{"name": labels.get(k, k) or "—", "n": n} for k, n in counter.most_common()]

    def _counts(qs, field, labels=None):
        rows = qs.order_by().values(field).annotate(n=Count("id")).order_by("-n")
        return [{"name": (labels or {}).get(r[field], r[field]) or "—", "n": r["n"]} for r in rows]

    today = today or timezone.localdate()
    qs = year_proposals(user=user, year=year, committee_ids=committee_ids)
    groups = list(
        qs.order_by()
        .values("state", "kind", "sector_id", "reply_class", "result_rating")
        .annotate(
            n=Count("id"),
            assigned=Count("id", filter=Q(assigned_on__isnull=False)),
            met=Count("id", filter=Q(met_on__isnull=False)),
            replied=Count("id", filter=Q(replied_on_time__isnull=False)),
            on_time=Count("id", filter=Q(replied_on_time=True)),
            redone=Count("id", filter=Q(redo_count__gt=0)),
            key=Count("id", filter=Q(is_key=True)),
            excellent=Count("id", filter=Q(is_excellent=True)),
            deemed=Count("id", filter=Q(rating_deemed=True)),
        )
    )
    received_groups = [g for g in groups if g["state"] in RECEIVED_STATES]
    totals = Counter()
    by = {
        name: Counter() for name in ("state", "kind", "sector_id", "reply_class", "result_rating")
    }
    for g in groups:
        by["state"][g["state"]] += g["n"]
    for g in received_groups:
        totals["received"] += g["n"]
        for name in ("assigned", "met", "replied", "on_time", "redone", "key", "excellent"):
            totals[name] += g[name]
        if g["state"] in ACCEPTED_STATES:
            totals["accepted"] += g["n"]
        for state in (State.REJECTED, State.MERGED, State.CONVERTED):
            if g["state"] == state:
                totals[state] += g["n"]
        if g["kind"] == Kind.ORGANISATION:
            totals["collective_excellent"] += g["excellent"]
        for name in ("kind", "sector_id", "reply_class", "result_rating"):
            by[name][g[name]] += g["n"]
        totals["deemed"] += g["deemed"]
    classes = {k: v for k, v in by["reply_class"].items() if k}
    ratings = {k: v for k, v in by["result_rating"].items() if k}
    # a reply not rated in time holds the default rating the daily pass recorded (deemed)
    sectors = dict(Sector.objects.filter(pk__in=by["sector_id"]).values_list("pk", "name"))
    received = qs.filter(state__in=RECEIVED_STATES)
    return {
        **{
            k: totals[k]
            for k in (
                "received",
                "accepted",
                "assigned",
                "met",
                "replied",
                "on_time",
                "redone",
                "key",
                "excellent",
                "collective_excellent",
            )
        },
        "rejected": totals[State.REJECTED],
        "merged": totals[State.MERGED],
        "converted": totals[State.CONVERTED],
        "on_time_rate": rate(totals["on_time"], totals["replied"]),
        "meeting_rate": rate(totals["met"], totals["assigned"]),
        "key_share": rate(totals["key"], totals["accepted"]),
        "classes": shares(classes, reply_classes()),  # the same shaping as the page's
        "ratings": shares(ratings, Rating.choices),
        "unrated_counted": totals["deemed"],
        "by_state": _named(by["state"], dict(State.choices)),
        "by_sector": _named(by["sector_id"], sectors),
        "by_kind": _named(by["kind"], dict(Kind.choices)),
        "by_industry": _counts(received.filter(industries__isnull=False), "industries__name"),
        "by_unit": _counts(
            ProposalAssignment.objects.filter(proposal__in=received.values("pk")),
            "department__name",
        ),
        "league": league_table(
            qs.filter(assigned_on__isnull=False),
            key="lead_unit",
            label="lead_unit__name",
            fields=league_fields,
            today=today,
        ),
    }


def comparable(data) -> dict:
    """The figures with the rows of each breakdown in name order (ties may come in any)."""
    out = dict(data)
    for key in ("by_state", "by_sector", "by_kind", "by_industry", "by_unit"):
        out[key] = sorted(({**r, "name": str(r["name"])} for r in data[key]), key=str)
    return out


def exact_count(fetch):
    """The same page paged the plain Django way: an exact count of every matching row."""
    from django.core.paginator import Paginator

    from lvzhi.core.views import generic

    def run():
        capped, generic.CappedPaginator = generic.CappedPaginator, Paginator
        try:
            fetch()
        finally:
            generic.CappedPaginator = capped

    return run


def interleaved(a, b, runs):
    """Wall times of `a` and `b` taken in turns, and the CPU time this process spent in `a`
    (the machine is shared: the wall time waits for the cores as well)."""
    ta, tb, cpu = [], [], []
    for _ in range(runs):
        for fn, times in ((a, ta), (b, tb)):
            start, used = time.perf_counter(), time.process_time()
            fn()
            times.append((time.perf_counter() - start) * 1000)
            if fn is a:
                cpu.append((time.process_time() - used) * 1000)
    return ta, tb, cpu


def p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--reuse", action="store_true", help="time the data a previous run built (no rebuild)"
    )
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    setup_django(flush=not args.reuse)
    from django.db import connection
    from django.test import Client

    from lvzhi.proposals.selectors.proposal import figures

    start = time.perf_counter()
    if args.reuse:
        from django.contrib.auth import get_user_model

        staff = get_user_model().objects.get(username="bench-staff")
    else:
        staff = build(args.proposals)
    built = time.perf_counter() - start
    if args.build_only:
        print(f"built {args.proposals:,} proposals in {built:.0f} s")
        return
    from lvzhi.core import tallies
    from lvzhi.core.models import Committee, Tally
    from lvzhi.proposals.indicators.proposal_year import INDICATORS
    from lvzhi.proposals.views import proposal_figures

    start = time.perf_counter()
    tallies.refresh(INDICATORS)  # built once after the bulk writes (a no-op when kept)
    refreshed = time.perf_counter() - start
    kept = Tally.objects.filter(indicator__in=[i.key for i in INDICATORS]).count()
    kept_data = figures(user=staff, year=2024)
    assert comparable(kept_data) == comparable(grouped_scan(user=staff, year=2024)), (
        "the tables differ from the grouped scan"
    )
    print(f"tables refreshed in {refreshed:.1f} s ({kept:,} rows); equal to the grouped scan")

    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)

    def get(url, **params):
        def fetch():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        return fetch

    def with_selector(selector, fetch):
        def run():
            proposal_figures.selectors.figures = selector
            try:
                fetch()
            finally:
                proposal_figures.selectors.figures = figures

        return run

    stats_page = get("/proposals/figures/", year=2024, scope="all")
    stats_page()  # warm the caches once
    measurements = [
        (
            "statistics page (2024, whole system, rendered)",
            stats_page,
            with_selector(grouped_scan, stats_page),
            "p95 ≤ 200 ms",
            200,
        ),
        (
            "statistics, the figures alone",
            lambda: figures(user=staff, year=2024),
            lambda: grouped_scan(user=staff, year=2024),
            "",
            None,
        ),
    ]
    county = Committee.objects.filter(parent__isnull=False).order_by("pk").first()
    for label, params, aim, limit in (
        ("list page, whole system, newest first", {}, "p95 ≤ 100 ms", 100),
        ("list page, 2024", {"year": 2024}, "p95 ≤ 100 ms", 100),
        ("list page, 2024, page 50", {"year": 2024, "page": 50}, "", None),
        ("list page, 2024, assigned", {"year": 2024, "state": "assigned"}, "", None),
        ("list page, one county", {"scope": county.pk}, "", None),
    ):
        page = get("/proposals/", **params)
        page()
        measurements.append((label, page, exact_count(page), aim, limit))
    rows = []
    load = [os.getloadavg()[0]]
    for name, a, b, aim, limit in measurements:
        ta, tb, cpu = interleaved(a, b, args.runs)
        load.append(os.getloadavg()[0])
        met = "" if limit is None else (" **met**" if p95(ta) <= limit else " **missed**")
        rows.append(
            (
                name,
                statistics.median(ta),
                p95(ta),
                statistics.median(cpu),
                statistics.median(tb),
                p95(tb),
                aim + met,
            )
        )
    vendor = connection.vendor
    lines = [
        f"### Proposals at {args.proposals:,} ({vendor}, {args.runs} interleaved runs; "
        f"load average {min(load):.1f}–{max(load):.1f})",
        "",
        "| measurement | lvzhi p50 ms | lvzhi p95 ms | lvzhi CPU p50 ms | baseline p50 ms "
        "| baseline p95 ms | ratio (p50) | aim |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, a50, a95, c50, b50, b95, aim in rows:
        lines.append(
            f"| {name} | {a50:.1f} | {a95:.1f} | {c50:.1f} | {b50:.1f} | {b95:.1f} "
            f"| {b50 / a50:.1f}× | {aim} |"
        )
    lines.append("")
    lines.append(
        f"Summary tables: {kept:,} rows for {len(INDICATORS)} session-year indicators, "
        f"refreshed in {refreshed:.1f} s before timing; figures equal to the grouped scan."
    )
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "proposals.md").write_text(text)


if __name__ == "__main__":
    main()
