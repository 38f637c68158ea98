"""Load benchmark: the production server under 20 concurrent signed-in clients.

    .venv/bin/python bench/load.py \\
        --database demo=postgresql://postgres@127.0.0.1:5432/lvzhi_demo \\
        --database scale=postgresql://postgres@127.0.0.1:5432/lvzhi_scale \\
        [--clients 20] [--seconds 20] [--rounds 2] [--workers 3] [--port 8102]

Each database must hold the demo system (`lvzhi demo`, or `lvzhi demo --scale 6` for the
large one). For every round, database and server — the production configuration (DEBUG
off, collected static files, gunicorn through `lvzhi serve --workers N`, as
scripts/ci_production.sh runs it) and the development server (`lvzhi runserver`, DEBUG on,
as `make run`) as the baseline — one after the other (A, B, A, B …, so a change in machine
load hits both): start the server, sign each client in through the login form as one of
the six demo roles in turn, open every page of the role's mix once (pages a role may not
open are left out of its mix), then let the clients request pages of their mix in turn,
without pause, for `--seconds`. Reports requests per second, p50 / p95 / p99 and errors
(any answer but 200) per page and overall, with the load average before each run; the
medians over the rounds go to bench/results/load.md.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "scripts"))

from prod_crawl import ROLES, Session  # noqa: E402 - the crawl's signed-in HTTP session

#: The page mix: (label, path); a role keeps the pages it may open.
PAGES = [
    ("home", "/"),
    ("problems list", "/problems/"),
    ("problems, one state", "/problems/?state=in_progress"),
    ("activities list", "/activities/"),
    ("members list", "/members/"),
    ("enterprises list", "/enterprises/"),
    ("scores ranking", "/activities/scores/"),
    ("league table", "/problems/league/"),
    ("duty record (own)", "/activities/record/"),
    ("/api/v1/problems/", "/api/v1/problems/"),
    ("/api/v1/members/", "/api/v1/members/"),
]


LVZHI = str(ROOT / ".venv" / "bin" / "lvzhi")
STATIC = Path(tempfile.gettempdir()) / "lvzhi-load-bench-static"


def server_command(kind, args, port):
    if kind == "gunicorn":
        return [
            LVZHI,
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--no-collectstatic",  # collected once, before the runs
        ]
    return [LVZHI, "runserver", f"127.0.0.1:{port}", "--noreload"]


def server_env(kind, url, data):
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATA_DIR": str(data),
        "STATIC_ROOT": str(STATIC),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "load-bench-" + "x" * 50,
        "AXES_ENABLED": "0",
        "API_THROTTLE_USER": "1000000/minute",
    }
    env["DEBUG"] = "0" if kind == "gunicorn" else "1"
    return env


def wait_healthy(port, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped ({process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not answer /healthz")


def fetch(session, path):
    """(status, ms) of one GET, the whole body read, redirects not followed."""
    start = time.perf_counter()
    response, _body = session.request("GET", path)
    return response.status, (time.perf_counter() - start) * 1000


def sign_in(base, role):
    session = Session(base)
    session.login(role, "demo")
    return session


def drive(base, clients, seconds):
    """{label: [(status, ms)]} of `clients` threads requesting their mix for `seconds`.

    One session per role first finds the pages of the mix the role may open (an answer
    other than 200 leaves the page out); then every client signs in, at the same time."""
    roles = [ROLES[i % len(ROLES)] for i in range(clients)]
    mixes = {}
    for role in dict.fromkeys(roles):
        probe = sign_in(base, role)
        mixes[role] = [(label, path) for label, path in PAGES if fetch(probe, path)[0] == 200]
    signed_in = [None] * clients

    def login(n):
        signed_in[n] = sign_in(base, roles[n])

    logins = [threading.Thread(target=login, args=(n,)) for n in range(clients)]
    for t in logins:
        t.start()
    for t in logins:
        t.join()
    sessions = [(signed_in[n], mixes[roles[n]]) for n in range(clients)]
    results = defaultdict(list)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work(session, mix, offset):
        mine, i = [], offset
        while time.monotonic() < stop:
            label, path = mix[i % len(mix)]
            i += 1
            try:
                status, ms = fetch(session, path)
            except OSError:
                status, ms = 0, 0.0
            mine.append((label, status, ms))
        with lock:
            for label, status, ms in mine:
                results[label].append((status, ms))

    threads = [
        threading.Thread(target=work, args=(session, mix, n))
        for n, (session, mix) in enumerate(sessions)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.monotonic() - started


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def figures(rows, elapsed):
    """{n, rps, p50, p95, p99, errors} of [(status, ms)]; times of the 200 answers only."""
    times = [ms for status, ms in rows if status == 200]
    return {
        "n": len(rows),
        "rps": len(rows) / elapsed,
        "p50": pct(times, 50),
        "p95": pct(times, 95),
        "p99": pct(times, 99),
        "errors": sum(1 for status, _ms in rows if status != 200),
    }


def summarise(results, elapsed):
    """{label: figures} plus "all pages"."""
    out = {label: figures(rows, elapsed) for label, rows in results.items()}
    out["all pages"] = figures([r for rows in results.values() for r in rows], elapsed)
    return out


def one_run(kind, name, url, args):
    data = Path(tempfile.mkdtemp(prefix=f"lvzhi-load-{kind}-"))
    env = server_env(kind, url, data)
    log = open(data / "server.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        server_command(kind, args, args.port), env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_healthy(args.port, process)
        load = os.getloadavg()[0]
        results, elapsed = drive(f"http://127.0.0.1:{args.port}", args.clients, args.seconds)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
    summary = summarise(results, elapsed)
    total = summary["all pages"]
    print(
        f"{name:6} {kind:9} load {load:4.1f}  {total['rps']:6.1f} req/s  "
        f"p50 {total['p50']:6.0f}  p95 {total['p95']:6.0f}  p99 {total['p99']:6.0f} ms  "
        f"errors {total['errors']}",
        flush=True,
    )
    return summary, load


def table(runs, databases):
    """Markdown: per database and page, gunicorn vs runserver (medians over rounds)."""
    lines = [
        "| system | page | gunicorn req/s | p50 | p95 | p99 | errors | runserver req/s "
        "| p50 | p95 | p99 | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in databases:
        labels = ["all pages"] + [label for label, _ in PAGES]
        for label in labels:
            cells = []
            for kind in ("gunicorn", "runserver"):
                rows = [s[label] for s, _load in runs[(name, kind)] if label in s]
                if not rows:
                    cells += ["—"] * 5
                    continue
                med = {
                    k: statistics.median(r[k] for r in rows) for k in ("rps", "p50", "p95", "p99")
                }
                errors = sum(r["errors"] for r in rows)
                cells += [
                    f"{med['rps']:.1f}",
                    f"{med['p50']:.0f}",
                    f"{med['p95']:.0f}",
                    f"{med['p99']:.0f}",
                    str(errors),
                ]
            bold = "**" if label == "all pages" else ""
            lines.append(f"| {name} | {bold}{label}{bold} | " + " | ".join(cells) + " |")
    loads = ", ".join(
        f"{name} {kind} {statistics.median(load for _s, load in runs[(name, kind)]):.1f}"
        for name in databases
        for kind in ("gunicorn", "runserver")
    )
    return (
        "\n".join(lines) + f"\n\nLoad average (1 min) at the start of the runs, medians: {loads}.\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", action="append", required=True, metavar="NAME=URL", help="repeatable"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8102)
    args = parser.parse_args()
    databases = dict(item.split("=", 1) for item in args.database)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the server on the way out
    subprocess.run(
        [LVZHI, "collectstatic", "--no-input", "--verbosity", "0"],
        env=server_env("gunicorn", next(iter(databases.values())), tempfile.mkdtemp()),
        check=True,
    )
    runs = defaultdict(list)
    for round_ in range(args.rounds):
        print(f"round {round_ + 1}", flush=True)
        for name, url in databases.items():
            for kind in ("gunicorn", "runserver"):
                runs[(name, kind)].append(one_run(kind, name, url, args))
    text = table(runs, databases)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.md").write_text(
        f"# Load: {args.clients} clients, {args.seconds:.0f} s a run, {args.rounds} rounds, "
        f"gunicorn {args.workers} workers (ms)\n\n{text}",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
