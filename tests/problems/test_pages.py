"""The pages: register (with the duplicate warning), steps, filters, export, notifications."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from lvzhi.core.deadlines import daily_pass
from lvzhi.core.models import Notification
from lvzhi.core.notifications import bell
from lvzhi.problems import services
from lvzhi.problems.models import Problem

pytestmark = pytest.mark.django_db


def form(pb, **extra):
    return {
        "committee": pb.s.county.pk,
        "enterprise": pb.enterprise.pk,
        "category": pb.category.pk,
        "urgency": "normal",
        "title": "用工缺口",
        "description": "榨季缺少熟练工人。",
        "service_team": "糖业产业服务团",
        "registered_on": "2024-11-05",
        **extra,
    }


def test_register_shows_the_duplicate_warning_first(pb, client_for):
    client = client_for(pb.s.bob)
    response = client.post("/problems/add/", form(pb))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["confirm_duplicate"])
    assert f"#{pb.problem.pk}" in errors
    assert Problem.objects.count() == 1
    response = client.post("/problems/add/", form(pb, confirm_duplicate="on"))
    assert response.status_code == 302
    assert Problem.objects.count() == 2


def test_register_needs_who_raised_it(pb, client_for):
    response = client_for(pb.s.bob).post(
        "/problems/add/", form(pb, service_team="", confirm_duplicate="on")
    )
    assert response.status_code == 400
    assert "service_team" in response.context["form"].errors


def test_unit_sees_its_steps_and_posts_an_answer(pb, client_for):
    problem = pb.advance(pb.problem, "in_progress")
    client = client_for(pb.s.dave)
    page = client.get(f"/problems/{problem.pk}/")
    actions = [a for a, _label, _form in page.context["step_forms"]]
    assert actions == ["progress", "answer", "return", "request_extension"]
    response = client.post(f"/problems/{problem.pk}/step/answer/", {"solution": ""})
    assert response.status_code == 400
    assert (
        "solution" in dict((a, f) for a, _l, f in response.context["step_forms"])["answer"].errors
    )
    response = client.post(f"/problems/{problem.pk}/step/answer/", {"solution": "已续贷"})
    assert response.status_code == 302
    assert Problem.objects.get(pk=problem.pk).state == "answered"


def test_forbidden_step_in_the_ui(pb, client_for):
    problem = pb.advance(pb.problem, "in_progress")
    # A member may not close; the office may not confirm what has no answer.
    assert client_for(pb.s.carol).post(f"/problems/{problem.pk}/step/close/").status_code == 403
    client = client_for(pb.s.bob)
    response = client.post(
        f"/problems/{problem.pk}/step/confirm/", {"satisfaction": "satisfied"}, follow=True
    )
    assert response.status_code == 200
    assert any("answer" in str(m) or "答复" in str(m) for m in response.context["messages"])
    assert Problem.objects.get(pk=problem.pk).state == "in_progress"


def test_assign_form_rejects_a_unit_outside_the_system(pb, client_for):
    response = client_for(pb.s.bob).post(
        f"/problems/{pb.problem.pk}/step/assign/", {"lead_unit": pb.foreign_unit.pk}
    )
    assert response.status_code == 400
    assert Problem.objects.get(pk=pb.problem.pk).state == "registered"


def test_list_filters_and_export(pb, client_for):
    overdue = pb.advance(pb.new(title="逾期难题"), "registered")
    services.problem_assign(
        actor=pb.s.bob, problem=overdue, lead_unit=pb.unit, on=date(2024, 9, 27)
    )
    daily_pass(today=date(2024, 12, 2))
    client = client_for(pb.s.alice)

    def listed(query):
        return {p.title for p in client.get(f"/problems/?{query}").context["table"].data}

    assert listed("due=overdue") == {"逾期难题"}
    assert listed("escalated=true") == {"逾期难题"}
    assert listed("state=registered") == {pb.problem.title}
    assert listed(f"unit={pb.unit.pk}") == {"逾期难题"}
    assert listed(f"category={pb.category.pk}&q=逾期") == {"逾期难题"}
    response = client.get("/problems/?export=xlsx")
    assert response.status_code == 200
    assert client.get("/problems/escalated/", follow=True).status_code == 200


def test_detail_edit_history_for_the_office(pb, client_for):
    client = client_for(pb.s.bob)
    assert client.get(f"/problems/{pb.problem.pk}/").status_code == 200
    assert client.get(f"/problems/{pb.problem.pk}/edit/").status_code == 200
    assert client.get(f"/problems/{pb.problem.pk}/history/").status_code == 200
    assert client.get("/problems/categories/").status_code == 200


def test_closed_problem_cannot_be_edited(pb, client_for):
    problem = pb.advance(pb.problem, "closed")
    data = form(pb, title="改标题", version=problem.version)
    response = client_for(pb.s.bob).post(f"/problems/{problem.pk}/edit/", data)
    assert response.status_code == 400
    assert Problem.objects.get(pk=problem.pk).title != "改标题"


def test_notifications_page_and_bell(pb, client_for):
    pb.advance(pb.problem, "assigned")
    client = client_for(pb.s.dave)
    context = bell(pb.s.dave)
    assert context["unread"] == 1
    html = render_to_string("core/includes/bell.html", {"bell": context})
    assert 'data-testid="bell-count">1' in html
    page = client.get("/notifications/")
    assert pb.problem.title in page.content.decode()
    note = Notification.objects.get(recipient=pb.s.dave)
    response = client.get(f"/notifications/{note.pk}/")
    assert response.status_code == 302 and response.url == pb.problem.get_absolute_url()
    assert bell(pb.s.dave)["unread"] == 0
    # Another user's notification is a 404.
    assert client_for(pb.s.bob).get(f"/notifications/{note.pk}/").status_code == 404


def test_attachment(pb, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(pb.s.bob)
    upload = SimpleUploadedFile("函.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(
        f"/attachments/add/problems.problem/{pb.problem.pk}/", {"file": upload, "name": "企业来函"}
    )
    assert response.status_code == 302
    assert pb.problem.attachments.get().name == "企业来函"
    upload = SimpleUploadedFile("x.pdf", b"x")
    client_for(pb.olga).post(
        f"/attachments/add/problems.problem/{pb.problem.pk}/", {"file": upload}
    )
    assert pb.problem.attachments.count() == 1
