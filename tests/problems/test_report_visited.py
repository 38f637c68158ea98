"""A member may report a problem for an enterprise they visited with a service team
(产业服务团走访企业 they attended), not only for their own."""

import pytest
from django.urls import reverse

from lvzhi.problems.models import Problem
from tests import factories as f

URL = reverse("problems:problem_report")


@pytest.fixture
def visited(pb):
    """An enterprise of another member, listed on a visit carol attended."""
    enterprise = f.EnterpriseFactory(committee=pb.s.county, name="武宣钙基新材料公司")
    carol = f.MemberFactory(committee=pb.s.county, person=pb.s.carol_person)
    visit = f.ActivityFactory(
        committee=pb.s.county, kind=f._activity_kind("enterprise-visit"), title="走访钙基企业"
    )
    visit.enterprises.set([enterprise])
    pb.participation = f.ParticipationFactory(activity=visit, member=carol, attendance="attended")
    pb.visit = visit
    return enterprise


def _report(pb, enterprise):
    return {
        "committee": pb.s.county.pk,
        "enterprise": enterprise.pk,
        "category": pb.category.pk,
        "urgency": "normal",
        "title": "用地指标不足",
        "description": "企业扩产需新增用地40亩，指标未落实。",
    }


def test_member_reports_for_an_enterprise_she_visited(pb, client_for, visited):
    client = client_for(pb.s.carol)
    page = client.get(URL).content.decode()
    assert visited.name in page and pb.enterprise.name in page
    assert "您本人的企业，或随服务团走访过的企业" in page
    res = client.post(URL, _report(pb, visited))
    assert res.status_code == 302
    problem = Problem.objects.get(enterprise=visited)
    assert problem.raised_by == pb.s.carol_person
    # she follows what she reported
    assert client.get(problem.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("change", ["invited only", "another kind", "not listed"])
def test_no_report_without_having_visited(pb, client_for, visited, change):
    if change == "invited only":
        pb.participation.attendance = "invited"
        pb.participation.save()
    elif change == "another kind":
        pb.visit.kind = f._activity_kind("research")
        pb.visit.save()
    else:
        pb.visit.enterprises.clear()
    client = client_for(pb.s.carol)
    assert visited.name not in client.get(URL).content.decode()
    res = client.post(URL, _report(pb, visited))
    assert res.status_code == 400 and 'data-field-error="enterprise"' in res.content.decode()
    assert not Problem.objects.filter(enterprise=visited).exists()


def test_api_report_for_a_visited_enterprise(pb, api_for, visited):
    payload = {**_report(pb, visited), "confirm_duplicate": True}
    res = api_for(pb.s.carol).post("/api/v1/problems/report/", payload, format="json")
    assert res.status_code == 201, res.json()
    pb.visit.enterprises.clear()
    res = api_for(pb.s.carol).post("/api/v1/problems/report/", payload, format="json")
    assert res.status_code == 400 and "enterprise" in res.json()
