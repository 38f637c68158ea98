"""Forms of the text views and API: all input is validated here, never trusted raw."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lvzhi.text.tokenize import MAX_QUERY_CHARS

MAX_CLEAN_CHARS = 200_000
MAX_SIMILAR_CHARS = 50_000


def kind_choices(registrations):
    return [(reg.kind, reg.label) for reg in registrations]


class SearchForm(forms.Form):
    # Longer queries are cut, not refused: the page says so (see selectors.parse_query).
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    kind = forms.MultipleChoiceField(label=_("Record type"), required=False)
    scope = forms.CharField(label=_("Committee scope"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=500)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(kinds)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("养老, 融资, 技术改造 …"), "maxlength": MAX_QUERY_CHARS * 5}
        )

    def clean_q(self):
        return (self.cleaned_data.get("q") or "").replace("\x00", "")


class CleanForm(forms.Form):
    text = forms.CharField(strip=False, max_length=MAX_CLEAN_CHARS)
    style = forms.ChoiceField(
        required=False, choices=[("seed", _("As the reference article")), ("cjk", _("Full-width"))]
    )


class SimilarForm(forms.Form):
    kind = forms.ChoiceField(label=_("Record type"))
    text = forms.CharField(strip=True, max_length=MAX_SIMILAR_CHARS)
    exclude = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(kinds)
