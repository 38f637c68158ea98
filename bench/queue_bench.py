"""Benchmark of the job queue: django-tasks (database backend) against huey, and SQLite sharing.

    .venv/bin/python bench/queue_bench.py                  # 5 interleaved rounds, every engine
    .venv/bin/python bench/queue_bench.py --rounds 3 --coexist-rows 1000 5000

Engines, each with one worker process polling every 0.1 s where it polls:

* django-tasks 0.12 + django-tasks-db on SQLite (WAL, the settings of `make run`) and on
  PostgreSQL (`--database-url`): `lvzhi db_worker --interval 0.1`;
* huey 3 with SqliteHuey and with RedisHuey (127.0.0.1:6379, blocking pop):
  `huey_consumer -w 1 -k thread -d 0.1 -m 0.1`.

Each run starts a fresh queue and its worker, then measures
* enqueue → start latency: one trivial task at a time (`--latency` of them, a random pause of
  0–0.2 s before each), from just before the enqueue call to the first line of the task (the
  task returns `time.time()`);
* throughput: `--tasks` trivial tasks enqueued at once, until the last one has started;
* the cost of one enqueue call in the web process.
Runs are interleaved (A, B, C, D, A, B, …); the table gives medians over rounds.

`--coexist-rows N` then runs, on SQLite only, a real member import of N rows as a job in the
worker while this process makes a short write (and a read) every 0.25 s from its own
connection, as the web process would: how long they wait and whether any fails.

Prints Markdown and writes it to bench/results/queue.md.
"""

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
ENGINES = ["django-tasks/SQLite", "django-tasks/PostgreSQL", "huey/SQLite", "huey/Redis"]
PG_URL = "postgresql://postgres@127.0.0.1:5432/lvzhi_jobs_bench"

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--latency", type=int, default=40, help="sequential tasks per run")
parser.add_argument("--tasks", type=int, default=1000, help="tasks per throughput run")
parser.add_argument("--engines", nargs="*", default=ENGINES, choices=ENGINES)
parser.add_argument("--database-url", default=PG_URL, help="PostgreSQL for django-tasks")
parser.add_argument("--coexist-rows", type=int, nargs="*", default=[1000, 5000])
parser.add_argument("--one", choices=ENGINES, help=argparse.SUPPRESS)
parser.add_argument("--coexist", type=int, help=argparse.SUPPRESS)
args = parser.parse_args()


def base_env(tmp: Path, engine: str) -> dict:
    env = {
        **os.environ,
        "QUEUE_BENCH_HUEY_DB": str(tmp / "huey.sqlite3"),
        "DATA_DIR": str(tmp),
        "DJANGO_SETTINGS_MODULE": "lvzhi.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src")]),
    }
    env.pop("DATABASE_URL", None)
    if engine == "django-tasks/PostgreSQL":
        env["DATABASE_URL"] = args.database_url
    env["QUEUE_BENCH_ENGINE"] = {"huey/SQLite": "huey-sqlite", "huey/Redis": "huey-redis"}.get(
        engine, "django-tasks"
    )
    return env


def start_worker(engine: str, env: dict) -> subprocess.Popen:
    if engine.startswith("django"):
        cmd = [BIN / "lvzhi", "db_worker", "--no-reload", "--no-startup-delay"]
        cmd += ["--interval", "0.1", "--verbosity", "0"]
    else:
        cmd = [BIN / "huey_consumer", "queue_tasks.huey", "-w", "1", "-k", "thread"]
        cmd += ["-d", "0.1", "-m", "0.1", "-b", "1", "-C", "-q"]
    return subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


# -- one run of one engine, in a process of its own ---------------------------------------------
def run_one(engine: str) -> dict:
    if engine.startswith("django"):
        import django

        django.setup()
        from django.core.management import call_command
        from django_tasks_db.models import DBTaskResult

        call_command("migrate", "django_tasks_database", verbosity=0)
        DBTaskResult.objects.all().delete()
    import queue_tasks

    if engine.startswith("huey"):
        queue_tasks.huey.flush()
    worker = start_worker(engine, dict(os.environ))
    try:
        return measure(engine, queue_tasks)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def measure(engine, queue_tasks):
    stamp = queue_tasks.stamp
    if engine.startswith("django"):
        from django_tasks_db.models import DBTaskResult

        def enqueue():
            return stamp.enqueue()

        def wait(result):
            while True:
                result.refresh()
                if result.is_finished:
                    return result.return_value
                time.sleep(0.002)

        def drain(results, n):
            while DBTaskResult.objects.filter(status="SUCCESSFUL").count() < n:
                time.sleep(0.02)
            return max(DBTaskResult.objects.values_list("return_value", flat=True))

    else:

        def enqueue():
            return stamp()

        def wait(result):
            return result.get(blocking=True, timeout=60, backoff=1, max_delay=0.002)

        def drain(results, n):
            return max(wait(r) for r in results)

    wait(enqueue())  # the worker is up
    latencies, enqueue_costs = [], []
    for _ in range(args.latency):
        # A random pause, so the enqueue falls anywhere in the worker's polling interval.
        time.sleep(random.uniform(0, 0.2))
        start = time.time()
        result = enqueue()
        enqueue_costs.append(time.time() - start)
        latencies.append(wait(result) - start)
    start = time.time()
    results = [enqueue() for _ in range(args.tasks)]
    enqueued = time.time() - start
    last = drain(results, args.tasks + args.latency + 1)
    return {
        "latency_ms": [v * 1000 for v in latencies],
        "enqueue_ms": statistics.median(enqueue_costs) * 1000,
        "enqueue_per_s": args.tasks / enqueued,
        "throughput_per_s": args.tasks / (last - start),
    }


# -- SQLite: the web's short writes while an import job runs in the worker ------------------------
def run_coexist(rows: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction
    from openpyxl import Workbook

    from lvzhi.core import jobs
    from lvzhi.core.choices import CommitteeLevel, Role
    from lvzhi.core.importers import MemberImporter
    from lvzhi.core.models import Committee, Job, Member, Notification, RoleAssignment, Sector

    assert connection.vendor == "sqlite"
    call_command("migrate", verbosity=0)
    city = Committee.objects.create(
        name="来宾市政协", short_name="来宾市", level=CommitteeLevel.CITY
    )
    Sector.objects.create(name="经济界")
    staff = get_user_model().objects.create_user("bench-staff")
    RoleAssignment.objects.create(user=staff, committee=city, role=Role.STAFF)
    book = Workbook()
    book.active.append(["姓名", "手机", "所属政协", "界别", "届次"])
    for i in range(rows):
        book.active.append([f"委员{i:06d}", f"139{i:08d}", "来宾市政协", "经济界", "第五届"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("members.xlsx", buffer.getvalue())

    worker = start_worker("django-tasks/SQLite", dict(os.environ))
    try:
        started = time.time()
        job = jobs.import_start(
            actor=staff, importer=MemberImporter, upload=upload, model_name="members"
        )
        writes, reads, failures = [], [], []
        while not Job.objects.get(pk=job.pk).finished:
            t0 = time.perf_counter()
            try:
                with transaction.atomic():
                    Notification.objects.create(recipient=staff, verb="bench", message="写入")
                writes.append((time.time() - started, time.perf_counter() - t0))
            except OperationalError as exc:
                failures.append((time.time() - started, str(exc)))
            t0 = time.perf_counter()
            Member.objects.count()
            reads.append(time.perf_counter() - t0)
            time.sleep(0.25)
        job.refresh_from_db()
        waits = [w for _t, w in writes]
        return {
            "rows": rows,
            "job_s": (job.finished_at - job.created_at).total_seconds(),
            "status": job.status,
            "created": job.result.get("created", 0),
            "members": Member.objects.count(),
            "writes": len(writes),
            "write_p50_ms": statistics.median(waits) * 1000 if waits else None,
            "write_max_s": max(waits) if waits else None,
            "blocked_writes": sum(1 for w in waits if w > 1),
            "failures": len(failures),
            "failure": failures[0][1] if failures else "",
            "read_max_ms": max(reads) * 1000 if reads else None,
        }
    finally:
        worker.terminate()
        worker.wait(timeout=30)


# -- the orchestrator ------------------------------------------------------------------------------
def child(flag: str, value, engine: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="lvzhi-queue-bench-") as tmp:
        env = base_env(Path(tmp), engine)
        cmd = [sys.executable, __file__, flag, str(value)] + [
            f"--latency={args.latency}",
            f"--tasks={args.tasks}",
            f"--database-url={args.database_url}",
        ]
        out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        if out.returncode:
            # Kept and counted: a queue that errors under load is part of the result.
            error = out.stderr.strip().splitlines()[-1]
            print(f"{engine} run failed: {error}", file=sys.stderr)
            return {"error": error}
        return json.loads(out.stdout.strip().splitlines()[-1])


def reset_postgresql():
    import psycopg

    name = args.database_url.rsplit("/", 1)[1]
    admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main():
    if "django-tasks/PostgreSQL" in args.engines:
        reset_postgresql()
    runs = {engine: [] for engine in args.engines}
    for round_no in range(args.rounds):
        for engine in args.engines:
            runs[engine].append(child("--one", engine, engine))
            rate = runs[engine][-1].get("throughput_per_s", 0)
            print(f"round {round_no + 1} {engine}: {rate:.0f}/s", flush=True)
    coexist = [child("--coexist", rows, "django-tasks/SQLite") for rows in args.coexist_rows]
    report = render(runs, coexist)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "queue.md").write_text(report, encoding="utf-8")


def render(runs, coexist) -> str:
    def ok(engine):
        return [r for r in runs[engine] if "error" not in r]

    def med(engine, key):
        return statistics.median(r[key] for r in ok(engine))

    def lat(engine, p):
        return statistics.median(percentile(r["latency_ms"], p) for r in ok(engine))

    base = args.engines[0]
    lines = [
        f"{args.rounds} interleaved rounds; per run {args.latency} sequential tasks for the "
        f"latency, {args.tasks} for the throughput; medians over rounds.",
        "",
        "| engine | enqueue call (ms) | enqueue → start p50 (ms) | p95 (ms) "
        f"| throughput (tasks/s) | throughput vs {base} | failed runs |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    errors = []
    for engine in args.engines:
        failed = len(runs[engine]) - len(ok(engine))
        errors += [f"{engine}: `{r['error']}`" for r in runs[engine] if "error" in r][:1]
        if not ok(engine):
            lines.append(f"| {engine} | | | | | | {failed} |")
            continue
        ratio = med(engine, "throughput_per_s") / med(base, "throughput_per_s")
        lines.append(
            f"| {engine} | {med(engine, 'enqueue_ms'):.2f} | {lat(engine, 50):.0f} "
            f"| {lat(engine, 95):.0f} | {med(engine, 'throughput_per_s'):,.0f} | {ratio:.2f}× "
            f"| {failed} |"
        )
    if errors:
        lines += ["", "Failed runs: " + "; ".join(errors)]
    if coexist:
        lines += [
            "",
            "SQLite: a member import running as a job in the worker, while another connection "
            "writes one row and counts the members every 0.25 s:",
            "",
            "| rows | job (s) | outcome | short writes | p50 (ms) | longest wait (s) "
            "| waited > 1 s | failed | longest read (ms) |",
            "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        for c in coexist:
            outcome = f"{c['status']}, {c['members']:,} members"
            lines.append(
                f"| {c['rows']:,} | {c['job_s']:.1f} | {outcome} | {c['writes']} "
                f"| {c['write_p50_ms']:.1f} | {c['write_max_s']:.1f} | {c['blocked_writes']} "
                f"| {c['failures']} | {c['read_max_ms']:.0f} |"
            )
        failures = [c["failure"] for c in coexist if c["failure"]]
        if failures:
            lines += ["", f"First failure: `{failures[0]}`"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if args.one:
        print(json.dumps(run_one(args.one)))
    elif args.coexist:
        print(json.dumps(run_coexist(args.coexist)))
    else:
        main()
