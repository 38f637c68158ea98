"""The record views of the core app: one RecordViews declaration per model."""

from lvzhi.core import filters, forms, importers, models, services, tables
from lvzhi.core.views.generic import RecordViews


class CommitteeViews(RecordViews):
    model = models.Committee
    filterset = filters.CommitteeFilterSet
    table = tables.CommitteeTable
    form = forms.CommitteeForm
    select_related = ("parent",)


class SectorViews(RecordViews):
    model = models.Sector
    filterset = filters.SectorFilterSet
    table = tables.SectorTable
    form = forms.SectorForm


class IndustryViews(RecordViews):
    model = models.Industry
    filterset = filters.IndustryFilterSet
    table = tables.IndustryTable
    form = forms.IndustryForm
    select_related = ("parent",)


class PersonViews(RecordViews):
    model = models.Person
    filterset = filters.PersonFilterSet
    table = tables.PersonTable
    form = forms.PersonForm
    select_related = ("committee",)
    detail_template = "core/person_detail.html"

    @staticmethod
    def detail_context(request, obj):
        return {
            "memberships": obj.memberships.visible_to(request.user).select_related(
                "committee", "sector"
            ),
            "enterprises": obj.enterprises.visible_to(request.user),
        }


class MemberViews(RecordViews):
    model = models.Member
    filterset = filters.MemberFilterSet
    table = tables.MemberTable
    form = forms.MemberForm
    importer = importers.MemberImporter
    select_related = ("person", "committee", "sector")
    detail_template = "core/member_detail.html"

    @staticmethod
    def detail_context(request, obj):
        return {
            "enterprises": obj.person.enterprises.visible_to(request.user),
        }

    @staticmethod
    def save(actor, form):
        return services.member_save(
            actor=actor,
            member=form.save(commit=False),
            person=form.person,
            expected_version=form.cleaned_data.get("version") if form.instance.pk else None,
        )


class DepartmentViews(RecordViews):
    model = models.Department
    filterset = filters.DepartmentFilterSet
    table = tables.DepartmentTable
    form = forms.DepartmentForm
    importer = importers.DepartmentImporter
    select_related = ("committee",)


class ParkViews(RecordViews):
    model = models.Park
    filterset = filters.ParkFilterSet
    table = tables.ParkTable
    form = forms.ParkForm
    select_related = ("committee",)


class VillageViews(RecordViews):
    model = models.Village
    filterset = filters.VillageFilterSet
    table = tables.VillageTable
    form = forms.VillageForm
    importer = importers.VillageImporter
    select_related = ("committee",)


class EnterpriseViews(RecordViews):
    model = models.Enterprise
    filterset = filters.EnterpriseFilterSet
    table = tables.EnterpriseTable
    form = forms.EnterpriseForm
    importer = importers.EnterpriseImporter
    select_related = ("committee", "park", "member")
    prefetch_related = ("industries",)


ALL = (
    (CommitteeViews, "committees"),
    (SectorViews, "sectors"),
    (IndustryViews, "industries"),
    (PersonViews, "persons"),
    (MemberViews, "members"),
    (DepartmentViews, "departments"),
    (ParkViews, "parks"),
    (VillageViews, "villages"),
    (EnterpriseViews, "enterprises"),
)
