"""The login page of a demo database lists the demo accounts with their roles' names."""

import pytest
from django.conf import settings
from django.utils import translation

from lvzhi.core.choices import Role
from lvzhi.core.demo import structure
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_demo_logins_show_translated_role_names(client, language):
    f.UserFactory(username=structure.DEMO_USERS[0][0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/login/").content.decode()
    with translation.override(language):
        names = {str(Role(row[2]).label) for row in structure.DEMO_USERS}
    for name in names:
        assert f'<span class="text-muted">{name} · ' in page
    for code in {row[2] for row in structure.DEMO_USERS} - names:
        assert f'<span class="text-muted">{code} · ' not in page
