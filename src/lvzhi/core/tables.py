"""List-page tables (django-tables2): sortable columns, linked names, Excel columns."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lvzhi.core import models


class BaseTable(tables.Table):
    class Meta:
        empty_text = _("No records match.")
        attrs = {"class": "table table-hover table-sm align-middle"}
        template_name = "django_tables2/bootstrap5-responsive.html"


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
