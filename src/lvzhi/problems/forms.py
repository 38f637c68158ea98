"""Forms: the problem itself (RecordForm) and one small form per workflow step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lvzhi.core import permissions, pickers
from lvzhi.core.committees import units_at_hand
from lvzhi.core.connections import reportable_enterprises
from lvzhi.core.fields import LONG_TEXT_MAX_LENGTH
from lvzhi.core.forms import (
    DATE_INPUT,
    CommentForm,
    DecisionForm,
    ExtensionForm,
    ReasonForm,
    RecordForm,
    StepForm,
)
from lvzhi.core.models import Department, Person

from .choices import Satisfaction
from .models import Problem, ProblemCategory

DATE = DATE_INPUT
# the shared step forms, named here for the workflow table
__all__ = ["CommentForm", "DecisionForm", "ExtensionForm", "ReasonForm"]


class ProblemCategoryForm(RecordForm):
    class Meta:
        model = ProblemCategory
        fields = ["name", "days_critical", "days_urgent", "days_normal", "is_active", "sort_order"]


class ProblemForm(RecordForm):
    """Register or edit a problem; the workflow fields are not on it."""

    confirm_duplicate = forms.BooleanField(
        label=_("Register anyway: this is a different problem"), required=False
    )

    class Meta:
        model = Problem
        fields = [
            "committee",
            "enterprise",
            "industry",
            "category",
            "urgency",
            "title",
            "description",
            "raised_by",
            "service_team",
            "source",
            "source_activity_id",
            "registered_on",
            "published",
        ]
        widgets = {"registered_on": DATE, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ProblemCategory.objects.filter(is_active=True)
        if self.instance.pk:
            del self.fields["confirm_duplicate"]
        else:
            # Offered only once open problems of the enterprise were found (add_error).
            self.fields["confirm_duplicate"].widget = forms.HiddenInput()
        # The rule the model checks, said before the form is sent.
        for name in ("raised_by", "service_team"):
            if name in self.fields:
                self.fields[name].help_text = _(
                    "Fill in the member who raised it or the service team (one is enough)."
                )

    def add_error(self, field, error):
        if field == "confirm_duplicate" and field in self.fields:
            self.fields[field].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
        super().add_error(field, error)

    def service_inputs(self):
        return {"confirm_duplicate": self.cleaned_data.get("confirm_duplicate", False)}


class ProblemReportForm(ProblemForm):
    """What a member fills in to report a problem: the office adds the rest when it assigns."""

    add_right = permissions.REPORT

    class Meta(ProblemForm.Meta):
        fields = ["committee", "enterprise", "category", "urgency", "title", "description"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # The member reports as themselves (the model wants a raiser before it validates).
        self.instance.raised_by = Person.objects.filter(user=user).first()
        # Their own enterprises and those they visited: a short list, offered whole.
        field = self.fields["enterprise"]
        pickers.offer_whole(field, reportable_enterprises(user).select_related("committee"))
        field.help_text = _("Your own enterprise, or one you visited with a service team.")


class AssignForm(StepForm):
    lead_unit = forms.ModelChoiceField(Department.objects.none(), label=_("Lead unit"))
    co_units = forms.ModelMultipleChoiceField(
        Department.objects.none(), label=_("Co-operating units"), required=False
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the category's working days from today."),
    )
    comment = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            # The units of the whole committee system: a county problem may go to a city unit
            # (found by search, Department.picker_scope). The service checks them again.
            units = units_at_hand(self.record.committee)
            self.fields["lead_unit"].queryset = units
            self.fields["co_units"].queryset = units

    def service_kwargs(self):
        d = self.cleaned_data
        return {
            "lead_unit": d["lead_unit"],
            "co_units": list(d["co_units"]),
            "deadline": d["deadline"],
            "comment": d["comment"],
        }


class ReopenForm(ReasonForm):
    deadline = forms.DateField(label=_("New deadline"), required=False, widget=DATE)


class ProgressForm(StepForm):
    text = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Progress"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(StepForm):
    solution = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Solution"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConfirmForm(StepForm):
    satisfaction = forms.ChoiceField(label=_("Satisfaction"), choices=Satisfaction.choices)
    comment = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Comment (the reason, when not satisfied)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(StepForm):
    into = forms.ModelChoiceField(Problem.objects.none(), label=_("Merge into"))
    comment = forms.CharField(max_length=LONG_TEXT_MAX_LENGTH, label=_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["into"].queryset = Problem.objects.visible_to(self.user).exclude(
                pk=getattr(self.record, "pk", None)
            )
