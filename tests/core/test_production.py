"""The production configuration serves pages: DEBUG off, collected static files, gunicorn.

With DEBUG off every page was a 500 (the vendored CSS and JS named .map files that were
never vendored, so collectstatic's manifest failed); a settings check passed all along.
These tests start the real thing.
"""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings

from lvzhi.core.views import health
from tests.core.test_settings import clean_env, lvzhi

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "lvzhi" / "templates"
SECRET = "a-production-secret-for-the-tests-" + "x" * 40


def production_env(tmp_path):
    return {
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lvzhi.sqlite3'}",
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_lvzhi_serve_serves_pages_and_hashed_static_files_with_debug_off(tmp_path):
    env = production_env(tmp_path)
    port = free_port()
    command = [sys.executable, "-m", "lvzhi", "serve", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "1"],
        env=clean_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        status = wait_for(f"{base}/healthz", server)
        assert status == 200
        status, headers, body = fetch(f"{base}/login/")
        assert status == 200, body[:500]
        html = body.decode()
        assert "登录" in html
        # The manifest storage names files by content hash; each one is served.
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
        assert any(re.search(r"bootstrap\.min\.[0-9a-f]{12}\.css$", a) for a in assets), assets
        for asset in assets:
            status, asset_headers, _ = fetch(base + asset)
            assert status == 200, asset
            assert "immutable" in asset_headers.get("Cache-Control", ""), asset
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        status, icon_headers, _ = fetch(f"{base}/favicon.ico")
        assert status == 200 and icon_headers["Content-Type"] == "image/svg+xml"
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        assert "vendor/bootstrap/dist/js/bootstrap.bundle.min.js" in manifest["paths"]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Serving on" in output


def wait_for(url, server, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"lvzhi serve exited: {server.stdout.read()}")
        try:
            return fetch(url)[0]
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {seconds} s")


def test_serve_refuses_debug_mode(tmp_path):
    result = lvzhi("serve", DEBUG="1", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG is on" in result.stderr


# -- /healthz ------------------------------------------------------------------------------


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]


def test_healthz_is_503_and_names_the_failing_part(client, db, monkeypatch):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert "redis" not in response.content.decode()  # the cause stays in the log


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
def test_load_balancers_probe_over_plain_http(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/").status_code == 301  # everything else goes to HTTPS


# -- Content-Security-Policy ------------------------------------------------------------------


def test_pages_carry_a_policy_without_inline_script(client_for, system):
    response = client_for(system.alice).get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)[1]
    assert script_src.split() == ["'self'"]
    assert "frame-ancestors 'none'" in policy


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, re.compile(r"javascript:|['\"]js:|hx-on")):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(TEMPLATES)}:{line}: {match.group(0)}")
    assert not offenders, "the CSP blocks these:\n" + "\n".join(offenders)


def test_favicon_ico_points_at_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("lvzhi/favicon.svg")
