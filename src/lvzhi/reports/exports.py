"""The year's figures as files an office files: an Excel workbook and a Word annual report.

Both are written from one `selectors.Report`, so their numbers are the dashboard's.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lvzhi.core import excel, word
from lvzhi.core.models import Industry
from lvzhi.core.records import record_type

from . import selectors
from .phrasing import money_unit

#: rows of records behind one headline figure in the workbook; beyond, a note says so
RECORD_ROWS = 20_000


def _title(report) -> str:
    return _("%(period)s · %(scope)s · figures") % {
        "period": report.period.label,
        "scope": report.scope_label,
    }


def pillar_label(pillar: str) -> str:
    from django.apps import apps

    try:
        return str(apps.get_app_config(pillar).verbose_name)
    except LookupError:
        return pillar


def _columns(figures):
    """(header, figure, aggregate, is money) for every aggregate of every figure."""
    out = []
    for figure in figures:
        ind = figure.indicator
        for name in ind.aggregates:
            unit = money_unit(ind, name)
            header = ind.column(name)
            if unit is not None:
                header = _("%(label)s (yuan)") % {"label": header}
            out.append((header, figure, name, unit))
    return out


def _number(value, unit):
    return value * unit if unit is not None else value


def committee_names(report) -> dict[int, str]:
    return {c.pk: c.label for c in report.committees()}


def industry_names() -> dict:
    return {pk: name for pk, name in Industry.objects.values_list("pk", "name")}


def _summary_rows(report):
    for figure in report.figures:
        ind = figure.indicator
        for name in ind.aggregates:
            unit = money_unit(ind, name)
            value = (figure.values or {}).get(name) if figure.applicable else None
            previous = (figure.previous or {}).get(name) if figure.previous else None
            yield [
                pillar_label(ind.pillar),
                ind.column(name),
                _number(value, unit) if value is not None else None,
                _number(previous, unit) if previous is not None else None,
                _("yuan") if unit is not None else str(ind.unit),
                figure.phrase(rounded=True) if name == "n" and figure.applicable else "",
            ]


def _grouped_rows(columns, by, keys, label_of):
    for key in keys:
        row = [label_of(key)]
        for _header, figure, name, unit in columns:
            value = figure.groups.get(by, {}).get(key, {}).get(name, 0)
            row.append(_number(value, unit))
        yield row


def _record_rows(report, figure):
    ind = figure.indicator
    qs = selectors.counted(ind, report.query)
    if qs is None:
        return
    model = qs.model
    try:
        related = record_type(model).select_related
    except (KeyError, LookupError):
        related = ()
    qs = qs.select_related(*related) if related else qs
    names = committee_names(report)
    committee_attr = ind.committee_field.split("__")[0] + "_id"
    date_path = ind.date_field.split("__")
    count = 0
    for record in qs.order_by(ind.date_field, "pk").iterator(chunk_size=2000):
        if count == RECORD_ROWS:
            yield [None, None, None, _("… more records: open the list page for all of them")]
            return
        day = record
        for part in date_path:
            day = getattr(day, part)
        yield [record.pk, day, names.get(getattr(record, committee_attr, None), ""), str(record)]
        count += 1


def workbook_sheets(report):
    """[(title, headers, rows)]: the summary, per pillar the figures by committee and by
    month, and the records behind each headline figure."""
    sheets = [
        (
            _("Summary"),
            [
                _("Pillar"),
                _("Indicator"),
                report.period.label,
                _("Year before"),
                _("Unit"),
                _("As the report writes it"),
            ],
            _summary_rows(report),
        )
    ]
    names = committee_names(report)
    months = report.period.months()
    for pillar, figures in report.by_pillar().items():
        columns = _columns([f for f in figures if f.applicable])
        if not columns:
            continue
        headers = [header for header, *_rest in columns]
        label = pillar_label(pillar)
        sheets.append(
            (
                _("%(pillar)s by committee") % {"pillar": label},
                [_("Committee"), *headers],
                _grouped_rows(columns, "committee", list(names), names.get),
            )
        )
        sheets.append(
            (
                _("%(pillar)s by month") % {"pillar": label},
                [_("Month"), *headers],
                _grouped_rows(columns, "month", months, lambda d: d),
            )
        )
    for figure in report.headline:
        sheets.append(
            (
                str(figure.indicator.label),
                [_("Number"), _("Date"), _("Committee"), _("Record")],
                _record_rows(report, figure),
            )
        )
    return sheets


def workbook_response(report):
    name = excel.export_filename(_title(report))
    return excel.sheets_response(name, workbook_sheets(report))


def annual_report(report):
    """The Word report: title, the opening paragraph in the article's phrasing, then one
    section per pillar with its figures, by committee."""
    title = _("%(period)s %(scope)s: Industry Revitalization · Members in Action") % {
        "period": report.period.label,
        "scope": report.scope_label,
    }
    chosen = report.committees()
    ids = {c.pk for c in chosen}
    # the header names the committees at the top of the scope (the city, or one county)
    committee = "、".join(c.name for c in chosen if c.parent_id not in ids) or report.scope_label
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    doc = word.document(title, subtitle=today, committee=f"{committee}    {today}", official=True)
    doc.add_heading(_("Overview"), level=1)
    doc.add_paragraph(report.paragraph(rounded=True))
    names = committee_names(report)
    for number, (pillar, figures) in enumerate(report.by_pillar().items(), start=1):
        figures = [f for f in figures if f.applicable]
        if not figures:
            continue
        doc.add_heading(f"{number}. {pillar_label(pillar)}", level=1)
        for figure in figures:
            doc.add_paragraph(figure.phrase(rounded=False), style="List Bullet")
        columns = _columns(figures)
        if len(names) > 1:
            rows = [
                [
                    label,
                    *(
                        figure_text(f, name, f.groups.get("committee", {}).get(key))
                        for _h, f, name, _u in columns
                    ),
                ]
                for key, label in names.items()
            ]
            word.table(doc, [_("Committee"), *(h for h, *_r in columns)], rows)
    return doc


def figure_text(figure, name, values) -> str:
    from .phrasing import value_text

    return value_text(figure.indicator, name, (values or {}).get(name, 0))


def annual_report_response(report):
    name = f"{_title(report)}.docx".replace("/", "-")
    return word.docx_response(name, annual_report(report))
