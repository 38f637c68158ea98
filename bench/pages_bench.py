"""Benchmark of the main pages at a large size: single-request times and SQL queries.

    git archive <before> src | tar -x -C /tmp/lvzhi-before     # the code to compare with
    .venv/bin/python bench/pages_bench.py --database-url postgresql://…/bench \\
        --baseline-src /tmp/lvzhi-before/src [--build-problems 200000] [--runs 20] [--rounds 2]

The database holds the problems generator's system (bench/problems_bench.py: a city and six
counties, 60 handling units, 3,000 enterprises, N problems); `--build-problems N` makes it
when it is empty. Or the scale data (`lvzhi demo --scale 6`, 1,050 members, 301,000
participations, 199,500 problems) with `--staff demo-staff --unit demo-unit`. Each round runs the baseline code and this checkout one after the other,
each in a fresh process on the same database (A, B, A, B …, so a change in machine load
hits both), signed in as the city's staff and as a handling unit. Every page is requested
once to warm up, then `--runs` times: p50 and p95 of those, and the queries one request
sends. The table gives the medians over the rounds and the ratio baseline / lvzhi, and the
median CPU time of the measuring process per request (Django's work; PostgreSQL's is not
in it), which a loaded machine disturbs less than the wall time; it is printed and written
to bench/results/pages.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def pages(staff, unit):
    """(label, user, url) of the measured pages."""
    from django.utils import timezone

    from lvzhi.problems.models import Problem

    problem = Problem.objects.order_by("-registered_on", "-id").first()
    last_year = timezone.localdate().year - 1
    return [
        ("home", staff, "/"),
        ("problems list", staff, "/problems/"),
        ("problems list, one state", staff, "/problems/?state=in_progress"),
        ("problems list (handling unit)", unit, "/problems/"),
        ("problem detail", staff, f"/problems/{problem.pk}/"),
        ("/api/v1/problems/", staff, "/api/v1/problems/"),
        ("league table 2024", staff, "/problems/league/?year=2024"),
        ("enterprises list", staff, "/enterprises/"),
        ("/api/v1/enterprises/", staff, "/api/v1/enterprises/"),
        (f"scores ranking {last_year}", staff, f"/activities/scores/?year={last_year}"),
        ("activities list", staff, "/activities/"),
    ]


def measure(runs, staff_name, unit_name):
    """One process, one code version: {label: {"times": [ms…], "queries": n}} as JSON."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    User = get_user_model()
    staff = User.objects.get(username=staff_name)
    unit = User.objects.filter(username__startswith=unit_name).order_by("id").first()
    clients = {}
    out = {}
    for label, user, url in pages(staff, unit):
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, secure=True)
        assert response.status_code == 200, (label, response.status_code)
        n_queries = len(ctx.captured_queries)  # now: the next request resets the log
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            response.content  # noqa: B018 — the whole body, as a server would send it
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        out[label] = {"times": times, "cpu": cpu, "queries": n_queries}
    print(json.dumps(out))


def variant_env(name, src, args):
    """The production settings (DEBUG off) for the code in `src`, with its own data folder
    and collected static files."""
    data = Path(tempfile.gettempdir()) / f"lvzhi-pages-bench-{name}"
    return {
        **os.environ,
        "PYTHONPATH": str(src),
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "lvzhi.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATA_DIR": str(data),
        "STATIC_ROOT": str(data / "static"),
    }


def run(env, *argv):
    done = subprocess.run(
        [sys.executable, *argv], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout


def run_variant(env, args):
    out = run(
        env,
        __file__,
        "--measure",
        "--runs",
        str(args.runs),
        "--staff",
        args.staff,
        "--unit",
        args.unit,
    )
    return json.loads(out.strip().splitlines()[-1])


def build(args):
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT / "bench"))
    import problems_bench

    problems_bench.setup_django(None, postgres=True)
    from django.db import connection

    from lvzhi.problems.models import Problem

    if not Problem.objects.exists():
        print(f"building {args.build_problems:,} problems …", flush=True)
        problems_bench.build(args.build_problems)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def report(filename, title, lines):
    """Print a Markdown table and write it to bench/results/`filename` under `title`."""
    table = "\n".join(lines)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / filename).write_text(f"# {title}\n\n{table}\n", encoding="utf-8")


def p95(values):
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--baseline-src", type=Path, help="the src/ folder of the code before")
    parser.add_argument("--build-problems", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--staff", default="bench-staff", help="the city staff user")
    parser.add_argument("--unit", default="unit-", help="the handling unit user (name prefix)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.runs, args.staff, args.unit)
    if not args.database_url or not args.baseline_src:
        parser.error("--database-url and --baseline-src are needed")
    build(args)
    variants = {"baseline": args.baseline_src, "lvzhi": ROOT / "src"}
    envs = {name: variant_env(name, src, args) for name, src in variants.items()}
    for env in envs.values():
        run(env, "-m", "django", "collectstatic", "--no-input", "--verbosity", "0")
    results = {name: [] for name in variants}
    for round_ in range(args.rounds):
        for name, env in envs.items():
            print(f"round {round_ + 1}: {name}", flush=True)
            results[name].append(run_variant(env, args))

    def stat(name, label, fn, key="times"):
        return statistics.median(fn(r[label][key]) for r in results[name])

    lines = [
        "| page | queries before → after | p50 before | p50 after | p95 before | p95 after "
        "| p95 ratio | CPU before | CPU after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label in results["lvzhi"][0]:
        q0 = results["baseline"][0][label]["queries"]
        q1 = results["lvzhi"][0][label]["queries"]
        a50, b50 = (
            stat("baseline", label, statistics.median),
            stat("lvzhi", label, statistics.median),
        )
        a95, b95 = stat("baseline", label, p95), stat("lvzhi", label, p95)
        cpu0 = stat("baseline", label, statistics.median, "cpu")
        cpu1 = stat("lvzhi", label, statistics.median, "cpu")
        lines.append(
            f"| {label} | {q0} → {q1} | {a50:.0f} | {b50:.0f} | {a95:.0f} | {b95:.0f} "
            f"| {a95 / b95:.1f}× | {cpu0:.0f} | {cpu1:.0f} |"
        )
    report(
        "pages.md", f"Pages, single requests (ms), {args.rounds} rounds × {args.runs} runs", lines
    )


if __name__ == "__main__":
    main()
