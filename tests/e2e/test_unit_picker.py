"""A county clerk assigns a problem to a city unit found by typing, in the browser: the
page lists no unit beforehand, the search offers the city's and the county's units only."""

import re

import pytest
from playwright.sync_api import expect

from lvzhi.problems.models import Problem
from tests import factories as f
from tests.e2e.conftest import pick

pytestmark = pytest.mark.e2e


def test_county_clerk_assigns_a_problem_to_a_city_unit(new_page, system, screenshot_dir):
    city_unit = f.DepartmentFactory(committee=system.city, name="来宾市工业和信息化局")
    f.DepartmentFactory(committee=system.other, name="象州县工业和信息化局")
    problem = f.registered_problem(system.bob, system.county, title="标准厂房用电容量不足")

    page = new_page(system.bob)
    page.goto(problem.get_absolute_url())
    select = page.locator("select[name=lead_unit]")
    expect(select.locator("option:not([value=''])")).to_have_count(0)
    pick(page, "lead_unit", "工业和信息化", city_unit.pk)
    expect(select.locator("option", has_text="象州县")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "problem-assign-unit-search.png", full_page=True)
    page.get_by_test_id("step-assign").click()
    expect(page).to_have_url(re.compile(rf"/problems/{problem.pk}/$"))
    assert Problem.objects.get(pk=problem.pk).lead_unit == city_unit
