"""Create/edit forms; choices limited to what the user sees (core RecordForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lvzhi.activities import models
from lvzhi.activities.choices import Attendance, ParticipationRole, ReportItemKind
from lvzhi.core import cases
from lvzhi.core import models as core
from lvzhi.core.committees import system_committee_ids
from lvzhi.core.forms import LinkForm, RecordForm, link_picker, style_widgets

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTI = {"size": 8}


class ActivityKindForm(RecordForm):
    class Meta:
        model = models.ActivityKind
        fields = ["name", "code", "category", "description", "sort_order", "is_active"]


class MemberGroupForm(RecordForm):
    class Meta:
        model = models.MemberGroup
        fields = ["committee", "name", "kind", "industry", "leader", "members", "description"]
        widgets = {"members": forms.SelectMultiple(attrs=MULTI)}


class ActivityForm(RecordForm):
    media_link = forms.URLField(
        label=_("media link"), required=False, assume_scheme="https", max_length=200
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("participants"),
        queryset=core.Member.objects.none(),
        required=False,
        help_text=_("Added with role 参加; roles and attendance are set on the attendance page."),
        widget=forms.SelectMultiple(attrs=MULTI),
    )

    class Meta:
        model = models.Activity
        fields = [
            "committee",
            "kind",
            "title",
            "start_date",
            "end_date",
            "half_days",
            "place",
            "group",
            "leaders",
            "industries",
            "enterprises",
            "destinations",
            "speakers",
            "media_link",
            "summary",
            "published",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "leaders": forms.SelectMultiple(attrs=MULTI),
            "industries": forms.SelectMultiple(attrs=MULTI),
            "enterprises": forms.SelectMultiple(attrs=MULTI),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kind"].queryset = models.ActivityKind.objects.filter(is_active=True)
        members = core.Member.objects.visible_to(user).filter(is_active=True)
        members = members.select_related("person", "committee")
        self.fields["participants"].queryset = members
        self.fields["leaders"].queryset = members
        if self.instance.pk:
            # Listed participants are managed on the attendance page.
            del self.fields["participants"]

    def service_inputs(self):
        # Participants are added on the new activity's form; later through the invite page.
        return {} if self.instance.pk else {"participants": self.participant_rows()}

    def participant_rows(self):
        return [
            (m, ParticipationRole.PARTICIPANT, Attendance.INVITED)
            for m in self.cleaned_data.get("participants") or ()
        ]


class ActivityChildForm(RecordForm):
    """Committee follows the activity, so model validation sees the right one."""

    def _post_clean(self):
        activity = self.cleaned_data.get("activity")
        if activity is not None:
            self.instance.activity = activity
            self.instance.follow_activity()
        super()._post_clean()


class ParticipationForm(ActivityChildForm):
    class Meta:
        model = models.Participation
        fields = ["activity", "member", "role", "attendance", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["member"].queryset = self.fields["member"].queryset.select_related(
            "person", "committee"
        )


class ReportItemForm(ActivityChildForm):
    class Meta:
        model = models.ReportItem
        fields = ["activity", "kind", "text", "sort_order", "outcome_note"]


class OutputRowForm(forms.ModelForm):
    """One row of the activity page's output form: kind and text (rows left empty are skipped)."""

    class Meta:
        model = models.ReportItem
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 1})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ReportItemKind.choices
        self.fields["kind"].initial = ReportItemKind.PROBLEM
        style_widgets(self, small=True)


#: several outputs at once on the activity page (more rows are added in the page)
OutputFormSet = forms.formset_factory(OutputRowForm, extra=3, max_num=50, absolute_max=50)


class RuleSetForm(RecordForm):
    class Meta:
        model = models.RuleSet
        fields = ["committee", "name", "year", "locked", "description", "published"]


class RuleSetChildForm(RecordForm):
    def _post_clean(self):
        ruleset = self.cleaned_data.get("ruleset")
        if ruleset is not None:
            self.instance.ruleset = ruleset
            self.instance.follow_ruleset()
        super()._post_clean()


class RuleForm(RuleSetChildForm):
    class Meta:
        model = models.Rule
        fields = [
            "ruleset",
            "label",
            "event",
            "activity_kind",
            "role",
            "attendance",
            "points",
            "unit",
            "cap_per_year",
            "cap",
        ]


class ScoreCapForm(RuleSetChildForm):
    class Meta:
        model = models.ScoreCap
        fields = ["ruleset", "name", "limit"]


class GradeBandForm(RuleSetChildForm):
    class Meta:
        model = models.GradeBand
        fields = ["ruleset", "name", "min_score", "max_score"]


class RoadmapTaskForm(RecordForm):
    class Meta:
        model = models.RoadmapTask
        fields = [
            "committee",
            "year",
            "title",
            "owner",
            "owner_member",
            "due_date",
            "progress",
            "progress_note",
            "activities",
            "description",
            "published",
        ]
        widgets = {"due_date": DATE, "activities": forms.SelectMultiple(attrs=MULTI)}


class MemberCaseForm(RecordForm):
    class Meta:
        model = models.MemberCase
        fields = [
            "committee",
            "member",
            "title",
            "year",
            "summary",
            "investment",
            "investment_is_annual",
            "output_value",
            "jobs_created",
            "villages_helped",
            "enterprises",
            "industries",
            "published",
        ]
        widgets = {
            "enterprises": forms.SelectMultiple(attrs=MULTI),
            "industries": forms.SelectMultiple(attrs=MULTI),
        }


class InviteForm(forms.Form):
    """Put members on a meeting's roll: all serving members of committees, or a selection."""

    committees = forms.ModelMultipleChoiceField(
        label=_("All serving members of"), queryset=core.Committee.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Or these members"), queryset=core.Member.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label=_("role"), choices=ParticipationRole.choices, initial=ParticipationRole.PARTICIPANT
    )

    def __init__(self, *args, user, activity, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = system_committee_ids(activity.committee)
        members = core.Member.objects.visible_to(user).filter(
            is_active=True, committee_id__in=allowed
        )
        self.fields["members"].queryset = members.select_related("person", "committee")
        self.fields["committees"].queryset = core.Committee.objects.filter(
            pk__in=set(members.values_list("committee_id", flat=True))
        )
        style_widgets(self, small=True)

    def chosen_members(self):
        chosen = {m.pk: m for m in self.cleaned_data.get("members") or ()}
        committees = self.cleaned_data.get("committees")
        if committees:
            for m in self.fields["members"].queryset.filter(committee__in=committees):
                chosen.setdefault(m.pk, m)
        return list(chosen.values())


class CaseSubjectForm(LinkForm):
    """A record the case is about, found by search across the case-subject types
    (core.cases: projects, pairings, financing matches …)."""

    point = cases.SUBJECTS
    field_name = "subject"
    refusal = _("Choose a record this case is about.")
    subject = link_picker(_("Record"), "core:autocomplete_case_subjects")
