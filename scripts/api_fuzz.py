"""Schema-conformance fuzz of the API: schemathesis against a live server with demo data.

    .venv/bin/python scripts/api_fuzz.py [--max-time 180] [--database-url URL] [--debug]

A scratch database (SQLite in a temporary folder, or the PostgreSQL database named by
--database-url: empty, or a copy of a demo database) is migrated and given the demo data
unless it has some; a token is made for the city office
(demo-staff); the production configuration (DEBUG off, collectstatic, gunicorn) serves it on
a free port; schemathesis generates requests for every operation of /api/schema/ for at most
--max-time seconds. Exits 1 when any response was a server error (5xx) and prints the
operations, test cases and failures of each check. --debug serves with DEBUG on instead.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FUZZ_USER = "demo-staff"
# Server errors fail the run; schema conformance of the responses is reported beside them.
CHECKS = "not_a_server_error,response_schema_conformance"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lvzhi(env, *args) -> str:
    result = subprocess.run(
        [BIN / "lvzhi", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"lvzhi {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP answer (even 403): the server is up
                return
            time.sleep(0.5)
    sys.exit(f"the server did not answer at {url}")


def _summary(report_dir: Path):
    """(operations, test cases, {check: failures}, {operation: 5xx responses}) from ndjson."""
    operations, cases, failures, server_errors = set(), 0, Counter(), Counter()
    for path in report_dir.glob("*.ndjson"):
        for line in path.read_text(encoding="utf-8").splitlines():
            recorder = json.loads(line).get("ScenarioFinished", {}).get("recorder", {})
            label = recorder.get("label")
            if not label:
                continue
            operations.add(label)
            cases += len(recorder.get("cases") or {})
            for check_list in (recorder.get("checks") or {}).values():
                for check in check_list:
                    if check.get("status", "").lower() == "failure":
                        failures[check["name"]] += 1
            for interaction in (recorder.get("interactions") or {}).values():
                if ((interaction or {}).get("response") or {}).get("status_code", 0) >= 500:
                    server_errors[label] += 1
    return operations, cases, failures, server_errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-time", type=int, default=180, help="seconds of fuzzing")
    parser.add_argument("--database-url", help="an empty PostgreSQL database to use")
    parser.add_argument("--debug", action="store_true", help="serve with DEBUG on")
    parser.add_argument("--workers", default="2", help="schemathesis workers")
    parser.add_argument("--seed", default="1", help="schemathesis seed (repeatable runs)")
    parser.add_argument("--report-dir", default=None, help="keep the reports here")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="lvzhi-fuzz-"))
    report_dir = Path(args.report_dir or scratch / "report")
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "1" if args.debug else "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "fuzz-only-secret-key-" + "x" * 40),
        "DATA_DIR": str(scratch),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        # The fuzzer is one client sending thousands of requests: no request limits here.
        "API_THROTTLE_USER": "1000000/minute",
        "API_THROTTLE_ANON": "1000000/minute",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)

    print(f"scratch data in {scratch}", flush=True)
    _lvzhi(env, "migrate", "--no-input")
    # a copy of an already loaded demo database (CI copies the crawl's) is used as it is
    _lvzhi(env, "demo", "--if-empty")
    if not args.debug:
        _lvzhi(env, "collectstatic", "--no-input")
    token = _lvzhi(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from rest_framework.authtoken.models import Token;"
        "from django.contrib.auth import get_user_model;"
        f"u = get_user_model().objects.get(username={FUZZ_USER!r});"
        "print(Token.objects.get_or_create(user=u)[0].key)",
    ).split()[-1]

    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [BIN / "gunicorn", "lvzhi.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "60"],
        env=env,
        cwd=ROOT,
        stdout=open(scratch / "server.log", "w"),  # noqa: SIM115 - lives as long as the server
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/api/schema/")
        command = [
            BIN / "schemathesis",
            "run",
            f"{base}/api/schema/?format=json",
            "--header",
            f"Authorization:Token {token}",
            "--checks",
            CHECKS,
            "--max-time",
            str(args.max_time),
            "--workers",
            args.workers,
            "--seed",
            args.seed,
            "--request-timeout",
            "30",
            "--continue-on-failure",
            "--report",
            "ndjson",
            "--report-dir",
            str(report_dir),
            "--suppress-health-check",
            "all",
        ]
        started = time.monotonic()
        # From the scratch folder: schemathesis keeps its cache (.schemathesis/) in the cwd.
        fuzz = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    (scratch / "schemathesis.log").write_text(fuzz.stdout + fuzz.stderr, encoding="utf-8")
    operations, cases, failures, server_errors = _summary(report_dir)
    print(f"schemathesis: {elapsed:.0f} s, {len(operations)} operations, {cases} test cases")
    print(f"  server errors (5xx responses): {sum(server_errors.values())}")
    for label, count in sorted(server_errors.items()):
        print(f"    {count} × {label}")
    for name in CHECKS.split(","):
        print(f"  {name}: {failures.get(name, 0)} failures")
    print(f"log: {scratch / 'schemathesis.log'}, server log: {scratch / 'server.log'}")
    if not operations:
        print(fuzz.stdout[-3000:], fuzz.stderr[-3000:])
        return 2
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
