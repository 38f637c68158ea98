"""Forms of 社情民意: the report, a bulletin issue, and one small form per workflow step."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.core import permissions
from lvzhi.core.fields import LONG_TEXT_MAX_LENGTH
from lvzhi.core.forms import CommentForm, ReasonForm, RecordForm, StepForm  # noqa: F401 - shared steps

from ..models import (
    AdoptionMode,
    InstructionLevel,
    Opinion,
    OpinionBulletin,
    UptakeLevel,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text_widget():
    return forms.Textarea(attrs={"rows": 10, "maxlength": settings.OPINION_MAX_CHARS})


class OpinionForm(RecordForm):
    """The office files or corrects a report; the original text stays as submitted."""

    class Meta:
        model = Opinion
        fields = [
            "committee",
            "title",
            "text",
            "submitter_kind",
            "organisation",
            "authors",
            "industries",
            "submitted_on",
            "published",
        ]
        widgets = {"submitted_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget = _text_widget()
        self.fields["text"].widget.attrs["class"] = "form-control"
        if self.instance.pk:
            # the 联络委's changes go to the edited text (a workflow step) beside the original
            self.fields["text"].disabled = True


class OpinionSubmitForm(OpinionForm):
    """What a member fills in: the report is filed under their own name."""

    add_right = permissions.REPORT

    class Meta(OpinionForm.Meta):
        fields = ["committee", "title", "text", "industries"]


class OpinionBulletinForm(RecordForm):
    class Meta:
        model = OpinionBulletin
        fields = ["committee", "year", "number", "issued_on", "title", "editor", "published"]
        widgets = {"issued_on": DATE}


class EditForm(StepForm):
    edited_text = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Edited text"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    comment = forms.CharField(max_length=LONG_TEXT_MAX_LENGTH, label=_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None:
            self.fields["edited_text"].initial = self.record.final_text


class CompileForm(StepForm):
    bulletin = forms.ModelChoiceField(OpinionBulletin.objects.none(), label=_("Bulletin issue"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the issues of the report's own committee (the engine checks who may compile)
        if self.record is not None:
            self.fields["bulletin"].queryset = OpinionBulletin.objects.filter(
                committee_id=self.record.committee_id
            )


def _today():
    return timezone.localdate()


class ForwardForm(StepForm):
    level = forms.ChoiceField(label=_("Sent to"), choices=UptakeLevel.choices)
    date = forms.DateField(label=_("Date"), initial=_today, widget=DATE)


class AdoptForm(StepForm):
    level = forms.ChoiceField(label=_("Adopted by"), choices=UptakeLevel.choices)
    mode = forms.ChoiceField(label=_("Adoption"), choices=AdoptionMode.choices)
    date = forms.DateField(label=_("Date"), initial=_today, widget=DATE)


class InstructForm(StepForm):
    instructed_by = forms.CharField(max_length=60, label=_("Instruction by"))
    instruction_level = forms.ChoiceField(
        label=_("Leader's level"), choices=InstructionLevel.choices
    )
    date = forms.DateField(label=_("Date"), initial=_today, widget=DATE)
    text = forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=_("Instruction"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
