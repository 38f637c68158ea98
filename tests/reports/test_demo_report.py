"""The demo reproduces the article: the Word report's opening reads its 2024 figures."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from lvzhi.core.demo.loader import reset_demo
from tests.conftest import demo_pillars

pytestmark = pytest.mark.django_db

ARTICLE = (
    "2024年，全市政协系统开展专题协商80余场，组成产业服务团走访企业180次，"
    "协调解决难题290个，政协委员参与对外招商350多场（次）"
)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_pillars("activities", "problems"):
        call_command("demo", verbosity=0)
        yield
        reset_demo()


@pytest.mark.usefixtures("loaded")
def test_the_word_report_says_the_articles_sentence(client):
    client.force_login(get_user_model().objects.get(username="demo-staff"))
    got = client.get(
        reverse("reports:annual_report"),
        {"year": 2024, "scope": "all"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    doc = Document(io.BytesIO(b"".join(got.streaming_content)))
    opening = next(p.text for p in doc.paragraphs if p.text.startswith("据统计"))
    assert ARTICLE in opening
    api = client.get("/api/v1/reports/indicators/", {"year": 2024, "rounded": "true"})
    values = {f["key"]: f["values"]["n"] for f in api.json()["figures"]}
    assert values["activities.consultations"] == 83
    assert values["activities.investment_participations"] == 352
