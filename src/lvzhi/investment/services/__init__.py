"""Writes of the investment app: the project pipeline (base.py the table, project.py the
steps), and the records that follow a parent (children.py)."""

from .base import (
    CREDITED,
    LEADER,
    OFFICE,
    UNIT,
    WORKFLOW,
    available_actions,
    hidden_fields,
    roles_of,
)
from .children import child_delete, child_save
from .project import (
    project_credit,
    project_drop,
    project_funds,
    project_negotiate,
    project_produce,
    project_progress,
    project_reach_capacity,
    project_register,
    project_report,
    project_sign_contract,
    project_sign_intention,
    project_skip,
    project_start,
    project_update,
)

__all__ = [
    "CREDITED",
    "LEADER",
    "OFFICE",
    "UNIT",
    "WORKFLOW",
    "available_actions",
    "child_delete",
    "child_save",
    "hidden_fields",
    "project_credit",
    "project_drop",
    "project_funds",
    "project_negotiate",
    "project_produce",
    "project_progress",
    "project_reach_capacity",
    "project_register",
    "project_report",
    "project_sign_contract",
    "project_sign_intention",
    "project_skip",
    "project_start",
    "project_update",
    "roles_of",
]
