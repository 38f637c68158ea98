"""The project pipeline: one stage at a time, skipping only by the office (logged), dropping
with a reason; who may move it; refusals are translated 400s, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lvzhi.core.errors import DomainError
from lvzhi.investment import services
from lvzhi.investment.choices import Stage
from lvzhi.investment.models import ProjectTransition

from .conftest import new_project

pytestmark = pytest.mark.django_db


def test_main_path_dates_and_attributes_every_stage(iv):
    s, p = iv.s, iv.project
    p = services.project_negotiate(actor=s.bob, project=p, date=datetime.date(2024, 3, 1))
    p = services.project_sign_intention(actor=s.dave, project=p, date=datetime.date(2024, 4, 1))
    p = services.project_sign_contract(
        actor=s.bob, project=p, contracted_amount=Decimal(18000), date=datetime.date(2024, 5, 1)
    )
    p = services.project_start(actor=s.dave, project=p, date=datetime.date(2024, 6, 1))
    p = services.project_produce(actor=s.bob, project=p)
    assert p.state == Stage.PRODUCING
    assert (p.negotiating_on, p.contracted_on, p.started_on) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 5, 1),
        datetime.date(2024, 6, 1),
    )
    log = list(ProjectTransition.objects.filter(project=p).values_list("action", "actor__username"))
    assert log == [
        ("register", "bob"),
        ("credit", "bob"),
        ("negotiate", "bob"),
        ("sign_intention", "dave"),
        ("sign_contract", "bob"),
        ("start", "dave"),
        ("produce", "bob"),
    ]
    assert p.history.count() >= 6


def test_a_stage_cannot_be_reached_out_of_order(iv):
    with pytest.raises(DomainError) as exc, translation.override("zh-hans"):
        services.project_sign_contract(
            actor=iv.s.bob, project=iv.project, contracted_amount=Decimal(1)
        )
    assert "只能" in exc.value.message or "签订" in exc.value.message
    iv.project.refresh_from_db()
    assert iv.project.state == Stage.LEAD and iv.project.contracted_on is None


def test_skipping_is_the_offices_logged_decision(iv):
    with pytest.raises(PermissionDenied):
        services.project_skip(
            actor=iv.s.dave, project=iv.project, to_stage="contracted", reason="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.project_skip(actor=iv.s.bob, project=iv.project, to_stage="contracted", reason="")
    assert "reason" in exc.value.message_dict
    p = services.project_skip(
        actor=iv.s.bob, project=iv.project, to_stage="contracted", reason="直接签约"
    )
    assert p.state == Stage.CONTRACTED and p.negotiating_on is None
    last = ProjectTransition.objects.filter(project=p).latest("pk")
    assert (last.action, last.from_state, last.to_state, last.comment) == (
        "skip",
        "lead",
        "contracted",
        "直接签约",
    )


def test_drop_needs_a_reason_and_ends_the_pipeline(iv):
    with pytest.raises(ValidationError):
        services.project_drop(actor=iv.s.bob, project=iv.project, reason=" ")
    p = services.project_drop(actor=iv.s.bob, project=iv.project, reason="投资方撤回")
    assert p.state == Stage.DROPPED and p.drop_reason == "投资方撤回"
    with pytest.raises(DomainError):
        services.project_negotiate(actor=iv.s.bob, project=p)


@pytest.mark.parametrize(
    "who,may",
    [("alice", True), ("bob", True), ("dave", True), ("carol", False), ("erin", False)],
)
def test_who_may_move_a_stage(iv, who, may):
    user = getattr(iv.s, who)
    if may:
        assert services.project_negotiate(actor=user, project=iv.project).state == "negotiating"
    else:
        with pytest.raises(PermissionDenied):
            services.project_negotiate(actor=user, project=iv.project)


def test_the_responsible_leader_moves_and_drops(iv):
    iv.project.responsible_leader = iv.leader
    iv.project.save()
    p = services.project_negotiate(actor=iv.s.erin, project=iv.project)
    assert services.project_drop(actor=iv.s.erin, project=p, reason="选址未落实").state == "dropped"


def test_a_credited_member_reports_progress_only(iv):
    p = services.project_progress(actor=iv.s.carol, project=iv.project, text="投资方已来宾考察")
    assert p.transitions.latest("pk").comment == "投资方已来宾考察"
    with pytest.raises(PermissionDenied):
        services.project_negotiate(actor=iv.s.carol, project=p)


def test_funds_in_place_sum_and_dates(iv):
    p = services.project_skip(
        actor=iv.s.bob, project=iv.project, to_stage="contracted", reason="签约"
    )
    p = services.project_funds(actor=iv.s.bob, project=p, amount=Decimal(3000), note="首期")
    p = services.project_funds(actor=iv.s.dave, project=p, amount=Decimal(2000))
    assert p.funds_in_place == Decimal(5000) and p.funds.count() == 2
    with pytest.raises(ValidationError):
        services.project_funds(actor=iv.s.bob, project=p, amount=Decimal(0))


def test_credit_shares_add_up_to_at_most_100(iv):
    other = iv.s.carol_person  # noqa: F841 - carol already holds 100%
    from tests import factories as f

    seat = f.MemberFactory(committee=iv.s.county)
    with pytest.raises(ValidationError) as exc:
        services.project_credit(actor=iv.s.bob, project=iv.project, member=seat, share=Decimal(10))
    assert "share" in exc.value.message_dict
    services.project_credit(actor=iv.s.bob, project=iv.project, member=iv.carol_seat, share=60)
    services.project_credit(actor=iv.s.bob, project=iv.project, member=seat, share=40)
    assert sorted(iv.project.credits.values_list("share", flat=True)) == [40, 60]


def test_step_out_of_order_is_a_translated_400_in_the_api_and_the_page(iv, api_for, client_for):
    api = api_for(iv.s.bob)
    url = f"/api/v1/investment-projects/{iv.project.pk}/"
    response = api.post(url + "start/", {}, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "开工" in str(response.json()) or "Start" in str(response.json())
    response = client_for(iv.s.bob).post(f"/investment/{iv.project.pk}/step/start/", {})
    assert response.status_code == 302  # back to the page with the message
    iv.project.refresh_from_db()
    assert iv.project.state == Stage.LEAD


def test_another_countys_project_is_a_404(system, client_for, api_for):
    project = new_project(system)
    project.committee = system.other
    project.save()
    from tests import factories as f

    outsider = f.UserFactory(username="xz-staff")
    from lvzhi.core.choices import Role
    from lvzhi.core.models import RoleAssignment

    RoleAssignment.objects.create(user=outsider, committee=system.county, role=Role.STAFF)
    assert client_for(outsider).get(f"/investment/{project.pk}/").status_code == 404
    assert api_for(outsider).get(f"/api/v1/investment-projects/{project.pk}/").status_code == 404


def test_the_daily_pass_reminds_the_department_of_a_lead_not_assessed_then_tells_leaders(iv):
    from lvzhi.core.deadlines import daily_pass
    from lvzhi.core.models import Notification

    p = iv.project  # registered 2024-01-10: assessment due three working days later
    assert p.progress_due == datetime.date(2024, 1, 15)
    counts = daily_pass(today=datetime.date(2024, 1, 16))
    assert counts == {"reminded": 1, "escalated": 0, "lapsed": 0}
    assert Notification.objects.filter(recipient=iv.s.dave, verb="investment.remind").exists()
    assert daily_pass(today=datetime.date(2024, 1, 16)) == {
        "reminded": 0,
        "escalated": 0,
        "lapsed": 0,
    }
    assert daily_pass(today=datetime.date(2024, 1, 30))["escalated"] == 1
    p.refresh_from_db()
    assert p.escalated_on == datetime.date(2024, 1, 30)
    p = services.project_negotiate(actor=iv.s.bob, project=p, date=datetime.date(2024, 2, 1))
    assert p.progress_due == datetime.date(2024, 3, 2) and p.escalated_on is None


def test_a_project_reminded_and_escalated_the_same_day_keeps_both_in_one_history_entry(iv):
    """The first pass after a long silence reminds the department and tells the leaders at
    once: one history entry carries both marks, the log keeps both steps in order, and each
    step's people are told."""
    from lvzhi.core.deadlines import daily_pass
    from lvzhi.core.models import Notification

    p = iv.project  # progress due 2024-01-15
    before = p.history.count()
    assert daily_pass(today=datetime.date(2024, 2, 1)) == {
        "reminded": 1,
        "escalated": 1,
        "lapsed": 0,
    }
    p.refresh_from_db()
    assert p.reminded_on == p.escalated_on == datetime.date(2024, 2, 1)
    entries = p.history.order_by("-history_id")
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry.history_user.username == "system" and entry.history_type == "~"
    assert entry.history_change_reason == "Reminder; Escalation to a leader"
    previous = entries[1]
    fields = [f.attname for f in type(entry).tracked_fields]
    changed = {f for f in fields if getattr(entry, f) != getattr(previous, f)}
    assert changed == {"reminded_on", "escalated_on", "version"}
    steps = p.transitions.values_list("action", "actor__username")
    assert [s for s in steps if s[0] in ("remind", "escalate")] == [
        ("remind", "system"),
        ("escalate", "system"),
    ]
    assert Notification.objects.filter(recipient=iv.s.dave, verb="investment.remind").exists()
    assert Notification.objects.filter(recipient=iv.s.erin, verb="investment.escalate").exists()
    # run again the same day: nothing more
    assert daily_pass(today=datetime.date(2024, 2, 1))["reminded"] == 0
    assert p.history.count() == before + 1
