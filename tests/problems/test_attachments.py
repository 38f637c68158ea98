"""A problem's files, through core's attachments: who may add, who may fetch, what is kept."""

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lvzhi.core.attachments import attachment_add, attachment_remove
from lvzhi.core.models import Attachment
from tests.factories import PDF, PNG


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def assigned(pb):
    return pb.advance(pb.problem, "assigned")


def upload_url(problem):
    return f"/attachments/add/problems.problem/{problem.pk}/"


def post(client, problem, name, content, **extra):
    return client.post(
        upload_url(problem), {"file": SimpleUploadedFile(name, content), "name": ""}, **extra
    )


def test_the_office_and_the_assigned_unit_upload_and_download(pb, assigned, client_for, media):
    for user, name in ((pb.s.bob, "企业来函.pdf"), (pb.s.dave, "答复.png")):
        content = PDF if name.endswith(".pdf") else PNG
        response = post(client_for(user), assigned, name, content)
        assert response.status_code == 302, user
    first, reply = Attachment.objects.of(assigned)
    assert (first.name, first.kind, first.uploaded_by) == ("企业来函.pdf", "document", pb.s.bob)
    assert (reply.name, reply.kind, reply.mime_type) == ("答复.png", "photo", "image/png")
    assert reply.size == len(PNG) and reply.history.get().history_user == pb.s.dave
    # Stored under MEDIA_ROOT under a name that says nothing about the upload.
    assert (media / reply.file.name).read_bytes() == PNG
    assert "答复" not in reply.file.name and reply.file.name.endswith(".png")
    for user in (pb.s.bob, pb.s.alice, pb.s.dave):
        response = client_for(user).get(f"/attachments/{reply.pk}/")
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("inline")
    response = client_for(pb.s.bob).get(f"/attachments/{first.pk}/")
    assert response["Content-Disposition"].startswith("attachment")


def test_another_countys_unit_and_an_outsider_get_404(pb, assigned, client_for):
    attachment = attachment_add(
        actor=pb.s.bob, record=assigned, file=SimpleUploadedFile("函.pdf", PDF)
    )
    for user in (pb.olga, pb.s.olivia):
        client = client_for(user)
        assert client.get(f"/attachments/{attachment.pk}/").status_code == 404, user
        assert post(client, assigned, "x.pdf", PDF).status_code == 404, user
        assert client.post(f"/attachments/{attachment.pk}/remove/").status_code == 404, user
        with pytest.raises(PermissionDenied):
            attachment_add(actor=user, record=assigned, file=SimpleUploadedFile("x.pdf", PDF))
    assert Attachment.objects.of(assigned).count() == 1


def test_a_reader_who_may_not_attach_is_told_so(pb, assigned, client_for):
    # erin (city leader) reads the problem but may not add to it.
    response = post(client_for(pb.s.erin), assigned, "x.pdf", PDF, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-field-error="__all__"' in response.content.decode()
    assert not Attachment.objects.of(assigned).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("说明.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120),  # a renamed executable
        ("photo.png", b"<html><script>alert(1)</script></html>"),  # a web page as .png
    ],
)
def test_a_file_whose_content_is_not_allowed_is_refused_at_the_field(
    pb, assigned, client_for, name, content
):
    client = client_for(pb.s.bob)
    response = post(client, assigned, name, content, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-field-error="file"' in html and "不是可接受的" in html
    assert not Attachment.objects.exists()
    # Without htmx: back to the problem's page, which says why.
    response = post(client, assigned, name, content, follow=True)
    assert "不是可接受的" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_above_the_setting_is_refused(pb, assigned, client_for, settings):
    settings.ATTACHMENT_MAX_BYTES = len(PDF) - 1
    response = post(client_for(pb.s.bob), assigned, "函.pdf", PDF, HTTP_HX_REQUEST="true")
    assert 'data-field-error="file"' in response.content.decode()
    with pytest.raises(ValidationError):
        attachment_add(actor=pb.s.bob, record=assigned, file=SimpleUploadedFile("函.pdf", PDF))
    settings.ATTACHMENT_MAX_BYTES = len(PDF)
    attachment_add(actor=pb.s.bob, record=assigned, file=SimpleUploadedFile("函.pdf", PDF))
    assert Attachment.objects.of(assigned).count() == 1


def test_the_page_lists_the_files_and_offers_the_form_to_who_may_attach(pb, assigned, client_for):
    attachment = attachment_add(
        actor=pb.s.dave, record=assigned, file=SimpleUploadedFile("a.pdf", PDF), name="银行函"
    )
    for user, form in ((pb.s.bob, True), (pb.s.dave, True), (pb.s.erin, False)):
        html = client_for(user).get(assigned.get_absolute_url()).content.decode()
        assert f'href="/attachments/{attachment.pk}/"' in html and "银行函" in html, user
        assert (f'action="{upload_url(assigned)}"' in html) == form, user
    # A closed problem takes no more files.
    closed = pb.advance(pb.new(title="另一个难题"), "closed")
    html = client_for(pb.s.bob).get(closed.get_absolute_url()).content.decode()
    assert f'action="{upload_url(closed)}"' not in html
    assert post(client_for(pb.s.bob), closed, "a.pdf", PDF).status_code == 302
    assert not Attachment.objects.of(closed).exists()


def test_the_uploader_or_the_office_removes_a_file(pb, assigned, client_for):
    attachment = attachment_add(
        actor=pb.s.bob, record=assigned, file=SimpleUploadedFile("a.pdf", PDF)
    )
    with pytest.raises(PermissionDenied):
        attachment_remove(actor=pb.s.dave, attachment=attachment)
    assert client_for(pb.s.dave).post(f"/attachments/{attachment.pk}/remove/").status_code == 302
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert client_for(pb.s.bob).post(f"/attachments/{attachment.pk}/remove/").status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert [h.history_type for h in Attachment.history.filter(id=attachment.pk)] == ["-", "+"]


def test_an_old_problem_attachment_link_leads_to_the_checked_download(pb, assigned, client_for):
    attachment = attachment_add(
        actor=pb.s.bob, record=assigned, file=SimpleUploadedFile("a.pdf", PDF)
    )
    old = f"/problems/{assigned.pk}/attachments/{attachment.pk}/"
    response = client_for(pb.s.bob).get(old)
    assert response.status_code == 301 and response.url == f"/attachments/{attachment.pk}/"
    assert client_for(pb.olga).get(old, follow=True).status_code == 404


def test_the_admin_only_reads_attachments(rf, system):
    model_admin = admin.site._registry[Attachment]
    request = rf.get("/admin/")
    request.user = system.frank
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
