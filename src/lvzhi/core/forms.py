"""Create/edit forms. Choices are limited to what the user may see or file under."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lvzhi.core import models, permissions, pickers
from lvzhi.core.fields import LONG_TEXT_MAX_LENGTH
from lvzhi.core.visibility import is_committee_owned


def style_widgets(form, small=False):
    """Give every widget its Bootstrap class (forms and filter forms alike); pickers over
    records load their labels with the options and large sets are picked by search."""
    pickers.prepare(form)
    size = "-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.NullBooleanSelect):
            css = f"form-select form-select{size}" if size else "form-select"
        else:
            css = f"form-control form-control{size}" if size else "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class RecordForm(forms.ModelForm):
    """A ModelForm that knows its user: visible choices, the version it started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: the right a new record is filed with: ADD (the office) or REPORT (a member's own)
    add_right = permissions.ADD

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["version"].initial = self.instance.version
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model
            if name == "committee":
                allowed = permissions.addable_committees(user, self._meta.model, self.add_right)
                if self.instance.pk and getattr(self.instance, "committee_id", None):
                    allowed = allowed | models.Committee.objects.filter(
                        pk=self.instance.committee_id
                    )
                field.queryset = allowed.distinct()
            elif is_committee_owned(model):
                field.queryset = field.queryset.visible_to(user)
        style_widgets(self)
        if self.instance.pk and not permissions.is_manager(user, self.instance):
            editable = set(self._meta.model.owner_editable_fields) | {"version"}
            for name, field in self.fields.items():
                if name not in editable:
                    field.disabled = True

    def service_inputs(self) -> dict:
        """Values the record type's save service takes besides the model's own fields."""
        return {}

    def m2m_values(self):
        return {
            f.name: self.cleaned_data[f.name]
            for f in self._meta.model._meta.many_to_many
            if f.name in self.cleaned_data and not self.fields[f.name].disabled
        }


class StepForm(forms.Form):
    """Base of the forms of workflow steps: Bootstrap widgets, the user and record at hand.

    `service_kwargs()` are the step's inputs for the workflow engine (default: every
    cleaned value). `inline = False` keeps a step off the list of step forms (a page shows
    it elsewhere, e.g. beside each pending request)."""

    inline = True

    def __init__(self, *args, user=None, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.record = user, record
        style_widgets(self)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


#: a date picker that phones show as their own
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def long_text(label, *, required=True, rows=2):
    """A long-text input of a step form (the limit every long text field has)."""

    return forms.CharField(
        max_length=LONG_TEXT_MAX_LENGTH,
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class CommentForm(StepForm):
    """A step with an optional comment."""

    comment = long_text(_("Comment"), required=False)


class ReasonForm(StepForm):
    """A step that needs its reason."""

    reason = long_text(_("Reason"))


class ExtensionForm(StepForm):
    """申请延期 (core.extensions): the date asked for and why."""

    requested_deadline = forms.DateField(label=_("Requested deadline"), widget=DATE_INPUT)
    reason = long_text(_("Reason"))


class DecisionForm(StepForm):
    """The office's decision on a pending extension request (core.extensions)."""

    inline = False  # shown beside each pending request
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(max_length=20_000, label=_("Comment"), required=False)


class CommitteeForm(RecordForm):
    class Meta:
        model = models.Committee
        fields = ["name", "short_name", "level", "parent", "sort_order"]


class SectorForm(RecordForm):
    class Meta:
        model = models.Sector
        fields = ["name", "sort_order"]


class IndustryForm(RecordForm):
    class Meta:
        model = models.Industry
        fields = ["name", "parent", "kind", "code", "description", "sort_order"]


class PersonForm(RecordForm):
    class Meta:
        model = models.Person
        fields = [
            "committee",
            "name",
            "gender",
            "ethnicity",
            "birth_year",
            "employer",
            "mobile",
            "email",
            "address",
            "profile",
            "published",
        ]


PERSON_FIELDS = ["name", "gender", "ethnicity", "birth_year", "employer", "mobile", "email"]


class MemberForm(RecordForm):
    """A member and the person's own data on one form, as an office fills it in."""

    class Meta:
        model = models.Member
        fields = ["committee", "sector", "term", "member_no", "position", "is_active", "published"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        person = self.instance.person if self.instance.person_id else models.Person()
        self.person_form = forms.modelform_factory(models.Person, fields=PERSON_FIELDS)(
            data=self.data or None, instance=person, prefix="person"
        )
        style_widgets(self.person_form)
        # Person fields come first, as on a paper registration form.
        self.fields = {
            **{f"person-{n}": self.person_form.fields[n] for n in PERSON_FIELDS},
            **self.fields,
        }
        for name in PERSON_FIELDS:
            self.initial.setdefault(f"person-{name}", getattr(person, name))

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        self.person_form.full_clean()
        for name, errors in self.person_form.errors.items():
            key = f"person-{name}" if name in PERSON_FIELDS else None
            if key in self.errors:
                continue  # the shared field object already reported it
            for error in errors:
                self.add_error(key, error)

    def clean(self):
        cleaned = super().clean()
        # The person's cleaned values travel under their prefixed names.
        for name in PERSON_FIELDS:
            cleaned.pop(f"person-{name}", None)
        return cleaned

    @property
    def person(self):
        return self.person_form.instance

    def service_inputs(self):
        return {"person": self.person}


class DepartmentForm(RecordForm):
    class Meta:
        model = models.Department
        fields = [
            "committee",
            "name",
            "short_name",
            "kind",
            "contact_person",
            "phone",
            "email",
            "is_active",
            "published",
        ]


class ParkForm(RecordForm):
    class Meta:
        model = models.Park
        fields = ["committee", "name", "level", "address", "industries", "description", "published"]


class VillageForm(RecordForm):
    class Meta:
        model = models.Village
        fields = [
            "committee",
            "name",
            "township",
            "is_lifted_out_of_poverty",
            "population",
            "main_industries",
            "published",
        ]


class EnterpriseForm(RecordForm):
    class Meta:
        model = models.Enterprise
        fields = [
            "committee",
            "name",
            "credit_code",
            "industries",
            "park",
            "is_member_enterprise",
            "member",
            "legal_representative",
            "address",
            "phone",
            "employees",
            "description",
            "published",
        ]
        widgets = {"industries": forms.SelectMultiple(attrs={"size": 8})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class AttachmentForm(forms.Form):
    """The upload form under a record's attachment list (core.attachments checks the file)."""

    file = forms.FileField(label=_("File"))
    name = forms.CharField(label=_("Name"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self, small=True)


def link_picker(label, url_name):
    """The field of a LinkForm: a picker searching a link point's types at `url_name`."""
    from django.urls import reverse_lazy

    return forms.CharField(
        label=label,
        widget=forms.Select(
            choices=[("", "---------")],
            attrs={
                "data-autocomplete-url": reverse_lazy(url_name),
                "data-autocomplete-placeholder": _("Type to search…"),
            },
        ),
    )


class LinkForm(forms.Form):
    """Names a record of a link point (core.links) that the user may see: declare the
    `point`, the picker field (`link_picker`) named `field_name`, and the `refusal`."""

    point = None
    field_name = ""
    refusal = ""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get(self.field_name):
            record = self.point.resolve(data[self.field_name], self.user)
            if record is None:
                self.add_error(self.field_name, self.refusal)
            else:
                data[self.field_name] = record
        return data
