"""The year's figures (数据见证担当) for the whole system and for one county, at scale, on
PostgreSQL, side by side with a naive per-record count.

    .venv/bin/python bench/reports_bench.py --database-url postgresql://postgres@127.0.0.1:5432/lvzhi_reports_bench \
        --committees 3200 --activities 400000 --participations 2000000 --problems 500000 --runs 7

The data is generated in the database (INSERT … SELECT generate_series), once: a database
that already holds it is reused. Measured, interleaved A, B, A, B …:

- `figures: system`   every registered indicator for the whole system and the year
                      (reports.selectors.report: one aggregate query per indicator, in SQL)
- `naive: system`     the same totals counted record by record in Python from the year's
                      rows (what a report written without the registry does)
- `figures: county`   the same for one county
- `dashboard: system` the figures with the year before and every grouping the dashboard
                      draws (committee, month, industry, split)

The figures and the naive counts are compared: they must be equal. Medians and ratios go to
bench/results/reports.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def setup(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


STAMP = "now(), now(), 1"


def generate(args):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM activities_participation")
        if c.fetchone()[0] >= args.participations:
            print("data present: reused")
            return
        print("generating …", flush=True)
        started = time.perf_counter()
        c.execute(
            "TRUNCATE core_committee, core_sector, core_industry, problems_problemcategory CASCADE"
        )
        c.execute(
            f"""
            INSERT INTO core_committee (created_at, updated_at, version, name, short_name, level,
                                        sort_order, parent_id)
            VALUES ({STAMP}, '全国', '全国', 'city', 0, NULL);
            INSERT INTO core_committee (created_at, updated_at, version, name, short_name, level,
                                        sort_order, parent_id)
            SELECT {STAMP}, '政协' || g, 'c' || g, 'county', g,
                   (SELECT min(id) FROM core_committee)
            FROM generate_series(1, {args.committees - 1}) g;
            INSERT INTO core_sector (created_at, updated_at, version, name, sort_order)
            SELECT {STAMP}, '界别' || g, g FROM generate_series(1, 30) g
            ON CONFLICT DO NOTHING;
            INSERT INTO core_industry (created_at, updated_at, version, name, kind, code,
                                       description, sort_order)
            SELECT {STAMP}, '产业' || g, 'industry', '', '', g FROM generate_series(1, 20) g;
            """
        )
        c.execute(
            f"""
            CREATE TEMP TABLE cm AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id
            FROM core_committee;
            CREATE INDEX ON cm (i);
            INSERT INTO core_person (created_at, updated_at, version, published, name, gender,
                ethnicity, employer, mobile, email, address, profile, committee_id)
            SELECT {STAMP}, false, '委员' || g, '', '', '', '', '', '', '',
                   (SELECT id FROM cm WHERE i = g % {args.committees})
            FROM generate_series(1, {args.members}) g;
            INSERT INTO core_member (created_at, updated_at, version, published, term, member_no,
                position, is_active, committee_id, person_id, sector_id)
            SELECT {STAMP}, false, '第五届', p.id::text, 'member', true, p.committee_id, p.id,
                   (SELECT min(id) FROM core_sector) + p.id % 30
            FROM core_person p;
            CREATE TEMP TABLE mb AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id,
                committee_id FROM core_member;
            CREATE TEMP TABLE kd AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id
                FROM activities_activitykind;
            INSERT INTO activities_activity (created_at, updated_at, version, published, title,
                start_date, half_days, place, summary, destinations, speakers, media_link,
                committee_id, kind_id)
            SELECT {STAMP}, true, '活动' || g, date '2023-01-01' + ((g::bigint * 7919) % 730)::int, 1, '',
                   '', '', '', '', (SELECT id FROM cm WHERE i = (g * 31) % {args.committees}),
                   (SELECT id FROM kd WHERE i = g % (SELECT count(*) FROM kd))
            FROM generate_series(1, {args.activities}) g;
            INSERT INTO activities_activity_industries (activity_id, industry_id)
            SELECT a.id, (SELECT min(id) FROM core_industry) + a.id % 20
            FROM activities_activity a WHERE a.id % 3 = 0;
            CREATE TEMP TABLE ac AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id,
                committee_id FROM activities_activity;
            CREATE INDEX ON ac (i);
            INSERT INTO activities_participation (created_at, updated_at, version, published,
                role, attendance, note, activity_id, committee_id, member_id)
            SELECT {STAMP}, true, 'participant',
                   CASE WHEN g % 10 = 0 THEN 'invited' ELSE 'attended' END, '', ac.id,
                   ac.committee_id,
                   (SELECT min(id) FROM core_member)
                   + (g / {args.activities} + (g % {args.activities}) * 7) % {args.members}
            FROM generate_series(0, {args.participations - 1}) g
            JOIN ac ON ac.i = g % {args.activities};
            INSERT INTO core_enterprise (created_at, updated_at, version, published, name,
                credit_code, is_member_enterprise, legal_representative, address, phone,
                description, committee_id)
            SELECT {STAMP}, false, '企业' || id, '', false, '', '', '', '', id FROM core_committee;
            INSERT INTO problems_problemcategory (created_at, updated_at, version, name,
                days_normal, days_urgent, days_critical, is_active, sort_order)
            VALUES ({STAMP}, '融资', 15, 5, 3, true, 0) ON CONFLICT DO NOTHING;
            CREATE TEMP TABLE en AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id,
                committee_id FROM core_enterprise;
            CREATE INDEX ON en (i);
            INSERT INTO problems_problem (created_at, updated_at, version, published, title,
                description, urgency, service_team, source, registered_on, state, solution,
                satisfaction, committee_id, enterprise_id, category_id, industry_id, deadline,
                answered_on, answered_on_time, resolved_on)
            SELECT {STAMP}, false, '难题' || g, '', 'normal', '', '',
                   date '2023-01-01' + (g * 7) % 720,
                   (ARRAY['registered','assigned','in_progress','answered','confirmed','closed',
                          'closed','closed'])[1 + g % 8],
                   '', '', en.committee_id, en.id, (SELECT min(id) FROM problems_problemcategory),
                   (SELECT min(id) FROM core_industry) + g % 20,
                   date '2023-01-20' + (g * 7) % 720,
                   CASE WHEN g % 8 >= 3 THEN date '2023-01-15' + (g * 7) % 720 END,
                   CASE WHEN g % 8 >= 3 THEN g % 5 <> 0 END,
                   CASE WHEN g % 8 >= 4 THEN date '2023-01-25' + (g * 7) % 720 END
            FROM generate_series(0, {args.problems - 1}) g
            JOIN en ON en.i = g % {args.committees};
            ANALYZE;
            """
        )
        print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def naive_totals(keys, q):
    """Every record of the year read, each checked and counted in Python."""
    from lvzhi.core.indicators import indicator

    out = {}
    for key in keys:
        ind = indicator(key)
        qs = ind.queryset().filter(
            **{f"{ind.date_field}__gte": q.start, f"{ind.date_field}__lt": q.end}
        )
        n = 0
        committees = q.committee_ids
        for committee_id in qs.values_list(
            f"{ind.committee_field}_id" if "__" not in ind.committee_field else ind.committee_field,
            flat=True,
        ).iterator(chunk_size=5000):
            if committees is None or committee_id in committees:
                n += 1
        out[key] = n
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--committees", type=int, default=3200)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=400_000)
    parser.add_argument("--participations", type=int, default=2_000_000)
    parser.add_argument("--problems", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection

    from lvzhi.core.indicators import all_indicators
    from lvzhi.core.models import Committee
    from lvzhi.reports import selectors

    generate(args)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    county = Committee.objects.filter(parent__isnull=False).order_by("pk")[5]
    period = selectors.parse_period({"year": 2024}, 2024)
    keys = [i.key for i in all_indicators()]

    def figures(scope, groupings=(), previous=False):
        return selectors.report(
            user, scope_value=scope, period=period, groupings=groupings, previous=previous
        )

    cases = {
        "figures: system": lambda: figures("all"),
        "naive: system": lambda: naive_totals(
            keys, selectors.build_query(user, scope_value="all", period=period)
        ),
        "figures: county": lambda: figures(str(county.pk)),
        "naive: county": lambda: naive_totals(
            keys, selectors.build_query(user, scope_value=str(county.pk), period=period)
        ),
        "dashboard: system": lambda: figures("all", selectors.GROUPINGS, previous=True),
    }
    # the figures must be the naive count, exactly
    for scope in ("all", str(county.pk)):
        fast = {f.indicator.key: f.values["n"] for f in figures(scope).figures}
        slow = naive_totals(keys, selectors.build_query(user, scope_value=scope, period=period))
        assert fast == slow, (scope, fast, slow)
    times = {name: [] for name in cases}
    for _run in range(args.runs):
        for name, fn in cases.items():  # interleaved: A, B, A, B …
            started = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - started) * 1000)
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM activities_participation")
        rows = c.fetchone()[0]
    lines = [
        f"{args.committees} committees, {rows:,} participations, {args.activities:,} activities, "
        f"{args.problems:,} problems; {len(keys)} indicators; {args.runs} runs interleaved; ms",
        "",
        "| case | median ms | p95 ms | naive ÷ figures |",
        "|---|---:|---:|---:|",
    ]
    med = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        p95 = sorted(t)[max(0, round(0.95 * len(t)) - 1)]
        ratio = ""
        if name.startswith("figures"):
            ratio = f"{med[name.replace('figures', 'naive')] / med[name]:.1f}×"
        lines.append(f"| {name} | {med[name]:.0f} | {p95:.0f} | {ratio} |")
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "results" / "reports.md"
    out.write_text("# Figures of the year\n\n" + text + "\n")


if __name__ == "__main__":
    main()
