"""Exports are safe to open: text that looks like a formula stays text, booleans read 是/否."""

import io
import os
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests import factories as f

HOSTILE = [
    '=HYPERLINK("http://evil.example","点我")',
    "+86 138",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
]


def _members_export(system, client_for):
    for i, name in enumerate(HOSTILE):
        person = f.PersonFactory(committee=system.county, name=name, employer=f"-{i}")
        f.MemberFactory(committee=system.county, person=person, is_active=i % 2 == 0)
    response = client_for(system.bob).get("/members/", {"export": "xlsx"})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_formula_like_text_comes_back_as_text(system, client_for):
    data = _members_export(system, client_for)
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in ws[1]]
    cells = [row[header.index("姓名")] for row in ws.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(HOSTILE)
    for c in cells:
        assert c.data_type == "s", c.value
        assert c.quotePrefix, c.value  # Excel keeps it text when the cell is edited
    active = [row[header.index("在任")].value for row in ws.iter_rows(min_row=2)]
    assert sorted(active) == sorted(["是", "否"] * 3)


# .ci/run installs LibreOffice, so in CI (CI=true) this runs, and fails if it is missing.
@pytest.mark.skipif(
    not shutil.which("soffice") and not os.environ.get("CI"),
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)
def test_libreoffice_shows_the_original_text(system, client_for, tmp_path):
    (tmp_path / "members.xlsx").write_bytes(_members_export(system, client_for))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(tmp_path / "members.xlsx")],
        check=True, capture_output=True, timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    text = (tmp_path / "members.csv").read_text(encoding="utf-8")
    assert HOSTILE[0].replace('"', '""') in text
    assert "@SUM(A1)" in text and "-2+3" in text and "+86 138" in text
    assert "#NAME" not in text and "Err:" not in text


def test_numbers_stay_numbers(system):
    from openpyxl import Workbook

    from lvzhi.core.excel import append_row

    ws = Workbook(write_only=True).create_sheet()
    cells = []
    ws.append = cells.extend
    append_row(ws, [-3, -1.5, "-1", True, None])
    assert [(c.value, c.data_type) for c in cells] == [
        (-3, "n"),
        (-1.5, "n"),
        ("-1", "s"),
        ("是", "s"),
        ("", "s"),
    ]
    assert not cells[0].quotePrefix and cells[2].quotePrefix
