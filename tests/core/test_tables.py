"""Record lists write their rows in Python (BaseTable.body_html) and their selects with the
options inline: the HTML stays what django-tables2's and Django's own templates write."""

import datetime
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template
from django.test import RequestFactory
from django_tables2 import RequestConfig
from django_tables2.rows import BoundRow

import lvzhi.urls  # noqa: F401 — importing the URLs declares every record type
from lvzhi.activities.tables import RoadmapTaskTable
from lvzhi.core.models import Enterprise, Industry
from lvzhi.core.records import record_types
from lvzhi.core.tables import EnterpriseTable
from lvzhi.problems.models import Problem
from lvzhi.problems.tables import ProblemTable
from tests import factories as f
from tests.core.test_query_counts import FACTORIES, World

STOCK = "django_tables2/bootstrap5-responsive.html"


def normalized(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def rendered(table, template_name):
    request = RequestFactory().get("/list/", {"sort": "title"})
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return normalized(get_template(template_name).render({"table": table, "request": request}))


def assert_as_stock(table_class, queryset):
    ours = rendered(table_class(queryset), table_class._meta.template_name)
    assert ours == rendered(table_class(queryset), STOCK)
    return ours


@pytest.mark.django_db
def test_problem_rows_are_written_as_django_tables2_writes_them(system):
    f.ProblemFactory(committee=system.county, title="<b>难题</b>")
    f.ProblemFactory(committee=system.county, escalated_on=datetime.date(2024, 3, 9))
    html = assert_as_stock(ProblemTable, Problem.objects.all())
    assert "&lt;b&gt;难题&lt;/b&gt;" in html  # escaped, once
    assert '<td data-label="#"><a href="/problems/' in html
    assert 'class="d-md-table-cell d-none">企业' in html  # shown from the md breakpoint


@pytest.mark.django_db
def test_row_attributes_many_to_many_cells_and_the_empty_list_as_before(system):
    f.RoadmapTaskFactory(committee=system.county, due_date=datetime.date(2020, 1, 1))
    f.RoadmapTaskFactory(committee=system.county, due_date=datetime.date(2999, 1, 1))
    html = assert_as_stock(RoadmapTaskTable, f.RoadmapTaskFactory._meta.model.objects.all())
    assert '<tr class="table-danger even">' in html and ">2020-01-01<" in html
    enterprise = f.EnterpriseFactory(committee=system.county)
    enterprise.industries.add(*Industry.objects.all()[:2])
    assert_as_stock(EnterpriseTable, Enterprise.objects.prefetch_related("industries"))
    empty = assert_as_stock(ProblemTable, Problem.objects.none())
    assert re.search(r'<tr><td colspan="11">[^<]+</td></tr>', empty)


@pytest.mark.django_db
@pytest.mark.parametrize("config", record_types(), ids=lambda t: t.model._meta.label_lower)
def test_every_list_is_written_as_django_tables2_writes_it(config, system):
    """Plain columns (a field's value, its choice's label, a date; linked or not) are
    written without django-tables2's cell path: every list, with its relations filled."""
    world = World(system)
    for _ in range(2):
        FACTORIES[config.model._meta.label_lower](world)
    queryset = config.queryset(system.alice)
    html = assert_as_stock(config.table, queryset)
    assert html.count("<tr ") >= 2


@pytest.mark.django_db
def test_an_empty_date_shows_and_exports_the_default_a_date_exports_as_iso(system):
    problem = f.ProblemFactory(committee=system.county, escalated_on=datetime.date(2024, 3, 9))
    f.ProblemFactory(committee=system.county)
    table = ProblemTable(Problem.objects.order_by("pk"))
    rows = [BoundRow(p, table=table) for p in table.data]
    assert [r.get_cell("escalated_on") for r in rows] == ["2024年3月9日", "—"]
    assert [r.get_cell_value("escalated_on") for r in rows] == ["2024-03-09", "—"]
    assert rows[0].record == problem


class ChoicesForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "---"), ("城市", [("a", "甲 & 乙"), ("b", "丙")]), ("c", "丁")]
    )
    kinds = forms.MultipleChoiceField(choices=[("a", "甲"), ("b", "乙"), ("c", "丙")])
    answered = forms.NullBooleanField()
    plain = forms.ChoiceField(
        choices=[("x", "X")], widget=forms.Select(attrs={"class": "form-select", "disabled": True})
    )


def test_selects_write_their_options_inline_as_django_writes_them():
    form = ChoicesForm({"kind": "b", "kinds": ["a", "c"], "answered": "false"})
    stock = DjangoTemplates()  # Django's own form templates, not the project's
    for field in form:
        widget, attrs = field.field.widget, {"id": field.auto_id, "required": True}
        ours = widget.render(field.html_name, field.value(), attrs)
        assert "<option" in ours
        assert normalized(ours) == normalized(
            widget.render(field.html_name, field.value(), attrs, renderer=stock)
        )
