"""Pickers of small dictionaries (committees, industries, categories, parks …) keep their
options per process (core.pickers, `picker_kept`): a list page's filter form lists them
without a query each, shows a change as soon as it commits, and never shows one user the
options another user's visibility chose. These tests commit (the version that retires the
options is raised when a write commits), so they run in the second pass."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lvzhi.core.models import Industry, Park
from lvzhi.core.services import record_save
from tests import factories as f

pytestmark = [pytest.mark.flushes, pytest.mark.django_db(transaction=True)]


def enterprise_list(client):
    """The enterprises list page and the SQL it sent."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("core:enterprise_list"))
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def reads(sqls, table):
    return any(f'FROM "{table}"' in sql for sql in sqls)


def test_options_are_kept_until_a_write_commits(system, client_for):
    client = client_for(system.alice)
    page, sqls = enterprise_list(client)
    assert reads(sqls, "core_industry") and reads(sqls, "core_park")
    page, sqls = enterprise_list(client)
    assert not reads(sqls, "core_industry") and not reads(sqls, "core_park")

    # a new industry, saved through the service, is offered on the next page
    parent = f.IndustryFactory(name="新产业")
    record_save(actor=system.frank, instance=Industry(name="新环节甲", parent=parent))
    page, sqls = enterprise_list(client)
    assert reads(sqls, "core_industry")
    assert "新环节甲" in page

    # a park renamed by a plain ORM write too
    park = f.ParkFactory(committee=system.county, name="旧园区")
    assert "旧园区" in enterprise_list(client)[0]
    park.name = "新园区"
    park.save()
    page = enterprise_list(client)[0]
    assert "新园区" in page and "旧园区" not in page


def test_a_writing_transaction_sees_its_own_write_and_a_rollback_leaves_no_trace(
    system, client_for
):
    client = client_for(system.alice)
    enterprise_list(client)  # kept
    with transaction.atomic():
        f.ParkFactory(committee=system.county, name="未提交园区")
        page, sqls = enterprise_list(client)
        assert "未提交园区" in page and reads(sqls, "core_park")  # not the kept options
        transaction.set_rollback(True)
    page = enterprise_list(client)[0]
    assert "未提交园区" not in page


def test_kept_options_follow_each_users_visibility(system, client_for):
    f.ParkFactory(committee=system.county, name="武宣园区")
    f.ParkFactory(committee=system.other, name="象州园区")
    city = client_for(system.alice)
    for _ in range(2):  # the second page from the kept options
        page = enterprise_list(city)[0]
        assert "武宣园区" in page and "象州园区" in page
    county = client_for(system.bob)
    for _ in range(2):
        page = enterprise_list(county)[0]
        assert "武宣园区" in page and "象州园区" not in page
    page = enterprise_list(client_for(system.alice))[0]
    assert "象州园区" in page


def test_pickers_over_other_tables_are_not_kept(system, client_for):
    """A picker whose query reads a table whose writes do not retire kept options (here a
    park's industries) is not kept."""
    from lvzhi.core import pickers

    parks = Park.objects.visible_to(system.bob).filter(industries__isnull=False)
    assert not pickers._reads_only_kept(str(parks.query))
    assert pickers._reads_only_kept(str(Park.objects.visible_to(system.bob).query))
