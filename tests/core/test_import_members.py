"""Member imports: normalised text, every error of every row, likely duplicates, the bulk
path equal to the row-by-row one, history attribution, progress in both phases."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from lvzhi.core.importers import MemberImporter
from lvzhi.core.models import Job, Member, Person
from lvzhi.text.models import SearchDocument
from tests import factories as f

HEADER = [
    "姓名",
    "性别",
    "出生年份",
    "工作单位及职务",
    "手机",
    "所属政协",
    "界别",
    "届次",
    "政协职务",
]


def xlsx_bytes(rows, write_only=False):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet() if write_only else wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def run_import(actor, rows, *, bulk=True, progress=None):
    data = xlsx_bytes(rows)
    return MemberImporter(actor, bulk=bulk).run(
        io.BytesIO(data), name="m.xlsx", size=len(data), progress=progress
    )


@pytest.fixture
def sector(db):
    return f.SectorFactory(name="经济界")


def test_traditional_and_full_width_text_is_normalised_before_matching(
    system, client_for, sector, web_import
):
    rows = [
        HEADER,
        [
            "  黎勝國 ",
            "男",
            "１９７０",
            "廣西東糖集團",
            "１３８０７７２０００２",
            "來賓市政協",
            "經濟界",
            "第五屆",
            "委員",
        ],
    ]
    web_import(
        client_for(system.alice), "/members/import/", SimpleUploadedFile("m.xlsx", xlsx_bytes(rows))
    )
    member = Member.objects.select_related("person", "committee").get()
    assert member.person.name == "黎胜国"
    assert member.person.mobile == "13807720002"
    assert member.person.birth_year == 1970
    assert member.person.employer == "广西东糖集团"
    assert member.committee == system.city
    assert member.term == "第五届"


def test_every_error_of_every_row_is_reported(system, client_for, sector, web_import):
    rows = [HEADER]
    rows += [
        ["韦丽", "女性", "一九七〇", "", "12345", "武宣县政协", "工商联", "第五届", "组长"],
        ["", "男", "1970", "", "13807720002", "象州县政协", "经济界", "", ""],
    ]
    response = web_import(
        client_for(system.bob), "/members/import/", SimpleUploadedFile("m.xlsx", xlsx_bytes(rows))
    )
    body = response.content.decode()
    for message in [
        "第2行：性别“女性”不存在",
        "第2行：出生年份“一九七〇”不是整数",
        "第2行：界别“工商联”不存在",
        "第2行：政协职务“组长”不存在",
        "第2行：手机",  # the mobile validator's message
        "第3行：姓名为必填项",
        "第3行：届次为必填项",
        "第3行：无权在“象州县政协”下录入记录",
    ]:
        assert message in body, message
    assert Member.objects.count() == 0


def test_the_error_workbook_holds_every_error_for_its_user_only(
    system, client_for, sector, web_import
):
    rows = [HEADER] + [
        [f"委员{i}", "男", "", "", f"1380772{i:04d}", "武宣县政协", "工商联", "第五届", ""]
        for i in range(250)
    ]
    client = client_for(system.bob)
    response = web_import(
        client, "/members/import/", SimpleUploadedFile("m.xlsx", xlsx_bytes(rows))
    )
    body = response.content.decode()
    assert body.count("界别“工商联”不存在") == 200
    assert "共250处错误，未导入任何数据。" in body
    job = Job.objects.get()
    report = client.get(f"/jobs/{job.pk}/download/")
    ws = load_workbook(io.BytesIO(b"".join(report.streaming_content))).worksheets[0]
    rows_out = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows_out[0] == ["行", "列名", "说明"]
    assert len(rows_out) == 251
    assert rows_out[1] == [2, "界别", "界别“工商联”不存在"]
    other = client_for(system.alice).get(f"/jobs/{job.pk}/download/")
    assert other.status_code == 404


def test_likely_duplicates_are_flagged_and_do_not_stop_the_import(system, sector):
    on_file = f.PersonFactory(
        committee=system.county, name="韦丽", mobile="13807720003", birth_year=1975
    )
    f.MemberFactory(person=on_file, committee=system.county, sector=sector, term="第四届")
    f.PersonFactory(committee=system.county, name="黄海", mobile="13807720009", birth_year=1968)
    rows = [
        HEADER,
        ["韦丽", "女", 1975, "", "13807720003", "武宣县政协", "经济界", "第五届", ""],
        ["黄海", "男", 1968, "", "13900000001", "武宣县政协", "经济界", "第五届", ""],
        ["蓝天", "男", 1980, "", "", "武宣县政协", "经济界", "第五届", ""],
        ["蓝天", "男", 1980, "", "13900000002", "武宣县政协", "经济界", "第五届", ""],
    ]
    result = run_import(system.bob, rows)
    assert result.ok, [str(e) for e in result.errors]
    warnings = [str(w) for w in result.warnings]
    assert "第2行：与已登记的韦丽姓名、手机相同：委员职务将加到此人名下" in warnings
    assert "第3行：疑似重复：本政协已登记1968年出生的黄海" in warnings
    assert "第5行：疑似与第4行重复：同一政协内姓名和出生年份相同" in warnings
    assert len(warnings) == 3
    assert on_file.memberships.count() == 2


def test_a_seat_already_on_file_is_a_row_error(system, sector):
    person = f.PersonFactory(committee=system.county, name="韦丽", mobile="13807720003")
    f.MemberFactory(person=person, committee=system.county, sector=sector, term="第五届")
    rows = [HEADER, ["韦丽", "女", "", "", "13807720003", "武宣县政协", "经济界", "第五届", ""]]
    for bulk in (True, False):
        result = run_import(system.bob, rows, bulk=bulk)
        assert [str(e) for e in result.errors] == ["第2行：韦丽已是武宣县政协第五届委员"]


def _snapshot(before):
    """What an import wrote: the rows, history rows and index entries not there `before`."""
    persons = Person.objects.exclude(pk__in=before["persons"])
    names = dict(Person.objects.values_list("pk", "name"))
    return (
        sorted(
            (p.name, p.mobile, p.committee_id, p.version, p.gender, p.birth_year, p.employer)
            for p in Person.objects.filter(
                pk__in=[*persons.values_list("pk", flat=True), before["on_file"]]
            )
        ),
        sorted(
            (
                names[m.person_id],
                m.person.mobile,
                m.committee_id,
                m.sector_id,
                m.term,
                m.position,
                m.version,
            )
            for m in Member.objects.exclude(pk__in=before["members"]).select_related("person")
        ),
        sorted(
            (h.name, h.mobile, h.history_type, h.version, h.history_user_id)
            for h in Person.history.exclude(pk__in=before["person_history"])
        )
        + sorted(
            (names.get(h.person_id), h.committee_id, h.history_type, h.version, h.history_user_id)
            for h in Member.history.exclude(pk__in=before["member_history"])
        ),
        sorted(
            (d.kind, d.title, d.body, d.committee_id)
            for d in SearchDocument.objects.exclude(pk__in=before["docs"])
        ),
    )


def test_the_bulk_path_writes_what_the_row_by_row_path_writes(system, sector):
    on_file = f.PersonFactory(committee=system.county, name="韦丽", mobile="13807720003")
    rows = [
        HEADER,
        [
            "黎胜国",
            "男",
            1970,
            "广西东糖集团",
            "13807720002",
            "来宾市政协",
            "经济界",
            "第五届",
            "常委",
        ],
        ["黎胜国", "男", 1970, "广西东糖集团", "13807720002", "武宣县政协", "经济界", "第五届", ""],
        ["韦丽", "女", "", "", "13807720003", "来宾市政协", "经济界", "第五届", ""],
        ["蓝天", "男", 1980, "怡黄木业", "", "武宣县政协", "经济界", "第五届", ""],
    ]
    before = {
        "on_file": on_file.pk,
        "persons": list(Person.objects.values_list("pk", flat=True)),
        "members": list(Member.objects.values_list("pk", flat=True)),
        "person_history": list(Person.history.values_list("pk", flat=True)),
        "member_history": list(Member.history.values_list("pk", flat=True)),
        "docs": list(SearchDocument.objects.values_list("pk", flat=True)),
    }
    outcomes = []
    for bulk in (False, True):
        result = run_import(system.alice, rows, bulk=bulk)
        assert result.ok and result.created == 4
        outcomes.append(_snapshot(before))
        Member.objects.exclude(pk__in=before["members"]).delete()
        Person.objects.exclude(pk__in=before["persons"]).delete()
        Person.objects.filter(pk=on_file.pk).update(version=1)
        Member.history.exclude(pk__in=before["member_history"]).delete()
        Person.history.exclude(pk__in=before["person_history"]).delete()
        SearchDocument.objects.exclude(pk__in=before["docs"]).delete()
    assert outcomes[0] == outcomes[1]
    persons, members, history, docs = outcomes[1]
    assert len(persons) == 3 and len(members) == 4
    assert ("黎胜国", "13807720002", "~", 2, system.alice.pk) in history
    assert ("韦丽", "13807720003", "~", 2, system.alice.pk) in history
    assert {d[1] for d in docs} == {"黎胜国", "韦丽", "蓝天"}


def test_bulk_import_across_batches_is_complete_and_attributed(system, sector):
    rows = [HEADER] + [
        [f"委员{i}", "男", 1960 + i % 40, "", f"139{i:08d}", "武宣县政协", "经济界", "第五届", ""]
        for i in range(4500)
    ]
    data = xlsx_bytes(rows, write_only=True)
    calls = []
    result = MemberImporter(system.bob).run(
        io.BytesIO(data), name="m.xlsx", size=len(data), progress=lambda *a: calls.append(a)
    )
    assert result.ok and result.created == 4500
    assert Member.objects.count() == Person.objects.filter(name__startswith="委员").count() == 4500
    assert set(Member.history.values_list("history_user", "history_type")) == {(system.bob.pk, "+")}
    assert set(
        Person.history.filter(name__startswith="委员").values_list("history_user", "history_type")
    ) == {(system.bob.pk, "+")}
    imported = Person.objects.filter(name__startswith="委员").values("pk")
    assert SearchDocument.objects.filter(kind="core.person", object_id__in=imported).count() == 4500
    phases = [c[0] for c in calls]
    assert phases[0] == "checking" and phases[-1] == "saving"
    assert ("checking", 4500, 4500) in calls and ("saving", 4500, 4500) in calls
    assert len([c for c in calls if c[0] == "saving"]) >= 3


def test_one_bad_row_in_a_bulk_import_saves_nothing(system, sector):
    rows = [HEADER] + [
        [f"委员{i}", "男", "", "", f"139{i:08d}", "武宣县政协", "经济界", "第五届", ""]
        for i in range(50)
    ]
    rows.append(["坏行", "男", "", "", "139", "武宣县政协", "经济界", "第五届", ""])
    result = run_import(system.bob, rows)
    assert not result.ok
    assert Member.objects.count() == Person.objects.filter(name__startswith="委员").count() == 0


def test_the_command_shows_progress_across_both_phases(system, sector, tmp_path, capsys):
    path = tmp_path / "m.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [HEADER, ["韦丽", "女", "", "", "13807720003", "武宣县政协", "经济界", "第五届", ""]]
        )
    )
    call_command("import", "members", str(path), "--actor", "bob")
    err = capsys.readouterr().err
    assert "checking members" in err and "saving members" in err
    assert Member.objects.get().history.get().history_user == system.bob


def test_the_command_writes_the_error_report(system, sector, tmp_path):
    path, report = tmp_path / "m.xlsx", tmp_path / "errors.xlsx"
    path.write_bytes(
        xlsx_bytes([HEADER, ["韦丽", "女", "", "", "1", "武宣县政协", "工商联", "", ""]])
    )
    with pytest.raises(CommandError):
        call_command("import", "members", str(path), "--report", str(report), verbosity=0)
    ws = load_workbook(report).worksheets[0]
    assert ws.max_row == 4  # header + sector, term, mobile
