"""Every role × place (own county / other county / parent city) × action, in the UI and the API.

Expected outcomes come from the rules in core/visibility.py and core/permissions.py:
city staff and admins reach everything below the city; county staff reach their county;
a leader reads what the city reaches; a member, a handling unit and an outsider reach no
unpublished record of anybody else.
"""

import pytest

from lvzhi.core import models
from tests import factories as f

PLACES = ("county", "other", "city")

# user -> the places whose records they see, and the places where they may write
READ = {
    "alice": {"county", "other", "city"},
    "frank": {"county", "other", "city"},
    "erin": {"county", "other", "city"},
    "bob": {"county"},
    "carol": set(),
    "dave": set(),
    "olivia": set(),
}
WRITE = {
    "alice": {"county", "other", "city"},
    "frank": {"county", "other", "city"},
    "erin": set(),
    "bob": {"county"},
    "carol": set(),
    "dave": set(),
    "olivia": set(),
}


def _person_form(name):
    return {"person-name": name, "person-mobile": "13907720001"}


CASES = {
    "person": dict(
        model=models.Person,
        factory=f.PersonFactory,
        prefix="persons",
        ui=lambda c, n: {"committee": c.pk, "name": n},
        api=lambda c, n, s: {"committee": c.pk, "name": n},
        label="name",
    ),
    "member": dict(
        model=models.Member,
        factory=f.MemberFactory,
        prefix="members",
        ui=lambda c, n: {
            "committee": c.pk,
            "sector": f.SectorFactory(name="经济界").pk,
            "term": "第五届",
            "position": "member",
            "is_active": "on",
            **_person_form(n),
        },
        api=lambda c, n, s: {
            "committee": c.pk,
            "sector": f.SectorFactory(name="经济界").pk,
            "term": "第五届",
            "person": f.PersonFactory(committee=c, name=n).pk,
        },
        label="person__name",
    ),
    "department": dict(
        model=models.Department,
        factory=f.DepartmentFactory,
        prefix="departments",
        ui=lambda c, n: {"committee": c.pk, "name": n, "kind": "government", "is_active": "on"},
        api=lambda c, n, s: {"committee": c.pk, "name": n, "kind": "government"},
        label="name",
    ),
    "park": dict(
        model=models.Park,
        factory=f.ParkFactory,
        prefix="parks",
        ui=lambda c, n: {"committee": c.pk, "name": n, "level": "city"},
        api=lambda c, n, s: {"committee": c.pk, "name": n, "level": "city"},
        label="name",
    ),
    "village": dict(
        model=models.Village,
        factory=f.VillageFactory,
        prefix="villages",
        ui=lambda c, n: {"committee": c.pk, "name": n, "township": "桐岭镇"},
        api=lambda c, n, s: {"committee": c.pk, "name": n, "township": "桐岭镇"},
        label="name",
    ),
    "enterprise": dict(
        model=models.Enterprise,
        factory=f.EnterpriseFactory,
        prefix="enterprises",
        ui=lambda c, n: {"committee": c.pk, "name": n},
        api=lambda c, n, s: {"committee": c.pk, "name": n},
        label="name",
    ),
}


def _label(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def _records(system, case):
    return {place: case["factory"](committee=getattr(system, place)) for place in PLACES}


def _exists(model, pk):
    return model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("who", sorted(READ))
@pytest.mark.parametrize("kind", sorted(CASES))
def test_ui_matrix(system, client_for, kind, who):
    case = CASES[kind]
    records = _records(system, case)
    client = client_for(getattr(system, who))
    wrong = []

    listing = client.get(f"/{case['prefix']}/?scope=all").content.decode()
    for place, obj in records.items():
        allowed_read = place in READ[who]
        allowed_write = place in WRITE[who]
        shown = str(_label(obj, case["label"])) in listing
        if shown != allowed_read:
            wrong.append(f"list {place}: shown={shown}")
        status = client.get(f"/{case['prefix']}/{obj.pk}/").status_code
        if (status == 200) != allowed_read:
            wrong.append(f"detail {place}: {status}")
        status = client.get(f"/{case['prefix']}/{obj.pk}/edit/").status_code
        if (status == 200) != allowed_write:
            wrong.append(f"edit form {place}: {status}")
        new_name = f"改名{place}{kind}"
        data = case["ui"](obj.committee, new_name)
        data["version"] = obj.version
        if kind == "member":
            data.update(_person_form(obj.person.name))
            data["person-name"] = obj.person.name
        client.post(f"/{case['prefix']}/{obj.pk}/edit/", data)
        obj.refresh_from_db()
        changed = obj.version > 1
        if changed != allowed_write:
            wrong.append(f"edit {place}: changed={changed}")
        created_name = f"新建{place}{kind}"
        client.post(f"/{case['prefix']}/add/", case["ui"](getattr(system, place), created_name))
        lookup = {case["label"]: created_name}
        created = case["model"].objects.filter(**lookup).exists()
        if created != allowed_write:
            wrong.append(f"create {place}: created={created}")
        client.post(f"/{case['prefix']}/{obj.pk}/delete/")
        deleted = not _exists(case["model"], obj.pk)
        if deleted != allowed_write:
            wrong.append(f"delete {place}: deleted={deleted}")
    assert wrong == [], f"{who} on {kind}: {wrong}"


@pytest.mark.parametrize("who", sorted(READ))
@pytest.mark.parametrize("kind", sorted(CASES))
def test_api_matrix(system, api_for, kind, who):
    case = CASES[kind]
    records = _records(system, case)
    api = api_for(getattr(system, who))
    base = f"/api/v1/{case['prefix']}/"
    wrong = []

    listed = {row["id"] for row in api.get(base, {"limit": 500}).json().get("results", [])}
    for place, obj in records.items():
        allowed_read = place in READ[who]
        allowed_write = place in WRITE[who]
        if (obj.pk in listed) != allowed_read:
            wrong.append(f"list {place}")
        status = api.get(f"{base}{obj.pk}/").status_code
        if (status == 200) != allowed_read:
            wrong.append(f"detail {place}: {status}")
        response = api.patch(
            f"{base}{obj.pk}/", {"published": False, "version": obj.version}, format="json"
        )
        assert response.status_code < 500
        obj.refresh_from_db()
        if (obj.version > 1) != allowed_write:
            wrong.append(f"patch {place}: {response.status_code}")
        created_name = f"接口新建{place}{kind}"
        response = api.post(
            base, case["api"](getattr(system, place), created_name, system), format="json"
        )
        assert response.status_code < 500, response.content
        if (response.status_code == 201) != allowed_write:
            wrong.append(f"create {place}: {response.status_code}")
        status = api.delete(f"{base}{obj.pk}/").status_code
        if (not _exists(case["model"], obj.pk)) != allowed_write:
            wrong.append(f"delete {place}: {status}")
    assert wrong == [], f"{who} on {kind}: {wrong}"


SHARED = {
    "committees": (f.CommitteeFactory, {"name": "测试县政协", "level": "county", "sort_order": 9}),
    "sectors": (f.SectorFactory, {"name": "新界别", "sort_order": 0}),
    "industries": (f.IndustryFactory, {"name": "新产业", "kind": "industry", "sort_order": 0}),
}


@pytest.mark.parametrize("who", sorted(READ))
@pytest.mark.parametrize("prefix", sorted(SHARED))
def test_shared_dictionaries_are_read_by_all_and_changed_by_system_admins(
    system, client_for, api_for, prefix, who
):
    factory, data = SHARED[prefix]
    obj = factory()
    user = getattr(system, who)
    may_write = who == "frank"  # admin of the city committee
    client = client_for(user)
    assert client.get(f"/{prefix}/{obj.pk}/").status_code == 200
    assert (client.get(f"/{prefix}/add/").status_code == 200) == may_write
    client.post(f"/{prefix}/add/", data)
    model = type(obj)
    assert model.objects.filter(name=data["name"]).exists() == may_write
    response = api_for(user).delete(f"/api/v1/{prefix}/{obj.pk}/")
    assert (response.status_code == 204) == may_write
    assert model.objects.filter(pk=obj.pk).exists() != may_write


def test_county_admin_may_not_edit_shared_dictionaries(system, client_for):
    from lvzhi.core.choices import Role
    from lvzhi.core.models import RoleAssignment

    county_admin = f.UserFactory(username="county-admin")
    RoleAssignment.objects.create(user=county_admin, committee=system.county, role=Role.ADMIN)
    industry = f.IndustryFactory(name="糖业")
    client = client_for(county_admin)
    assert client.get(f"/industries/{industry.pk}/edit/").status_code == 403
    # ...but administers the records of the own county
    village = f.VillageFactory(committee=system.county)
    assert client.get(f"/villages/{village.pk}/edit/").status_code == 200
