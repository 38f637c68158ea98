"""Forms of 成果转化: the outcome, and naming one of its sources."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lvzhi.core import outcomes
from lvzhi.core.forms import LinkForm, RecordForm, link_picker

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


class SourceForm(LinkForm):
    """A record of any source type, found by search across them (core.outcomes)."""

    point = outcomes.SOURCES
    field_name = "source"
    refusal = _("Choose a record this outcome came from.")
    source = link_picker(_("Source"), "core:autocomplete_outcome_sources")
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
