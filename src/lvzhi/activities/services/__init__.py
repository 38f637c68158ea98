"""Writes of the activities app. Views, the API, importers and the demo all come through here.

Every function stands on `core.services.record_save` / `record_delete` (permission against the
stored row, optimistic version, validation, history attributed to the actor).
"""

from .activities import (
    activity_delete,
    activity_save,
    attendance_bulk_set,
    child_delete,
    child_save,
    participants_invite,
    report_items_add,
)
from .cases import case_add_subject, case_remove_subject
from .check_in import check_in_token, participation_check_in
from .scoring import ruleset_copy, ruleset_delete, ruleset_save

__all__ = [
    "activity_delete",
    "activity_save",
    "attendance_bulk_set",
    "case_add_subject",
    "case_remove_subject",
    "check_in_token",
    "child_delete",
    "child_save",
    "participants_invite",
    "participation_check_in",
    "report_items_add",
    "ruleset_copy",
    "ruleset_delete",
    "ruleset_save",
]
