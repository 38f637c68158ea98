"""典型案例: naming or removing the records a member case is about (core.cases)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lvzhi.core import permissions
from lvzhi.core.views.generic import render_detail

from .. import services
from ..forms import CaseSubjectForm
from ..models import CaseSubject, MemberCase


def _case(request, pk):
    case = get_object_or_404(MemberCase.objects.visible_to(request.user), pk=pk)
    if not permissions.can_change(request.user, case):
        raise PermissionDenied(_("You may not change this record."))
    return case


@login_required
@require_POST
def subject_add(request, pk):
    from .records import MemberCaseViews

    case = _case(request, pk)
    form = CaseSubjectForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.case_add_subject(
                actor=request.user, case=case, subject=form.cleaned_data["subject"]
            )
        except ValidationError as exc:
            form.add_error("subject", exc.message_dict.get("subject", exc.messages))
        else:
            messages.success(request, _("Saved %(record)s.") % {"record": case})
            return redirect(case.get_absolute_url())
    request.case_subject_form = form  # the page again, the errors at the field
    return render_detail(MemberCaseViews, request, case, status=400)


@login_required
@require_POST
def subject_remove(request, pk, link_pk):
    case = _case(request, pk)
    link = get_object_or_404(CaseSubject, pk=link_pk, case=case)
    services.case_remove_subject(actor=request.user, link=link)
    messages.success(request, _("Saved %(record)s.") % {"record": case})
    return redirect(case.get_absolute_url())
