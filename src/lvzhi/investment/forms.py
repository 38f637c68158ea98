"""Forms: the records (RecordForm) and one small form per pipeline step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lvzhi.core import permissions, pickers
from lvzhi.core.choices import DepartmentKind, IndustryKind
from lvzhi.core.committees import system_committee_ids
from lvzhi.core.fields import LONG_TEXT_MAX_LENGTH
from lvzhi.core.forms import RecordForm, StepForm
from lvzhi.core.models import Department, Enterprise, Industry, Member
from lvzhi.text.amounts import AmountField

from .choices import PIPELINE
from .models import FinancingMatch, FinancingNeed, InvestmentProject, Pairing, SupportRecord

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label, required=True, rows=2):
    return forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProjectForm(RecordForm):
    """Register or edit a project; the pipeline's fields are not on it."""

    class Meta:
        model = InvestmentProject
        fields = [
            "committee",
            "name",
            "investor",
            "investor_name",
            "investor_origin",
            "investor_contact",
            "industry",
            "chain_link",
            "park",
            "planned_investment",
            "capacity",
            "jobs_planned",
            "jobs_created",
            "source_mode",
            "source",
            "source_activity_id",
            "responsible_leader",
            "department",
            "description",
            "registered_on",
            "published",
        ]
        widgets = {"registered_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        industries = Industry.objects.select_related("parent")
        if "industry" in self.fields:
            self.fields["industry"].queryset = industries.filter(parent__isnull=True)
        if "chain_link" in self.fields:
            self.fields["chain_link"].queryset = industries.filter(kind=IndustryKind.CHAIN_LINK)


class ProjectLeadForm(ProjectForm):
    """What a member fills in to register a lead: the office adds the rest."""

    add_right = permissions.REPORT

    class Meta(ProjectForm.Meta):
        fields = [
            "committee",
            "name",
            "investor_name",
            "investor_origin",
            "investor_contact",
            "industry",
            "chain_link",
            "planned_investment",
            "capacity",
            "source_mode",
            "source",
            "description",
        ]


class ProjectStageForm(StepForm):
    date = forms.DateField(
        label=_("Date"), required=False, widget=DATE, help_text=_("Empty: today.")
    )
    comment = _text(_("Comment"), required=False)


class ProjectContractForm(ProjectStageForm):
    contracted_amount = AmountField(label=_("Contracted amount (10k yuan)"), unit=10_000)
    start_due_on = forms.DateField(
        label=_("Construction to start by"),
        required=False,
        widget=DATE,
        help_text=_("As agreed in the contract. Empty: the usual period after signing."),
    )


class ProjectSkipForm(StepForm):
    to_stage = forms.ChoiceField(
        label=_("To stage"), choices=[(s.value, s.label) for s in PIPELINE[1:]]
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    reason = _text(_("Reason (the office's decision)"))


class ProjectDropForm(StepForm):
    reason = _text(_("Reason"))
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)


class ProjectProgressForm(StepForm):
    text = _text(_("Progress"), rows=3)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)


class ProjectFundsForm(StepForm):
    amount = AmountField(label=_("Amount in place (10k yuan)"), unit=10_000)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ProjectCreditForm(StepForm):
    member = forms.ModelChoiceField(Member.objects.none(), label=_("Member"))
    share = forms.DecimalField(
        label=_("Share (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("0 removes the credit."),
    )
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.none(), label=_("Member enterprise"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            ids = system_committee_ids(self.record.committee)
            self.fields["member"].queryset = Member.objects.filter(
                committee_id__in=ids, is_active=True
            ).select_related("person", "committee")
            self.fields["enterprise"].queryset = Enterprise.objects.filter(
                committee_id__in=ids, is_member_enterprise=True
            )


class FinancingNeedForm(RecordForm):
    class Meta:
        model = FinancingNeed
        fields = [
            "committee",
            "enterprise",
            "industry",
            "amount",
            "purpose",
            "term_months",
            "collateral",
            "urgency",
            "surveyed_on",
            "collected_by",
            "published",
        ]
        widgets = {"surveyed_on": DATE}


class _ChildForm(RecordForm):
    """The committee follows the parent record, so model validation sees the right one."""

    parent = ""

    def _post_clean(self):
        parent = self.cleaned_data.get(self.parent)
        if parent is not None:
            setattr(self.instance, self.parent, parent)
            self.instance.committee_id = parent.committee_id
            self.instance.published = parent.published
        super()._post_clean()


class FinancingMatchForm(_ChildForm):
    """Which bank a need is matched to; what came of it is recorded by the workflow's steps
    (services/financing.py), by the bank itself."""

    parent = "need"

    class Meta:
        model = FinancingMatch
        fields = ["need", "bank", "activity_id", "matched_on"]
        widgets = {"matched_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the banks among the units: a short list, offered whole
        pickers.offer_whole(
            self.fields["bank"],
            Department.objects.visible_to(self.user).filter(kind=DepartmentKind.BANK),
        )
        self.fields["need"].queryset = self.fields["need"].queryset.select_related("enterprise")


class PairingForm(RecordForm):
    class Meta:
        model = Pairing
        fields = [
            "committee",
            "enterprise",
            "village",
            "started_on",
            "ended_on",
            "goals",
            "published",
        ]
        widgets = {"started_on": DATE, "ended_on": DATE, "goals": forms.Textarea(attrs={"rows": 3})}


class SupportRecordForm(_ChildForm):
    parent = "pairing"

    class Meta:
        model = SupportRecord
        fields = [
            "pairing",
            "dimension",
            "on",
            "amount",
            "quantity",
            "description",
            "result",
            "income",
            "jobs",
        ]
        widgets = {
            "on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pairing"].queryset = self.fields["pairing"].queryset.select_related(
            "enterprise", "village"
        )


class MatchGrantForm(StepForm):
    """授信 — what the bank granted."""

    amount_granted = AmountField(label=_("Credit granted (10k yuan)"), unit=10_000, max_digits=12)
    granted_on = forms.DateField(
        label=_("Granted on"), required=False, widget=DATE, help_text=_("Empty: today.")
    )
    comment = _text(_("Comment"), required=False)


class MatchDisburseForm(StepForm):
    """放款 — what the bank lent out of the credit."""

    amount_disbursed = AmountField(label=_("Loan disbursed (10k yuan)"), unit=10_000, max_digits=12)
    disbursed_on = forms.DateField(
        label=_("Disbursed on"), required=False, widget=DATE, help_text=_("Empty: today.")
    )
    comment = _text(_("Comment"), required=False)


class MatchDeclineForm(StepForm):
    """未成功 — the bank declined, or the enterprise went elsewhere."""

    failure_reason = _text(_("Why it did not succeed"))
