"""Uploaded files are handed out only to those who may see their record.

Templates linked the raw media URL: with DEBUG off nothing served it, and a web server
serving MEDIA_ROOT would have given it to anyone holding the URL.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lvzhi.activities.models import Attachment
from lvzhi.core import services as core_services
from tests import factories as f
from tests.conftest import reseed_data_migrations
from tests.factories import PNG


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_an_activity_photo_shows_inline_to_participants_only(system, client_for):

    reseed_data_migrations()
    activity = f.ActivityFactory(committee=system.county)
    photo = Attachment(activity=activity, committee=system.county, title="现场")
    photo.file = SimpleUploadedFile("site.png", PNG)
    core_services.record_save(actor=system.bob, instance=photo)
    link = f"/activities/attachments/{photo.pk}/file/file/"
    response = client_for(system.bob).get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert (
        client_for(system.bob).get(f"/activities/attachments/{photo.pk}/file/title/").status_code
        == 404
    )
    # carol is a county member but took no part: the activity is not published to members.
    assert client_for(system.carol).get(link).status_code == 404
    f.ParticipationFactory(
        activity=activity,
        member=f.MemberFactory(person=system.carol_person, committee=system.county),
    )
    assert client_for(system.carol).get(link).status_code == 200
    detail = client_for(system.bob).get(photo.get_absolute_url()).content.decode()
    assert f'src="{link}"' in detail
