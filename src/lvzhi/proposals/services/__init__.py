"""Writes of the proposals app: every step through the workflow engine (core.workflow).

Social-conditions reports (社情民意) in opinion.py, outcomes (成果转化) in outcome.py.

Proposals (提案): the table in proposal_base.py; drafting and review in proposal_review.py;
handling, replies, ratings and extensions in proposal_handling.py. Each step function takes
the actor and the record keyword-only; a refusal is a translated PermissionDenied,
DomainError or ValidationError and leaves nothing half-saved.
"""

from .proposal_base import CO, LEAD, OFFICE, PROPOSER, SEPARATE, SIGNER, WORKFLOW
from .proposal_handling import (
    proposal_assign,
    proposal_close,
    proposal_co_opinion,
    proposal_decide_extension,
    proposal_leader_visit,
    proposal_mark_excellent,
    proposal_mark_key,
    proposal_meet,
    proposal_object,
    proposal_rate,
    proposal_release,
    proposal_reply,
    proposal_request_extension,
    proposal_unit_rate,
)
from .proposal_review import (
    proposal_accept,
    proposal_convert,
    proposal_decline,
    proposal_draft,
    proposal_file,
    proposal_merge,
    proposal_reject,
    proposal_return,
    proposal_sign,
    proposal_submit,
    proposal_update,
)

__all__ = [
    "CO",
    "LEAD",
    "OFFICE",
    "PROPOSER",
    "SEPARATE",
    "SIGNER",
    "WORKFLOW",
    "proposal_accept",
    "proposal_assign",
    "proposal_close",
    "proposal_co_opinion",
    "proposal_convert",
    "proposal_decide_extension",
    "proposal_decline",
    "proposal_draft",
    "proposal_file",
    "proposal_mark_excellent",
    "proposal_mark_key",
    "proposal_leader_visit",
    "proposal_meet",
    "proposal_merge",
    "proposal_object",
    "proposal_rate",
    "proposal_reject",
    "proposal_release",
    "proposal_reply",
    "proposal_request_extension",
    "proposal_return",
    "proposal_sign",
    "proposal_submit",
    "proposal_unit_rate",
    "proposal_update",
]
