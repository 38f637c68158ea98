"""Forms: a session, a proposal (the office's and a member's draft), one form per step."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lvzhi.core import permissions, pickers
from lvzhi.core.choices import Role
from lvzhi.core.committees import system_committee_ids, units_at_hand
from lvzhi.core.forms import (
    DATE_INPUT,
    CommentForm,
    DecisionForm,
    ExtensionForm,
    ReasonForm,
    RecordForm,
    StepForm,
    long_text,
)
from lvzhi.core.models import Attachment, Department, Person

from ..choices.proposal import (
    ConvertTo,
    MeetingForm,
    Rating,
    ReplyClass,
    reply_classes,
)
from ..models import Proposal, ProposalSession, RejectionGround

__all__ = ["CommentForm", "DecisionForm", "ExtensionForm", "ReasonForm"]


class RejectionGroundForm(RecordForm):
    class Meta:
        model = RejectionGround
        fields = ["name", "code", "description", "sort_order", "is_active"]


class SessionForm(RecordForm):
    class Meta:
        model = ProposalSession
        fields = ["committee", "term", "sitting", "year", "plenary_start", "plenary_end"]
        widgets = {"plenary_start": DATE_INPUT, "plenary_end": DATE_INPUT}


TEXT_FIELDS = ["title", "cause", "analysis", "suggestions", "industries"]


class ProposalForm(RecordForm):
    """The office files a proposal (a paper one, an organisation's) or edits one."""

    co_signers = forms.ModelMultipleChoiceField(
        Person.objects.none(), label=_("Co-signers"), required=False
    )

    class Meta:
        model = Proposal
        fields = [
            "committee",
            "session",
            "kind",
            "organisation_kind",
            "organisation",
            "lead",
            "sector",
            *TEXT_FIELDS,
            "published",
        ]
        widgets = {
            "cause": forms.Textarea(attrs={"rows": 2}),
            "analysis": forms.Textarea(attrs={"rows": 6}),
            "suggestions": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "session" in self.fields:
            # the sessions of the committees the user files with (a member: those they sit
            # on), and the proposal's own
            committees = permissions.addable_committees(user, Proposal, self.add_right)
            self.fields["session"].queryset = ProposalSession.objects.filter(
                Q(committee__in=committees) | Q(pk=self.instance.session_id)
            ).select_related("committee")
        if "co_signers" in self.fields:
            self.fields["co_signers"].queryset = Person.objects.visible_to(user)
            self.fields["co_signers"].widget.attrs["class"] = "form-select"
            if self.instance.pk:
                self.fields["co_signers"].initial = [
                    s.person_id for s in self.instance.signatures.all()
                ]
                self.fields["co_signers"].disabled = not permissions.is_manager(user, self.instance)

    def service_inputs(self):
        field = self.fields.get("co_signers")
        if field is None or field.disabled:
            return {}
        return {"co_signers": list(self.cleaned_data.get("co_signers") or [])}


class ProposalDraftForm(ProposalForm):
    """What a member fills in on their phone: the text; they are the lead proposer."""

    add_right = permissions.REPORT

    class Meta(ProposalForm.Meta):
        fields = ["committee", "session", *TEXT_FIELDS]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.lead = Person.objects.filter(user=user).first()
        if not self.instance.pk and not self.initial.get("session"):
            self.initial["session"] = self.current_session()
        # co-signers: the members of the committees the member sits on
        self.fields["co_signers"].queryset = Person.objects.filter(
            memberships__committee_id__in=permissions.addable_committees(
                user, Proposal, permissions.REPORT
            ).values("pk")
        ).distinct()

    def current_session(self):
        """The session a member files into now (届次): of the committee the page proposes,
        the latest of this year or before, else the first announced one."""
        sessions = self.fields["session"].queryset.filter(
            committee=self.fields["committee"].queryset.first()
        )
        current = sessions.filter(year__lte=timezone.localdate().year).first()
        current = current or sessions.last()
        return current.pk if current else None


class RejectForm(StepForm):
    # the office's dictionary: only the grounds in use are offered
    ground = forms.ModelChoiceField(
        RejectionGround.objects.filter(is_active=True), label=_("Ground"), to_field_name="code"
    )
    reason = long_text(_("Reason sent to the proposer"))


class ConvertForm(StepForm):
    to = forms.ChoiceField(label=_("Convert to"), choices=ConvertTo.choices)
    comment = long_text(_("Comment"), required=False)


class ProposalMergeForm(StepForm):
    into = forms.ModelChoiceField(Proposal.objects.none(), label=_("Merge into (lead proposal)"))
    comment = long_text(_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and self.record is not None:
            self.fields["into"].queryset = (
                Proposal.objects.visible_to(self.user)
                .filter(session_id=self.record.session_id)
                .exclude(pk=self.record.pk)
            )


class ProposalAssignForm(StepForm):
    lead_unit = forms.ModelChoiceField(
        Department.objects.none(),
        label=pgettext_lazy("proposal", "Lead unit"),
        required=False,
        help_text=_("Or leave empty and name separate handling units."),
    )
    co_units = forms.ModelMultipleChoiceField(
        Department.objects.none(), label=_("Co-handling units"), required=False
    )
    separate_units = forms.ModelMultipleChoiceField(
        Department.objects.none(), label=_("Separate handling units"), required=False
    )
    comment = long_text(_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            units = units_at_hand(self.record.committee)
            for name in ("lead_unit", "co_units", "separate_units"):
                self.fields[name].queryset = units

    def service_kwargs(self):
        d = self.cleaned_data
        return {
            "lead_unit": d["lead_unit"],
            "co_units": list(d["co_units"]),
            "separate_units": list(d["separate_units"]),
            "comment": d["comment"],
        }


class CoOpinionForm(StepForm):
    unit = forms.ModelChoiceField(
        Department.objects.none(),
        label=_("Co-handling unit"),
        required=False,
        help_text=_("The office names the unit whose opinion came in writing."),
    )
    opinion = long_text(_("Opinion to the lead unit"), rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            # the proposal's few co-handling units, offered whole
            pickers.offer_whole(
                self.fields["unit"],
                Department.objects.filter(
                    proposal_assignments__proposal=self.record, proposal_assignments__role="co"
                ),
            )


class MeetForm(StepForm):
    met_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    form = forms.ChoiceField(label=_("Form"), choices=MeetingForm.choices)
    note = long_text(_("Note"), required=False)


class ReplyForm(StepForm):
    document_number = forms.CharField(max_length=60, label=_("Document number"))
    signed_by = forms.CharField(max_length=30, label=_("Signed by"))
    reply_class = forms.ChoiceField(label=_("Reply class"), choices=ReplyClass.choices)
    summary = long_text(_("Summary of the reply"), rows=4)
    document = forms.FileField(label=_("Signed reply (document)"), required=False)
    attachment = forms.ModelChoiceField(
        Attachment.objects.none(),
        label=_("Or a document already attached"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_class"].choices = reply_classes()
        if self.record is not None:
            self.fields["attachment"].queryset = Attachment.objects.filter(
                content_type=ContentType.objects.get_for_model(Proposal),
                object_id=self.record.pk,
            )


class ReleaseForm(StepForm):
    reply_class = forms.ChoiceField(
        label=_("Reply class"),
        choices=[("", "—"), *ReplyClass.choices],
        required=False,
        help_text=_("Change the unit's class before the proposer sees the reply."),
    )
    comment = long_text(_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_class"].choices = [("", "—"), *reply_classes()]


class RateForm(StepForm):
    handling = forms.ChoiceField(label=_("Handling"), choices=Rating.choices)
    result = forms.ChoiceField(label=_("Result"), choices=Rating.choices)
    comment = long_text(_("Comment (the reason, when not satisfied)"), required=False)


class UnitRateForm(StepForm):
    quality = forms.ChoiceField(label=_("Quality of the proposal"), choices=Rating.choices)
    comment = long_text(_("Comment"), required=False)


class LeaderChoiceForm(StepForm):
    """A step that names one of the leaders of the proposal's committee system."""

    leader = forms.ModelChoiceField(get_user_model().objects.none(), label=_("Leader"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            self.fields["leader"].queryset = (
                get_user_model()
                .objects.filter(
                    role_assignments__role=Role.LEADER,
                    role_assignments__committee_id__in=system_committee_ids(self.record.committee),
                )
                .distinct()
            )


class KeyForm(LeaderChoiceForm):
    comment = long_text(_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].label = _("Leader in charge")


class LeaderVisitForm(LeaderChoiceForm):
    """领导督办 — a leader's visit on a key proposal (the leader recording it is preset)."""

    visited_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    note = long_text(_("What the leader found or asked for"), rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            self.initial.setdefault("leader", self.record.key_leader_id)
            if self.fields["leader"].queryset.filter(pk=getattr(self.user, "pk", None)).exists():
                self.initial["leader"] = self.user.pk
