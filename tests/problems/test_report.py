"""反映难题: a member reports a problem of an enterprise themselves; the office takes it from
there. Who may, who may not, and what the report becomes."""

from django.urls import reverse

from lvzhi.core.models import Notification
from lvzhi.problems.choices import Action, State
from lvzhi.problems.models import Problem
from tests import factories as f

URL = reverse("problems:problem_report")


def report(pb, **extra):
    return {
        "committee": pb.s.county.pk,
        "enterprise": pb.enterprise.pk,
        "category": pb.category.pk,
        "urgency": "normal",
        "title": "流动资金贷款到期续贷难",
        "description": "企业一笔3000万元贷款下月到期，银行要求先还后贷，过桥资金成本高。",
        **extra,
    }


def test_member_reports_a_problem_and_the_office_is_told(pb, client_for):
    client = client_for(pb.s.carol)
    page = client.get(URL)
    assert page.status_code == 200
    form = page.context["form"]
    assert set(form.fields) == {
        "committee",
        "enterprise",
        "category",
        "urgency",
        "title",
        "description",
        "version",
        "confirm_duplicate",
    }
    assert list(form.fields["committee"].queryset) == [pb.s.county]
    res = client.post(URL, report(pb, confirm_duplicate="on"))
    assert res.status_code == 302, res.content.decode()[:3000]
    problem = Problem.objects.exclude(pk=pb.problem.pk).get()
    assert res["Location"] == problem.get_absolute_url()
    assert problem.raised_by == pb.s.carol_person
    assert problem.state == State.REGISTERED and not problem.published
    assert problem.history.get().history_user == pb.s.carol
    transition = problem.transitions.get()
    assert transition.action == Action.REGISTER and transition.actor == pb.s.carol
    assert Notification.objects.filter(recipient=pb.s.bob, url=problem.get_absolute_url()).exists()
    # The member follows it from her own list; the office has it in theirs.
    assert problem.title in client.get(reverse("problems:problem_list")).content.decode()
    office = client_for(pb.s.bob).get(reverse("problems:problem_list")).content.decode()
    assert problem.title in office


def test_a_report_of_an_open_problem_is_checked_for_duplicates(pb, client_for):
    res = client_for(pb.s.carol).post(URL, report(pb))
    assert res.status_code == 400
    assert 'data-field-error="confirm_duplicate"' in res.content.decode()
    assert Problem.objects.count() == 1


def test_who_may_not_report(pb, client_for):
    for user in (pb.s.bob, pb.s.alice, pb.s.dave, pb.s.erin, pb.s.olivia):
        assert client_for(user).get(URL).status_code == 403, user.username
        assert client_for(user).post(URL, report(pb)).status_code == 403, user.username
    assert Problem.objects.count() == 1


def test_a_member_reports_only_to_her_committee_and_about_what_she_sees(pb, client_for):
    client = client_for(pb.s.carol)
    hidden = f.EnterpriseFactory(committee=pb.s.other, name="象州县某企业")
    for extra, field in [
        ({"committee": pb.s.other.pk}, "committee"),
        ({"committee": pb.s.city.pk}, "committee"),
        ({"enterprise": hidden.pk}, "enterprise"),
    ]:
        res = client.post(URL, report(pb, confirm_duplicate="on", **extra))
        assert res.status_code == 400
        assert f'data-field-error="{field}"' in res.content.decode()
    assert Problem.objects.count() == 1


def test_the_report_form_cannot_name_someone_else_as_raiser(pb, client_for):
    other = f.PersonFactory(committee=pb.s.county, name="别人")
    res = client_for(pb.s.carol).post(
        URL, report(pb, confirm_duplicate="on", raised_by=other.pk, published="on")
    )
    assert res.status_code == 302
    problem = Problem.objects.exclude(pk=pb.problem.pk).get()
    assert problem.raised_by == pb.s.carol_person and not problem.published


def test_the_menu_offers_reporting_to_members_only(pb, client_for):
    label = "反映难题"
    assert label in client_for(pb.s.carol).get("/").content.decode()
    assert label not in client_for(pb.s.bob).get("/").content.decode()


def test_member_reports_through_the_api(pb, api_for):
    payload = {**report(pb, raised_by=999, published=True), "confirm_duplicate": True}
    res = api_for(pb.s.carol).post("/api/v1/problems/report/", payload, format="json")
    assert res.status_code == 201, res.json()
    problem = Problem.objects.get(pk=res.json()["id"])
    assert problem.raised_by == pb.s.carol_person and not problem.published
    assert res.json()["state"] == State.REGISTERED


def test_api_report_refuses_non_members_and_bad_choices(pb, api_for):
    payload = {**report(pb), "confirm_duplicate": True}
    for user in (pb.s.bob, pb.s.dave, pb.s.olivia):
        res = api_for(user).post("/api/v1/problems/report/", payload, format="json")
        assert res.status_code == 403, user.username
    res = api_for(pb.s.carol).post(
        "/api/v1/problems/report/", {**payload, "committee": pb.s.other.pk}, format="json"
    )
    assert res.status_code == 400 and "committee" in res.json()
    res = api_for(pb.s.carol).post(
        "/api/v1/problems/report/", {**payload, "confirm_duplicate": False}, format="json"
    )
    assert res.status_code == 400 and res.json()["duplicates"]
    assert Problem.objects.count() == 1
