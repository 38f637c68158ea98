"""Records through the UI and the API: field errors, history, optimistic locking, language."""

import pytest

from lvzhi.core import services
from lvzhi.core.models import Enterprise, Member, Person
from lvzhi.core.validators import credit_code_check_char
from tests import factories as f


def valid_credit_code(body="91451300MA5K"):
    first17 = (body + "0" * 17)[:17]
    return first17 + credit_code_check_char(first17)


def test_interface_is_chinese_by_default_even_for_an_english_browser(system, client_for):
    client = client_for(system.alice)
    page = client.get("/enterprises/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "企业" in page


def test_language_switch_gives_english(system, client_for):
    client = client_for(system.alice)
    client.post("/i18n/setlang/", {"language": "en", "next": "/enterprises/"})
    page = client.get("/enterprises/").content.decode()
    assert '<html lang="en">' in page
    assert "Enterprises" in page


def test_enterprise_form_shows_field_errors_and_saves_nothing(system, client_for):
    client = client_for(system.bob)
    response = client.post(
        "/enterprises/add/",
        {
            "committee": system.county.pk,
            "name": "",
            "credit_code": "91451300MA5K000000",
            "employees": "-3",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "credit_code", "employees"}
    assert "校验码" in " ".join(errors["credit_code"])
    assert Enterprise.objects.count() == 0


def test_member_enterprise_needs_its_member(system, client_for):
    client = client_for(system.bob)
    response = client.post(
        "/enterprises/add/",
        {"committee": system.county.pk, "name": "武宣港务有限公司", "is_member_enterprise": "on"},
    )
    assert response.status_code == 400
    assert "member" in response.context["form"].errors


def test_edit_is_kept_in_history_with_actor_and_before_after(system, client_for):
    enterprise = f.EnterpriseFactory(committee=system.county, name="怡黄木业", address="三江口")
    client = client_for(system.bob)
    data = {
        "committee": system.county.pk,
        "name": "怡黄木业",
        "address": "来宾市兴宾区",
        "version": 1,
    }
    response = client.post(f"/enterprises/{enterprise.pk}/edit/", data)
    assert response.status_code == 302
    page = client.get(f"/enterprises/{enterprise.pk}/history/").content.decode()
    assert "三江口" in page and "来宾市兴宾区" in page
    assert system.bob.get_full_name() in page or "bob" in page
    latest = enterprise.history.first()
    assert latest.history_user == system.bob
    assert latest.history_type == "~"


def test_stale_edit_is_refused_not_overwritten(system, client_for):
    enterprise = f.EnterpriseFactory(committee=system.county, name="广西东糖集团")
    services.record_save(actor=system.alice, instance=Enterprise.objects.get(pk=enterprise.pk))
    # bob's form was loaded at version 1; alice saved version 2 meanwhile.
    client = client_for(system.bob)
    data = {"committee": system.county.pk, "name": "东糖集团（改）", "version": 1}
    response = client.post(f"/enterprises/{enterprise.pk}/edit/", data)
    assert response.status_code == 400
    assert "其他人" in response.content.decode() or "someone else" in response.content.decode()
    assert Enterprise.objects.get(pk=enterprise.pk).name == "广西东糖集团"


def test_api_stale_version_gives_409(system, api_for):
    enterprise = f.EnterpriseFactory(committee=system.county)
    api = api_for(system.bob)
    assert (
        api.patch(
            f"/api/v1/enterprises/{enterprise.pk}/", {"address": "a", "version": 1}, format="json"
        ).status_code
        == 200
    )
    response = api.patch(
        f"/api/v1/enterprises/{enterprise.pk}/", {"address": "b", "version": 1}, format="json"
    )
    assert response.status_code == 409
    assert Enterprise.objects.get(pk=enterprise.pk).address == "a"


@pytest.mark.parametrize(
    "payload",
    [
        {"name": ""},
        {"name": "x" * 500},
        {"employees": "很多"},
        {"credit_code": "123"},
        {"industries": ["abc"]},
        {"park": 999999},
        {"committee": "象州县"},
    ],
)
def test_api_bad_input_is_400_with_field_errors(system, api_for, payload):
    api = api_for(system.bob)
    body = {"committee": system.county.pk, "name": "企业甲", **payload}
    response = api.post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) & (set(payload) | {"non_field_errors"})
    assert not Enterprise.objects.filter(name="企业甲").exists()


def test_api_create_keeps_history_with_actor(system, api_for):
    api = api_for(system.bob)
    code = valid_credit_code()
    response = api.post(
        "/api/v1/enterprises/",
        {"committee": system.county.pk, "name": "龙从港务", "credit_code": code},
        format="json",
    )
    assert response.status_code == 201, response.json()
    enterprise = Enterprise.objects.get(pk=response.json()["id"])
    assert enterprise.history.get().history_user == system.bob


def test_member_sees_and_edits_own_contact_data_but_not_committee(system, client_for):
    client = client_for(system.carol)
    person = system.carol_person
    assert client.get(f"/persons/{person.pk}/").status_code == 200
    data = {
        "committee": system.city.pk,
        "name": "改名",
        "mobile": "13900000000",
        "version": person.version,
    }
    client.post(f"/persons/{person.pk}/edit/", data)
    person.refresh_from_db()
    assert person.mobile == "13900000000"
    assert person.committee == system.county and person.name == "卡萝"
    assert client.post(f"/persons/{person.pk}/delete/").status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_member_sees_published_records_of_own_and_parent_committee_only(system, client_for):
    city_pub = f.VillageFactory(committee=system.city, name="公开村", published=True)
    other_pub = f.VillageFactory(committee=system.other, name="邻县公开村", published=True)
    client = client_for(system.carol)
    page = client.get("/villages/").content.decode()
    assert city_pub.name in page
    assert other_pub.name not in page
    assert client.get(f"/villages/{other_pub.pk}/").status_code == 404


def test_handling_unit_sees_only_its_own_unit(system, client_for):
    other_unit = f.DepartmentFactory(committee=system.county, name="武宣县财政局")
    client = client_for(system.dave)
    assert client.get(f"/departments/{system.unit.pk}/").status_code == 200
    assert client.get(f"/departments/{other_unit.pk}/").status_code == 404


def test_member_registration_reuses_a_person_sitting_on_two_committees(system, client_for):
    sector = f.SectorFactory(name="经济界")
    client = client_for(system.alice)
    base = {
        "sector": sector.pk,
        "term": "第五届",
        "position": "member",
        "is_active": "on",
        "person-name": "林伟民",
        "person-mobile": "13807720001",
    }
    assert client.post("/members/add/", {**base, "committee": system.city.pk}).status_code == 302
    assert client.post("/members/add/", {**base, "committee": system.county.pk}).status_code == 302
    person = Person.objects.get(name="林伟民")
    assert Member.objects.filter(person=person).count() == 2
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert "来宾市政协" in page and "武宣县政协" in page


def test_scope_selector_narrows_lists_to_one_county(system, client_for):
    f.VillageFactory(committee=system.county, name="本县村")
    f.VillageFactory(committee=system.other, name="邻县村")
    client = client_for(system.alice)
    client.post("/scope/", {"scope": str(system.other.pk), "next": "/villages/"})
    page = client.get("/villages/").content.decode()
    assert "邻县村" in page and "本县村" not in page
    client.post("/scope/", {"scope": "all"})
    page = client.get("/villages/").content.decode()
    assert "邻县村" in page and "本县村" in page


def test_list_search_sort_and_filter(system, client_for):
    f.EnterpriseFactory(committee=system.county, name="广西东糖集团", is_member_enterprise=False)
    f.EnterpriseFactory(committee=system.county, name="怡黄木业")
    client = client_for(system.bob)
    page = client.get("/enterprises/", {"q": "东糖"}).content.decode()
    assert "广西东糖集团" in page and "怡黄木业" not in page
    page = client.get("/enterprises/", {"sort": "-name"}).content.decode()
    assert page.index("怡黄木业") < page.index("广西东糖集团") or page.index(
        "广西东糖集团"
    ) < page.index("怡黄木业")


def test_history_of_command_changes_names_the_system_actor(system):
    village = f.VillageFactory(committee=system.county)
    village.population = 1200
    services.record_save(actor=services.system_user(), instance=village)
    assert village.history.first().history_user.username == "system"


def test_delete_of_a_record_in_use_is_refused_with_a_message(system, client_for):
    park = f.ParkFactory(committee=system.county, name="三江口工业园区")
    f.EnterpriseFactory(committee=system.county, park=park)
    person = f.PersonFactory(committee=system.county)
    f.MemberFactory(committee=system.county, person=person)
    client = client_for(system.bob)
    response = client.post(f"/persons/{person.pk}/delete/", follow=True)
    assert "仍被" in response.content.decode() or "still used" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    # a deletion is itself kept in history
    client.post(f"/parks/{park.pk}/delete/")
    assert park.history.filter(history_type="-").get().history_user == system.bob


def test_openapi_schema_builds(system, api_for):
    response = api_for(system.alice).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in (
        "committees",
        "members",
        "persons",
        "enterprises",
        "villages",
        "parks",
        "departments",
        "industries",
        "sectors",
    ):
        assert f"/api/v1/{resource}/" in paths


def test_api_token_auth(system, client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=system.bob)
    f.EnterpriseFactory(committee=system.county, name="令牌企业")
    response = client.get("/api/v1/enterprises/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["令牌企业"]
    assert client.get("/api/v1/enterprises/").status_code in (401, 403)


def test_api_filters_match_list_filters(system, api_for):
    f.EnterpriseFactory(committee=system.county, name="甲企业", is_member_enterprise=False)
    f.EnterpriseFactory(committee=system.other, name="乙企业")
    api = api_for(system.alice)
    names = [
        r["name"]
        for r in api.get("/api/v1/enterprises/", {"scope": system.other.pk}).json()["results"]
    ]
    assert names == ["乙企业"]
    names = [r["name"] for r in api.get("/api/v1/enterprises/", {"q": "甲"}).json()["results"]]
    assert names == ["甲企业"]


def test_many_to_many_changes_are_one_history_entry_with_names(system, client_for):
    sugar = f.IndustryFactory(name="糖业")
    calcium = f.IndustryFactory(name="钙基新材料")
    client = client_for(system.bob)
    data = {"committee": system.county.pk, "name": "东糖", "industries": [sugar.pk]}
    assert client.post("/enterprises/add/", data).status_code == 302
    enterprise = Enterprise.objects.get(name="东糖")
    assert [h.history_type for h in enterprise.history.all()] == ["+"]
    data.update(industries=[calcium.pk], version=enterprise.version)
    client.post(f"/enterprises/{enterprise.pk}/edit/", data)
    assert [h.history_type for h in enterprise.history.all()] == ["~", "+"]
    page = client.get(f"/enterprises/{enterprise.pk}/history/").content.decode()
    assert "<del>糖业</del>" in page and "<ins>钙基新材料</ins>" in page


def test_county_office_cannot_change_a_city_kept_person_through_a_membership(system, client_for):
    person = f.PersonFactory(committee=system.city, name="林伟民", mobile="13807720001")
    member = f.MemberFactory(committee=system.county, person=person)
    client = client_for(system.bob)
    data = {
        "committee": system.county.pk,
        "sector": member.sector.pk,
        "term": "第五届",
        "position": "member",
        "is_active": "on",
        "version": member.version,
        "person-name": "林伟民",
        "person-mobile": "13900000009",
    }
    response = client.post(f"/members/{member.pk}/edit/", data)
    assert response.status_code == 400
    assert "来宾市政协" in response.content.decode()
    person.refresh_from_db()
    assert person.mobile == "13807720001"
    # the membership itself may still be changed by the county office
    data["person-mobile"] = "13807720001"
    data["term"] = "第六届"
    assert client.post(f"/members/{member.pk}/edit/", data).status_code == 302


def test_api_history_of_a_record(system, api_for):
    enterprise = f.EnterpriseFactory(committee=system.county, address="旧址")
    api = api_for(system.bob)
    api.patch(f"/api/v1/enterprises/{enterprise.pk}/", {"address": "新址"}, format="json")
    entries = api.get(f"/api/v1/enterprises/{enterprise.pk}/history/").json()
    assert entries[0]["user"] == system.bob.get_full_name()
    assert ["地址", "旧址", "新址"] in entries[0]["changes"]
    other = f.EnterpriseFactory(committee=system.other)
    assert api.get(f"/api/v1/enterprises/{other.pk}/history/").status_code == 404


def test_write_hooks_see_saves_and_deletes_in_the_transaction(system, monkeypatch):
    seen = []
    monkeypatch.setattr(
        services,
        "WRITE_HOOKS",
        [
            (
                lambda obj: seen.append(("saved", obj.name)),
                lambda obj: seen.append(("deleted", obj.name)),
            )
        ],
    )
    village = f.VillageFactory.build(committee=system.county, name="古立村")
    services.record_save(actor=system.bob, instance=village)
    services.record_delete(actor=system.bob, instance=village)
    assert seen == [("saved", "古立村"), ("deleted", "古立村")]
