"""Benchmark of investment: the funnel (KPI) page for the whole system, and the daily pass
over stalled projects.

    .venv/bin/python bench/investment_bench.py --database-url postgresql://…/lvzhi_investment_bench \
        [--projects 100000] [--events 10] [--runs 15] [--page-repeat 1] [--pass-runs 3]

Builds (bulk-inserted) a city system with six counties, each with ten responsible departments
(one account each) and two leaders, and N projects over 2023–2025 spread across the
pipeline, each in a department's care, `--events` transition-log rows per project
(N × events stage events) and funds instalments. Then, interleaved (A, B, A, B …):

* A: GET /investment/funnel/?year=2024 as a city office user (one aggregate query over the
  projects' stage dates, one over the funds); B, the naive baseline: the same figures from
  the transition log and per-project rows in Python (read the year's stage events, then
  each contracted project's amount and funds);
* the daily pass (`core.deadlines.daily_pass`) with every open project overdue for progress,
  inside a transaction rolled back after each run; baseline: the engine's step per project
  (`WORKFLOW.run("remind")`), timed on a sample and scaled to all.

Prints a Markdown table (medians, p95, ratios) and writes bench/results/investment.md.

With `--baseline-src DIR/src` (the code before: `git archive main src | tar -x -C DIR`) it
compares the daily pass of that code with this checkout's instead, each run in a fresh
process, alternating (bench/pass_ab.py), and writes bench/results/investment-pass.md; with
`--baseline-database-url` the code before runs on that database, a copy of this one made
before migrating it (`CREATE DATABASE … TEMPLATE …`), so each code runs on its own schema.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TODAY = date(2025, 12, 15)
#: responsible departments per committee (each with one account)
DEPARTMENTS = 10
STAGES = ["lead", "negotiating", "intention", "contracted", "started", "producing"]
DATES = ["registered_on", "negotiating_on", "intention_on", "contracted_on", "started_on",
         "producing_on"]  # fmt: skip


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n, events, seed=11):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from lvzhi.core.choices import CommitteeLevel, Role
    from lvzhi.core.models import Committee, Department, RoleAssignment
    from lvzhi.investment.models import FundsInPlace, InvestmentProject, ProjectTransition

    if InvestmentProject.objects.count() >= n:
        return get_user_model().objects.get(username="bench-office")
    rng = random.Random(seed)
    with transaction.atomic():
        city = Committee.objects.create(name="来宾市政协", level=CommitteeLevel.CITY)
        committees = [city] + [
            Committee.objects.create(name=f"县{i}政协", level=CommitteeLevel.COUNTY, parent=city)
            for i in range(6)
        ]
        office = get_user_model().objects.create(username="bench-office")
        RoleAssignment.objects.create(user=office, committee=city, role=Role.STAFF)
        # the people the daily pass tells: each committee's departments (one account each)
        # and two leaders
        departments = {}
        for c in committees:
            departments[c.pk] = []
            for k in range(DEPARTMENTS):
                unit = Department.objects.create(committee=c, name=f"{c.name}部门{k}")
                user = get_user_model().objects.create(username=f"bench-unit-{c.pk}-{k}")
                RoleAssignment.objects.create(
                    user=user, committee=c, role=Role.UNIT, department=unit
                )
                departments[c.pk].append(unit)
            for k in range(2):
                user = get_user_model().objects.create(username=f"bench-leader-{c.pk}-{k}")
                RoleAssignment.objects.create(user=user, committee=c, role=Role.LEADER)
        for start in range(0, n, 10_000):
            projects = []
            for i in range(start, min(n, start + 10_000)):
                reached = rng.choice([0, 0, 1, 1, 2, 2, 3, 3, 4, 5])
                first = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
                fields, day = {}, first
                for k in range(1, reached + 1):
                    day = day + timedelta(days=rng.randrange(10, 60))
                    fields[DATES[k]] = day
                committee = committees[i % 7]
                projects.append(
                    InvestmentProject(
                        committee=committee,
                        department=rng.choice(departments[committee.pk]),
                        name=f"项目{i}",
                        investor_name=f"投资方{i}",
                        source_mode=rng.choice(["leader", "member", "department"]),
                        planned_investment=rng.randrange(500, 50000),
                        contracted_amount=rng.randrange(500, 50000) if reached >= 3 else None,
                        registered_on=first,
                        state=STAGES[reached],
                        last_progress_on=day,
                        progress_due=day + timedelta(days=30),
                        **fields,
                    )
                )
            InvestmentProject.objects.bulk_create(projects, batch_size=5000)
            rows, funds = [], []
            for p in projects:
                reached = STAGES.index(p.state)
                for e in range(events):
                    # the stage changes at their dates, then progress reports
                    k = min(e, reached)
                    at = getattr(p, DATES[k]) + timedelta(days=0 if e <= reached else e)
                    rows.append(
                        ProjectTransition(
                            project=p,
                            action="progress" if e > reached else "negotiate",
                            from_state=STAGES[max(k - 1, 0)],
                            to_state=STAGES[k],
                            at=timezone.make_aware(datetime.combine(at, datetime.min.time())),
                        )
                    )
                if p.contracted_on:
                    funds.append(
                        FundsInPlace(
                            project=p,
                            on=p.contracted_on + timedelta(days=20),
                            amount=p.contracted_amount // 3,
                        )
                    )
            ProjectTransition.objects.bulk_create(rows, batch_size=10_000)
            FundsInPlace.objects.bulk_create(funds, batch_size=10_000)
            print(f"  {start + len(projects)} projects", flush=True)
    return office


def naive_funnel(year):
    """The figures a first version would compute: the stage events of the year from the
    log, then per contracted project its amount and its funds."""
    from lvzhi.investment.models import FundsInPlace, InvestmentProject, ProjectTransition

    counts = dict.fromkeys(STAGES, 0)
    seen = set()
    events = ProjectTransition.objects.filter(at__year=year).values_list("project_id", "to_state")
    for project_id, state in events.iterator(chunk_size=20_000):
        if (project_id, state) not in seen:
            seen.add((project_id, state))
            counts[state] += 1
    amount = funds = 0
    for p in InvestmentProject.objects.filter(contracted_on__year=year).iterator():
        amount += p.contracted_amount or 0
        funds += sum(f.amount for f in FundsInPlace.objects.filter(project=p, on__year=year))
    return counts, amount, funds


def p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def compare_passes(args):
    """The pass over stalled projects, code before vs this checkout, alternating processes."""
    import pass_ab

    from lvzhi.investment.choices import OPEN_STAGES
    from lvzhi.investment.models import InvestmentProject

    open_n = InvestmentProject.objects.filter(state__in=OPEN_STAGES).count()
    results = pass_ab.alternate(
        args.database_url,
        args.baseline_src,
        args.rounds,
        TODAY,
        baseline_database_url=args.baseline_database_url,
    )
    lines = [
        f"`bench/investment_bench.py --projects {args.projects} --events {args.events} "
        f"--baseline-src DIR/src --rounds {args.rounds}` on PostgreSQL: the daily pass, today = "
        f"{TODAY}, {open_n} open projects.",
        "",
        *pass_ab.table(results, "daily pass over stalled projects"),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "investment-pass.md").write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pass-runs", type=int, default=3, help="0: the funnel only")
    parser.add_argument(
        "--page-repeat", type=int, default=1, help="pages per baseline run, interleaved"
    )
    parser.add_argument("--naive-sample", type=int, default=300)
    parser.add_argument("--baseline-src", help="compare the pass with this code's (src/ folder)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, with --baseline-src")
    parser.add_argument("--build-only", action="store_true", help="build the data and stop")
    parser.add_argument(
        "--baseline-database-url",
        help="with --baseline-src: the code before runs on this copy of the database, kept at "
        "its migrations (CREATE DATABASE … TEMPLATE …)",
    )
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.test import Client

    t0 = time.perf_counter()
    office = build(args.projects, args.events)
    print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)
    if args.build_only:
        return None
    if args.baseline_src:
        return compare_passes(args)
    client = Client()
    client.force_login(office)
    client.get("/investment/funnel/?year=2024&scope=all")  # warm-up: templates, first queries
    page, naive, loads = [], [], []
    for _ in range(args.runs):  # interleaved: A (--page-repeat times), B, A, B …
        loads.append(os.getloadavg()[0])
        for _ in range(args.page_repeat):
            t = time.perf_counter()
            assert client.get("/investment/funnel/?year=2024&scope=all").status_code == 200
            page.append(time.perf_counter() - t)
        t = time.perf_counter()
        naive_funnel(2024)
        naive.append(time.perf_counter() - t)
    med = statistics.median
    table = [
        "| measure | lvzhi | naive baseline | ratio |",
        "|---|---|---|---|",
        f"| funnel page 2024, whole system: median | {med(page) * 1000:.0f} ms | "
        f"{med(naive) * 1000:.0f} ms | {med(naive) / med(page):.1f}× |",
        f"| funnel page 2024, whole system: p95 | {p95(page) * 1000:.0f} ms | "
        f"{p95(naive) * 1000:.0f} ms | {p95(naive) / p95(page):.1f}× |",
    ]
    if args.pass_runs:
        table.append(_pass_row(args))
    header = (
        f"`bench/investment_bench.py --projects {args.projects} --events {args.events} "
        f"--runs {args.runs} --page-repeat {args.page_repeat} --pass-runs {args.pass_runs}` on "
        f"PostgreSQL: {args.projects} projects, {args.projects * args.events} stage events; "
        f"runs interleaved ({len(page)} pages, {len(naive)} baseline runs), medians and p95; "
        f"load average (1 min) {min(loads):.1f}–{max(loads):.1f} on 2 cores."
    )
    out = header + "\n\n" + "\n".join(table) + "\n"
    print(out)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "investment.md").write_text(out, encoding="utf-8")
    return None


def _pass_row(args) -> str:
    """The daily pass in this process (rolled back) against the engine's step per project,
    timed on a sample and scaled."""
    from django.db import transaction

    from lvzhi.core.deadlines import daily_pass
    from lvzhi.core.services import system_user
    from lvzhi.investment.choices import OPEN_STAGES
    from lvzhi.investment.models import InvestmentProject
    from lvzhi.investment.services import WORKFLOW

    open_n = InvestmentProject.objects.filter(state__in=OPEN_STAGES).count()
    actor = system_user()
    passes, sample = [], []

    class Rollback(Exception):
        pass

    for _ in range(args.pass_runs):
        try:
            with transaction.atomic():
                t = time.perf_counter()
                counts = daily_pass(today=TODAY, actor=actor)
                passes.append(time.perf_counter() - t)
                raise Rollback
        except Rollback:
            pass
        try:
            with transaction.atomic():
                rows = InvestmentProject.objects.filter(state__in=OPEN_STAGES)[: args.naive_sample]
                t = time.perf_counter()
                for p in rows:
                    WORKFLOW.run("remind", actor=actor, record=p, on=TODAY)
                sample.append((time.perf_counter() - t) / args.naive_sample * open_n)
                raise Rollback
        except Rollback:
            pass
    med = statistics.median
    return (
        f"| daily pass, {open_n} open projects overdue (reminded {counts['reminded']}) | "
        f"{med(passes):.1f} s | {med(sample):.0f} s (scaled from {args.naive_sample}) | "
        f"{med(sample) / med(passes):.0f}× |"
    )


if __name__ == "__main__":
    main()
