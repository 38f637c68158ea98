"""Documents an office files or prints: the year's 提案汇编 (Word, grouped by industry),
a unit's 提案办理情况 (Word), and each proposal on one A4 page (print)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from lvzhi.core import word
from lvzhi.core.models import Department
from lvzhi.core.scope import committee_ids_for, requested_year, selected_scope
from lvzhi.core.visibility import scope_for

from ..choices.proposal import ACCEPTED_STATES, UnitRole
from ..models import Proposal, ProposalAssignment
from ..selectors import proposal as selectors
from ..services import WORKFLOW


def _office_or_leader(user):
    if not scope_for(user).readable:
        raise PermissionDenied(_("Proposal documents are for the committee offices and leaders."))


def _year_accepted(request, year):
    ids = committee_ids_for(request.user, request.GET.get("scope") or selected_scope(request))
    return (
        selectors.year_proposals(user=request.user, year=year, committee_ids=ids)
        .filter(state__in=ACCEPTED_STATES)
        .select_related("session", "lead", "committee", "lead_unit")
        .prefetch_related("industries", "signatures__person")
        .order_by("session__term", "session__sitting", "serial")
    )


def _group(proposal) -> str:
    names = [i.name for i in proposal.industries.all()]
    return names[0] if names else _("Other")


@login_required
def compilation(request):
    """提案汇编 — the year's accepted proposals, grouped by industry, each with its number,
    proposers, 案由, analysis and suggestions."""
    _office_or_leader(request.user)
    year = requested_year(request)
    groups: dict[str, list] = {}
    for proposal in _year_accepted(request, year):
        groups.setdefault(_group(proposal), []).append(proposal)
    doc = word.document(
        _("Proposal compilation %(year)s") % {"year": year},
        subtitle=_("%(n)s proposals accepted as cases")
        % {"n": sum(len(v) for v in groups.values())},
    )
    for name in sorted(groups):
        doc.add_heading(name, level=1)
        for p in groups[name]:
            doc.add_heading(f"{p.serial_label} {p.title}", level=2)
            names = [p.proposer_label(), *(str(s.person) for s in p.signatures.all())]
            doc.add_paragraph(
                _("Proposers: %(names)s") % {"names": "、".join(n for n in names if n)}
            )
            for label, text in (
                (_("Cause"), p.cause),
                (_("Analysis"), p.analysis),
                (_("Suggestions"), p.suggestions),
            ):
                doc.add_paragraph().add_run(str(label)).bold = True
                doc.add_paragraph(text)
    return word.docx_response(_("Proposal compilation") + f"-{year}.docx", doc)


@login_required
def unit_report(request):
    """提案办理情况 — one unit's proposals of the year: replied, on time, class, rating."""
    _office_or_leader(request.user)
    year = requested_year(request)
    unit = get_object_or_404(
        Department.objects.visible_to(request.user), pk=request.GET.get("unit") or 0
    )
    rows = _year_accepted(request, year).filter(assignments__department=unit).distinct()
    # as 主办, 会办 or 分办 unit
    roles = dict(
        ProposalAssignment.objects.filter(proposal__in=rows, department=unit).values_list(
            "proposal_id", "role"
        )
    )
    doc = word.document(_("Proposal handling report %(year)s") % {"year": year}, subtitle=str(unit))
    done = [p for p in rows if p.replied_on]
    on_time = sum(1 for p in done if p.replied_on_time)
    met = sum(1 for p in rows if p.met_on)
    doc.add_paragraph(
        _(
            "%(n)s proposals assigned, %(replied)s replied, %(on_time)s on time, proposers met "
            "for %(met)s."
        )
        % {"n": len(rows), "replied": len(done), "on_time": on_time, "met": met}
    )
    word.table(
        doc,
        [
            _("Number"),
            _("Title"),
            _("Handled as"),
            _("Reply class"),
            _("Replied on"),
            _("On time"),
            _("Rating"),
        ],
        [
            [
                p.serial_label,
                p.title,
                UnitRole(roles[p.pk]).label if p.pk in roles else "",
                p.reply_class,
                p.replied_on,
                _("yes") if p.replied_on_time else (_("no") if p.replied_on else ""),
                p.get_result_rating_display(),
            ]
            for p in rows
        ],
    )
    return word.docx_response(f"{unit}-{year}.docx", doc)


@login_required
def printable(request, pk):
    """One proposal on A4, as the office files it (the browser prints it)."""
    proposal = get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("session", "lead", "committee"),
        pk=pk,
    )
    roles = WORKFLOW.roles_of(request.user, proposal)
    return render(
        request,
        "proposals/proposal_print.html",
        {
            "proposal": proposal,
            "signatures": proposal.signatures.select_related("person"),
            "replies": selectors.replies_for(request.user, proposal, roles),
        },
    )
