"""A handling unit on a phone: the problem's state and deadline first, one main step, the
others folded."""

import re

import pytest
from playwright.sync_api import expect

from lvzhi.problems.services import WORKFLOW
from tests import factories as f
from tests.e2e.conftest import PHONE, t

pytestmark = pytest.mark.e2e


def test_unit_signs_for_a_problem_on_a_phone(new_page, system, screenshot_dir):
    problem = f.registered_problem(
        system.bob, system.county, lead_unit=system.unit, title="流动资金贷款到期续贷难"
    )

    page = new_page(system.dave, viewport=PHONE)
    page.goto(problem.get_absolute_url())
    deadline = page.get_by_test_id("problem-deadline")
    expect(deadline).to_be_in_viewport()
    start = page.get_by_test_id("step-start")
    expect(start).to_have_text(t("Start handling"))
    # the other steps are folded: the answer's text box is hidden until opened
    expect(page.locator("#id_answer_solution")).to_be_hidden()
    expect(page.locator("details.step-fold")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshot_dir / "problem-unit-phone.png", full_page=True)

    page.locator("#step-answer summary").click()
    expect(page.locator("#id_answer_solution")).to_be_visible()
    start.click()
    expect(page).to_have_url(re.compile(rf"/problems/{problem.pk}/$"))
    expect(page.get_by_test_id("next-step")).to_contain_text(
        WORKFLOW.action_label("answer", "in_progress")
    )
    expect(page.locator("#id_answer_solution")).to_be_visible()
    page.screenshot(path=screenshot_dir / "problem-unit-phone-in-progress.png", full_page=True)
