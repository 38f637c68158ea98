"""/healthz for load balancers and monitoring: is the database reachable, does the cache work.
Also /favicon.ico, which browsers and the admin ask for whatever a page names."""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


CHECKS = {"database": _database, "cache": _cache}


@never_cache
@require_GET
def healthz(request):
    """200 with each check's result and time, or 503 naming what failed (never the error)."""
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            ok = bool(check())
        except Exception:  # noqa: BLE001 - any failure is "down"; the log keeps the cause
            logger.exception("health check %s failed", name)
            ok = False
        healthy &= ok
        results[name] = {
            "ok": ok,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )


def favicon(request):
    # Resolved per request: the hashed name exists only once collectstatic has run.
    return HttpResponsePermanentRedirect(static("lvzhi/favicon.svg"))
