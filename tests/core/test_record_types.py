"""One declaration per record type: the pages and the API write through the same services."""

import pytest
from django.urls import reverse

from lvzhi.core.api.views import RecordViewSet
from lvzhi.core.models import Person
from lvzhi.core.records import REGISTRY, record_types
from lvzhi.core.views.generic import ObjectEditView
from tests import factories as f


@pytest.fixture
def ruleset(system):
    from lvzhi.activities import models

    rs = f.RuleSetFactory(committee=system.city, year=2023, published=False)
    models.Rule.objects.create(
        ruleset=rs, committee=system.city, label="活动", event="activity", points=5
    )
    return rs


def test_every_pillar_registers_its_record_types():
    labels = set(REGISTRY)
    assert {"core.member", "activities.ruleset", "problems.problem"} <= labels
    # The app's root pages (prefix "") come last, so /problems/<prefix>/ is not taken by
    # /problems/<pk>/.
    for app in ("activities", "problems"):
        prefixes = [t.prefix for t in record_types(app)]
        assert prefixes[-1] == "" and "" not in prefixes[:-1]


def test_no_viewset_or_page_has_a_write_path_of_its_own():
    for record_type in record_types():
        viewset = record_type.api_viewset()
        for name in ("perform_create", "perform_update", "perform_destroy"):
            assert getattr(viewset, name) is getattr(RecordViewSet, name), (record_type, name)
        edit_view = record_type.edit_view or ObjectEditView
        assert edit_view.save is ObjectEditView.save, record_type


def test_publishing_a_rule_set_through_the_api_publishes_its_rules(system, api_for, ruleset):
    res = api_for(system.alice).patch(
        f"/api/v1/rule-sets/{ruleset.pk}/", {"published": True}, format="json"
    )
    assert res.status_code == 200
    assert list(ruleset.rules.values_list("published", flat=True)) == [True]


def test_a_locked_rule_set_cannot_be_moved_renamed_or_deleted(system, client_for, api_for, ruleset):
    from django.utils.translation import gettext

    ruleset.locked = True
    ruleset.save()
    refusal = gettext(
        "The rule set %(ruleset)s is locked: its year is closed. "
        "Unlock it first (and only that) to change it."
    ) % {"ruleset": ruleset}
    api = api_for(system.alice)
    res = api.patch(f"/api/v1/rule-sets/{ruleset.pk}/", {"name": "新名称"}, format="json")
    assert res.status_code == 400 and res.json()["detail"] == refusal
    client = client_for(system.alice)
    url = reverse("activities:ruleset_edit", args=[ruleset.pk])
    page = client.get(url)
    data = {
        k: v
        for k, v in page.context["form"].initial.items()
        if v is not None and not isinstance(v, list)
    }
    data.update(year=2019, locked="on", published="", committee=system.city.pk)
    res = client.post(url, data)
    assert res.status_code == 400
    assert refusal in res.context["form"].non_field_errors()
    res = api.delete(f"/api/v1/rule-sets/{ruleset.pk}/")
    assert res.status_code == 400
    ruleset.refresh_from_db()
    assert (ruleset.year, ruleset.name) == (2023, ruleset.name) and ruleset.locked


def test_unlocking_alone_is_allowed_and_kept_in_history(system, api_for, ruleset):
    ruleset.locked = True
    ruleset.save()
    res = api_for(system.alice).patch(
        f"/api/v1/rule-sets/{ruleset.pk}/", {"locked": False}, format="json"
    )
    assert res.status_code == 200
    ruleset.refresh_from_db()
    assert not ruleset.locked
    assert ruleset.history.first().history_user == system.alice


def test_a_member_written_through_the_api_goes_through_member_save(system, api_for):
    """The person's record is saved with the membership, as on the page (a new version)."""
    person = Person.objects.create(name="覃明", mobile="13800000001", committee=system.city)
    res = api_for(system.alice).post(
        "/api/v1/members/",
        {
            "committee": system.city.pk,
            "person": person.pk,
            "sector": f.SectorFactory().pk,
            "term": "五届",
        },
        format="json",
    )
    assert res.status_code == 201, res.json()
    person.refresh_from_db()
    assert person.version == 2
    assert person.history.first().history_user == system.alice


def test_a_record_type_declaring_search_is_indexed():
    """Searchable text is part of the declaration: the text engine registers it."""
    from lvzhi.text import registry

    for record_type in record_types():
        registration = registry.get(record_type.model)
        if record_type.search:
            assert registration is not None, record_type
            assert registration.title == record_type.search["title"]
        if record_type.similar_field:
            assert record_type.search, f"{record_type} checks 查重 but declares no search"


def test_only_types_checked_while_typed_keep_content_words(system):
    """查重 content words are kept for the types checked while typed (problems, member
    cases); an enterprise's index entry has none (查重 would read its text if asked)."""
    from lvzhi.core import services
    from lvzhi.core.models import Enterprise
    from lvzhi.problems.models import Problem
    from lvzhi.text import registry
    from lvzhi.text.models import SearchDocument

    assert registry.get(Problem).compares and not registry.get(Enterprise).compares
    enterprise = f.EnterpriseFactory.build(
        committee=system.county, name="来宾蔗糖公司", description="年产白糖20万吨"
    )
    services.record_save(actor=system.bob, instance=enterprise)
    doc = SearchDocument.objects.get(kind="core.enterprise", object_id=enterprise.pk)
    assert doc.body_tokens and doc.content_tokens == ""
