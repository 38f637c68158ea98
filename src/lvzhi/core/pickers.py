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
  answers only a user who manages it;
* `picker_kept` — a small set read far more often than written (committees, industries,
  categories): each process keeps the options of its pickers (`kept_options`), keyed by
  the SQL that selects them (the user's visibility is in it) and retired when a write to
  one of these models commits (core.derived's topic "pickers").

`prepare(form)` applies them to every model choice field of a form or filter form.
"""

import re
from functools import cache
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lvzhi.core import derived
from lvzhi.core.visibility import is_committee_owned

#: the most options one autocomplete answer carries
AUTOCOMPLETE_LIMIT = 20

#: the core.derived topic whose version retires the options kept per process
KEPT_TOPIC = "pickers"
#: the most option lists a process keeps (a new version empties it anyway)
KEPT_MAX = 500
_kept: dict = {"version": None, "options": {}}
#: db_table -> whether its writes retire kept options (every table, auto-created ones too)
_watched_tables: dict[str, bool] = {}
_QUOTED = re.compile(r'"([A-Za-z0-9_]+)"')


def watch_kept_models():
    """Retire kept options when any `picker_kept` model (or one its labels read) is
    written: core's AppConfig.ready() calls this, so every process raises the version."""
    kept = set()
    for model in apps.get_models():
        if getattr(model, "picker_kept", False):
            kept.add(model)
            for lookup in (*model.label_related, model.picker_group or ""):
                related = model
                for bit in filter(None, lookup.split("__")):
                    related = related._meta.get_field(bit).related_model
                    kept.add(related)
    derived.watch(KEPT_TOPIC, *kept)
    for model in apps.get_models(include_auto_created=True):
        _watched_tables[model._meta.db_table] = model in kept


def forget_kept():
    """Drop every kept option list (tests: a rolled-back or flushed database)."""
    _kept.update(version=None, options={})


def _reads_only_kept(sql: str) -> bool:
    """Whether every table the query reads is one whose writes retire kept options."""
    tables = {name for name in _QUOTED.findall(sql) if name in _watched_tables}
    return bool(tables) and all(_watched_tables[t] for t in tables)


class _KeptOptions:
    """The kept options of one form's pickers; the version is read once per form."""

    def __init__(self):
        self.version = False  # not read yet

    def options(self, field, group):
        """The field's choices (under their `group`'s headings) without the empty choice,
        kept for the field's query; None when they are not to be kept."""
        model = field.queryset.model
        if not getattr(model, "picker_kept", False) or "label_from_instance" in vars(field):
            return None
        try:
            sql, params = field.queryset.query.sql_with_params()
        except EmptyResultSet:
            return None
        if not _reads_only_kept(sql):
            return None
        if self.version is False:
            self.version = derived.current_version(KEPT_TOPIC)
        if self.version is None:  # this transaction wrote one of them: not kept yet
            return None
        if _kept["version"] != self.version or len(_kept["options"]) >= KEPT_MAX:
            _kept["version"], _kept["options"] = self.version, {}
        key = (get_language(), sql, repr(params), type(field), field.iterator)
        key += (field.to_field_name, group)
        options = _kept["options"].get(key)
        if options is None:
            choices = _grouped(field, group) if group else field.choices
            options = _kept["options"][key] = [c for c in choices if c[0] != ""]
        return options


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
    kept = _KeptOptions()
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
        if isinstance(field.widget, SearchSelect):
            continue
        group = getattr(model, "picker_group", None)
        options = kept.options(field, group)
        if options is not None:
            field.widget.choices = _empty_choice(field) + options
        elif group:
            field.widget.choices = _grouped(field, group)
    return form


def _empty_choice(field):
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    return [] if field.empty_label is None or multiple else [("", field.empty_label)]


def _grouped(field, group):
    """The options under a heading per `group` (an industry's chain links under the
    industry); a record without one heads its own group and is listed first in it."""
    groups: dict = {}
    for obj in field.queryset.select_related(group):
        head = getattr(obj, group) or obj
        options = groups.setdefault(head.pk, (head, []))[1]
        option = (field.prepare_value(obj), field.label_from_instance(obj))
        options.insert(0, option) if head is obj else options.append(option)
    return _empty_choice(field) + [(str(head), options) for head, options in groups.values()]
