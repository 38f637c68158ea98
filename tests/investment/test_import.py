"""The 融资需求 survey sheet: all rows or none, each bad row named with its reason."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lvzhi.investment.models import FinancingNeed
from tests import factories as f

pytestmark = pytest.mark.django_db
HEADER = ["企业名称", "所属政协", "融资金额（万元）", "用途", "期限（月）", "摸排日期"]


def xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("融资需求.xlsx", buffer.getvalue())


def test_survey_sheet_imports_amounts_in_chinese_or_nothing(system, client_for, web_import):
    f.EnterpriseFactory(committee=system.county, name="武宣糖业有限公司")
    f.EnterpriseFactory(committee=system.county, name="武宣冷链物流有限公司")
    client = client_for(system.bob)
    bad = [
        HEADER,
        ["武宣糖业有限公司", "武宣县政协", "1.2亿", "技改设备购置", 36, "2024-04-10"],
        ["武宣冷链物流有限公司", "武宣县政协", "80余万", "冷库建设", 12, "2024-04-11"],
    ]
    page = web_import(client, "/investment/financing/import/", xlsx(bad)).content.decode()
    assert "第3行" in page and FinancingNeed.objects.count() == 0
    good = [bad[0], bad[1], [*bad[2][:2], "500万元", *bad[2][3:]]]
    page = web_import(client, "/investment/financing/import/", xlsx(good)).content.decode()
    assert "已导入2条记录" in page
    amounts = dict(FinancingNeed.objects.values_list("enterprise__name", "amount"))
    assert amounts == {"武宣糖业有限公司": 12000, "武宣冷链物流有限公司": 500}
