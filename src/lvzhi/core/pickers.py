"""Choice fields over records, as pages render them.

Two model hooks (see core.models.base.TrackedModel) decide how a picker is built:

* `label_related` — the relations the model's `__str__` reads (an industry its parent, a
  member the person and committee): every picker loads them with its options, so a list
  of options costs one query, not one per option;
* `picker_group` — the options are grouped under this relation (industries under their
  parent industry), as <optgroup>s;
* `picked_by_search` — the set is large (members, persons, enterprises, units,
  activities, problems): the page carries only the chosen values, and lvzhi.js loads
  other options as the user types, from `core:autocomplete`, which returns only what the
  user may see;
* `picker_scope` — on a form about a record (a step form), the options are those the
  record may take rather than those the user sees: a county's problem is assigned to a
  unit of the city too. The search then names the record (`?for=problems.problem:7`) and
  answers only a user who manages it.

`prepare(form)` applies them to every model choice field of a form or filter form.
"""

from functools import cache
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lvzhi.core.visibility import is_committee_owned

#: the most options one autocomplete answer carries
AUTOCOMPLETE_LIMIT = 20


@cache
def _labelled_iterator(base):
    """`base` (a ModelChoiceIterator class) loading the label's relations with the options."""

    class LabelledIterator(base):
        def __init__(self, field, *args, **kwargs):
            super().__init__(field, *args, **kwargs)
            related = getattr(self.queryset.model, "label_related", ())
            if related:
                self.queryset = self.queryset.select_related(*related)

    LabelledIterator.__name__ = f"Labelled{base.__name__}"
    LabelledIterator.labelled = True
    return LabelledIterator


class SearchSelect(forms.Select):
    """A select that renders only its chosen option(s); lvzhi.js adds the search box and
    loads further options from `data-autocomplete-url`."""

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        chosen = [v for v in value if str(v).isdigit()]
        groups = []
        empty_label = getattr(getattr(iterator, "field", None), "empty_label", None)
        if not self.allow_multiple_selected and empty_label is not None:
            groups.append((None, [self.create_option(name, "", empty_label, not chosen, 0)], 0))
        if chosen:
            for index, obj in enumerate(iterator.queryset.filter(pk__in=chosen), start=1):
                option_value, label = iterator.choice(obj)
                groups.append(
                    (None, [self.create_option(name, option_value, label, True, index)], index)
                )
        return groups


class SearchSelectMultiple(SearchSelect, forms.SelectMultiple):
    pass


def offer_whole(field, queryset):
    """Let `field` offer `queryset` as a plain select: a short list a form narrows further
    than the search would (a member's own enterprises, a bank among the units)."""
    field.queryset = queryset
    field.widget = forms.Select(attrs={"class": "form-select"})
    field.widget.choices = field.choices


def autocomplete_url(model, record=None) -> str:
    """The search of `model` records; for the ones `record` (a committee's record) may take
    when the model has a picker scope."""
    url = reverse("core:autocomplete", args=[model._meta.label_lower])
    scoped = record is not None and record.pk and is_committee_owned(type(record))
    if scoped and model.picker_scope is not None:
        url += "?" + urlencode({"for": f"{record._meta.label_lower}:{record.pk}"})
    return url


def prepare(form):
    """Make every model choice field of `form` load its labels' relations with the options,
    and pick records of large sets by search (within the scope of the form's record)."""
    record = getattr(form, "record", None)
    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        model = field.queryset.model
        if not getattr(field.iterator, "labelled", False):
            field.iterator = _labelled_iterator(field.iterator)
        widget = field.widget
        if (
            getattr(model, "picked_by_search", False)
            and isinstance(widget, forms.Select)
            and not isinstance(widget, SearchSelect)
        ):
            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            field.widget = (SearchSelectMultiple if multiple else SearchSelect)(
                attrs={
                    **widget.attrs,
                    "data-autocomplete-url": autocomplete_url(model, record),
                    "data-autocomplete-placeholder": _("Type to search…"),
                }
            )
            field.widget.is_required = widget.is_required
        # Setting the choices again builds them with the labelled iterator (and the widget).
        field.widget.choices = field.choices
        group = getattr(model, "picker_group", None)
        if group and not isinstance(field.widget, SearchSelect):
            field.widget.choices = _grouped(field, group)
    return form


def _grouped(field, group):
    """The options under a heading per `group` (an industry's chain links under the
    industry); a record without one heads its own group and is listed first in it."""
    groups: dict = {}
    for obj in field.queryset.select_related(group):
        head = getattr(obj, group) or obj
        options = groups.setdefault(head.pk, (head, []))[1]
        option = (field.prepare_value(obj), field.label_from_instance(obj))
        options.insert(0, option) if head is obj else options.append(option)
    choices = []
    if field.empty_label is not None and not isinstance(field, forms.ModelMultipleChoiceField):
        choices.append(("", field.empty_label))
    return choices + [(str(head), options) for head, options in groups.values()]
