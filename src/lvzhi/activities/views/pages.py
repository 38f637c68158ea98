"""Pages beyond list/detail/edit: attendance, calendar, duty record, ranking, rule set copy."""

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from lvzhi.activities import exports, selectors, services
from lvzhi.activities.choices import Attendance, ParticipationRole, ReportItemKind
from lvzhi.activities.forms import InviteForm, OutputFormSet
from lvzhi.activities.importers import AttendanceImporter
from lvzhi.activities.models import Activity, RuleSet
from lvzhi.activities.ranking import ranking_keys, ranking_rows, ranking_xlsx, with_members
from lvzhi.core import permissions
from lvzhi.core.errors import DomainError
from lvzhi.core.excel import XLSX_CONTENT_TYPE
from lvzhi.core.filters import name_order_toggle
from lvzhi.core.forms import ImportForm
from lvzhi.core.importers import ImportFileError
from lvzhi.core.models import Committee, Member, Sector
from lvzhi.core.paging import page_of
from lvzhi.core.scope import committee_ids_for, selected_scope

#: the calendar's column heads, Monday first
WEEKDAYS = [
    pgettext_lazy("weekday", "Mon"),
    pgettext_lazy("weekday", "Tue"),
    pgettext_lazy("weekday", "Wed"),
    pgettext_lazy("weekday", "Thu"),
    pgettext_lazy("weekday", "Fri"),
    pgettext_lazy("weekday", "Sat"),
    pgettext_lazy("weekday", "Sun"),
]


def _year(request, default=None):
    try:
        year = int(request.GET.get("year") or default or timezone.localdate().year)
    except (TypeError, ValueError):
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def _activity_for_change(request, pk):
    activity = get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)
    if not permissions.can_change(request.user, activity):
        raise PermissionDenied(_("You may not change this record."))
    return activity


def _error_text(exc):
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(getattr(exc, "message", exc))


@login_required
def attendance(request, pk):
    """The roll of one activity: set every member's attendance in one save."""
    activity = _activity_for_change(request, pk)
    rows = selectors.activity_roll(activity, request.GET.get("name_order", ""))
    if request.method == "POST":
        states = {}
        for p in rows:
            value = request.POST.get(f"p{p.pk}")
            # Only what the clerk changed on the form (`was` is the state it showed):
            # a member who checked in while the form was open stays present.
            if value and value != request.POST.get(f"was{p.pk}", ""):
                states[p.pk] = value
        try:
            changed = services.attendance_bulk_set(
                actor=request.user, activity=activity, states=states
            )
        except (ValidationError, DomainError) as exc:
            notice = ("danger", _error_text(exc))
        else:
            notice = ("success", _("Attendance saved: %(n)s changed.") % {"n": changed})
        if request.htmx:
            # The saved state, read again (the rows above were read before the save), with
            # the outcome in the swapped part: a message for the next page would come late.
            context = _attendance_context(request, activity, rows.all())
            return render(
                request, "activities/includes/attendance_rows.html", {**context, "notice": notice}
            )
        getattr(messages, "success" if notice[0] == "success" else "error")(request, notice[1])
        return redirect("activities:attendance", pk=activity.pk)
    return render(
        request, "activities/attendance.html", _attendance_context(request, activity, rows)
    )


def _attendance_context(request, activity, rows):
    rows = list(rows)
    counts = selectors.attendance_counts(activity)
    return {
        "activity": activity,
        "rows": rows,
        "states": Attendance.choices,
        "counts": counts,
        "invited": counts[Attendance.values.index(Attendance.INVITED)][1],
        "invite_form": InviteForm(user=request.user, activity=activity),
        "import_form": ImportForm(),
        "with_rows": True,
        **name_order_toggle(request),
        **selectors.activity_arrivals(activity),
    }


@login_required
@require_POST
def outputs_add(request, pk):
    """Several outputs (成果条目) added on the activity page; htmx gets the outputs card back."""
    activity = _activity_for_change(request, pk)
    formset = OutputFormSet(request.POST, prefix="items")
    notice = None
    if formset.is_valid():
        rows = [
            (f.cleaned_data["kind"], f.cleaned_data["text"]) for f in formset if f.has_changed()
        ]
        try:
            added = services.report_items_add(actor=request.user, activity=activity, items=rows)
        except (ValidationError, DomainError) as exc:
            notice = ("danger", _error_text(exc))
        else:
            notice = ("success", _("%(n)s output items added.") % {"n": len(added)})
            formset = OutputFormSet(prefix="items")
    if not request.htmx:
        if notice:
            getattr(messages, "success" if notice[0] == "success" else "error")(request, notice[1])
        else:
            messages.error(
                request,
                _("Check the output items: %(errors)s")
                % {"errors": "; ".join(str(e) for f in formset.errors for e in f.values())},
            )
        return redirect(activity)
    context = {
        "object": activity,
        "outputs": selectors.activity_outputs(activity),
        "can_manage": True,
        "output_formset": formset,
        "notice": notice,
    }
    return render(request, "activities/includes/outputs.html", context)


@login_required
@require_POST
def invite(request, pk):
    activity = _activity_for_change(request, pk)
    form = InviteForm(request.POST, user=request.user, activity=activity)
    if form.is_valid():
        try:
            n = services.participants_invite(
                actor=request.user,
                activity=activity,
                members=form.chosen_members(),
                role=form.cleaned_data["role"] or ParticipationRole.PARTICIPANT,
            )
        except (ValidationError, DomainError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("%(n)s members added to the roll.") % {"n": n})
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.values()))
    return redirect("activities:attendance", pk=activity.pk)


@login_required
def attendance_import(request, pk):
    activity = _activity_for_change(request, pk)
    importer = AttendanceImporter(request.user, activity)
    if request.method == "GET":
        buffer = io.BytesIO()
        wb = importer.template()
        ws = wb.worksheets[0]
        for p in activity.participations.select_related("member__person", "member__committee"):
            ws.append(
                [
                    p.member.person.name,
                    p.member.member_no,
                    p.member.committee.name,
                    p.get_attendance_display(),
                    p.get_role_display(),
                    p.note,
                ]
            )
        wb.save(buffer)
        buffer.seek(0)
        label = _("attendance")
        name = f"{label}-{activity.start_date:%Y%m%d}.xlsx"
        return FileResponse(
            buffer, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE
        )
    form = ImportForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer.run(upload, name=upload.name, size=upload.size)
        except ImportFileError as exc:
            errors = [exc.message]
        else:
            if result.ok:
                messages.success(
                    request, _("Attendance imported: %(n)s rows.") % {"n": result.created}
                )
                return redirect("activities:attendance", pk=activity.pk)
            errors = [str(e) for e in result.errors]
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
    rows = activity.participations.select_related("member__person", "member__committee")
    context = _attendance_context(request, activity, rows)
    context["import_errors"] = errors
    return render(request, "activities/attendance.html", context, status=400)


@login_required
def month_calendar(request):
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        datetime.date(year, month, 1)
    except (TypeError, ValueError):
        year, month = today.year, today.month
    qs = Activity.objects.visible_to(request.user)
    ids = committee_ids_for(request.user, request.GET.get("scope") or selected_scope(request))
    if ids is not None:
        qs = qs.filter(committee_id__in=ids)
    if request.GET.get("kind"):
        qs = qs.filter(kind_id=request.GET["kind"]) if request.GET["kind"].isdigit() else qs
    first = datetime.date(year, month, 1)
    prev = (first - datetime.timedelta(days=1)).replace(day=1)
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    weeks = selectors.calendar_weeks(qs, year, month)
    return render(
        request,
        "activities/calendar.html",
        {
            "weeks": weeks,
            "has_activities": any(items for week in weeks for _day, items in week),
            "weekdays": WEEKDAYS,
            "month": first,
            "prev": f"{prev:%Y-%m}",
            "next": f"{nxt:%Y-%m}",
            "today": today,
        },
    )


def _visible_member(request, pk):
    return get_object_or_404(
        Member.objects.visible_to(request.user).select_related("person", "committee", "sector"),
        pk=pk,
    )


@login_required
def my_record(request):
    member = Member.objects.filter(person__user=request.user).order_by("-is_active", "pk").first()
    if member is None:
        raise Http404(_("You have no membership."))
    url = reverse("activities:duty_record", args=[member.pk])
    return redirect(f"{url}?year={_year(request)}")


@login_required
def duty_record(request, pk):
    member = _visible_member(request, pk)
    year = _year(request)
    record = selectors.duty_record(member, year, request.user)
    if request.GET.get("export") == "xlsx":
        return exports.duty_record_xlsx(record)
    if request.GET.get("export") == "docx":
        return exports.duty_record_docx(record)
    return render(
        request,
        "activities/duty_record.html",
        {
            "record": record,
            "member": member,
            "year": year,
            "years": range(timezone.localdate().year, 2019, -1),
            "kinds": ReportItemKind.choices,
        },
    )


@login_required
def ranking(request):
    year = _year(request)
    members = Member.objects.visible_to(request.user).select_related(
        "person", "committee", "sector"
    )
    ids = committee_ids_for(request.user, request.GET.get("scope") or selected_scope(request))
    committee = request.GET.get("committee", "")
    sector = request.GET.get("sector", "")
    if ids is not None:
        members = members.filter(committee_id__in=ids)
    if committee.isdigit():
        members = members.filter(committee_id=int(committee))
    if sector.isdigit():
        members = members.filter(sector_id=int(sector))
    if request.GET.get("export") == "xlsx":
        return ranking_xlsx(ranking_rows(members, year), year)
    rows = ranking_keys(members, year)
    paged = page_of(request, rows)
    paged["page"].object_list = with_members(paged["page"].object_list, members)
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return render(
        request,
        "activities/ranking.html",
        {
            **paged,
            "total": len(rows),
            "year": year,
            "years": range(timezone.localdate().year, 2019, -1),
            "committees": Committee.objects.filter(
                pk__in=Member.objects.visible_to(request.user).values("committee_id")
            ),
            "sectors": Sector.objects.all(),
            "committee": committee,
            "sector": sector,
            "export_query": params.urlencode(),
        },
    )


@login_required
@require_POST
def ruleset_copy(request, pk):
    source = get_object_or_404(RuleSet.objects.visible_to(request.user), pk=pk)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, _("Enter the year of the new rule set."))
        return redirect(source.get_absolute_url())
    try:
        copy = services.ruleset_copy(actor=request.user, source=source, year=year)
    except (ValidationError, DomainError) as exc:
        messages.error(request, _error_text(exc))
        return redirect(source.get_absolute_url())
    messages.success(request, _("Saved %(record)s.") % {"record": copy})
    return redirect(copy.get_absolute_url())
