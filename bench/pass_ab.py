"""The daily deadline pass of two code versions, alternating in fresh processes.

    .venv/bin/python bench/pass_ab.py --src DIR/src --database-url postgresql://… [--today D]

runs one pass of the code in DIR (inside a transaction rolled back, so the next run does the
same work) on the database and prints its figures as JSON; `alternate()` runs the code
before (`git archive main src | tar -x -C DIR`) and this checkout one after the other, A, B,
A, B …, each in a fresh process, so a change of the machine's load hits both, and both pay
the same first-request costs (URL resolver, translations). Before each run the touched
tables are vacuumed (the rolled-back runs leave dead rows behind) — not timed.

Figures per run: wall time, the process's CPU time, and the PostgreSQL backend's CPU time
(read from /proc: the server runs on this machine), which a loaded machine disturbs less
than the wall time.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _backend_cpu(connection) -> float:
    """CPU seconds the PostgreSQL backend serving `connection` has used so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the server is elsewhere
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(today):
    """One pass in this process, rolled back; its figures."""
    import django

    django.setup()
    from django.db import connection, transaction

    from lvzhi.core.deadlines import daily_pass
    from lvzhi.core.records import record_types
    from lvzhi.core.services import system_user

    actor = system_user()  # created once, outside the rolled-back runs
    tables = set()
    for record_type in record_types():
        workflow = record_type.workflow
        if getattr(workflow, "deadlines", None) is not None:
            model = workflow.model
            tables |= {model, model.history.model, workflow.log_model}
    from lvzhi.core.models import Notification

    tables.add(Notification)
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            told = Notification.objects.count()
            server = _backend_cpu(connection)
            wall, cpu = time.perf_counter(), time.process_time()
            counts = daily_pass(today=today, actor=actor)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            server = _backend_cpu(connection) - server
            counts["notifications"] = Notification.objects.count() - told
            raise Rollback
    except Rollback:
        pass
    return {"wall": wall, "cpu": cpu, "server": server, "counts": counts}


def alternate(database_url, baseline_src, rounds, today, baseline_database_url=None):
    """{"before": [run…], "after": [run…]}: `rounds` runs of each, alternating.

    `baseline_database_url`: the code before runs on this database (a copy of the other
    at the code before's migrations), where the code after changed the schema."""
    variants = {
        "before": (Path(baseline_src), baseline_database_url or database_url),
        "after": (ROOT / "src", database_url),
    }
    out = {name: [] for name in variants}
    for round_ in range(rounds):
        for name, (src, url) in variants.items():
            load = os.getloadavg()[0]
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--src",
                    str(src),
                    "--database-url",
                    url,
                    "--today",
                    today.isoformat(),
                ],
                env={**os.environ, "PYTHONPATH": str(src)},
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                sys.exit(done.stderr)
            run = json.loads(done.stdout.strip().splitlines()[-1]) | {"load": load}
            out[name].append(run)
            print(
                f"  round {round_ + 1} {name}: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, "
                f"{run['server']:.1f} s PostgreSQL CPU (load {load:.1f})",
                flush=True,
            )
    return out


def table(results, label, aim="≤ 10 s") -> list[str]:
    """Markdown lines: medians before and after, ratios, and every single run."""
    med = statistics.median

    def figure(name, key):
        return med(r[key] for r in results[name])

    counts = results["after"][0]["counts"]
    assert all(r["counts"] == counts for runs in results.values() for r in runs), results
    lines = [
        f"| {label} | before | after | ratio | aim |",
        "|---|---:|---:|---:|---|",
    ]
    for key, name in (("wall", "wall time"), ("cpu", "Python CPU"), ("server", "PostgreSQL CPU")):
        before, after = figure("before", key), figure("after", key)
        lines.append(
            f"| {name} (median of {len(results['after'])}) | {before:.1f} s | {after:.1f} s "
            f"| {before / after:.1f}× | {aim if key == 'wall' else ''} |"
        )
    loads = [r["load"] for runs in results.values() for r in runs]
    lines += [
        "",
        f"Counts of each run: {counts}. Single runs (wall, s): before "
        + ", ".join(f"{r['wall']:.1f}" for r in results["before"])
        + "; after "
        + ", ".join(f"{r['wall']:.1f}" for r in results["after"])
        + f"; load average (1 min) {min(loads):.1f}–{max(loads):.1f} on 2 cores.",
    ]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", required=True, help="the src/ folder of the code to run")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.src)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    print(json.dumps(measure(args.today)))


if __name__ == "__main__":
    main()
