"""成果转化: an outcome names its sources of any source type; each source's page shows the
outcomes it led to; who may link, and what a reader may see of the chain."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvzhi.core import outcomes
from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from lvzhi.proposals.models import Opinion, OutcomeSource
from lvzhi.proposals.services.opinion import opinion_submit
from lvzhi.proposals.services.outcome import outcome_add_source, outcome_remove_source
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def oc(system):
    s = system
    s.report = f.ActivityFactory(
        committee=s.city, title="蔗糖产业高质量发展专题调研", published=True
    )
    s.item = f.ReportItemFactory(activity=s.report, kind="guide", text="操作指南第1条")
    s.county_activity = f.ActivityFactory(committee=s.county, title="武宣县糖业协商会")
    s.outcome = f.OutcomeFactory(
        committee=s.city, title="来宾市糖业降本增效行动方案", published=True
    )
    return s


def test_any_source_type_links_and_each_source_page_shows_the_outcome(oc, client_for):
    opinion = opinion_submit(
        actor=oc.bob, opinion=Opinion(committee=oc.county, title="蔗农增收建议", text="建议。")
    )
    for source in (oc.report, oc.item, opinion):
        outcome_add_source(actor=oc.alice, outcome=oc.outcome, source=source)
    client = client_for(oc.alice)
    for source in (oc.report, oc.item, opinion):
        page = client.get(source.get_absolute_url()).content.decode()
        panel = page.split('data-testid="outcomes"')[1].split("</div>")[1]
        assert "来宾市糖业降本增效行动方案" in panel, source
    chain = client.get(oc.outcome.get_absolute_url()).content.decode()
    chain = chain.split('data-testid="sources"')[1].split("</ul>")[0]
    for source in (oc.report, oc.item, opinion):
        assert f'href="{source.get_absolute_url()}"' in chain


def test_a_record_type_that_is_no_source_is_refused(oc):
    with pytest.raises(ValidationError) as exc:
        outcome_add_source(actor=oc.alice, outcome=oc.outcome, source=oc.county)
    assert "source" in exc.value.message_dict
    assert not outcomes.is_source(oc.county)
    assert outcomes.is_source(oc.report) and outcomes.is_source(oc.item)


def test_the_same_source_twice_is_an_error_at_the_field(oc, client_for):
    client = client_for(oc.alice)
    url = f"/proposals/outcomes/{oc.outcome.pk}/sources/"
    body = {"source": outcomes.source_key(oc.report), "note": "调研报告"}
    assert client.post(url, body).status_code == 302
    response = client.post(url, body)
    assert response.status_code == 400
    assert OutcomeSource.objects.filter(outcome=oc.outcome).count() == 1


def test_who_may_link_and_what_others_see(oc, client_for):
    url = f"/proposals/outcomes/{oc.outcome.pk}/sources/"
    body = {"source": outcomes.source_key(oc.county_activity)}
    # the county office may not change a city outcome; a member may not either
    assert client_for(oc.bob).post(url, body).status_code == 403
    assert client_for(oc.carol).post(url, body).status_code == 403
    assert client_for(oc.olivia).post(url, body).status_code == 404
    # a source the linking user cannot see does not resolve
    oscar = f.UserFactory(username="oscar")
    RoleAssignment.objects.create(user=oscar, committee=oc.other, role=Role.STAFF)
    assert outcomes.resolve(outcomes.source_key(oc.county_activity), oscar) is None
    assert client_for(oc.alice).post(url, body).status_code == 302
    # carol (a member of the county) reads the published outcome, but not the county's
    # unpublished activity: the chain says a source exists without naming it
    page = client_for(oc.carol).get(oc.outcome.get_absolute_url()).content.decode()
    chain = page.split('data-testid="sources"')[1].split("</ul>")[0]
    assert "武宣县糖业协商会" not in chain and "source-form" not in page
    assert client_for(oscar).get(oc.outcome.get_absolute_url()).status_code == 200
    link = OutcomeSource.objects.get()
    with pytest.raises(PermissionDenied):
        outcome_remove_source(actor=oc.bob, link=link)
    outcome_remove_source(actor=oc.alice, link=link)
    assert not OutcomeSource.objects.exists()


def test_the_combined_picker_searches_every_source_type(oc, client_for):
    opinion = opinion_submit(
        actor=oc.bob, opinion=Opinion(committee=oc.county, title="糖业用电成本建议", text="建议。")
    )
    response = client_for(oc.alice).get("/autocomplete/outcome-sources/", {"q": "糖业"})
    ids = {r["id"] for r in response.json()["results"]}
    assert outcomes.source_key(opinion) in ids
    assert outcomes.source_key(oc.county_activity) in ids
    oscar = f.UserFactory(username="oscar")
    RoleAssignment.objects.create(user=oscar, committee=oc.other, role=Role.STAFF)
    response = client_for(oscar).get("/autocomplete/outcome-sources/", {"q": "糖业"})
    assert outcomes.source_key(opinion) not in {r["id"] for r in response.json()["results"]}
