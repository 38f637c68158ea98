"""Hostile and awkward workbooks: bombs, entities, title rows, formulas — refused or read,
always with a translated message, never a 500 or a traceback."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lvzhi.core.models import Member, Village
from tests import factories as f

VILLAGE_HEADER = ["村名", "乡镇", "所属政协"]
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    + "]>"
)
QUADRATIC = '<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + "A" * 100_000 + '">]>'


def workbook_bytes(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(data, name="data.xlsx"):
    return SimpleUploadedFile(name, data)


def with_prolog(data: bytes, prolog: str, part="xl/worksheets/sheet1.xml") -> bytes:
    """The workbook with `prolog` (a DTD) put before the root element of one part."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                text = body.decode()
                root = text.index("<worksheet")
                reference = "&lol9;" if "lol9" in prolog else "&a;" * 1000
                text = prolog + text[root:].replace("古立村", reference, 1)
                body = text.encode()
            dst.writestr(info.filename, body)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """~1.5 MB on disk, one cell of 1.5 GB inside: written in chunks, never held in memory."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    template = zipfile.ZipFile(io.BytesIO(workbook_bytes([VILLAGE_HEADER, ["x", "y", "z"]])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in template.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zf.writestr(info.filename, template.read(info))
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            fh.write(b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            chunk = b"A" * (1 << 20)
            for _ in range(1500):
                fh.write(chunk)
            fh.write(b"</t></is></c></row></sheetData></worksheet>")
    return path


def test_a_zip_bomb_is_refused_quickly_on_the_web(system, client_for, bomb, web_import):
    assert bomb.stat().st_size < 3 * 1024 * 1024
    started = time.perf_counter()
    response = web_import(client_for(system.bob), "/villages/import/", upload(bomb.read_bytes()))
    assert time.perf_counter() - started < 5
    assert "文件解压后超过 200.0 MB，已拒绝。" in response.content.decode()


def test_a_zip_bomb_is_refused_on_the_command_line(system, bomb):
    with pytest.raises(CommandError, match="文件解压后超过 200.0 MB"):
        call_command("import", "villages", str(bomb), verbosity=0)


def test_a_densely_compressed_part_is_refused(system, client_for, settings, web_import):
    # 30 MB of one repeated row: far beyond any real sheet's compression ratio.
    data = workbook_bytes([VILLAGE_HEADER] + [["古立村", "古立乡", "武宣县政协"]] * 2)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<sheetData>", b"<sheetData>" + b" " * 30_000_000)
            dst.writestr(info.filename, body)
    response = web_import(client_for(system.bob), "/villages/import/", upload(out.getvalue()))
    assert "压缩比达" in response.content.decode()
    assert Village.objects.count() == 0


@pytest.mark.parametrize("prolog", [BILLION_LAUGHS, QUADRATIC], ids=["billion-laughs", "quadratic"])
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_entity_bombs_are_a_translated_error_on_the_web(
    system, client_for, prolog, part, web_import
):
    data = workbook_bytes([VILLAGE_HEADER, ["古立村", "古立乡", "武宣县政协"]])
    if part == "xl/workbook.xml":
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                body = src.read(info)
                if info.filename == part:
                    text = body.decode()
                    body = (prolog + text[text.index("<workbook") :]).encode()
                dst.writestr(info.filename, body)
        data = out.getvalue()
    else:
        data = with_prolog(data, prolog)
    response = web_import(client_for(system.bob), "/villages/import/", upload(data))
    assert "文件声明了 XML 实体或文档类型" in response.content.decode()
    assert Village.objects.count() == 0


@pytest.mark.parametrize("prolog", [BILLION_LAUGHS, QUADRATIC], ids=["billion-laughs", "quadratic"])
def test_entity_bombs_are_a_message_on_the_command_line(system, tmp_path, prolog):
    path = tmp_path / "entities.xlsx"
    path.write_bytes(
        with_prolog(workbook_bytes([VILLAGE_HEADER, ["古立村", "古立乡", "武宣县政协"]]), prolog)
    )
    with pytest.raises(CommandError, match="文件声明了 XML 实体"):
        call_command("import", "villages", str(path), verbosity=0)


def test_too_many_rows_are_refused_from_the_sheet_dimension(
    system, client_for, settings, web_import
):
    settings.IMPORT_MAX_ROWS = 5
    rows = [VILLAGE_HEADER] + [[f"村{i}", "古立乡", "武宣县政协"] for i in range(30)]
    response = web_import(client_for(system.bob), "/villages/import/", upload(workbook_bytes(rows)))
    assert "文件超过5行。" in response.content.decode()
    assert Village.objects.count() == 0


def test_too_many_columns_are_refused(system, client_for, settings, web_import):
    settings.IMPORT_MAX_COLUMNS = 10
    rows = [VILLAGE_HEADER + [f"多余{i}" for i in range(20)], ["古立村", "古立乡", "武宣县政协"]]
    response = web_import(client_for(system.bob), "/villages/import/", upload(workbook_bytes(rows)))
    assert "文件超过 10 列。" in response.content.decode()


def test_title_rows_above_the_header_are_skipped(system, client_for, web_import):
    rows = [
        ["武宣县2025年脱贫村名单"],
        ["制表：县政协办公室"],
        VILLAGE_HEADER,
        ["古立村", "古立乡", "武宣县政协"],
    ]
    web_import(client_for(system.bob), "/villages/import/", upload(workbook_bytes(rows)))
    assert Village.objects.get().name == "古立村"


def test_no_header_row_says_what_was_expected(system, client_for, web_import):
    rows = [["名单"]] + [["甲", "乙", "丙"]] * 12
    response = web_import(client_for(system.bob), "/villages/import/", upload(workbook_bytes(rows)))
    body = response.content.decode()
    assert "前 10 行中没有找到表头，应有的列为：村名、乡镇、所属政协" in body


def test_a_partial_header_names_the_missing_columns_and_the_row(system, client_for, web_import):
    rows = [["名单"], ["村名", "人口"], ["古立村", 300]]
    response = web_import(client_for(system.bob), "/villages/import/", upload(workbook_bytes(rows)))
    body = response.content.decode()
    assert "缺少必填列：乡镇、所属政协。第2行最接近表头" in body


def test_formula_cells_are_refused_with_their_reference(system, client_for, web_import):
    f.SectorFactory(name="工商联")
    rows = [
        ["姓名", "手机", "所属政协", "界别", "届次"],
        ["韦丽", "13807720003", "武宣县政协", "工商联", "第五届"],
        ["黎胜国", '=HYPERLINK("http://evil.example","点我")', "武宣县政协", "工商联", "第五届"],
    ]
    response = web_import(client_for(system.bob), "/members/import/", upload(workbook_bytes(rows)))
    assert "第3行：B3：不接受公式" in response.content.decode()
    assert Member.objects.count() == 0
