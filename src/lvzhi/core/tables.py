"""List-page tables (django-tables2): sortable columns, linked names, Excel columns."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lvzhi.core import models


def _cell_label(bound_column):
    return str(bound_column.header)


class BaseTable(tables.Table):
    """Every list: on a phone its rows are cards (`table-stack`: each cell with its
    column's name); `shown_from` keeps secondary columns for wider screens."""

    #: {column: the Bootstrap breakpoint ("md", "lg", "xl", "xxl") it is shown from}; the
    #: others are always shown, so what matters (a deadline's state) stays on screen
    shown_from: dict[str, str] = {}

    class Meta:
        empty_text = _("No records match.")
        attrs = {
            "class": "table table-hover table-sm align-middle table-stack",
            "td": {"data-label": _cell_label},
        }
        template_name = "django_tables2/bootstrap5-responsive.html"

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
