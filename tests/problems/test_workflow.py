"""Every workflow step: who may and who may not, bad input, history, concurrency."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lvzhi.core.errors import DomainError
from lvzhi.core.models import Notification
from lvzhi.problems import services
from lvzhi.problems.models import (
    ExtensionRequest,
    Problem,
    ProblemAssignment,
    ProblemTransition,
)

from .conftest import today

pytestmark = pytest.mark.django_db

USERS = ["alice", "bob", "carol", "dave", "cody", "erin", "frank", "olivia"]
OFFICE = {"alice", "bob", "frank"}

#: step -> (state the problem starts in, who may take the step, the call)
STEPS = {
    "assign": (
        "registered",
        OFFICE,
        lambda pb, u, p: services.problem_assign(actor=u, problem=p, lead_unit=pb.unit),
    ),
    "start": ("assigned", {"dave"}, lambda pb, u, p: services.problem_start(actor=u, problem=p)),
    "progress": (
        "assigned",
        OFFICE | {"dave", "cody"},
        lambda pb, u, p: services.problem_add_progress(actor=u, problem=p, text="已对接银行"),
    ),
    "answer": (
        "in_progress",
        {"dave"},
        lambda pb, u, p: services.problem_answer(actor=u, problem=p, solution="已续贷500万元"),
    ),
    "confirm": (
        "answered",
        OFFICE | {"carol"},
        lambda pb, u, p: services.problem_confirm(actor=u, problem=p, satisfaction="satisfied"),
    ),
    "reopen": (
        "answered",
        OFFICE,
        lambda pb, u, p: services.problem_reopen(actor=u, problem=p, reason="企业回访不满意"),
    ),
    "return": (
        "assigned",
        {"dave"},
        lambda pb, u, p: services.problem_return(actor=u, problem=p, reason="非本单位职责"),
    ),
    "merge": (
        "registered",
        OFFICE,
        lambda pb, u, p: services.problem_merge(actor=u, problem=p, into=pb.problem),
    ),
    "withdraw": (
        "assigned",
        OFFICE,
        lambda pb, u, p: services.problem_withdraw(actor=u, problem=p, reason="企业已自行解决"),
    ),
    "close": ("confirmed", OFFICE, lambda pb, u, p: services.problem_close(actor=u, problem=p)),
    "request_extension": (
        "in_progress",
        {"dave"},
        lambda pb, u, p: services.problem_request_extension(
            actor=u,
            problem=p,
            requested_deadline=p.deadline + timedelta(days=20),
            reason="需省级审批",
        ),
    ),
    "approve_extension": (
        "extension",
        OFFICE,
        lambda pb, u, p: services.problem_approve_extension(actor=u, request=p.extensions.get()),
    ),
    "refuse_extension": (
        "extension",
        OFFICE,
        lambda pb, u, p: services.problem_refuse_extension(
            actor=u, request=p.extensions.get(), comment="时限内可办结"
        ),
    ),
}


def user(pb, name):
    return getattr(pb, name, None) or getattr(pb.s, name)


def prepared(pb, state):
    problem = pb.new(title=f"待{state}")
    if state == "extension":
        problem = pb.advance(problem, "in_progress")
        services.problem_request_extension(
            actor=pb.s.dave,
            problem=problem,
            requested_deadline=problem.deadline + timedelta(days=10),
            reason="需省级审批",
        )
        return problem
    return pb.advance(problem, state)


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("name", USERS)
def test_who_may_take_each_step(pb, step, name):
    state, allowed, call = STEPS[step]
    problem = prepared(pb, state)
    before = ProblemTransition.objects.filter(problem=problem).count()
    actor = user(pb, name)
    if name in allowed:
        call(pb, actor, problem)
        assert ProblemTransition.objects.filter(problem=problem).count() == before + 1
        last = ProblemTransition.objects.filter(problem=problem).last()
        assert last.actor == actor and last.action == step
    else:
        with pytest.raises(PermissionDenied):
            call(pb, actor, problem)
        assert ProblemTransition.objects.filter(problem=problem).count() == before


@pytest.mark.parametrize(
    "step,state",
    [
        ("start", "answered"),
        ("answer", "confirmed"),
        ("confirm", "in_progress"),
        ("close", "answered"),
        ("assign", "closed"),
        ("return", "answered"),
        ("withdraw", "closed"),
        ("request_extension", "closed"),
        ("reopen", "in_progress"),
    ],
)
def test_a_step_the_state_does_not_allow_is_a_translated_domain_error(pb, step, state):
    _state, allowed, call = STEPS[step]
    problem = prepared(pb, state)
    actor = pb.s.dave if "dave" in allowed else pb.s.bob
    stored = Problem.objects.get(pk=problem.pk)
    if step == "request_extension":
        problem.deadline = problem.deadline or today()
    with pytest.raises(DomainError) as exc:
        call(pb, actor, problem)
    assert exc.value.message  # a sentence, in the active language (Chinese by default)
    after = Problem.objects.get(pk=problem.pk)
    assert (after.state, after.version) == (stored.state, stored.version)


def test_refusals_are_translated(pb):
    from django.utils import translation

    problem = pb.advance(pb.problem, "in_progress")
    for language, expected in [("en", "no answer to confirm"), ("zh-hans", "尚无答复")]:
        with translation.override(language), pytest.raises(DomainError) as exc:
            services.problem_confirm(actor=pb.s.bob, problem=problem, satisfaction="satisfied")
        assert expected in exc.value.message


def test_main_path_records_every_step_and_the_history(pb):
    problem = pb.advance(pb.problem, "closed")
    actions = list(problem.transitions.values_list("action", flat=True))
    assert actions == ["register", "assign", "start", "answer", "confirm", "close"]
    problem.refresh_from_db()
    assert problem.state == "closed" and problem.satisfaction == "satisfied"
    assert problem.answered_on_time is True and problem.answer_workdays == 0
    assert problem.resolved_on == today()
    history = list(problem.history.order_by("history_date"))
    assert len(history) == 6
    assert {h.history_user.username for h in history} == {"bob", "dave"}


def test_not_satisfied_sends_it_back_with_the_reason(pb):
    problem = pb.advance(pb.problem, "answered")
    with pytest.raises(ValidationError) as exc:
        services.problem_confirm(actor=pb.s.carol, problem=problem, satisfaction="not_satisfied")
    assert "comment" in exc.value.message_dict
    problem = services.problem_confirm(
        actor=pb.s.carol, problem=problem, satisfaction="not_satisfied", comment="贷款仍未到账"
    )
    assert problem.state == "in_progress"
    assert problem.answered_on is None and problem.deadline > today()
    last = problem.transitions.last()
    assert last.action == "reopen" and last.comment == "贷款仍未到账"
    assert problem.confirmations.get().via == "enterprise"
    # The unit is told.
    assert Notification.objects.filter(recipient=pb.s.dave, verb="problems.reopen").exists()


def test_return_then_reassign_to_a_city_unit(pb):
    problem = pb.advance(pb.problem, "returned")
    assert problem.lead_unit is None and not problem.assignments.exists()
    problem = services.problem_assign(actor=pb.s.alice, problem=problem, lead_unit=pb.city_unit)
    assert problem.state == "assigned" and problem.lead_unit == pb.city_unit


def test_return_only_within_the_configured_working_days(pb, settings):
    settings.PROBLEMS_RETURN_WITHIN_WORKDAYS = 3
    problem = services.problem_assign(
        actor=pb.s.bob, problem=pb.problem, lead_unit=pb.unit, on=today() - timedelta(days=14)
    )
    with pytest.raises(DomainError):
        services.problem_return(actor=pb.s.dave, problem=problem, reason="非本单位职责")


def test_merge_into_another_problem(pb):
    other = pb.new(title="另一难题")
    merged = services.problem_merge(actor=pb.s.bob, problem=other, into=pb.problem)
    assert merged.state == "merged" and merged.merged_into == pb.problem
    with pytest.raises(ValidationError):
        services.problem_merge(actor=pb.s.bob, problem=pb.problem, into=pb.problem)


def test_extension_approved_moves_the_deadline(pb):
    problem = pb.advance(pb.problem, "in_progress")
    old = problem.deadline
    request = services.problem_request_extension(
        actor=pb.s.dave,
        problem=problem,
        requested_deadline=old + timedelta(days=30),
        reason="需省级审批",
    )
    with pytest.raises(DomainError):  # one pending request at a time
        services.problem_request_extension(
            actor=pb.s.dave,
            problem=problem,
            requested_deadline=old + timedelta(days=40),
            reason="x",
        )
    services.problem_approve_extension(actor=pb.s.bob, request=request)
    problem.refresh_from_db()
    assert problem.deadline == old + timedelta(days=30) and problem.original_deadline == old
    with pytest.raises(DomainError):
        services.problem_refuse_extension(actor=pb.s.bob, request=request, comment="晚了")


# -- bad input: a clear error, nothing half-saved ----------------------------------------


def _unchanged(problem):
    stored = Problem.objects.get(pk=problem.pk)
    return stored.version == problem.version and stored.state == problem.state


def test_unit_outside_the_committee_system_is_refused(pb):
    with pytest.raises(ValidationError) as exc:
        services.problem_assign(actor=pb.s.bob, problem=pb.problem, lead_unit=pb.foreign_unit)
    assert "lead_unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.problem_assign(
            actor=pb.s.bob, problem=pb.problem, lead_unit=pb.unit, co_units=[pb.foreign_unit]
        )
    assert "co_units" in exc.value.message_dict
    assert _unchanged(pb.problem) and not ProblemAssignment.objects.exists()


def test_deadline_before_the_assignment_is_refused(pb):
    with pytest.raises(ValidationError) as exc:
        services.problem_assign(
            actor=pb.s.bob,
            problem=pb.problem,
            lead_unit=pb.unit,
            deadline=today() - timedelta(days=1),
        )
    assert "deadline" in exc.value.message_dict
    assert _unchanged(pb.problem) and not ProblemAssignment.objects.exists()


def test_confirming_without_an_answer_is_refused(pb):
    problem = pb.advance(pb.problem, "in_progress")
    with pytest.raises(DomainError):
        services.problem_confirm(actor=pb.s.bob, problem=problem, satisfaction="satisfied")
    assert _unchanged(problem) and not problem.confirmations.exists()


def test_extension_on_a_closed_problem_is_refused(pb):
    problem = pb.advance(pb.problem, "closed")
    with pytest.raises(DomainError):
        services.problem_request_extension(
            actor=pb.s.dave,
            problem=problem,
            requested_deadline=today() + timedelta(days=30),
            reason="需省级审批",
        )
    assert not ExtensionRequest.objects.exists()


@pytest.mark.parametrize("solution", ["", "   \n "])
def test_empty_solution_is_refused(pb, solution):
    problem = pb.advance(pb.problem, "in_progress")
    with pytest.raises(ValidationError) as exc:
        services.problem_answer(actor=pb.s.dave, problem=problem, solution=solution)
    assert "solution" in exc.value.message_dict
    assert _unchanged(problem) and problem.transitions.filter(action="answer").count() == 0


def test_extension_must_ask_for_a_later_date(pb):
    problem = pb.advance(pb.problem, "in_progress")
    with pytest.raises(ValidationError) as exc:
        services.problem_request_extension(
            actor=pb.s.dave, problem=problem, requested_deadline=problem.deadline, reason="x"
        )
    assert "requested_deadline" in exc.value.message_dict


# -- concurrency, duplicates, notifications ----------------------------------------------


def test_two_people_acting_on_one_problem_cannot_lose_a_step(pb):
    """Both loaded the problem while it was answered; the second step is checked against
    the stored state under the row lock, so it is refused instead of overwriting."""
    problem = pb.advance(pb.problem, "answered")
    copy_a = Problem.objects.get(pk=problem.pk)
    copy_b = Problem.objects.get(pk=problem.pk)
    services.problem_confirm(actor=pb.s.bob, problem=copy_a, satisfaction="satisfied")
    with pytest.raises(DomainError):
        services.problem_confirm(
            actor=pb.s.carol, problem=copy_b, satisfaction="not_satisfied", comment="不满意"
        )
    stored = Problem.objects.get(pk=problem.pk)
    assert stored.state == "confirmed"
    assert list(stored.transitions.values_list("action", flat=True))[-1] == "confirm"


def test_duplicate_warning_lists_open_problems_of_the_enterprise(pb):
    from tests import factories as f

    again = f.ProblemFactory.build(
        committee=pb.s.county, enterprise=pb.enterprise, category=pb.category
    )
    with pytest.raises(services.DuplicateWarning) as exc:
        services.problem_register(actor=pb.s.bob, problem=again)
    assert [p.pk for p in exc.value.duplicates] == [pb.problem.pk]
    assert Problem.objects.count() == 1
    services.problem_register(actor=pb.s.bob, problem=again, allow_duplicate=True)
    assert Problem.objects.count() == 2


def test_assignment_notifies_the_units_in_app_and_by_mail(pb):
    pb.s.dave.email = "dave@example.org"
    pb.s.dave.save()
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.problem_assign(
            actor=pb.s.bob, problem=pb.problem, lead_unit=pb.unit, co_units=[pb.co_unit]
        )
    assert set(
        Notification.objects.filter(verb="problems.assign").values_list(
            "recipient__username", flat=True
        )
    ) == {"dave", "cody"}
    assert [m.to for m in mail.outbox] == [["dave@example.org"]]


def test_office_registers_only_for_committees_it_manages(pb):
    from tests import factories as f

    problem = f.ProblemFactory.build(committee=pb.s.other, category=pb.category)
    problem.enterprise = f.EnterpriseFactory(committee=pb.s.other)
    with pytest.raises(PermissionDenied):
        services.problem_register(actor=pb.s.bob, problem=problem)
    with pytest.raises(PermissionDenied):
        services.problem_register(actor=pb.s.carol, problem=problem)


def test_enterprise_of_another_system_is_refused(pb):
    from lvzhi.core.models import Committee
    from tests import factories as f

    foreign = f.EnterpriseFactory(committee=Committee.objects.get(name="南宁市政协"))
    problem = f.ProblemFactory.build(
        committee=pb.s.county, enterprise=foreign, category=pb.category
    )
    with pytest.raises(ValidationError) as exc:
        services.problem_register(actor=pb.s.alice, problem=problem)
    assert "enterprise" in exc.value.message_dict
