"""不予立案 grounds: a dictionary the office keeps; proposals keep the ground they were given."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lvzhi.proposals import services
from lvzhi.proposals.models import Proposal, RejectionGround


def test_the_statutory_grounds_are_in_the_dictionary(db):
    names = list(RejectionGround.objects.filter(is_active=True).values_list("name", flat=True))
    for name in ("涉及国家秘密", "属于学术争论", "属于实名举报", "内容空泛，没有具体建议"):
        assert name in names


def test_the_system_administrator_adds_renames_and_deactivates_grounds(system, client_for):
    client = client_for(system.frank)
    response = client.post(
        reverse("proposals:ground_add"),
        {"name": "不属于政协职能范围", "code": "out_of_remit", "sort_order": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    ground = RejectionGround.objects.get(code="advertising")
    response = client.post(
        reverse("proposals:ground_edit", args=[ground.pk]),
        {"name": "宣传推介具体产品或企业", "code": "advertising", "sort_order": 60, "version": 1},
    )
    assert response.status_code == 302, response.context["form"].errors
    ground.refresh_from_db()
    assert (ground.name, ground.is_active) == ("宣传推介具体产品或企业", False)
    listing = client.get(reverse("proposals:ground_list")).content.decode()
    assert "不属于政协职能范围" in listing and "宣传推介具体产品或企业" in listing


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "dave", "olivia"])
def test_others_may_not_change_the_grounds(system, client_for, who):
    client = client_for(getattr(system, who))
    ground = RejectionGround.objects.get(code="vague")
    assert client.get(reverse("proposals:ground_add")).status_code == 403
    response = client.post(
        reverse("proposals:ground_edit", args=[ground.pk]),
        {"name": "改名", "code": "vague", "sort_order": 0, "version": 1},
    )
    assert response.status_code == 403
    assert RejectionGround.objects.get(code="vague").name == "内容空泛，没有具体建议"


def test_a_deactivated_ground_is_not_offered_but_old_proposals_keep_theirs(
    pp, system, client_for, api_for
):
    old = pp.to(pp.new(), "submitted")
    services.proposal_reject(actor=system.bob, proposal=old, ground="advertising", reason="广告")
    RejectionGround.objects.filter(code="advertising").update(
        name="宣传推介具体产品", is_active=False
    )
    fresh = pp.to(pp.new(title="关于另一事项的建议"), "submitted")
    client = client_for(system.bob)
    offered = client.get(fresh.get_absolute_url()).content.decode()
    assert 'value="vague"' in offered and 'value="advertising"' not in offered
    assert "宣传推介具体产品" in client.get(old.get_absolute_url()).content.decode()

    with pytest.raises(ValidationError) as err:
        services.proposal_reject(actor=system.bob, proposal=fresh, ground="advertising", reason="x")
    assert "ground" in err.value.message_dict
    api = api_for(system.bob)
    response = api.post(
        f"/api/v1/proposals/{fresh.pk}/reject/",
        {"ground": "advertising", "reason": "广告"},
        format="json",
    )
    assert response.status_code == 400
    assert Proposal.objects.get(pk=fresh.pk).state == "submitted"
    assert api.get(f"/api/v1/proposals/{old.pk}/").json()["rejection_ground"] == "advertising"
    # the code a proposal points at stays; the name may change
    ground = RejectionGround.objects.get(code="advertising")
    response = api_for(system.frank).patch(
        f"/api/v1/proposal-rejection-grounds/{ground.pk}/",
        {"code": "ads", "version": ground.version},
        format="json",
    )
    assert response.status_code == 400 and "code" in response.json()
    assert Proposal.objects.get(pk=old.pk).rejection_ground_id == "advertising"
    grounds = api.get("/api/v1/proposal-rejection-grounds/").json()["results"]
    assert {"advertising", "vague"} <= {g["code"] for g in grounds}
