"""A problem's page leads with its state, its deadline and the one step expected next."""

import pytest
from django.utils import translation

from lvzhi.problems.choices import Action
from lvzhi.problems.services import WORKFLOW

pytestmark = pytest.mark.django_db


def steps(page):
    primary = page.context["primary_step"]
    return (primary[0] if primary else None), [a for a, _l, _f in page.context["other_steps"]]


def test_the_unit_is_led_to_sign_for_then_to_answer(pb, client_for):
    problem = pb.advance(pb.problem, "assigned")
    client = client_for(pb.s.dave)
    page = client.get(f"/problems/{problem.pk}/")
    assert steps(page) == ("start", ["progress", "answer", "return", "request_extension"])
    html = page.content.decode()
    # the state and the deadline come before the description; the other steps are folded
    assert html.index('data-testid="problem-deadline"') < html.index('data-testid="next-step"')
    assert html.count("<details") == 4
    assert '<details class="card mb-2 step-fold" id="step-answer">' in html

    problem = pb.advance(pb.new(title="另一个"), "in_progress")
    page = client.get(f"/problems/{problem.pk}/")
    assert steps(page) == ("answer", ["progress", "return", "request_extension"])


def test_a_folded_step_with_errors_is_shown_open(pb, client_for):
    problem = pb.advance(pb.problem, "assigned")
    response = client_for(pb.s.dave).post(f"/problems/{problem.pk}/step/return/", {"reason": ""})
    assert response.status_code == 400
    assert (
        '<details class="card mb-2 step-fold" id="step-return" open>' in response.content.decode()
    )


def test_a_co_unit_has_its_only_step_as_the_main_one(pb, client_for):
    problem = pb.advance(pb.problem, "in_progress")
    page = client_for(pb.cody).get(f"/problems/{problem.pk}/")
    assert steps(page) == ("progress", [])


def test_the_office_assigns_then_reassigns(pb, client_for):
    client = client_for(pb.s.bob)
    page = client.get(f"/problems/{pb.problem.pk}/")
    assert steps(page) == ("assign", ["merge", "withdraw"])
    assert page.context["primary_step"][1] == str(Action.ASSIGN.label)

    problem = pb.advance(pb.problem, "assigned")
    page = client.get(f"/problems/{problem.pk}/")
    primary, others = steps(page)
    assert primary is None and "assign" in others
    labels = dict((a, label) for a, label, _f in page.context["other_steps"])
    with translation.override(translation.get_language()):
        assert labels["assign"] == translation.gettext("Reassign")
    assert labels["assign"] != str(Action.ASSIGN.label)
    with translation.override("en"):
        assert WORKFLOW.action_label("assign", "assigned") == "Reassign"
        assert WORKFLOW.action_label("assign", "registered") == "Assign"


def test_the_answered_problem_waits_for_the_confirmation(pb, client_for):
    problem = pb.advance(pb.problem, "answered")
    assert steps(client_for(pb.s.bob).get(f"/problems/{problem.pk}/")) == ("confirm", ["reopen"])
    problem = pb.advance(pb.new(title="已确认"), "confirmed")
    assert steps(client_for(pb.s.bob).get(f"/problems/{problem.pk}/")) == ("close", ["reopen"])


def test_the_page_asks_who_the_reader_is_for_the_problem_once(pb, client_for, monkeypatch):
    from lvzhi.problems.services import base

    problem = pb.advance(pb.problem, "assigned")
    asked = []
    is_manager = base.permissions.is_manager

    def counting(user, record):
        asked.append((user.pk, record.pk))
        return is_manager(user, record)

    monkeypatch.setattr(base.permissions, "is_manager", counting)
    page = client_for(pb.s.dave).get(f"/problems/{problem.pk}/")
    assert steps(page)[0] == "start"  # the steps and the attachment panel both needed it
    assert "data-attachments" in page.content.decode()
    assert asked == [(pb.s.dave.pk, problem.pk)]
