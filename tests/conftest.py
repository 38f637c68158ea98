"""Shared fixtures: a small committee system and one user per role and place.

    city (来宾市政协)
      ├── county (武宣县政协)     — "own county" for the county users
      └── other  (象州县政协)     — "other county"

alice  city staff            bob    county staff         carol  county member (owns a person)
dave   county handling unit  erin   city leader          frank  city admin
olivia outsider (signed in, no role)
"""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from lvzhi.core import pickers
from lvzhi.core.choices import CommitteeLevel, Role
from lvzhi.core.models import RoleAssignment
from tests import factories as f


@pytest.fixture(autouse=True)
def _fresh_request_limits():
    """API request counts (DRF throttling) live in the cache: each test starts at zero; and
    no picker options kept from another test's data (their version is in a table a flush
    empties)."""
    cache.clear()
    pickers.forget_kept()


class System:
    """The committees and users every permission test reasons about."""


@pytest.fixture
def system(db):
    s = System()
    s.city = f.CommitteeFactory(name="来宾市政协", short_name="来宾市", level=CommitteeLevel.CITY)
    s.county = f.CommitteeFactory(name="武宣县政协", short_name="武宣县", parent=s.city)
    s.other = f.CommitteeFactory(name="象州县政协", short_name="象州县", parent=s.city)
    s.unit = f.DepartmentFactory(committee=s.county, name="武宣县工信局")

    def user(name, committee, role, department=None):
        u = f.UserFactory(username=name)
        if committee is not None:
            RoleAssignment.objects.create(
                user=u, committee=committee, role=role, department=department
            )
        return u

    s.alice = user("alice", s.city, Role.STAFF)
    s.bob = user("bob", s.county, Role.STAFF)
    s.carol = user("carol", s.county, Role.MEMBER)
    s.dave = user("dave", s.county, Role.UNIT, s.unit)
    s.erin = user("erin", s.city, Role.LEADER)
    s.frank = user("frank", s.city, Role.ADMIN)
    s.olivia = user("olivia", None, None)
    s.carol_person = f.PersonFactory(committee=s.county, name="卡萝", user=s.carol)
    return s


@pytest.fixture
def client_for(client):
    """client_for(user) -> a Django test client signed in as user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api_for():
    def login(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return login


_ALL_PILLARS = None
_LIVING = None


@contextmanager
def demo_pillars(*app_labels, everything=False, living=None):
    """Load only the named pillar apps' demo data (core's always loads): demo tests of one
    app need not pay for every other app's data set. The living year (this year up to
    today, `core.demo.calendar`) loads with `everything` unless `living` says otherwise:
    the tests of the article's fixed years need not pay for it."""
    global _ALL_PILLARS, _LIVING
    from unittest import mock

    from lvzhi.core.demo import calendar, loader

    if _ALL_PILLARS is None:
        _ALL_PILLARS = list(loader.PILLARS)
    if _LIVING is None:
        _LIVING = calendar.living
    wanted = everything if living is None else living
    saved = list(loader.PILLARS)
    loader.PILLARS[:] = [
        p for p in _ALL_PILLARS if everything or p[0].__module__.split(".")[1] in app_labels
    ]
    try:
        # set either way: an outer demo_pillars() may have switched the living year off
        with mock.patch.object(calendar, "living", _LIVING if wanted else lambda today=None: None):
            yield
    finally:
        loader.PILLARS[:] = saved


@pytest.fixture
def run_worker(monkeypatch):
    """run_worker() -> the real queue worker (`lvzhi db_worker --batch`) runs what is queued."""
    import signal

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    # The worker drops connections it finds inside a transaction; the test's own transaction
    # (which the worker shares, to see the test's rows) must survive it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)

    return run


@pytest.fixture
def web_import(run_worker):
    """web_import(client, url, upload) -> the job page after the worker ran the import, as
    the user sees it (uploads are checked and saved by the queue worker)."""

    def do(client, url, upload):
        response = client.post(url, {"file": upload})
        assert response.status_code == 302 and response["Location"].startswith("/jobs/"), (
            response.content.decode()[:2000]
        )
        run_worker()
        return client.get(response["Location"])

    return do


#: Data migrations whose rows a committing test's flush removes: (module, function).
SEEDING_MIGRATIONS = [
    ("lvzhi.activities.migrations.0002_seed_kinds", "seed"),
    ("lvzhi.problems.migrations.0002_categories", "add"),
    ("lvzhi.proposals.migrations.0003_rejection_grounds", "seed"),
]


def reseed_data_migrations():
    """Put back the rows data migrations seeded (activity kinds, problem categories, 不予立案
    grounds), which a committing test's flush removed — as the migrations wrote them: through the migration
    state's models, so without history rows (which the demo would take for a user's data)."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    apps = MigrationLoader(connection).project_state().apps
    for module, function in SEEDING_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
