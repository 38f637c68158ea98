"""In English, the pages hold no Chinese except what the records themselves say.

Every menu entry of a city office clerk, the overview, a problem's and an activity's page and
the inbox are rendered in English; any run of Han characters in their text (and in the
titles, placeholders and labels of their elements) that is not part of a value stored in the
database is interface text left untranslated.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from lvzhi.core.navigation import menu_for
from tests import factories as f

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: shown in Chinese on purpose: the switch back to Chinese
ALLOWED = {"中文"}


class PageText(HTMLParser):
    ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in self.ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def stored_text():
    """Every text value in the database (the record data a page may show)."""
    values = []
    for model in apps.get_models():
        fields = [
            fl.attname
            for fl in model._meta.concrete_fields
            if isinstance(fl, models.CharField | models.TextField)
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                values += [v for v in row if v]
    return "\n".join(values)


def untranslated(html, data):
    parser = PageText()
    parser.feed(html)
    return sorted(
        {
            run
            for part in parser.parts
            for run in HAN.findall(part)
            if run not in ALLOWED and run not in data
        }
    )


@pytest.fixture
def records(system):
    unit = f.DepartmentFactory(committee=system.city, name="来宾市工信局")
    problem = f.registered_problem(system.alice, system.city, lead_unit=unit, title="续贷难")
    activity = f.ActivityFactory(committee=system.city, title="糖业调研")
    f.ParticipationFactory(activity=activity, member=f.MemberFactory(committee=system.city))
    return [problem.get_absolute_url(), activity.get_absolute_url()]


def test_main_pages_speak_english(system, client_for, records):
    client = client_for(system.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    urls = ["/", *records, "/notifications/"]
    urls += [item["url"] for group in menu_for(system.alice) for item in group["items"]]
    data = stored_text()
    found = {}
    for url in dict.fromkeys(urls):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            runs = untranslated(response.content.decode(), data)
            if runs:
                found[url] = runs
    assert found == {}


def test_notifications_and_step_names_are_shown_in_the_readers_language(
    system, client_for, records
):
    import datetime

    from django.utils import translation
    from django.utils.translation import gettext_noop

    from lvzhi.core.notifications import Message, notify

    with translation.override("zh-hans"):  # written while the clerk's interface is Chinese
        notify(
            [system.bob],
            "problems.assign",
            message=Message(
                gettext_noop("Problem %(problem)s was assigned to you; deadline %(deadline)s."),
                problem="#1 续贷难",
                deadline=datetime.date(2024, 12, 19),
            ),
        )
    client = client_for(system.bob)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    inbox = client.get("/notifications/").content.decode()
    assert "Problem #1 续贷难 was assigned to you; deadline 12/19/2024." in inbox
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    with translation.override("zh-hans"):
        chinese = translation.gettext(
            "Problem %(problem)s was assigned to you; deadline %(deadline)s."
        ) % {"problem": "#1 续贷难", "deadline": "2024年12月19日"}
    assert chinese in client.get("/notifications/").content.decode()

    # the history names the workflow's steps in the reader's language too
    alice = client_for(system.alice)
    alice.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    history = alice.get(records[0] + "history/").content.decode()
    assert "· Assign" in history
