"""Crawl a running lvzhi the way its users would: sign in as each role, open every page.

    python scripts/prod_crawl.py --base http://127.0.0.1:8765 [--password demo]

Made for the production configuration (DEBUG off, collected static files, gunicorn): it
sends `X-Forwarded-Proto: https` as the TLS proxy in front would, so secure cookies and the
HTTPS redirect behave as behind nginx. For each demo role it signs in through the login
form, opens the home page, every menu entry and every same-site link found on those pages
(breadth first, bounded), the static files they load and the API's list endpoints. Any
response that is not 2xx/3xx fails the run (the API may also answer 403 where a role has no
right), and so does an HTML page without a Content-Security-Policy or a static file that
is not served. Prints pages fetched per role.
"""

import argparse
import http.client
import json
import re
import sys
import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

ROLES = ["demo-admin", "demo-staff", "demo-county", "demo-leader", "demo-member", "demo-unit"]
# Links that change state or leave the signed-in app when followed with GET.
SKIP = re.compile(r"/logout/|/i18n/|/admin/.+|/delete/|[?&]page=|[?&]sort=")


class Links(HTMLParser):
    """Same-page links (a href), menu entries, and the static files a page loads."""

    def __init__(self):
        super().__init__()
        self.links, self.menu, self.assets = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if "dropdown-item" in (a.get("class") or "") or "nav-link" in (a.get("class") or ""):
                self.menu.append(a["href"])
        elif tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])


class Session:
    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        head = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "zh-hans",
        }
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head.update(headers or {})
        conn.request(method, path, body=body, headers=head)
        response = conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response, data

    def get(self, path):
        """GET, following same-site redirects; (final status, headers, body, final path)."""
        for _ in range(5):
            response, data = self.request("GET", path)
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                target = urlsplit(urljoin(f"https://{self.host}:{self.port}{path}", location))
                path = target.path + (f"?{target.query}" if target.query else "")
                continue
            return response.status, response, data, path
        return 599, None, b"", path

    def login(self, username, password):
        status, _, page, _ = self.get("/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise SystemExit(f"{username}: login page answered {status}")
        body = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
        )
        response, _ = self.request(
            "POST",
            "/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{self.host}:{self.port}/login/",
            },
        )
        if response.status != 302:
            raise SystemExit(f"{username}: signing in answered {response.status}, not 302")


def local(href):
    """The path of a same-site link, or None."""
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl_role(base, username, password, max_pages, assets_seen, failures):
    session = Session(base)
    session.login(username, password)
    queue, seen, menu, pages = deque([("/", 0, None)]), {"/"}, set(), 0
    while queue and pages < max_pages:
        path, depth, referrer = queue.popleft()
        status, response, body, final = session.get(path)
        pages += 1
        if not 200 <= status < 400:
            failures.append(f"{username}: GET {path} → {status} (linked from {referrer})")
            continue
        content_type = response.getheader("Content-Type") or ""
        if not content_type.startswith("text/html"):
            continue
        if final == "/login/":
            failures.append(f"{username}: GET {path} sent the signed-in user to the login page")
            continue
        if "script-src 'self'" not in (response.getheader("Content-Security-Policy") or ""):
            failures.append(f"{username}: GET {path} has no script-src Content-Security-Policy")
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        if path == "/":
            menu = {p for p in map(local, parser.menu) if p and not SKIP.search(p)}
        assets_seen.update(p for p in map(local, parser.assets) if p)
        if depth >= 2:
            continue
        for href in parser.links:
            target = local(href)
            if target and target not in seen and not SKIP.search(target):
                seen.add(target)
                # Menu entries first, so a cap never leaves one out.
                (queue.appendleft if target in menu else queue.append)((target, depth + 1, path))
    missing = menu - seen
    if missing:
        failures.append(f"{username}: menu entries not reached: {sorted(missing)}")
    api_calls = crawl_api(session, username, failures)
    return pages, len(menu), api_calls


def crawl_api(session, username, failures):
    status, _, body, _ = session.get("/api/v1/")
    if status != 200:
        failures.append(f"{username}: GET /api/v1/ → {status}")
        return 0
    endpoints = json.loads(body)
    for url in endpoints.values():
        path = local(url) or urlsplit(url).path
        status, *_ = session.get(path)
        if not (200 <= status < 300 or status == 403):
            failures.append(f"{username}: GET {path} → {status}")
    return len(endpoints) + 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--max-pages", type=int, default=150, help="per role")
    args = parser.parse_args()
    failures, assets = [], set()
    started = time.monotonic()
    session = Session(args.base)
    status, response, body, _ = session.get("/healthz")
    if status != 200:
        failures.append(f"/healthz → {status}: {body[:200]!r}")
    print(f"{'role':<14}{'pages':>7}{'menu':>6}{'api':>6}")
    for username in args.roles.split(","):
        pages, menu, api = crawl_role(
            args.base, username, args.password, args.max_pages, assets, failures
        )
        print(f"{username:<14}{pages:>7}{menu:>6}{api:>6}")
    for path in sorted(assets):
        status, response, _, _ = Session(args.base).get(path)
        if status != 200:
            failures.append(f"static file {path} → {status}")
    print(f"static files: {len(assets)}; {time.monotonic() - started:.0f} s")
    if failures:
        print(f"{len(failures)} failure(s):", *failures[:100], sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print("production crawl: every page answered")


if __name__ == "__main__":
    main()
