"""Forms of 成果转化: the outcome, and naming one of its sources."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lvzhi.core import outcomes
from lvzhi.core.forms import RecordForm, style_widgets

from ..models import Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OutcomeForm(RecordForm):
    class Meta:
        model = Outcome
        fields = [
            "committee",
            "title",
            "kind",
            "issuer",
            "number",
            "issued_on",
            "summary",
            "industries",
            "published",
        ]
        widgets = {"issued_on": DATE}


class SourceForm(forms.Form):
    """A record of any source type, found by search across them (core.outcomes)."""

    source = forms.CharField(
        label=_("Source"),
        widget=forms.Select(
            choices=[("", "---------")],
            attrs={
                "data-autocomplete-url": reverse_lazy("core:autocomplete_outcome_sources"),
                "data-autocomplete-placeholder": _("Type to search…"),
            },
        ),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        style_widgets(self)

    def clean_source(self):
        record = outcomes.resolve(self.cleaned_data["source"], self.user)
        if record is None:
            raise forms.ValidationError(_("Choose a record this outcome came from."))
        return record
