"""典型案例: naming or removing the records a member case is about (core.cases)."""

from lvzhi.core.views.links import LinkAddView, LinkRemoveView

from .. import services
from ..forms import CaseSubjectForm
from .records import MemberCaseViews


def _add_subject(*, actor, record, subject):
    services.case_add_subject(actor=actor, case=record, subject=subject)


subject_add = LinkAddView.as_view(
    config=MemberCaseViews, form_class=CaseSubjectForm, add=_add_subject
)
subject_remove = LinkRemoveView.as_view(
    config=MemberCaseViews, related="subjects", remove=services.case_remove_subject
)
