"""百企扶百村: the villages that got no support in a year, so none is forgotten."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from lvzhi.core.excel import export_filename, xlsx_response
from lvzhi.core.scope import figures_asked

from .. import selectors
from ..models import SupportRecord


@login_required
def villages_without_support(request):
    asked = figures_asked(
        request,
        _("This list is for the committee offices and leaders."),
        SupportRecord.objects.visible_to(request.user),
        "on",
    )
    year, committee_ids = asked.year, asked.committee_ids
    rows = selectors.villages_without_support(request.user, year, committee_ids)
    if request.GET.get("export") == "xlsx":
        return _workbook(year, rows)
    return render(
        request,
        "investment/villages_without_support.html",
        {**asked.context(), "rows": rows},
    )


def _workbook(year, rows):
    title = "-".join([_("Villages without support"), str(year)])
    headers = [_("committee"), _("township"), _("village"), _("member enterprise"), _("Note")]
    data = (
        [
            r["village"].committee.label,
            r["village"].township,
            r["village"].name,
            r["pairing"].enterprise.name if r["pairing"] else "",
            _("no support record this year") if r["pairing"] else _("not paired this year"),
        ]
        for r in rows
    )
    return xlsx_response(export_filename(title), title, headers, data)
