"""A member's proposal draft starts in the session (届次) members file into now."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def today(monkeypatch, day):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: day)


def chosen_session(client):
    page = client.get(reverse("proposals:proposal_draft")).content.decode()
    select = re.search(r'<select name="session".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d+)" selected', select)


def test_the_draft_form_preselects_the_current_session(pp, system, client_for, monkeypatch):
    today(monkeypatch, date(2024, 11, 5))
    f.ProposalSessionFactory(committee=system.county, term=5, sitting=2, year=2023)
    f.ProposalSessionFactory(committee=system.county, term=5, sitting=4, year=2025)  # announced
    f.ProposalSessionFactory(committee=system.other, term=6, sitting=1, year=2024)
    client = client_for(system.carol)
    assert chosen_session(client) == [str(pp.session.pk)]  # 五届三次, 2024


def test_before_any_session_of_this_year_the_next_one_is_chosen(
    pp, system, client_for, monkeypatch
):
    today(monkeypatch, date(2020, 1, 5))
    f.ProposalSessionFactory(committee=system.county, term=5, sitting=4, year=2025)
    assert chosen_session(client_for(system.carol)) == [str(pp.session.pk)]
