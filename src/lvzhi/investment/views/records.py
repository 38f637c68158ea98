"""Projects, financing needs and matches, pairings and support records, declared on the
generic record views of core."""

from django.utils.translation import gettext_lazy

from lvzhi.core.records import RecordType
from lvzhi.core.views.generic import detail_rows

from .. import filters, forms, importers, selectors, services, tables
from ..api import serializers
from ..api.views import ProjectActions
from ..models import FinancingMatch, FinancingNeed, InvestmentProject, Pairing, SupportRecord


class ProjectViews(RecordType):
    model = InvestmentProject
    prefix = ""  # the projects live at the app's root: /investment/, /investment/<pk>/ …
    api_prefix = "investment-projects"
    serializer = serializers.ProjectSerializer
    api_actions = ProjectActions
    workflow = services.WORKFLOW
    search = {"title": "name", "body": ("description", "investor_name"), "year": "registered_on"}
    #: 查重 while a lead is typed in: the same project registered twice is flagged
    similar_field = "description"
    filterset = filters.ProjectFilterSet
    table = tables.ProjectTable
    form = forms.ProjectForm
    select_related = ("committee", "investor", "industry", "park", "department")
    api_prefetch_related = ("credits__member__person", "funds")
    detail_template = "investment/project_detail.html"
    detail_fields = (
        "committee",
        "investor",
        "investor_name",
        "investor_origin",
        "investor_contact",
        "industry",
        "chain_link",
        "park",
        "planned_investment",
        "capacity",
        "contracted_amount",
        "funds_in_place",
        "jobs_planned",
        "jobs_created",
        "source_mode",
        "source",
        "responsible_leader",
        "department",
        "registered_on",
        "negotiating_on",
        "intention_on",
        "contracted_on",
        "start_due_on",
        "started_on",
        "producing_on",
        "full_capacity_on",
        "dropped_on",
        "drop_reason",
        "last_progress_on",
        "progress_due",
        "reminded_on",
        "escalated_on",
        "published",
    )

    @classmethod
    def detail_context(cls, request, obj):
        hidden = set(services.hidden_fields(request.user, obj))
        return {
            "project": obj,
            "hidden": hidden,
            "fields": detail_rows(
                obj, [f for f in cls.detail_fields if f not in hidden], request.user
            ),
            "credits": obj.credits.select_related("member__person", "enterprise"),
            "funds": obj.funds.all(),
            "duplicates": selectors.possible_duplicates(request.user, obj)[:10],
        }

    #: a member case (典型案例) about the project shows what it signed and the jobs it made;
    #: the planned amount stays with the office (商业敏感) and is not shown
    case_impact = staticmethod(selectors.project_impact)

    #: how a new project is filed: the office registers it
    file_new = staticmethod(services.project_register)

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        if instance.pk:
            return services.project_update(
                actor=actor, project=instance, expected_version=expected_version, fields=fields
            )
        return cls.file_new(actor=actor, project=instance)


class ProjectLeadViews(ProjectViews):
    """报送招商线索: a member registers a lead (/investment/lead/)."""

    prefix = None  # a variant page of ProjectViews, not a record type of its own
    form = forms.ProjectLeadForm
    file_new = staticmethod(services.project_report)
    add_title = gettext_lazy("Register an investment lead")


class _ChildViews(RecordType):
    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        return services.child_save(
            actor=actor,
            instance=instance,
            m2m=m2m,
            expected_version=expected_version,
            fields=fields,
        )


class FinancingNeedViews(RecordType):
    model = FinancingNeed
    prefix = "financing"
    api_prefix = "financing-needs"
    filterset = filters.FinancingNeedFilterSet
    table = tables.FinancingNeedTable
    form = forms.FinancingNeedForm
    importer = importers.FinancingNeedImporter
    select_related = ("committee", "enterprise")
    detail_template = "investment/need_detail.html"

    @classmethod
    def detail_context(cls, request, obj):
        # a bank sees its own match only, never another bank's offer
        matches = FinancingMatch.objects.visible_to(request.user).filter(need=obj)
        return {"matches": matches.select_related("bank")}


class FinancingMatchViews(_ChildViews):
    """The office files a match; its outcome (授信, 放款, 未成功) is a step the bank takes."""

    model = FinancingMatch
    prefix = "matches"
    api_prefix = "financing-matches"
    workflow = services.MATCH_WORKFLOW
    serializer = serializers.FinancingMatchSerializer
    filterset = filters.FinancingMatchFilterSet
    table = tables.FinancingMatchTable
    form = forms.FinancingMatchForm
    detail_fields = (
        *forms.FinancingMatchForm.Meta.fields,
        *serializers.MATCH_OUTCOME_FIELDS,
        "committee",
    )
    select_related = ("committee", "need__enterprise", "bank")
    case_impact = staticmethod(selectors.match_impact)


class PairingViews(RecordType):
    model = Pairing
    prefix = "pairings"
    api_prefix = "village-pairings"
    filterset = filters.PairingFilterSet
    table = tables.PairingTable
    form = forms.PairingForm
    select_related = ("committee", "enterprise", "village")
    detail_template = "investment/pairing_detail.html"
    case_impact = staticmethod(selectors.pairing_impact)

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "support": obj.support.all(),
            "by_dimension": selectors.support_by_dimension(obj),
        }


class SupportRecordViews(_ChildViews):
    model = SupportRecord
    prefix = "support"
    api_prefix = "support-records"
    filterset = filters.SupportRecordFilterSet
    table = tables.SupportRecordTable
    form = forms.SupportRecordForm
    select_related = ("committee", "pairing__enterprise", "pairing__village")
    detail_template = "investment/support_detail.html"
