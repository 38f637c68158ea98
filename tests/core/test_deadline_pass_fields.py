"""The daily pass loads only the fields a workflow declares its label reads
(`DeadlineRules.label_fields`): a label reading another field would load it record by
record, one query each."""

import pytest

from lvzhi.core.records import record_types


def _workflows_with_deadlines():
    for record_type in record_types():
        rules = getattr(record_type.workflow, "deadlines", None)
        if rules is not None:
            yield record_type.workflow


@pytest.mark.django_db
@pytest.mark.parametrize(
    "workflow", list(_workflows_with_deadlines()), ids=lambda w: w.model.__name__
)
def test_the_label_reads_only_the_fields_the_pass_loads(workflow, django_assert_num_queries):
    model = workflow.model
    loaded = workflow.deadlines.loaded(workflow)
    assert loaded, f"{type(workflow).__name__}.deadlines declares no label_fields"
    names = [model._meta.get_field("id" if f == "pk" else f).attname for f in loaded]
    values = [1 if name in ("id", "committee_id") else "x" for name in names]
    record = model.from_db("default", names, values)
    with django_assert_num_queries(0):
        workflow.label(record)
