"""Excel in and out: templates, all-or-nothing imports with row errors, filtered exports."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from lvzhi.core.models import Enterprise, Member, Village
from tests import factories as f


def xlsx(rows, name="data.xlsx"):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


MEMBER_HEADER = ["姓名", "性别", "手机", "所属政协", "界别", "届次", "政协职务"]


def test_member_import_creates_members_and_history(system, client_for, web_import):
    f.SectorFactory(name="工商联")
    client = client_for(system.bob)
    upload = xlsx(
        [
            MEMBER_HEADER,
            ["黎胜国", "男", "13807720002", "武宣县政协", "工商联", "第五届", "常委"],
            ["韦丽", "女", "13807720003", "武宣县", "工商联", "第五届", ""],
        ]
    )
    page = web_import(client, "/members/import/", upload)
    assert "已导入2条记录" in page.content.decode()
    members = Member.objects.order_by("person__name")
    assert [m.person.name for m in members] == ["韦丽", "黎胜国"]
    assert Member.objects.get(person__name="黎胜国").position == "standing"
    assert Member.objects.get(person__name="韦丽").history.get().history_user == system.bob


def test_one_bad_row_imports_nothing_and_names_the_row(system, client_for, web_import):
    f.SectorFactory(name="经济界")
    client = client_for(system.bob)
    rows = [MEMBER_HEADER] + [
        [f"委员{i}", "男", f"1380772{i:04d}", "武宣县政协", "经济界", "第五届", ""]
        for i in range(10)
    ]
    rows.append(["委员X", "男", "13807729999", "武宣县政协", "工商联", "第五届", ""])
    page = web_import(client, "/members/import/", xlsx(rows))
    assert "第12行：界别“工商联”不存在" in page.content.decode()
    assert Member.objects.count() == 0


def test_import_refuses_another_countys_committee(system, client_for, web_import):
    client = client_for(system.bob)
    upload = xlsx([["村名", "乡镇", "所属政协"], ["古立村", "古立乡", "象州县政协"]])
    page = web_import(client, "/villages/import/", upload)
    assert "第2行" in page.content.decode()
    assert Village.objects.count() == 0


def test_duplicate_rows_in_one_file_are_reported(system, client_for, web_import):
    client = client_for(system.bob)
    upload = xlsx(
        [
            ["村名", "乡镇", "所属政协"],
            ["古立村", "古立乡", "武宣县政协"],
            ["古立村", "古立乡", "武宣县政协"],
        ]
    )
    page = web_import(client, "/villages/import/", upload)
    assert "第3行" in page.content.decode()
    assert Village.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_refused_on_the_form(system, client_for):
    upload = SimpleUploadedFile("a.csv", b"a,b")
    response = client_for(system.bob).post("/villages/import/", {"file": upload})
    assert response.status_code == 400
    assert "只能导入.xlsx格式的文件" in response.content.decode()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("a.xlsx", b"not a zip"), "xlsx"),
        (None, "缺少必填列"),
        ("empty", "没有数据"),
    ],
)
def test_bad_files_get_a_clear_error(system, client_for, web_import, upload, message):
    if upload is None:
        upload = xlsx([["村名"], ["古立村"]])
    elif upload == "empty":
        upload = xlsx([["村名", "乡镇", "所属政协"]])
    page = web_import(client_for(system.bob), "/villages/import/", upload)
    assert 'data-testid="job-errors"' in page.content.decode()
    assert message in page.content.decode()


def test_oversized_file_is_refused(system, client_for, settings):
    settings.IMPORT_MAX_BYTES = 100
    upload = xlsx([["村名", "乡镇", "所属政协"], ["古立村", "古立乡", "武宣县政协"]])
    response = client_for(system.bob).post("/villages/import/", {"file": upload})
    assert response.status_code == 400
    assert Village.objects.count() == 0


def test_template_download_has_the_columns(system, client_for):
    response = client_for(system.bob).get("/enterprises/import/?template=1")
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header = [c.value for c in wb.worksheets[0][1]]
    assert header[:3] == ["企业名称", "所属政协", "统一社会信用代码"]


def test_member_cannot_import(system, client_for):
    response = client_for(system.carol).post("/villages/import/", {"file": xlsx([["村名"]])})
    assert response.status_code == 403


def test_import_command_with_progress_and_errors(system, tmp_path):
    path = tmp_path / "enterprises.xlsx"
    path.write_bytes(
        xlsx([["企业名称", "所属政协", "所属产业"], ["怡黄木业", "来宾市政协", "绿色家居"]]).read()
    )
    with pytest.raises(CommandError):
        call_command("import", "enterprises", str(path), verbosity=0)
    assert Enterprise.objects.count() == 0
    f.IndustryFactory(name="绿色家居")
    call_command("import", "enterprises", str(path), verbosity=0)
    enterprise = Enterprise.objects.get(name="怡黄木业")
    assert [i.name for i in enterprise.industries.all()] == ["绿色家居"]
    assert enterprise.history.first().history_user.username == "system"


def test_export_applies_filters_and_visibility(system, client_for):
    f.EnterpriseFactory(committee=system.county, name="广西东糖集团")
    f.EnterpriseFactory(committee=system.county, name="怡黄木业")
    f.EnterpriseFactory(committee=system.other, name="邻县企业")
    response = client_for(system.bob).get("/enterprises/", {"q": "东糖", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0] == "名称"
    assert [r[0] for r in rows[1:]] == ["广西东糖集团"]
    response = client_for(system.bob).get("/enterprises/", {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert "邻县企业" not in [r[0].value for r in ws.iter_rows()]
