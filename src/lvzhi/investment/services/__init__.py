"""Writes of the investment app: the project pipeline (base.py the table, project.py the
steps), a bank match's outcome (financing.py), and the records that follow a parent
(children.py)."""

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
from .financing import WORKFLOW as MATCH_WORKFLOW
from .financing import match_decline, match_disburse, match_grant
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
    "MATCH_WORKFLOW",
    "OFFICE",
    "UNIT",
    "WORKFLOW",
    "available_actions",
    "child_delete",
    "child_save",
    "hidden_fields",
    "match_decline",
    "match_disburse",
    "match_grant",
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
