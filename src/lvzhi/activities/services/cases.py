"""典型案例: linking a member case to the records it is about (core.cases)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.core import cases, links, permissions

from ..models import CaseSubject, MemberCase


def case_add_subject(*, actor, case: MemberCase, subject) -> CaseSubject:
    """Name `subject` (a record of a case-subject type that `actor` may see) as one of the
    records `case` is about."""
    if not permissions.can_change(actor, case):
        raise PermissionDenied(_("You may not change this record."))
    refusal = ValidationError({"subject": _("Choose a record this case is about.")})
    if subject is None or not cases.SUBJECTS.accepts_record(subject):
        raise refusal
    if cases.SUBJECTS.resolve(links.key(subject), actor) is None:
        raise refusal
    content_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        if CaseSubject.objects.filter(
            case=case, subject_type=content_type, subject_id=subject.pk
        ).exists():
            raise ValidationError({"subject": _("The case already names this record.")})
        link = CaseSubject(case=case, subject_type=content_type, subject_id=subject.pk)
        link._history_user = actor
        link.save()
    return link


def case_remove_subject(*, actor, link: CaseSubject) -> None:
    if not permissions.can_change(actor, link.case):
        raise PermissionDenied(_("You may not change this record."))
    link._history_user = actor
    link.delete()
