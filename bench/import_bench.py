"""Benchmark of the member import: the row-by-row path and the bulk path, side by side.

    .venv/bin/python bench/import_bench.py [--rows 2000] [--runs 3] [--big 100000]
        [--big-runs 3] [--postgres]

Generates N member rows into an .xlsx written the way Excel writes it (shared strings),
with committees, sectors and the importing user set up in a fresh database (SQLite in a
temporary folder, or DATABASE_URL with --postgres), settings as in production (DEBUG off).
Then, interleaved (A, B, A, B …), it runs `lvzhi import members` end to end — read, check,
save, history, search index — row by row (`--row-by-row`, the reference) and in bulk,
emptying the members between runs; then the bulk path --big-runs times at --big rows.
Each run's wall time, CPU time (this process and the index workers it forked) and the
load average are recorded. Prints medians and ratios, and writes
bench/results/import-<database>.md.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
HEADER = [
    "姓名",
    "性别",
    "民族",
    "出生年份",
    "工作单位及职务",
    "手机",
    "邮箱",
    "所属政协",
    "界别",
    "届次",
    "委员编号",
    "政协职务",
    "是否在任",
]
COUNTIES = [
    "来宾市政协",
    "兴宾区政协",
    "合山市政协",
    "象州县政协",
    "武宣县政协",
    "忻城县政协",
    "金秀瑶族自治县政协",
]
SECTORS = ["中共", "民革", "民盟", "经济界", "农业界", "教育界", "工商联", "无党派人士"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力胜国海波宁"
EMPLOYERS = [
    "广西{}糖业有限公司总经理",
    "{}钙基新材料公司董事长",
    "{}县农业农村局副局长",
    "来宾{}家居有限公司总经理",
    "{}冷链物流公司经理",
]


def setup_django(postgres: bool, folder: Path):
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # The bench empties the database it runs on.
        sys.exit("--postgres needs DATABASE_URL=postgresql://… naming a scratch database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    # As in production: with DEBUG on, Django would also keep the text of every query.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["IMPORT_MAX_BYTES"] = str(64 * 1024 * 1024)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def write_xlsx(path: Path, n: int, seed: int = 9):
    """Rows into an .xlsx with a shared-strings table, as Excel and WPS save them."""
    from xml.sax.saxutils import escape

    rng = random.Random(seed)
    strings, index = [], {}

    def s(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    rows = []
    for i in range(n + 1):
        if i == 0:
            values = HEADER
        else:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            values = [
                name,
                rng.choice("男女"),
                "汉族",
                1950 + rng.randrange(50),
                rng.choice(EMPLOYERS).format(rng.choice(SURNAMES)),
                f"139{i:08d}",
                "",
                rng.choice(COUNTIES),
                rng.choice(SECTORS),
                "第五届",
                f"M{i:06d}",
                "委员",
                "是",
            ]
        cells = []
        for c, v in enumerate(values):
            ref = f"{chr(65 + c)}{i + 1}"
            if isinstance(v, int):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{s(v)}</v></c>')
        rows.append(f'<row r="{i + 1}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><dimension ref="A1:M{n + 1}"/>'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    sst = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings)
        + "</sst>"
    )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="委员" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)


def seed_reference_data():
    from django.contrib.auth import get_user_model

    from lvzhi.core.choices import CommitteeLevel, Role
    from lvzhi.core.models import Committee, RoleAssignment, Sector

    city = Committee.objects.create(
        name=COUNTIES[0], short_name="来宾市", level=CommitteeLevel.CITY
    )
    for name in COUNTIES[1:]:
        Committee.objects.create(
            name=name, short_name=name[:-2], level=CommitteeLevel.COUNTY, parent=city
        )
    for name in SECTORS:
        Sector.objects.create(name=name)
    user = get_user_model().objects.create_user("bench-staff", password="x")
    RoleAssignment.objects.create(user=user, committee=city, role=Role.STAFF)
    return user


def clear_members():
    """Empty the tables an import writes, in plain DELETEs (no per-row signals)."""
    from django.db import connection

    from lvzhi.core.models import Member, Person
    from lvzhi.text.models import SearchDocument

    models = [Member.history.model, Member, Person.history.model, Person, SearchDocument]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def timed_import(path: Path, row_by_row: bool) -> dict:
    """One import from an empty member list: wall and CPU seconds, the load average."""
    from django.core.management import call_command

    clear_members()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, started = time.process_time(), time.perf_counter()
    args = ["import", "members", str(path), "--actor", "bench-staff"]
    call_command(*args, *(["--row-by-row"] if row_by_row else []), verbosity=0)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return {
        "wall": wall,
        "cpu": time.process_time() - cpu,
        "workers": workers,
        "load": os.getloadavg()[0],
    }


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        setup_django(args.postgres, folder)
        from django.db import connection

        from lvzhi.core.models import Member

        seed_reference_data()
        small, big = folder / "small.xlsx", folder / "big.xlsx"
        write_xlsx(small, args.rows)
        write_xlsx(big, args.big)
        old, new = [], []
        for run in range(args.runs):
            old.append(timed_import(small, row_by_row=True))
            new.append(timed_import(small, row_by_row=False))
            print(f"run {run + 1}: row by row {old[-1]}, bulk {new[-1]}", flush=True)
        big_runs = []
        for run in range(args.big_runs):
            big_runs.append(timed_import(big, row_by_row=False))
            assert Member.objects.count() == args.big
            print(f"bulk at {args.big:,} rows, run {run + 1}: {big_runs[-1]}", flush=True)
        vendor = connection.vendor

    def line(path, rows, runs, ratio=""):
        wall = median(runs, "wall")
        return (
            f"| {vendor} | {path} | {rows:,} | {wall:.2f} s | {wall / rows * 1000:.2f} ms | "
            f"{median(runs, 'cpu'):.2f} s + {median(runs, 'workers'):.2f} s | "
            f"{median(runs, 'load'):.1f} | {ratio} |"
        )

    per_row_old = median(old, "wall") / args.rows
    lines = [
        line("row by row", args.rows, old),
        line("bulk", args.rows, new, f"{median(old, 'wall') / median(new, 'wall'):.1f}×"),
        line(
            "bulk", args.big, big_runs, f"{per_row_old * args.big / median(big_runs, 'wall'):.0f}×"
        ),
    ]
    header = [
        "| database | path | rows | median wall | per row | median CPU (+ index workers) "
        "| load average | ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    table = "\n".join([*header, *lines])
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"import-{vendor}.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
