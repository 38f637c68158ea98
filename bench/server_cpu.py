"""Django's CPU time per request under the production server: gunicorn, one sync worker.

    git archive <before> src | tar -x -C /tmp/lvzhi-before     # the code to compare with
    .venv/bin/python bench/server_cpu.py --database-url postgresql://…/lvzhi_scale \\
        --baseline-src /tmp/lvzhi-before/src [--staff demo-staff] [--runs 20] [--rounds 2]

Each round starts gunicorn with one worker on the baseline code, then on this checkout
(A, B, A, B …), on the same database with the production settings (DEBUG off), signs in as
the city's staff (a session made in the database), requests each page 3 times to warm up
and then `--runs` times, and reads the worker's user and system CPU time and its minor page
faults from /proc/<pid>/stat (Linux). pages_bench.py measures through Django's test client,
whose deeper call stack can land a page's hot loop on a CPython 3.11 frame-stack chunk
boundary (README, "Pages on the scale data"); this bench measures what the server does.
The table (medians over the rounds) is printed and written to bench/results/server_cpu.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages_bench import ROOT, report, run, variant_env  # noqa: E402

PAGES = ["/problems/", "/problems/?state=in_progress", "/enterprises/", "/activities/", "/sectors/"]
PORT = 18_734


def session_cookie(env, staff):
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.test import Client\n"
        f"c = Client(); c.force_login(get_user_model().objects.get(username={staff!r}))\n"
        "print(c.cookies['sessionid'].value)\n"
    )
    return run(env, "-c", code).strip().splitlines()[-1]


def worker_stat(pid):
    """(minor faults, user + system CPU seconds) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[7]), (int(fields[11]) + int(fields[12])) / ticks


def measure(env, cookie, runs):
    """{page: (CPU ms per request, minor faults per request)} of one server run."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lvzhi.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{PORT}",
        ],
        env={**env, "ALLOWED_HOSTS": "127.0.0.1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    headers = {"X-Forwarded-Proto": "https", "Cookie": f"sessionid={cookie}"}

    def get(url):
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{url}", headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read()

    try:
        for _ in range(120):  # the worker boots
            try:
                get("/healthz")
                break
            except OSError:
                time.sleep(0.5)
        worker = int(subprocess.check_output(["pgrep", "-P", str(server.pid)]).split()[0])
        out = {}
        for url in PAGES:
            for _ in range(3):
                get(url)
            faults0, cpu0 = worker_stat(worker)
            for _ in range(runs):
                get(url)
            faults1, cpu1 = worker_stat(worker)
            out[url] = ((cpu1 - cpu0) * 1000 / runs, (faults1 - faults0) / runs)
        return out
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--baseline-src", type=Path, required=True)
    parser.add_argument("--staff", default="demo-staff")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    variants = {"baseline": args.baseline_src, "lvzhi": ROOT / "src"}
    envs = {name: variant_env(name, src, args) for name, src in variants.items()}
    for env in envs.values():
        run(env, "-m", "django", "collectstatic", "--no-input", "--verbosity", "0")
    cookie = session_cookie(envs["lvzhi"], args.staff)
    results = {name: [] for name in variants}
    for round_ in range(args.rounds):
        for name, env in envs.items():
            print(f"round {round_ + 1}: {name}", flush=True)
            results[name].append(measure(env, cookie, args.runs))

    def med(name, url, i):
        return statistics.median(r[url][i] for r in results[name])

    lines = [
        "| page | CPU ms before | CPU ms after | ratio | page faults before | page faults after |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for url in PAGES:
        a, b = med("baseline", url, 0), med("lvzhi", url, 0)
        lines.append(
            f"| {url} | {a:.0f} | {b:.0f} | {a / b:.1f}× "
            f"| {med('baseline', url, 1):.0f} | {med('lvzhi', url, 1):.0f} |"
        )
    report("server_cpu.md", "Django's CPU per request under gunicorn (bench/server_cpu.py)", lines)


if __name__ == "__main__":
    main()
