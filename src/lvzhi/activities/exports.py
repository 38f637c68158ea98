"""A member's duty record as the office files it: an Excel sheet and a Word document."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lvzhi.activities.choices import ReportItemKind
from lvzhi.core import word
from lvzhi.core.excel import xlsx_response


def _activity_table(record):
    headers = [
        _("date"),
        _("duty activity"),
        _("kind"),
        _("committee"),
        _("role"),
        _("attendance"),
        *[label for _v, label in ReportItemKind.choices],
    ]
    rows = [
        [
            p.activity.start_date,
            p.activity.title,
            str(p.activity.kind),
            p.activity.committee.label,
            p.get_role_display(),
            p.get_attendance_display(),
            *[p.outputs.get(v, 0) for v, _label in ReportItemKind.choices],
        ]
        for p in record.participations
    ]
    return headers, rows


def _section_table(entries):
    headers = [_("date"), _("record"), _("kind"), _("state")]
    return headers, [[e.date, e.title, e.kind, e.status] for e in entries]


def _file_name(record, extension):
    # Outside the f-string: xgettext does not look inside one.
    label = _("duty record")
    return f"{record.member.person.name}-{label}-{record.year}.{extension}"


def duty_record_xlsx(record):
    headers, rows = _activity_table(record)
    for section, entries in record.sections:
        rows.append([])
        rows.append([str(section.title)])
        rows.extend(_section_table(entries)[1])
    rows.append([])
    rows.append([_("Score"), record.score.total, record.score.grade])
    for line in record.score.lines:
        rows.append(
            [
                line.date,
                line.source,
                line.rule,
                "",
                line.units_shown,
                line.base,
                line.points,
                "",
                line.note,
            ]
        )
    title = f"{record.member.person.name} {record.year}"
    return xlsx_response(_file_name(record, "xlsx"), title, headers, rows)


def duty_record_docx(record):
    """The printable record: who, the totals, every activity, how the score was made."""
    member = record.member
    facts = [member.committee.name, str(member.term or ""), str(member.sector or "")]
    facts += [member.get_position_display(), member.person.employer]
    title, score, activities = _("Duty record"), _("Score"), _("duty activities")
    attended, absent = _("Attended"), _("Absent")
    doc = word.document(
        f"{title} · {member.person.name} · {record.year}",
        subtitle=" · ".join(f for f in facts if f),
        committee=member.committee.name,
    )
    totals = record.totals
    grade = f" ({record.score.grade})" if record.score.grade else ""
    doc.add_paragraph(
        f"{score}: {record.score.total}{grade}    "
        f"{activities}: {len(record.participations)}    "
        f"{attended}: {totals.get('attended', 0)}    "
        f"{absent}: {totals.get('absent', 0)}"
    )
    doc.add_heading(_("Duty activities"), level=1)
    headers, rows = _activity_table(record)
    if rows:
        word.table(doc, headers, rows)
    else:
        doc.add_paragraph(_("No activities in this year."))
    for section, entries in record.sections:
        doc.add_heading(str(section.title), level=1)
        if entries:
            word.table(doc, *_section_table(entries))
        else:
            doc.add_paragraph(_("None in this year."))
    doc.add_heading(_("How the score was made"), level=1)
    if record.score.ruleset:
        doc.add_paragraph(str(record.score.ruleset))
    word.table(
        doc,
        [
            _("date"),
            _("record"),
            _("rule"),
            _("units"),
            _("points"),
            _("counted"),
            _("cap applied"),
        ],
        [
            [line.date, line.source, line.rule, line.units_shown, line.base, line.points, line.note]
            for line in record.score.lines
        ]
        + [[_("Total"), "", "", "", "", record.score.total, record.score.grade]],
    )
    if record.cases:
        doc.add_heading(_("Member cases"), level=1)
        for case in record.cases:
            doc.add_paragraph(str(case), style="List Bullet")
    return word.docx_response(_file_name(record, "docx"), doc)


def sign_in_sheet_docx(activity, participations):
    """签到表: the roll on A4 for venues without phones, a wide row to sign on each name.

    participations: in the order to print (姓氏笔画 unless asked otherwise); a member who
    checked in by scanning has the time printed beside the name."""
    facts = [formats.date_format(activity.start_date, "DATE_FORMAT"), activity.place]
    sheet = _("Sign-in sheet")
    doc = word.document(
        f"{activity.title} · {sheet}",
        subtitle=" · ".join(f for f in facts if f),
        committee=activity.committee.name,
    )
    rows = [
        [
            n,
            p.member.person.name,
            p.member.committee.label,
            str(p.member.sector),
            formats.time_format(timezone.localtime(p.checked_in_at)) if p.checked_in_at else "",
            "",
        ]
        for n, p in enumerate(participations, start=1)
    ]
    headers = [
        _("No."),
        _("full name"),
        _("committee"),
        _("sector"),
        _("checked in"),
        _("signature"),
    ]
    word.table(doc, headers, rows, widths=[1.1, 2.6, 2.6, 3.2, 2.0, 4.5], row_height=1.1)
    doc.add_paragraph(_("%(n)s on the roll.") % {"n": len(rows)})
    label = _("sign-in sheet")
    return word.docx_response(f"{label}-{activity.start_date:%Y%m%d}.docx", doc)
