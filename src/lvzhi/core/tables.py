"""List-page tables (django-tables2): sortable columns, linked names, Excel columns."""

import datetime

import django_tables2 as tables
from django.db import models as dj_models
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables_utils
from django_tables2.columns.base import library

from lvzhi.core import models

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


def _cell_html(value, localize):
    """A cell's value as the table template's `{{ cell }}` (or `|localize`, `|unlocalize`)
    would write it: in local time, localized, escaped unless already safe."""
    value = formats.localize(template_localtime(value), use_l10n=localize)
    return conditional_escape(value if isinstance(value, str) else str(value))


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
        columns = [(c.name, c.attrs["td"].as_html(), c.localize) for c in self.columns]
        if not columns:
            return ""
        rows = []
        for row in self.paginated_rows:
            cells = "".join(
                f"<td {attrs}>{_cell_html(row.get_cell(name), localize)}</td>"
                for name, attrs, localize in columns
            )
            rows.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
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
