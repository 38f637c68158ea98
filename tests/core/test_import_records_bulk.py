"""Villages and handling units import in bulk: the same rows and history as row by row,
and a clash with a stored record refused the same way (its row, the same message)."""

import io

import pytest
from openpyxl import Workbook

from lvzhi.core.importers import DepartmentImporter, VillageImporter

CASES = {
    VillageImporter: (
        ["村名", "乡镇", "所属政协", "是否脱贫村", "人口", "主导产业"],
        [
            ["古立村", "古立乡", "武宣县政协", "是", 1200, "糖料蔗"],
            ["三里村", "三里镇", "武宣县政协", "", "", ""],
            ["东乡村", "东乡镇", "武宣县政协", "否", 800, "桑蚕"],
        ],
        ["古立村", "古立乡", "武宣县政协", "", "", ""],
    ),
    DepartmentImporter: (
        ["单位名称", "简称", "所属政协", "类别", "联系人", "电话", "邮箱"],
        [
            ["武宣县农业农村局", "农业局", "武宣县政协", "", "韦丽", "0772-5212345", ""],
            ["武宣县财政局", "", "武宣县政协", "", "", "", "cz@example.cn"],
        ],
        ["武宣县财政局", "", "武宣县政协", "", "", "", ""],
    ),
}


def run(importer, actor, rows, bulk):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    return importer(actor, bulk=bulk).run(io.BytesIO(data), name="x.xlsx", size=len(data))


def forget(model, before):
    """Delete what an import wrote (the rows, then every history row of them)."""
    new = list(model.objects.exclude(pk__in=before).values_list("pk", flat=True))
    model.objects.filter(pk__in=new).delete()
    model.history.filter(id__in=new).delete()


def written(model, before):
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in {"id", "created_at", "updated_at"}
    ]
    history = [*fields, "history_type", "history_user_id"]
    return (
        sorted(model.objects.exclude(pk__in=before).values_list(*fields)),
        sorted(model.history.exclude(id__in=before).values_list(*history)),
    )


@pytest.mark.parametrize("importer", list(CASES))
def test_bulk_writes_what_row_by_row_writes(system, importer):
    header, rows, _clash = CASES[importer]
    model = importer.model
    before = set(model.objects.values_list("pk", flat=True))
    outcomes = []
    for bulk in (False, True):
        result = run(importer, system.bob, [header, *rows], bulk)
        assert result.ok and result.created == len(rows), [str(e) for e in result.errors]
        outcomes.append(written(model, before))
        forget(model, before)
    assert outcomes[0] == outcomes[1]
    assert {h[-1] for h in outcomes[1][1]} == {system.bob.pk}


@pytest.mark.parametrize("importer", list(CASES))
def test_a_clash_with_a_stored_record_is_the_same_row_error(system, importer):
    header, rows, clash = CASES[importer]
    model = importer.model
    before = set(model.objects.values_list("pk", flat=True))
    errors = []
    for bulk in (False, True):
        stored = run(importer, system.bob, [header, clash], bulk=False)
        assert stored.ok
        result = run(importer, system.bob, [header, *rows], bulk)
        errors.append([str(e) for e in result.errors])
        assert result.created == 0
        assert model.objects.exclude(pk__in=before).count() == 1
        forget(model, before)
    assert errors[0] == errors[1] and len(errors[0]) == 1
    assert errors[0][0].startswith("第")
