"""Generic record views: list, detail, edit, delete, history, import — one set for every model.

A model gets all of them by declaring a `core.records.RecordType` (see core/views/records.py);
the app's urls.py takes them from `record_urls(app_label)`. Every view starts from
`Model.objects.visible_to(request.user)`; every write goes through the record type's `save`
and `delete` services, the same ones its API calls.
"""

import datetime
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models as dj_models
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from lvzhi.core import jobs, permissions
from lvzhi.core.downloads import file_response
from lvzhi.core.errors import ConflictError, DomainError
from lvzhi.core.excel import XLSX_CONTENT_TYPE, export_filename, table_rows, xlsx_response
from lvzhi.core.forms import ImportForm, style_widgets
from lvzhi.core.history import history_entries
from lvzhi.core.importers import ImportFileError
from lvzhi.core.paging import PER_PAGE, CappedPaginator
from lvzhi.core.records import related_panels
from lvzhi.core.scope import selected_scope
from lvzhi.core.visibility import is_committee_owned


class RecordView(LoginRequiredMixin, View):
    config = None  # the core.records.RecordType

    @property
    def model(self):
        return self.config.model

    def get_object(self):
        # Never by id alone: an invisible record is a 404, as if it did not exist.
        return get_object_or_404(self.config.queryset(self.request.user), pk=self.kwargs["pk"])

    def url(self, action="", obj=None):
        name = f"{self.model.url_base.split(':')[0]}:{self.config.url_name(action)}"
        return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)

    def base_context(self, **extra):
        meta = self.model._meta
        return {
            "model_name": meta.verbose_name,
            "model_name_plural": meta.verbose_name_plural,
            "list_url": self.url("list"),
            "can_add": permissions.can_add(self.request.user, self.model),
            "can_import": bool(self.config.importer)
            and permissions.can_add(self.request.user, self.model),
            "import_url": self.url("import") if self.config.importer else None,
            **extra,
        }


class ObjectListView(RecordView):
    template_name = "core/object_list.html"

    def get(self, request):
        data = request.GET.copy()
        if is_committee_owned(self.model) and "scope" not in data:
            data["scope"] = selected_scope(request)
        filterset, queryset = self.config.filtered(data, request)
        style_widgets(filterset.form, small=True)
        table = self.config.table(queryset)
        if request.GET.get("export") == "xlsx":
            name = str(self.model._meta.verbose_name_plural)
            if queryset.count() > settings.EXPORT_ASYNC_ROWS:
                # A long list is written by the worker; the job page hands out the file.
                job = jobs.export_start(
                    actor=request.user,
                    views=self.config,
                    query=data.urlencode(),
                    filename=export_filename(name),
                    title=name,
                )
                return redirect(job)
            headers, rows = table_rows(table, queryset)
            return xlsx_response(export_filename(name), name, headers, rows)
        paginate = {"per_page": PER_PAGE, "paginator_class": CappedPaginator}
        RequestConfig(request, paginate=paginate).configure(table)
        paginator = getattr(table, "paginator", None)
        context = self.base_context(
            table=table,
            filterset=filterset,
            total=paginator.count if paginator else len(queryset),
            total_capped=getattr(paginator, "capped", False),
            add_url=self.url("add"),
            export_query=_with_export(request),
        )
        template = "core/includes/list_results.html" if request.htmx else self.template_name
        return render(request, template, context)


def _with_export(request):
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return params.urlencode()


class ObjectDetailView(RecordView):
    def get(self, request, pk):
        return render_detail(self.config, request, self.get_object())


def render_detail(config, request, obj, *, bound_step=None, status=200):
    """The detail page of `obj`; `bound_step` (action, form) shows a step form's errors."""
    user = request.user

    def url(action):
        return reverse(f"{obj.url_base.split(':')[0]}:{config.url_name(action)}", args=[obj.pk])

    meta = config.model._meta
    context = {
        "model_name": meta.verbose_name,
        "model_name_plural": meta.verbose_name_plural,
        "list_url": reverse(f"{obj.url_base.split(':')[0]}:{config.url_name('list')}"),
        "object": obj,
        "fields": detail_rows(obj, config.detail_fields or config.form._meta.fields, user),
        "can_change": permissions.can_change(user, obj),
        "can_delete": permissions.can_delete(user, obj),
        "edit_url": url("edit"),
        "delete_url": url("delete"),
        "history_url": url("history"),
        "tab": "detail",
        "related_panels": related_panels(request, obj),
    }
    if config.workflow is not None:
        context.update(config.workflow.page_context(user, obj, bound_step))
    context.update(config.detail_context(request, obj))
    return render(request, config.detail_template, context, status=status)


class ObjectEditView(RecordView):
    template_name = "core/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object() if "pk" in kwargs else None
        if self.object is None and not self.may_add(request.user):
            raise PermissionDenied(_("You may not add records here."))
        if self.object is not None and not permissions.can_change(request.user, self.object):
            raise PermissionDenied(_("You may not change this record."))
        return super().dispatch(request, *args, **kwargs)

    def may_add(self, user) -> bool:
        if self.config.form.add_right == permissions.REPORT:
            return permissions.can_report(user, self.model)
        return permissions.can_add(user, self.model)

    def get_form(self, data=None, files=None):
        instance = self.object or self.model()
        form = self.config.form(data=data, files=files, instance=instance, user=self.request.user)
        if self.object is None and "committee" in form.fields:
            home = form.fields["committee"].queryset.first()
            form.initial["committee"] = home.pk if home else None
        return form

    def render_form(self, form, status=200):
        context = self.base_context(
            form=form,
            object=self.object,
            similar_field=form[self.config.similar_field] if self.config.similar_field else None,
            similar_fields=self.similar_fields(form),
            similar_kind=self.model._meta.label_lower,
            add_title=self.config.add_title,
            cancel_url=self.object.get_absolute_url() if self.object else self.url("list"),
        )
        return render(self.request, self.template_name, context, status=status)

    def similar_fields(self, form) -> list:
        """The fields the 相似记录 panel sends while the form is written: the title, the case
        and the suggestions where the record type names its sections (查重 then compares
        part with part), else the one `similar_field`."""
        if not self.config.similar_field:
            return []
        search = self.config.search or {}
        if "sections" not in search:
            return [form[self.config.similar_field]]
        names = [search["title"], *(n for part in search["sections"] for n in _names(part))]
        return [form[name] for name in names if name in form.fields]

    def get(self, request, pk=None):
        return self.render_form(self.get_form())

    def post(self, request, pk=None):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = self.save(form)
            except ConflictError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                add_validation_error(form, exc)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.messages)
            else:
                messages.success(request, _("Saved %(record)s.") % {"record": obj})
                return redirect(obj.get_absolute_url())
        return self.render_form(form, status=400)

    def save(self, form):
        return self.config.save(
            actor=self.request.user,
            instance=form.save(commit=False),
            m2m=form.m2m_values(),
            expected_version=form.cleaned_data.get("version") if self.object else None,
            inputs=form.service_inputs(),
        )


def add_validation_error(form, exc):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ObjectDeleteView(RecordView):
    template_name = "core/object_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        if not permissions.can_delete(request.user, self.object):
            raise PermissionDenied(_("You may not delete this record."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(request, self.template_name, self.base_context(object=self.object))

    def post(self, request, pk):
        try:
            self.config.delete(actor=request.user, instance=self.object)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(self.object.get_absolute_url())
        messages.success(request, _("Deleted %(record)s.") % {"record": self.object})
        return redirect(self.url("list"))


class ObjectHistoryView(RecordView):
    template_name = "core/object_history.html"

    def get(self, request, pk):
        obj = self.get_object()
        context = self.base_context(
            object=obj,
            entries=history_entries(obj),
            history_url=self.url("history", obj),
            tab="history",
        )
        return render(request, self.template_name, context)


class ObjectImportView(RecordView):
    template_name = "core/object_import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_add(request.user, self.model):
            raise PermissionDenied(_("You may not import records here."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("template"):
            buffer = io.BytesIO()
            self.config.importer(request.user).template().save(buffer)
            buffer.seek(0)
            label = _("template")
            name = f"{self.model._meta.verbose_name_plural}-{label}.xlsx"
            return FileResponse(
                buffer, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE
            )
        return render(request, self.template_name, self.base_context(form=ImportForm()))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        context = self.base_context(form=form)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                self.config.importer(request.user).check_upload(upload.name, upload.size)
            except ImportFileError as exc:
                form.add_error("file", exc.message)
            else:
                # The rows are checked and saved by the worker; the job page shows how far.
                job = jobs.import_start(
                    actor=request.user,
                    importer=self.config.importer,
                    upload=upload,
                    model_name=self.model._meta.verbose_name_plural,
                )
                return redirect(job)
        return render(request, self.template_name, context, status=400)


class ObjectFileView(RecordView):
    """An uploaded file of a record the user may see; for anyone else a 404."""

    def get(self, request, pk, field):
        if field not in self.config.file_fields:
            raise Http404
        return file_response(getattr(self.get_object(), field))


def detail_rows(obj, field_names, user):
    """[(label, text, url or None)] for the detail page; a related record is a link only
    when `user` may open it (a unit sees a problem, not the enterprise's own page)."""
    rows = []
    for name in field_names:
        field = obj._meta.get_field(name)
        label = field.verbose_name
        if field.many_to_many:
            items = list(getattr(obj, name).all())
            rows.append((label, "、".join(str(i) for i in items) or "—", None))
            continue
        value = getattr(obj, name)
        url = None
        if isinstance(field, dj_models.ForeignKey | dj_models.OneToOneField) and value is not None:
            linkable = hasattr(value, "get_absolute_url") and getattr(value, "url_base", "")
            if linkable and (
                not is_committee_owned(type(value)) or permissions.can_view(user, value)
            ):
                url = value.get_absolute_url()
        if field.choices:
            text = getattr(obj, f"get_{name}_display")()
        elif isinstance(field, dj_models.BooleanField):
            text = _("yes") if value else _("no")
        elif isinstance(value, datetime.datetime):
            # the same format as the lists' date columns
            text = formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        elif isinstance(value, datetime.date):
            text = formats.date_format(value, "SHORT_DATE_FORMAT")
        else:
            text = value
        rows.append((label, text if text not in (None, "") else "—", url))
    return rows


def _names(fields) -> tuple:
    return (fields,) if isinstance(fields, str) else tuple(fields)
