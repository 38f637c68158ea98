"""List-page tables (django-tables2): sortable columns, linked names, Excel columns."""

import datetime
import functools
import inspect

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db import models as dj_models
from django.utils import formats
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables_utils
from django_tables2.columns.base import library

from lvzhi.core import models
from lvzhi.core.models.base import RecordUrls
from lvzhi.core.renderers import template_value

_signature = tables_utils.signature
_signatures: dict = {}


def _remembered_signature(fn):
    """django-tables2's `signature`, kept per function: it asks which arguments a column's
    render (and linkify) callable takes for every cell, a fifth of a table's time."""
    try:
        key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
        return _signatures[key]
    except KeyError:
        if len(_signatures) > 1000:  # callables made on the fly (partials) are not kept
            _signatures.clear()
        result = _signatures[key] = _signature(fn)
        return result
    except TypeError:  # an unhashable callable
        return _signature(fn)


# call_with_appropriate() looks the name up in its module at every call
tables_utils.signature = _remembered_signature


def _cell_label(bound_column):
    return str(bound_column.header)


def _field_path(model, bits):
    """The fields an accessor's `bits` walk through from `model`, or None when one of them
    is not a concrete field of its model named so (a method, a property, a to-many)."""
    fields = []
    for bit in bits:
        if model is None:
            return None
        try:
            field = model._meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        if field.name != bit or not field.concrete or field.many_to_many:
            return None
        fields.append(field)
        model = field.related_model
    return fields


def _plain_cell(table, bound_column):
    """record -> the cell's HTML, for a column that shows a field's value (or its choice's
    label, or a date) as it is, linked or not: the value read by attribute along the
    accessor, not through django-tables2's accessor, choice check and link transform per
    cell (half of a list's cell time). None for any other column: django-tables2 renders it.
    """
    column, name = bound_column.column, bound_column.name
    if type(column) not in (tables.Column, DateColumn) or hasattr(table, f"render_{name}"):
        return None
    model = table._meta.model
    bits = tables_utils.Accessor(bound_column.accessor).bits
    fields = _field_path(model, bits) if model is not None and bits else None
    if not fields:
        return None
    link = bound_column.link
    if link is not None and (
        link.attrs or link.reverse_args or link.url is not None or link.accessor is not None
    ):
        return None  # a link to somewhere else than the record's (or the value's) page
    if link is not None and _field_path(model, [name]) is None:
        return None
    # get_FOO_display() where the field has choices, as django-tables2 does
    head, last = bits[:-1], bits[-1]
    labels = _choice_labels(fields[-1], fields[-2].related_model if head else model)
    empty, default, localize = column.empty_values, bound_column.default, column.localize
    date = column.render if type(column) is DateColumn else None

    def cell(record):
        obj = record
        for bit in head:
            obj = getattr(obj, bit)
            if obj is None:
                break
        if obj is None:
            value = None
        else:
            value = getattr(obj, last)
            if labels is not None:
                value = labels(obj, value)
        if value in empty:
            return template_value(default, localize)
        if date is not None:
            value = date(value, bound_column)
        if link is not None:
            target = getattr(record, name)
            if not hasattr(target, "get_absolute_url"):
                target = record
            href = urls(target)
            if href:
                return f'<a href="{escape(href)}">{conditional_escape(value)}</a>'
        return template_value(value, localize)

    urls = RecordUrls()
    cell.model = model
    return cell


def _choice_labels(field, model):
    """(record, value) -> the label django-tables2 shows for a choice field's value, the
    record's get_FOO_display(); the labels are looked up once a page where that method is
    Django's own. None for a field without choices."""
    if not field.choices:
        return None
    display = f"get_{field.name}_display"
    if not isinstance(inspect.getattr_static(model, display, None), functools.partialmethod):
        return lambda record, value: getattr(record, display)()
    labels = {value: str(label) for value, label in field.flatchoices}

    def label(record, value):
        try:
            return labels.get(value, value)
        except TypeError:  # an unhashable value
            return getattr(record, display)()

    return label


@library.register
class DateColumn(tables.Column):
    """A date in `format` (Django's date format, SHORT_DATE_FORMAT by default), ISO in the
    Excel export. django-tables2's own DateColumn compiles a template for every cell."""

    def __init__(self, format=None, short=True, **kwargs):
        super().__init__(**kwargs)
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, dj_models.DateField) and not isinstance(
            field, dj_models.DateTimeField
        ):
            return cls(**kwargs)
        return None

    #: an empty date is rendered (the column's default), in the export too, as before
    empty_values = ()

    def render(self, value, bound_column):
        if not value:
            return bound_column.default
        return formats.date_format(template_localtime(value), self.format)

    def value(self, value, bound_column):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return self.render(value, bound_column)


class BaseTable(tables.Table):
    """Every list: on a phone its rows are cards (`table-stack`: each cell with its
    column's name); `shown_from` keeps secondary columns for wider screens.

    The rows are written by `body_html`, not by a template loop over the cells: a cell's
    attributes (`Meta.attrs["td"]`, a column's `attrs`) are worked out once per column, so
    they may depend on the column, not on the record (a row's look goes in `row_attrs`)."""

    #: {column: the Bootstrap breakpoint ("md", "lg", "xl", "xxl") it is shown from}; the
    #: others are always shown, so what matters (a deadline's state) stays on screen
    shown_from: dict[str, str] = {}

    class Meta:
        empty_text = _("No records match.")
        attrs = {
            "class": "table table-hover table-sm align-middle table-stack",
            "td": {"data-label": _cell_label},
        }
        template_name = "core/includes/table.html"

    def body_html(self):
        """The `<tr>`s of the page (or the empty text's), as django-tables2's template
        would write them."""
        columns = [
            (c.name, c.attrs["td"].as_html(), c.localize, _plain_cell(self, c))
            for c in self.columns
        ]
        if not columns:
            return ""
        rows = []
        for row in self.paginated_rows:
            record = row.record
            cells = "".join(
                f"<td {attrs}>{plain(record)}</td>"
                if plain is not None and type(record) is plain.model
                else f"<td {attrs}>{template_value(row.get_cell(name), localize)}</td>"
                for name, attrs, localize, plain in columns
            )
            attrs = (
                row.attrs.as_html() if self.row_attrs else f'class="{row.get_even_odd_css_class()}"'
            )
            rows.append(f"<tr {attrs}>{cells}</tr>")
        if not rows and self.empty_text:
            text = conditional_escape(self.empty_text)
            rows.append(f'<tr><td colspan="{len(columns)}">{text}</td></tr>')
        return mark_safe("\n".join(rows))  # noqa: S308 — every part escaped above

    def get_column_class_names(self, classes_set, bound_column):
        classes = super().get_column_class_names(classes_set, bound_column)
        breakpoint = self.shown_from.get(bound_column.name)
        if breakpoint:
            classes = {*classes, "d-none", f"d-{breakpoint}-table-cell"}
        return classes


class CommitteeTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Committee
        fields = ("name", "short_name", "level", "parent")


class SectorTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Sector
        fields = ("name", "sort_order")


class IndustryTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Industry
        fields = ("name", "parent", "kind", "code")


class PersonTable(BaseTable):
    name = tables.Column(linkify=True, order_by=("name_strokes",))

    class Meta(BaseTable.Meta):
        model = models.Person
        fields = ("name", "gender", "employer", "mobile", "committee")


class MemberTable(BaseTable):
    person = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        verbose_name=_("full name"),
        order_by=("person__name_strokes",),
    )
    employer = tables.Column(accessor="person__employer", verbose_name=_("employer and title"))
    mobile = tables.Column(accessor="person__mobile", verbose_name=_("mobile"))

    class Meta(BaseTable.Meta):
        model = models.Member
        fields = (
            "person",
            "committee",
            "sector",
            "term",
            "position",
            "employer",
            "mobile",
            "is_active",
        )


class DepartmentTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Department
        fields = ("name", "kind", "committee", "contact_person", "phone", "is_active")


class ParkTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Park
        fields = ("name", "level", "committee", "address")


class VillageTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Village
        fields = ("name", "township", "committee", "is_lifted_out_of_poverty", "population")


class EnterpriseTable(BaseTable):
    name = tables.Column(linkify=True)
    industries = tables.ManyToManyColumn(verbose_name=_("industries"), separator="、")

    class Meta(BaseTable.Meta):
        model = models.Enterprise
        fields = (
            "name",
            "committee",
            "industries",
            "park",
            "is_member_enterprise",
            "member",
            "credit_code",
        )
