"""政银企: the bank records what came of its match (授信, 放款, 未成功) on the match's page and
through the API; another bank and the enterprise's member may not; bad amounts are field
errors and nothing is saved half."""

import datetime
from decimal import Decimal

import pytest

from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from lvzhi.investment import services
from lvzhi.investment.models import FinancingMatch, MatchTransition
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def banks(system):
    """A 500万 need of carol's enterprise matched to 农商行 (banker) and 工行 (other_banker)."""

    class Banks:
        pass

    b = Banks()
    f.MemberFactory(committee=system.county, person=system.carol_person)
    enterprise = f.member_enterprise(system.county, system.carol_person)
    need = f.FinancingNeedFactory(committee=system.county, enterprise=enterprise, amount=500)
    mine = f.DepartmentFactory(committee=system.county, kind="bank", name="武宣农商行")
    other = f.DepartmentFactory(committee=system.county, kind="bank", name="工行武宣支行")
    b.banker, b.other_banker = f.UserFactory(username="banker"), f.UserFactory(username="icbc")
    for user, bank in ((b.banker, mine), (b.other_banker, other)):
        RoleAssignment.objects.create(
            user=user, committee=system.county, role=Role.UNIT, department=bank
        )
    b.match = f.FinancingMatchFactory(need=need, bank=mine, matched_on=datetime.date(2024, 4, 18))
    b.other_match = f.FinancingMatchFactory(need=need, bank=other)
    return b


def _step(client, match, action, body):
    return client.post(f"/investment/matches/{match.pk}/step/{action}/", body)


def test_the_bank_records_credit_then_loan_on_its_match_page(system, banks, client_for):
    client = client_for(banks.banker)
    page = client.get(banks.match.get_absolute_url()).content.decode()
    assert 'data-testid="step-grant"' in page
    response = _step(
        client, banks.match, "grant", {"amount_granted": "300万元", "granted_on": "2024-05-01"}
    )
    assert response.status_code == 302
    response = _step(
        client, banks.match, "disburse", {"amount_disbursed": "2,000,000元", "disbursed_on": ""}
    )
    assert response.status_code == 302
    match = FinancingMatch.objects.get(pk=banks.match.pk)
    assert (match.status, match.amount_granted, match.amount_disbursed) == (
        "disbursed",
        Decimal(300),
        Decimal(200),
    )
    assert match.granted_on == datetime.date(2024, 5, 1)
    log = list(match.transitions.values_list("action", "actor__username"))
    assert log == [("grant", "banker"), ("disburse", "banker")]
    page = client.get(match.get_absolute_url()).content.decode()
    assert "300" in page and "200" in page


def test_the_bank_declines_with_its_reason(banks, client_for):
    client = client_for(banks.banker)
    refused = _step(client, banks.match, "decline", {"failure_reason": " "})
    assert refused.status_code == 400
    form = dict((a, fm) for a, _label, fm in refused.context["step_forms"])["decline"]
    assert "failure_reason" in form.errors
    assert (
        _step(client, banks.match, "decline", {"failure_reason": "缺少抵押物"}).status_code == 302
    )
    banks.match.refresh_from_db()
    assert (banks.match.status, banks.match.failure_reason) == ("failed", "缺少抵押物")


@pytest.mark.parametrize(
    "amount,message",
    [("600万", "500"), ("80余万", "80余万"), ("三百平方米", "平方米"), ("-5万", "")],
)
def test_a_bad_or_too_large_credit_is_a_field_error_and_nothing_is_saved(
    banks, client_for, amount, message
):
    response = _step(client_for(banks.banker), banks.match, "grant", {"amount_granted": amount})
    assert response.status_code == 400
    form = dict((a, fm) for a, _label, fm in response.context["step_forms"])["grant"]
    assert "amount_granted" in form.errors
    assert message in str(form.errors["amount_granted"])
    banks.match.refresh_from_db()
    assert (banks.match.status, banks.match.amount_granted, banks.match.granted_on) == (
        "matching",
        None,
        None,
    )
    assert not MatchTransition.objects.exists()


def test_a_loan_above_the_credit_is_refused_at_the_field(banks, client_for, api_for):
    match = services.match_grant(actor=banks.banker, match=banks.match, amount_granted=Decimal(300))
    response = _step(client_for(banks.banker), match, "disburse", {"amount_disbursed": "350万"})
    assert response.status_code == 400
    form = dict((a, fm) for a, _label, fm in response.context["step_forms"])["disburse"]
    assert "amount_disbursed" in form.errors
    api = api_for(banks.banker)
    url = f"/api/v1/financing-matches/{match.pk}/disburse/"
    bad = api.post(url, {"amount_disbursed": "350万"}, format="json")
    assert bad.status_code == 400 and "amount_disbursed" in bad.json()
    match.refresh_from_db()
    assert (match.status, match.amount_disbursed) == ("granted", None)
    ok = api.post(url, {"amount_disbursed": "300万"}, format="json")
    assert ok.status_code == 200, ok.json()
    assert api.get(f"/api/v1/financing-matches/{match.pk}/").json()["amount_disbursed"] in (
        "300.00",
        300,
        "300",
    )


def test_another_bank_and_the_member_may_not_record_the_outcome(system, banks, client_for, api_for):
    body = {"amount_granted": "300万"}
    # another bank does not see the match at all
    assert _step(client_for(banks.other_banker), banks.match, "grant", body).status_code == 404
    url = f"/api/v1/financing-matches/{banks.match.pk}/grant/"
    assert api_for(banks.other_banker).post(url, body, format="json").status_code == 404
    # the member running the enterprise sees the match but records nothing
    assert client_for(system.carol).get(banks.match.get_absolute_url()).status_code == 200
    page = client_for(system.carol).get(banks.match.get_absolute_url()).content.decode()
    assert 'data-testid="step-grant"' not in page
    assert _step(client_for(system.carol), banks.match, "grant", body).status_code == 403
    assert api_for(system.carol).post(url, body, format="json").status_code == 403
    # neither may the bank record on another bank's match
    other = f"/api/v1/financing-matches/{banks.other_match.pk}/grant/"
    assert api_for(banks.banker).post(other, body, format="json").status_code == 404
    banks.match.refresh_from_db()
    assert banks.match.status == "matching" and not MatchTransition.objects.exists()
    # the office may record it for the bank
    assert _step(client_for(system.bob), banks.match, "grant", body).status_code == 302
