"""Record types: one declaration per model drives its pages, its API and its tests.

    class EnterpriseViews(RecordType):
        model = Enterprise
        prefix = "enterprises"          # /enterprises/… in the app's URLs
        api_prefix = "enterprises"      # /api/v1/enterprises/…
        filterset = EnterpriseFilterSet
        table = EnterpriseTable
        form = EnterpriseForm

Declaring the class registers it. From the declaration come the list / detail / edit /
delete / history / import / file pages (`record_urls(app_label)` in the app's urls.py), the
API viewset (`api_routes()`), the workflow's step pages and endpoints, and the registry-
driven permission tests. The pages and the API write through the *same* two services,
`save` and `delete`, which a record type overrides where its domain needs it (a member is
saved with the person, a rule set carries its publication down to its rules), so a model
cannot have one write path in the UI and another in the API.
"""

from django.db.models import Prefetch
from django.urls import path

from lvzhi.core import permissions, services

#: model label ("problems.problem") -> its record type
REGISTRY: dict[str, type["RecordType"]] = {}

#: functions told about each record type as it is declared (the text app registers the
#: searchable ones), so core imports none of their apps
_LISTENERS: list = []


def on_declare(listener):
    """Call `listener(record_type)` for every record type, declared now or later."""
    _LISTENERS.append(listener)
    for record_type in list(REGISTRY.values()):
        listener(record_type)


class RecordType:
    """The declaration of one model's pages, API, services and workflow."""

    model = None
    filterset = None
    table = None
    form = None
    #: the API serializer (default: the form's fields, see core.api.serializers)
    serializer = None
    importer = None
    #: a core.workflow.Workflow: step pages, step endpoints, transitions, the daily pass
    workflow = None
    #: URL prefix inside the app ("" = the app's root); None: a variant, not registered
    prefix: str | None = None
    #: /api/v1/<api_prefix>/; "" = no API
    api_prefix: str = ""
    #: a mixin with the API's extra actions (e.g. a member's 反映 endpoint)
    api_actions = None
    #: fields shown on the detail page, in order (default: the form's fields)
    detail_fields: tuple[str, ...] = ()
    #: template for the detail page; "core/object_detail.html" shows detail_fields
    detail_template = "core/object_detail.html"
    #: searchable text (全文检索, 查重): {"title": field, "body": (fields…), "year": field},
    #: optionally "sections": (case fields, suggestions fields) (text.registry)
    search: dict | None = None
    #: the long text field checked for similar records (查重) while the form is filled in
    #: (the record type declares `search`; "app_label.model" is its kind)
    similar_field: str = ""
    select_related: tuple[str, ...] = ()
    #: to-many relations loaded with the list (their records' labels included)
    prefetch_related: tuple[str, ...] = ()
    #: what the API list loads besides (the many-to-many fields it lists come by themselves)
    api_prefetch_related: tuple[str, ...] = ()
    #: file fields handed out at <pk>/file/<field>/ to those who may see the record
    file_fields: tuple[str, ...] = ()
    #: the heading of the add page (default: "Add <model>")
    add_title = ""
    #: a record that can lead to an outcome (成果转化): its page shows the outcomes it led
    #: to and the outcome's source picker offers it (core.outcomes)
    outcome_source: bool = False
    #: impact(record) -> {"investment": 万元, "jobs": n, "output_value": 万元} (None where
    #: unknown): the records can be what a member case (典型案例) is about, and the case
    #: shows these figures instead of typing them again (core.cases)
    case_impact = None
    #: the view classes for add/edit and delete (an app may put its own in)
    edit_view = None
    delete_view = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "model" in cls.__dict__ and cls.model is not None and cls.prefix is not None:
            REGISTRY[cls.model._meta.label_lower] = cls
            for listener in _LISTENERS:
                listener(cls)

    # -- the two write services: every page and every API call comes through here --------

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        """Create or change `instance`; `inputs` are the form's or body's values that are
        not fields of the model (a member's person, an activity's first participants)."""
        return services.record_save(
            actor=actor,
            instance=instance,
            m2m=m2m,
            expected_version=expected_version,
            fields=fields,
        )

    @classmethod
    def delete(cls, *, actor, instance):
        services.record_delete(actor=actor, instance=instance)

    @classmethod
    def may_attach(cls, user, record) -> bool:
        """May `user` add files to `record` (a model with `attachments`)? Default: whoever
        may change it."""

        return permissions.can_change(user, record)

    @classmethod
    def detail_context(cls, request, obj) -> dict:
        """What the detail template needs beyond the fields (related lists …)."""
        return {}

    # -- reading ----------------------------------------------------------------------------

    @classmethod
    def queryset(cls, user):
        qs = cls.model.objects.visible_to(user)
        if cls.select_related:
            qs = qs.select_related(*cls.select_related)
        if cls.prefetch_related:
            qs = qs.prefetch_related(*labelled(cls.model, cls.prefetch_related))
        return qs

    @classmethod
    def filtered(cls, data, request):
        """(filterset, queryset) of the list for the query `data`, as `request.user` sees it."""
        filterset = cls.filterset(data, queryset=cls.queryset(request.user), request=request)
        queryset = filterset.qs if filterset.is_valid() else cls.model.objects.none()
        return filterset, queryset

    # -- pages ------------------------------------------------------------------------------

    @classmethod
    def url_name(cls, action=""):
        base = cls.model.url_base.split(":", 1)[1]
        return f"{base}_{action}" if action else base

    @classmethod
    def urls(cls, prefix=None):
        """The URL patterns of the pages, under `prefix` (default: the declared one)."""
        from lvzhi.core.views import generic
        from lvzhi.core.views.workflow import WorkflowStepView

        prefix = cls.prefix if prefix is None else prefix
        edit_view = cls.edit_view or generic.ObjectEditView
        views = [
            ("", generic.ObjectListView, "list"),
            ("add/", edit_view, "add"),
            ("<int:pk>/", generic.ObjectDetailView, ""),
            ("<int:pk>/edit/", edit_view, "edit"),
            ("<int:pk>/delete/", cls.delete_view or generic.ObjectDeleteView, "delete"),
            ("<int:pk>/history/", generic.ObjectHistoryView, "history"),
        ]
        if cls.importer:
            views.append(("import/", generic.ObjectImportView, "import"))
        if cls.file_fields:
            views.append(("<int:pk>/file/<str:field>/", generic.ObjectFileView, "file"))
        if cls.workflow:
            views.append(("<int:pk>/step/<str:action>/", WorkflowStepView, "step"))
        base = f"{prefix}/" if prefix else ""
        return [
            path(f"{base}{route}", view.as_view(config=cls), name=cls.url_name(action))
            for route, view, action in views
        ]

    # -- API --------------------------------------------------------------------------------

    @classmethod
    def api_viewset(cls):
        """The API viewset of this record type (built once)."""
        if "_viewset" not in cls.__dict__:
            from lvzhi.core.api.views import viewset_for

            cls._viewset = viewset_for(cls)
        return cls._viewset


def labelled(model, lookups):
    """Prefetches of `model`'s to-many relations that also load what their records'
    labels read (an industry's parent: see `label_related`)."""
    out = []
    for lookup in lookups:
        if isinstance(lookup, str) and "__" not in lookup:
            related = model._meta.get_field(lookup).related_model
            names = getattr(related, "label_related", ())
            if names:
                lookup = Prefetch(lookup, queryset=related._default_manager.select_related(*names))
        out.append(lookup)
    return out


def record_types(app_label=None):
    """The registered record types (of one app), the app's root ("" prefix) last."""
    types = [t for t in REGISTRY.values() if app_label in (None, t.model._meta.app_label)]
    return sorted(types, key=lambda t: t.prefix == "")


def record_type(model):
    """The record type declared for `model` (a class or an instance), or None."""
    return REGISTRY.get(model._meta.label_lower)


#: model label -> functions `panel(request, obj)` giving a panel of related records from
#: another app for the record's page (a village's pairings …), so core imports no pillar app
_RELATED: dict[str, list] = {}


def register_related(model_label, panel):
    """Show `panel(request, obj)` on the pages of `model_label` records: it returns None or
    {"title": …, "items": [(text, url or None)], "testid": …} of what the user may see."""
    found = _RELATED.setdefault(model_label, [])
    if panel not in found:
        found.append(panel)


def related_panels(request, obj) -> list[dict]:
    panels = (panel(request, obj) for panel in _RELATED.get(obj._meta.label_lower, ()))
    return [p for p in panels if p]


def record_urls(app_label):
    """Every page of every record type of `app_label`, for the app's urls.py."""
    return [pattern for t in record_types(app_label) for pattern in t.urls()]
