"""Permissions the registry-driven matrix (tests/registry, test_registry_permissions.py)
does not reach: users outside the shared set of tests/conftest.py."""

from tests import factories as f


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
