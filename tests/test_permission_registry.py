"""Permission tests by construction: every registered record type × shared user × place ×
list / detail / history / create / edit / delete, in the pages and the API (tests/registry).

The types of core, activities and problems run in their apps' test_registry_permissions.py
(so parallel workers share the load); every other app's types run here, so a new app's
record types are tested the moment they are declared.
"""

from lvzhi.core.records import REGISTRY
from tests.registry.base import assert_permissions, registry_cases
from tests.registry.data import DATA

COVERED_IN_APP_MODULES = ("core", "activities", "problems", "proposals", "investment")


def test_every_registered_record_type_has_a_data_declaration():
    missing = sorted(set(REGISTRY) - set(DATA))
    assert missing == [], (
        f"Record types without a data declaration in tests/registry/data.py: {missing}"
    )


def test_every_data_declaration_names_a_registered_record_type():
    assert sorted(set(DATA) - set(REGISTRY)) == []


def test_permissions_of_every_other_app(system):
    """A new app's record types are checked here until it has a module of its own."""
    from pathlib import Path

    tests = Path(__file__).parent
    for app in COVERED_IN_APP_MODULES:
        assert (tests / app / "test_registry_permissions.py").exists(), app
    for case in registry_cases(exclude_apps=COVERED_IN_APP_MODULES):
        record_type, who = case.values
        assert_permissions(record_type, who, system)
