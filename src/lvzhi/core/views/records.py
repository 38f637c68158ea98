"""The record types of the core app: one declaration per model (see core.records)."""

from lvzhi.core import filters, forms, importers, models, services, tables
from lvzhi.core.api import serializers
from lvzhi.core.records import RecordType


class CommitteeViews(RecordType):
    model = models.Committee
    prefix = api_prefix = "committees"
    filterset = filters.CommitteeFilterSet
    table = tables.CommitteeTable
    form = forms.CommitteeForm
    select_related = ("parent",)


class SectorViews(RecordType):
    model = models.Sector
    prefix = api_prefix = "sectors"
    filterset = filters.SectorFilterSet
    table = tables.SectorTable
    form = forms.SectorForm


class IndustryViews(RecordType):
    model = models.Industry
    prefix = api_prefix = "industries"
    filterset = filters.IndustryFilterSet
    table = tables.IndustryTable
    form = forms.IndustryForm
    select_related = ("parent",)


class PersonViews(RecordType):
    model = models.Person
    prefix = api_prefix = "persons"
    search = {"title": "name", "body": ("employer", "profile")}
    filterset = filters.PersonFilterSet
    table = tables.PersonTable
    form = forms.PersonForm
    select_related = ("committee",)
    detail_template = "core/person_detail.html"

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "memberships": obj.memberships.visible_to(request.user).select_related(
                "committee", "sector"
            ),
            "enterprises": obj.enterprises.visible_to(request.user),
        }


class MemberViews(RecordType):
    model = models.Member
    prefix = api_prefix = "members"
    filterset = filters.MemberFilterSet
    table = tables.MemberTable
    form = forms.MemberForm
    importer = importers.MemberImporter
    select_related = ("person", "committee", "sector")
    detail_template = "core/member_detail.html"

    serializer = serializers.MemberSerializer

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "enterprises": obj.person.enterprises.visible_to(request.user),
        }

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        # The page edits the person's own data on the same form; the API names the person.
        person = (inputs or {}).get("person") or instance.person
        return services.member_save(
            actor=actor,
            member=instance,
            person=person,
            expected_version=expected_version,
            fields=fields,
        )


class DepartmentViews(RecordType):
    model = models.Department
    prefix = api_prefix = "departments"
    filterset = filters.DepartmentFilterSet
    table = tables.DepartmentTable
    form = forms.DepartmentForm
    importer = importers.DepartmentImporter
    select_related = ("committee",)


class ParkViews(RecordType):
    model = models.Park
    prefix = api_prefix = "parks"
    filterset = filters.ParkFilterSet
    table = tables.ParkTable
    form = forms.ParkForm
    select_related = ("committee",)


class VillageViews(RecordType):
    model = models.Village
    prefix = api_prefix = "villages"
    filterset = filters.VillageFilterSet
    table = tables.VillageTable
    form = forms.VillageForm
    importer = importers.VillageImporter
    select_related = ("committee",)


class EnterpriseViews(RecordType):
    model = models.Enterprise
    prefix = api_prefix = "enterprises"
    search = {"title": "name", "body": "description"}
    filterset = filters.EnterpriseFilterSet
    table = tables.EnterpriseTable
    form = forms.EnterpriseForm
    importer = importers.EnterpriseImporter
    select_related = ("committee", "park", "member")
    prefetch_related = ("industries",)
