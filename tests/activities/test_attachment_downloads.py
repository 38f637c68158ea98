"""An activity's files are core attachments: handed out only to those who may see the activity.

They were a model of their own with their own list page and size limit; links of that time
still lead to the file, through the same visibility check.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lvzhi.core.attachments import attachment_add
from lvzhi.core.models import Attachment
from tests import factories as f
from tests.factories import PNG


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 1000


def upload(client, activity, name, content):
    return client.post(
        f"/attachments/add/activities.activity/{activity.pk}/",
        {"file": SimpleUploadedFile(name, content), "name": ""},
    )


def test_the_office_uploads_and_the_size_and_type_are_checked(system, client_for):
    activity = f.ActivityFactory(committee=system.county)
    client = client_for(system.bob)
    response = upload(client, activity, "run.exe", b"MZ" * 10)
    assert response.status_code in (302, 400) and not Attachment.objects.exists()
    response = upload(client, activity, "photo.jpg", b"\xff\xd8\xff\xe0" + b"x" * 2000)
    assert not Attachment.objects.exists()
    response = upload(client, activity, "现场.png", PNG)
    assert response.status_code == 302
    photo = Attachment.objects.of(activity).get()
    assert (photo.name, photo.kind, photo.uploaded_by) == ("现场.png", "photo", system.bob)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'href="/attachments/{photo.pk}/"' in page or f"/attachments/{photo.pk}/" in page


def test_an_activity_photo_shows_to_participants_only(system, client_for):
    activity = f.ActivityFactory(committee=system.county)
    photo = attachment_add(
        actor=system.bob, record=activity, file=SimpleUploadedFile("site.png", PNG)
    )
    link = f"/attachments/{photo.pk}/"
    response = client_for(system.bob).get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    # carol is a county member but took no part: the activity is not published to members.
    assert client_for(system.carol).get(link).status_code == 404
    assert upload(client_for(system.carol), activity, "x.png", PNG).status_code == 404
    f.ParticipationFactory(
        activity=activity,
        member=f.MemberFactory(person=system.carol_person, committee=system.county),
    )
    assert client_for(system.carol).get(link).status_code == 200
    # a participant reads the files but may not add any
    upload(client_for(system.carol), activity, "x.png", PNG)
    assert Attachment.objects.of(activity).count() == 1


def test_a_link_from_before_the_move_leads_to_the_file_of_an_activity_only(system, client_for):
    activity = f.ActivityFactory(committee=system.county)
    photo = attachment_add(
        actor=system.bob, record=activity, file=SimpleUploadedFile("site.png", PNG)
    )
    response = client_for(system.bob).get(f"/activities/attachments/{photo.pk}/file/file/")
    assert response.status_code == 301 and response["Location"] == f"/attachments/{photo.pk}/"
    problem = f.ProblemFactory(committee=system.county)
    other = attachment_add(actor=system.bob, record=problem, file=SimpleUploadedFile("函.png", PNG))
    response = client_for(system.bob).get(f"/activities/attachments/{other.pk}/file/file/")
    assert response.status_code == 404


def test_deleting_an_activity_deletes_its_files(system, client_for):
    activity = f.ActivityFactory(committee=system.county)
    attachment_add(actor=system.bob, record=activity, file=SimpleUploadedFile("site.png", PNG))
    assert client_for(system.bob).post(f"/activities/{activity.pk}/delete/").status_code == 302
    assert not Attachment.objects.exists()
