"""Every registered record type of core × shared user × place × action (tests/registry)."""

import pytest

from tests.registry.base import assert_permissions, record_type_test_classes, registry_cases


@pytest.mark.parametrize("record_type,who", registry_cases("core"))
def test_permissions(system, record_type, who):
    assert_permissions(record_type, who, system)


# list / create / edit / stale edit / import page of every registered type of core
record_type_test_classes("core", globals())
