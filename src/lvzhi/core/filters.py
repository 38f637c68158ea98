"""One FilterSet per model, shared by the list pages, the Excel export and the API."""

import copy

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core import models
from lvzhi.core.scope import committee_ids_for
from lvzhi.core.visibility import crosses_many


def visible(model):
    """A choice queryset limited to what the requesting user may see."""

    def queryset(request):
        return model.objects.visible_to(getattr(request, "user", None))

    return queryset


def _copied_filter(f):
    """A filter for one FilterSet: its own attributes and `extra`, no form field yet, and
    its `method` bound to the copy (the FilterSet sets `model` and `parent` on it)."""
    clone = copy.copy(f)
    clone.__dict__.pop("_field", None)
    clone.extra = dict(f.extra)
    if f.method is not None:
        clone.method = f.method
    return clone


class _Filters(dict):
    """A FilterSet class's filters. django-filter deep-copies them for every FilterSet (a
    list page's querysets, choices and widgets, every request); a copy of each filter's own
    attributes is all a FilterSet changes."""

    def __deepcopy__(self, memo):
        return {name: _copied_filter(f) for name, f in self.items()}


class _FormFields(dict):
    """A filter form's fields, made by its FilterSet's own filters for it alone: the form
    takes them as they are rather than deep-copying them once more."""

    def __deepcopy__(self, memo):
        return dict(self)


class BaseFilterSet(filters.FilterSet):
    """`q` searches the model's `search_fields`, every word must match somewhere."""

    search_fields: tuple[str, ...] = ()
    q = filters.CharFilter(method="search", label=_("Search"))

    @classmethod
    def get_filters(cls):
        return _Filters(super().get_filters())

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = _FormFields(form_class.base_fields)
        return form_class

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A yes/no filter left empty means "all", not "unknown".
        for f in self.filters.values():
            if isinstance(f, filters.BooleanFilter):
                f.extra["widget"] = forms.Select(
                    choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))]
                )

    def search(self, queryset, name, value):
        words = value.split()[:10]
        for word in words:
            cond = Q()
            for field in self.search_fields:
                cond |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(cond)
        model = queryset.model
        many = any(crosses_many(model, f) for f in self.search_fields)
        return queryset.distinct() if words and many else queryset


#: how lists of people are ordered: 姓氏笔画 (the default, as in a 委员名单) or pinyin
NAME_ORDERS = [("strokes", _("Surname strokes")), ("pinyin", _("Pinyin"))]


def name_order_toggle(request) -> dict:
    """The name order a page of people was asked for (`?name_order=pinyin`, else 笔画) and
    the choices, for the template core/includes/name_order.html."""
    order = "pinyin" if request.GET.get("name_order") == "pinyin" else "strokes"
    return {"name_orders": NAME_ORDERS, "name_order": order}


def name_ordering(model, order: str) -> list[str]:
    """The model's own ordering with its name sort key (…name_strokes) swapped for the
    one `order` names: the grouping around it (committee, activity) stays."""
    column = "name_pinyin" if order == "pinyin" else "name_strokes"
    return [
        f.removesuffix("name_strokes") + column if f.endswith("name_strokes") else f
        for f in model._meta.ordering
    ]


class NameOrderFilterSet(filters.FilterSet):
    """A list of people offers both name orders (`name_order=pinyin`)."""

    name_order = filters.ChoiceFilter(
        choices=NAME_ORDERS, method="order_names", label=_("Name order"), empty_label=None
    )

    def order_names(self, queryset, name, value):
        return queryset.order_by(*name_ordering(queryset.model, value))


class CommitteeOwnedFilterSet(BaseFilterSet):
    scope = filters.CharFilter(method="filter_scope", label=_("Committee scope"))
    committee = filters.ModelChoiceFilter(
        queryset=models.Committee.objects.all(), label=_("Committee")
    )
    published = filters.BooleanFilter(label=_("Published to members"))

    def filter_scope(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        ids = committee_ids_for(user, value)
        return queryset if ids is None else queryset.filter(committee_id__in=ids)


class CommitteeFilterSet(BaseFilterSet):
    search_fields = ("name", "short_name")

    class Meta:
        model = models.Committee
        fields = ["level", "parent"]


class SectorFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = models.Sector
        fields = []


class IndustryFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")

    class Meta:
        model = models.Industry
        fields = ["kind", "parent"]


class PersonFilterSet(NameOrderFilterSet, CommitteeOwnedFilterSet):
    search_fields = ("name", "employer", "mobile")

    class Meta:
        model = models.Person
        fields = ["gender"]


class MemberFilterSet(NameOrderFilterSet, CommitteeOwnedFilterSet):
    search_fields = ("person__name", "person__employer", "member_no")
    sector = filters.ModelChoiceFilter(queryset=models.Sector.objects.all(), label=_("Sector"))

    class Meta:
        model = models.Member
        fields = ["sector", "term", "position", "is_active"]


class DepartmentFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "short_name", "contact_person")

    class Meta:
        model = models.Department
        fields = ["kind", "is_active"]


class ParkFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "address")

    class Meta:
        model = models.Park
        fields = ["level"]


class VillageFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "township", "main_industries")

    class Meta:
        model = models.Village
        fields = ["is_lifted_out_of_poverty"]


class EnterpriseFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "credit_code", "member__name", "legal_representative")
    industry = filters.ModelChoiceFilter(
        field_name="industries", queryset=models.Industry.objects.all(), label=_("Industry")
    )
    park = filters.ModelChoiceFilter(queryset=visible(models.Park), label=_("Park"))

    class Meta:
        model = models.Enterprise
        fields = ["is_member_enterprise", "industry", "park"]
