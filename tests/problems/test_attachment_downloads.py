"""Uploaded files are handed out only to those who may see their record.

Templates linked the raw media URL: with DEBUG off nothing served it, and a web server
serving MEDIA_ROOT would have given it to anyone holding the URL.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lvzhi.core.attachments import attachment_add


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def problem_file(pb):
    problem = pb.advance(pb.problem, "assigned")
    attachment = attachment_add(
        actor=pb.s.bob,
        record=problem,
        file=SimpleUploadedFile("loan.pdf", b"%PDF-1.4 bank letter"),
        name="银行函",
    )
    return problem, attachment


def url(problem, attachment):
    return f"/attachments/{attachment.pk}/"


def test_the_office_and_the_assigned_unit_download(pb, problem_file, client_for):
    problem, attachment = problem_file
    for user in (pb.s.bob, pb.s.alice, pb.s.dave):
        response = client_for(user).get(url(problem, attachment))
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bank letter"
        assert response["Content-Disposition"].startswith("attachment")
        assert "%E9%93%B6%E8%A1%8C%E5%87%BD.pdf" in response["Content-Disposition"]  # 银行函.pdf
        assert response["Cache-Control"] == "private, max-age=0"


def test_nobody_else_does(pb, problem_file, client_for, client):
    problem, attachment = problem_file
    for user in (pb.olga, pb.s.olivia):  # a unit of another county; no role at all
        assert client_for(user).get(url(problem, attachment)).status_code == 404, user
    client.logout()
    assert client.get(url(problem, attachment)).status_code == 302  # to the login page


def test_the_page_links_the_checked_download_not_the_media_path(pb, problem_file, client_for):
    problem, attachment = problem_file
    html = client_for(pb.s.bob).get(problem.get_absolute_url()).content.decode()
    assert url(problem, attachment) in html
    assert attachment.file.name not in html


def test_behind_nginx_the_app_answers_with_an_internal_redirect(pb, problem_file, client_for):
    problem, attachment = problem_file
    with override_settings(MEDIA_ACCEL_REDIRECT="/protected-media/"):
        response = client_for(pb.s.bob).get(url(problem, attachment))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response.content == b""
    with override_settings(MEDIA_ACCEL_REDIRECT="/protected-media/"):
        assert client_for(pb.olga).get(url(problem, attachment)).status_code == 404
