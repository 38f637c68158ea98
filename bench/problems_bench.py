"""Benchmark of the problems capability: the daily deadline pass and the league table.

    .venv/bin/python bench/problems_bench.py [--problems 200000] [--runs 5] [--db PATH]

Builds a fresh SQLite database (or uses DATABASE_URL when --postgres is given) holding a
city system — the city and six counties, 60 handling units with one user each, leaders —
and N problems over five years (2021–2025), bulk-inserted: ~96 % finished (answered,
confirmed, closed), the rest open, a share of them past their deadline. "Today" is
2025-12-15. Then it measures, as medians of --runs runs, side by side:

* the daily pass (`core.deadlines.daily_pass`): the first pass of the day, which reminds and
  escalates every open overdue problem (run inside a transaction that is rolled back, so
  each run does the same work; runs alternate with the baseline's: A, B, A, B …), and a
  repeated pass the same day (nothing left to do);
  baseline: a per-row Python loop — for each open problem a fresh working-day count,
  `save()` and a transition row, one at a time;
* the handling-unit league table for 2024 (`selectors.league_table`, one aggregate query);
  baseline: fetch the year's rows and compute the figures per row in Python (working days
  counted per row).

Prints a Markdown table and writes it to bench/results/problems.md.

With `--baseline-src DIR/src` (the code before: `git archive main src | tar -x -C DIR`) it
compares the daily pass of that code with this checkout's instead, each run in a fresh
process on the same database, alternating (bench/pass_ab.py), and writes
bench/results/problems-pass.md; with --postgres an existing database is reused.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TODAY = date(2025, 12, 15)


def setup_django(db_path, postgres):
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n_problems, seed=7):
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from lvzhi.core.choices import CommitteeLevel, Role
    from lvzhi.core.models import Committee, Department, Enterprise, Industry, RoleAssignment
    from lvzhi.core.workdays import WorkdayCalendar
    from lvzhi.problems.models import Problem, ProblemAssignment, ProblemCategory
    from lvzhi.problems.scale import assignments, new_problem

    rng = random.Random(seed)
    cal = WorkdayCalendar()
    User = get_user_model()
    with transaction.atomic():
        city = Committee.objects.create(name="来宾市政协", level=CommitteeLevel.CITY)
        counties = [
            Committee.objects.create(name=f"县{i}政协", level=CommitteeLevel.COUNTY, parent=city)
            for i in range(6)
        ]
        committees = [city, *counties]
        industries = [Industry.objects.create(name=f"产业{i}") for i in range(14)]
        units = []
        for c in committees:
            for j in range(8 if c == city else 7):
                d = Department.objects.create(committee=c, name=f"{c.name}单位{j}")
                u = User.objects.create(username=f"unit-{d.pk}", email=f"u{d.pk}@example.org")
                RoleAssignment.objects.create(user=u, committee=c, role=Role.UNIT, department=d)
                units.append(d)
        for c in committees:
            leader = User.objects.create(username=f"leader-{c.pk}")
            RoleAssignment.objects.create(user=leader, committee=c, role=Role.LEADER)
        staff = User.objects.create(username="bench-staff")
        RoleAssignment.objects.create(user=staff, committee=city, role=Role.STAFF)
        enterprises = Enterprise.objects.bulk_create(
            Enterprise(committee=rng.choice(committees), name=f"企业{i}") for i in range(3000)
        )
        categories = list(ProblemCategory.objects.all())
        by_committee = {}
        for d in units:
            by_committee.setdefault(d.committee_id, []).append(d)

        start = date(2021, 1, 1)
        span = (TODAY - start).days
        problems = []
        for i in range(n_problems):
            e = rng.choice(enterprises)
            problems.append(
                new_problem(
                    rng,
                    cal,
                    TODAY,
                    registered=start
                    + timedelta(days=int(span * (i / n_problems)) + rng.randint(0, 3)),
                    category=rng.choice(categories),
                    committee_id=e.committee_id,
                    enterprise=e,
                    industry=rng.choice(industries),
                    lead_unit=rng.choice(by_committee[e.committee_id]),
                    title=f"难题{i}",
                    description="bench",
                )
            )
        Problem.objects.bulk_create(problems, batch_size=5000)
        ProblemAssignment.objects.bulk_create(
            (ProblemAssignment(**row) for row in assignments(problems)), batch_size=5000
        )
    return staff


class Rollback(Exception):
    pass


def timed_in_rollback(fn):
    from django.db import transaction

    t0 = time.perf_counter()
    try:
        with transaction.atomic():
            result = fn()
            elapsed = time.perf_counter() - t0
            raise Rollback
    except Rollback:
        pass
    return elapsed, result


def naive_daily_pass(today):
    """Baseline: one problem at a time, a fresh calendar and a save() per row."""
    from django.utils import timezone

    from lvzhi.core.services import system_user
    from lvzhi.core.workdays import WorkdayCalendar
    from lvzhi.problems.models import Problem, ProblemTransition

    actor = system_user()
    reminded = escalated = 0
    for p in Problem.objects.filter(state__in=["assigned", "in_progress"]):
        if p.deadline is None or p.deadline >= today:
            continue
        overdue_days = WorkdayCalendar().workdays_between(p.deadline, today)
        changed = False
        if p.reminded_on is None:
            p.reminded_on, changed = today, True
            reminded += 1
            ProblemTransition.objects.create(
                problem=p,
                action="remind",
                from_state=p.state,
                to_state=p.state,
                actor=actor,
                at=timezone.now(),
            )
        if overdue_days >= 3 and p.escalated_on is None:
            p.escalated_on, changed = today, True
            escalated += 1
            ProblemTransition.objects.create(
                problem=p,
                action="escalate",
                from_state=p.state,
                to_state=p.state,
                actor=actor,
                at=timezone.now(),
            )
        if changed:
            p._history_user = actor
            p.save()
    return {"reminded": reminded, "escalated": escalated}


def naive_league(year):
    from lvzhi.core.workdays import WorkdayCalendar
    from lvzhi.problems.models import Problem

    cal = WorkdayCalendar()
    rows = {}
    for p in Problem.objects.filter(assigned_on__year=year).select_related("lead_unit"):
        r = rows.setdefault(
            p.lead_unit.name,
            {
                "assigned": 0,
                "answered": 0,
                "on_time": 0,
                "overdue": 0,
                "days": [],
                "rated": 0,
                "ok": 0,
            },
        )
        r["assigned"] += 1
        if p.answered_on:
            r["answered"] += 1
            days = cal.workdays_between(p.assigned_on, p.answered_on)
            r["days"].append(days)
            if p.answered_on <= p.deadline:
                r["on_time"] += 1
            else:
                r["overdue"] += 1
        elif p.deadline < TODAY:
            r["overdue"] += 1
        if p.satisfaction:
            r["rated"] += 1
            r["ok"] += p.satisfaction != "not_satisfied"
    return rows


def median_of(fn, runs):
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def compare_passes(args, open_overdue):
    """The first pass of the day, code before vs this checkout, in alternating processes."""
    import pass_ab
    from django.db import connection

    url = (
        os.environ["DATABASE_URL"]
        if args.postgres
        else f"sqlite:///{connection.settings_dict['NAME']}"
    )
    results = pass_ab.alternate(url, args.baseline_src, args.rounds, TODAY)
    lines = [
        f"# Daily deadline pass, code before vs after ({connection.vendor}, "
        f"{args.problems:,} problems, today = {TODAY}, {open_overdue:,} open and overdue)",
        "",
        f"Command: `.venv/bin/python bench/problems_bench.py --problems {args.problems} "
        f"--baseline-src DIR/src --rounds {args.rounds}"
        + (" --postgres`" if args.postgres else "`"),
        "",
        *pass_ab.table(results, "first pass of the day"),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "problems-pass.md").write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--db", help="SQLite file (default: a fresh temporary file)")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL instead")
    parser.add_argument("--baseline-src", help="compare the pass with this code's (src/ folder)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, with --baseline-src")
    args = parser.parse_args()

    db = args.db or os.path.join(tempfile.mkdtemp(prefix="lvzhi-bench-"), "problems.sqlite3")
    if os.path.exists(db) and not args.db:
        os.remove(db)
    setup_django(db, args.postgres)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lvzhi.core.deadlines import daily_pass
    from lvzhi.problems import selectors
    from lvzhi.problems.models import Problem

    t0 = time.perf_counter()
    if args.postgres and Problem.objects.exists():  # built by an earlier run: reused
        staff = get_user_model().objects.get(username="bench-staff")
    else:
        staff = build(args.problems)
    build_s = time.perf_counter() - t0
    open_overdue = Problem.objects.filter(
        state__in=["assigned", "in_progress"], deadline__lt=TODAY
    ).count()
    print(f"built {args.problems} problems in {build_s:.1f} s; open and overdue: {open_overdue}")
    if args.baseline_src:
        return compare_passes(args, open_overdue)

    # The first pass of the day and its baseline alternate (A, B, A, B …), so a change in
    # machine load between runs hits both; each run is rolled back and does the same work.
    first, naive, loads = [], [], []
    for i in range(max(args.runs, args.baseline_runs)):
        loads.append(os.getloadavg()[0])
        if i < args.runs:
            first.append(timed_in_rollback(lambda: daily_pass(today=TODAY)))
            print(f"  lvzhi pass {i + 1}: {first[-1][0]:.2f} s (load {loads[-1]:.1f})", flush=True)
        if i < args.baseline_runs:
            naive.append(timed_in_rollback(lambda: naive_daily_pass(TODAY)))
            print(f"  naive pass {i + 1}: {naive[-1][0]:.2f} s", flush=True)
    first_s = statistics.median(t for t, _ in first)
    naive_s = statistics.median(t for t, _ in naive)
    first_counts = first[0][1]

    def pass_twice():
        daily_pass(today=TODAY)
        t = time.perf_counter()
        again = daily_pass(today=TODAY)
        return time.perf_counter() - t, again

    repeat = [timed_in_rollback(pass_twice)[1] for _ in range(args.runs)]
    repeat_s = statistics.median(t for t, _ in repeat)
    assert all(r == {"reminded": 0, "escalated": 0} for _t, r in repeat)

    league, naive_league_times = [], []
    for i in range(max(args.runs, args.baseline_runs)):
        if i < args.runs:
            league.append(
                median_of(
                    lambda: selectors.league_table(user=staff, year=2024, by="unit", today=TODAY), 1
                )
            )
        if i < args.baseline_runs:
            naive_league_times.append(median_of(lambda: naive_league(2024), 1))
    league_s = statistics.median(t for t, _ in league)
    league_rows = league[0][1]
    naive_league_s = statistics.median(t for t, _ in naive_league_times)
    naive_rows = naive_league_times[0][1]
    assert sum(r["assigned"] for r in league_rows) == sum(
        r["assigned"] for r in naive_rows.values()
    )

    vendor = connection.vendor
    lines = [
        f"# Problems benchmark ({vendor}, {args.problems:,} problems over 2021–2025, today = {TODAY})",
        "",
        f"Command: `.venv/bin/python bench/problems_bench.py --problems {args.problems} --runs {args.runs}`"
        + (" --postgres" if args.postgres else ""),
        "",
        f"Open and overdue on the day: {open_overdue:,}; first pass of the day: "
        f"{first_counts['reminded']:,} reminders, {first_counts['escalated']:,} escalations "
        "(notifications, transitions and history rows included).",
        "",
        "| measurement | lvzhi | naive baseline | ratio | aim |",
        "|---|---:|---:|---:|---:|",
        f"| daily pass, first run of the day | {first_s:.2f} s | {naive_s:.2f} s (per-row loop) "
        f"| {naive_s / first_s:.1f}× | < 10 s |",
        f"| daily pass, run again the same day | {repeat_s * 1000:.0f} ms | — | | |",
        f"| handling-unit league table, 2024 ({sum(r['assigned'] for r in league_rows):,} problems, {len(league_rows)} units) "
        f"| {league_s * 1000:.0f} ms | {naive_league_s * 1000:.0f} ms (Python per row) "
        f"| {naive_league_s / league_s:.0f}× | < 200 ms |",
        "",
        f"Medians of {args.runs} runs ({args.baseline_runs} for the baselines), lvzhi and baseline "
        "alternating (A, B, A, B …); each daily-pass run is rolled back so every run does the "
        "same work. Single passes: lvzhi "
        + ", ".join(f"{t:.1f}" for t, _ in first)
        + " s; baseline "
        + ", ".join(f"{t:.1f}" for t, _ in naive)
        + f" s; load average (1 min) {min(loads):.1f}–{max(loads):.1f}. Database build: "
        f"{build_s:.0f} s (not measured).",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if vendor == "sqlite" else f"-{vendor}"
    (RESULTS / f"problems{suffix}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
