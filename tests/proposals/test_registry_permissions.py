"""Every registered proposal record type × shared user × place × action (tests/registry)."""

import pytest

from tests.registry.base import assert_permissions, record_type_test_classes, registry_cases


@pytest.mark.parametrize("record_type,who", registry_cases("proposals"))
def test_permissions(system, record_type, who):
    assert_permissions(record_type, who, system)


# list / create / edit / stale edit of every registered type of proposals
record_type_test_classes("proposals", globals())
