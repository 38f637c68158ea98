"""Who may open a problem, and which of its related records the detail page links to.

Found by crawling every page as each role: a unit's problem page linked to the enterprise
and the raising member (404 for the unit), and the member running the enterprise was asked
to confirm an answer on a problem they could not open.
"""

from django.urls import reverse

from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from lvzhi.problems.models import Problem
from tests import factories as f


def test_the_unit_sees_the_enterprise_named_but_not_linked(pb, client_for):
    problem = pb.advance(pb.problem, "assigned")
    page = client_for(pb.s.dave).get(problem.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert pb.enterprise.name in html
    assert pb.enterprise.get_absolute_url() not in html
    assert pb.s.carol_person.get_absolute_url() not in html
    # …and what the link would open is indeed closed to the unit.
    assert client_for(pb.s.dave).get(pb.enterprise.get_absolute_url()).status_code == 404


def test_the_office_gets_the_links(pb, client_for):
    html = client_for(pb.s.bob).get(pb.problem.get_absolute_url()).content.decode()
    assert f'href="{pb.enterprise.get_absolute_url()}"' in html


def test_the_member_running_the_enterprise_opens_a_problem_someone_else_raised(pb, client_for):
    # Raised by another member; carol runs the enterprise and is asked to confirm.
    other = f.PersonFactory(committee=pb.s.county, name="韦委员", user=f.UserFactory())
    RoleAssignment.objects.create(user=other.user, committee=pb.s.county, role=Role.MEMBER)
    problem = pb.advance(pb.new(raised_by=other), "answered")
    assert Problem.objects.visible_to(pb.s.carol).filter(pk=problem.pk).exists()
    assert client_for(pb.s.carol).get(problem.get_absolute_url()).status_code == 200
    listed = client_for(pb.s.carol).get(reverse("problems:problem_list"))
    assert problem.title in listed.content.decode()


def test_a_member_of_another_enterprise_still_cannot(pb, client_for):
    stranger = f.PersonFactory(committee=pb.s.county, name="覃委员", user=f.UserFactory())
    RoleAssignment.objects.create(user=stranger.user, committee=pb.s.county, role=Role.MEMBER)
    problem = pb.advance(pb.problem, "answered")
    assert client_for(stranger.user).get(problem.get_absolute_url()).status_code == 404


# -- a problem in the workflow keeps its audit trail ---------------------------------------

REFUSAL = "已进入办理流程的难题不能删除，请改为撤回。"


def test_an_assigned_problem_cannot_be_deleted_over_the_api(pb, api_for):
    problem = pb.advance(pb.problem, "assigned")
    response = api_for(pb.s.bob).delete(f"/api/v1/problems/{problem.pk}/")
    assert response.status_code == 400
    assert response.json()["detail"] == REFUSAL
    assert Problem.objects.filter(pk=problem.pk).exists()
    assert problem.transitions.count() == 2  # register, assign


def test_an_assigned_problem_cannot_be_deleted_on_the_page(pb, client_for):
    problem = pb.advance(pb.problem, "assigned")
    response = client_for(pb.s.bob).post(f"/problems/{problem.pk}/delete/", follow=True)
    assert REFUSAL in response.content.decode()
    assert Problem.objects.filter(pk=problem.pk).exists()


def test_a_problem_nobody_acted_on_may_still_be_deleted(pb, api_for):
    response = api_for(pb.s.bob).delete(f"/api/v1/problems/{pb.problem.pk}/")
    assert response.status_code == 204
    assert not Problem.objects.filter(pk=pb.problem.pk).exists()
