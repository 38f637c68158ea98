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
import datetime
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
                ethnicity, employer, mobile, email, address, profile, name_pinyin, name_strokes,
                committee_id)
            SELECT {STAMP}, false, '委员' || g, '', '', '', '', '', '', '', 'weiyuan', '',
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
                description, name_pinyin, committee_id)
            SELECT {STAMP}, false, '企业' || id, '', false, '', '', '', '', 'qiye', id
            FROM core_committee;
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
        generate_proposals(args)
        print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def generate_proposals(args):
    """Proposals over 2023–2024, one session a year per committee, through the bulk path."""
    import random

    from django.db import connection

    from lvzhi.core import bulk
    from lvzhi.core.models import Committee, Industry, Person, Sector
    from lvzhi.proposals.models import Proposal, ProposalSession

    if not args.proposals:
        return
    rng = random.Random(7)
    committees = list(Committee.objects.values_list("pk", flat=True))
    sessions = []
    for year in (2023, 2024):
        rows = [
            {"committee_id": c, "term": 5, "sitting": year - 2020, "year": year, "published": True}
            for c in committees
        ]
        bulk.insert_rows(ProposalSession, rows, ids=True)
        sessions.append({r["committee_id"]: r["id"] for r in rows})
    lead = dict(
        Person.objects.order_by("committee_id", "pk")
        .distinct("committee_id")
        .values_list("committee_id", "pk")
    )
    sectors = list(Sector.objects.values_list("pk", flat=True))
    industries = list(Industry.objects.values_list("pk", flat=True))
    states = ["closed"] * 70 + ["rated"] * 6 + ["released"] * 3 + ["assigned"] * 6
    states += ["accepted"] + ["rejected"] * 5 + ["merged"] * 4 + ["converted"] * 5
    chunk = 100_000
    for start in range(0, args.proposals, chunk):
        rows = []
        for i in range(start, min(start + chunk, args.proposals)):
            c = committees[i % len(committees)]
            year = 2023 + i % 2
            state = rng.choice(states)
            submitted = datetime.date(year, 1, 5) + datetime.timedelta(days=rng.randrange(300))
            row = {
                "committee_id": c,
                "session_id": sessions[year - 2023][c],
                "year": year,
                "published": True,
                "kind": "individual",
                "lead_id": lead.get(c),
                "sector_id": rng.choice(sectors),
                "title": f"关于产业发展的建议{i}",
                "state": state,
                "submitted_on": submitted,
            }
            if state not in ("rejected", "merged", "converted"):
                row.update(serial=i, accepted_on=submitted + datetime.timedelta(days=14))
            if state not in ("rejected", "merged", "converted", "accepted"):
                assigned = submitted + datetime.timedelta(days=20)
                row.update(assigned_on=assigned, deadline=assigned + datetime.timedelta(days=91))
                row["met_on"] = assigned + datetime.timedelta(days=9) if i % 7 else None
                if state != "assigned":
                    row.update(
                        replied_on=assigned + datetime.timedelta(days=60),
                        replied_on_time=i % 13 != 0,
                        reply_class="AAAAABBBC"[i % 9],
                    )
                if state in ("rated", "closed"):
                    row["result_rating"] = ["satisfied"] * 8 + ["basically", "not_satisfied"]
                    row["result_rating"] = row["result_rating"][i % 10]
            rows.append(row)
        bulk.insert_rows(Proposal, rows, ids=True)
        bulk.insert_rows(
            Proposal.industries.through,
            [
                {"proposal_id": r["id"], "industry_id": industries[r["id"] % len(industries)]}
                for r in rows
            ],
        )
        print(f"  proposals: {start + len(rows):,}", flush=True)
    with connection.cursor() as c:
        c.execute("ANALYZE")


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


def _values(report):
    return {f.indicator.key: f.values for f in report.figures}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--committees", type=int, default=3200)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=400_000)
    parser.add_argument("--participations", type=int, default=2_000_000)
    parser.add_argument("--problems", type=int, default=500_000)
    parser.add_argument("--proposals", type=int, default=0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Count

    from lvzhi.core import tallies
    from lvzhi.core.indicators import all_indicators
    from lvzhi.core.models import Committee, TallyState
    from lvzhi.core.tallies import marks as tally_marks
    from lvzhi.problems.models import Problem
    from lvzhi.reports import selectors

    generate(args)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    county = Committee.objects.filter(parent__isnull=False).order_by("pk")[5]
    period = selectors.parse_period({"year": 2024}, 2024)
    keys = [i.key for i in all_indicators()]
    # the naive count counts records: the indicators whose figure is a plain record count
    plain = [
        i.key
        for i in all_indicators()
        if i.dashboard
        and type(n := i.aggregates.get("n")) is Count
        and n.filter is None
        and not n.distinct
    ]
    kept = [i for i in all_indicators() if tallies.tallied(i)]

    # the data was written in SQL, past the write hooks: build every tally once, timed
    rebuild = {}
    if not TallyState.objects.exists():
        for ind in kept:
            started = time.perf_counter()
            rebuild[ind.key] = (tallies.rebuild(ind), time.perf_counter() - started)
            print(
                f"  rebuilt {ind.key}: {rebuild[ind.key][0]:,} rows in {rebuild[ind.key][1]:.1f} s",
                flush=True,
            )

    class counted:
        """The code before the summary tables: every figure counted over the records."""

        def __enter__(self):
            self.saved = tallies.totals, tallies.groups
            tallies.totals = lambda inds, q: {}
            tallies.groups = lambda inds, q, by: {}

        def __exit__(self, *exc):
            tallies.totals, tallies.groups = self.saved

    def figures(scope, groupings=(), previous=False):
        return selectors.report(
            user, scope_value=scope, period=period, groupings=groupings, previous=previous
        )

    def counting(fn):
        def run():
            with counted():
                return fn()

        return run

    problem = Problem.objects.filter(committee=county).order_by("pk").first()

    def write():
        """One problem's state changed and committed; the writer recounts its committee."""
        with transaction.atomic():
            p = Problem.objects.get(pk=problem.pk)
            p.state = "closed" if p.state != "closed" else "confirmed"
            p.resolved_on = datetime.date(2024, 6, 3)
            p.save()

    def plain_write():
        """The same write with the summary tables' marks switched off (the code before)."""
        saved = tally_marks.mark
        tally_marks.mark = lambda pairs: None
        try:
            write()
        finally:
            tally_marks.mark = saved

    def naive(scope):
        return lambda: naive_totals(
            plain, selectors.build_query(user, scope_value=scope, period=period)
        )

    def dashboard():
        """What the dashboard page asks: the year before, each figure by what it is drawn by."""
        return selectors.report(
            user,
            scope_value="all",
            period=period,
            groupings=selectors.GROUPINGS,
            previous=True,
            drawn_only=True,
        )

    cases = {
        "system: tallies": lambda: figures("all"),
        "system: counted": counting(lambda: figures("all")),
        "system: naive": naive("all"),
        "county: tallies": lambda: figures(str(county.pk)),
        "county: counted": counting(lambda: figures(str(county.pk))),
        "county: naive": naive(str(county.pk)),
        "dashboard: tallies": dashboard,
        "dashboard: counted": counting(dashboard),
        "write: tallies": write,
        "write: counted": plain_write,
    }
    # the tallies, the counts and the naive count agree, exactly (and after a write)
    write()
    for scope in ("all", str(county.pk)):
        fast = figures(scope)
        with counted():
            slow = figures(scope)
        slowest = naive(scope)()
        assert _values(fast) == _values(slow), scope
        mine = {k: v["n"] for k, v in _values(fast).items() if k in plain}
        assert mine == slowest, scope
    times = {name: [] for name in cases}
    for _run in range(args.runs):
        for name, fn in cases.items():  # interleaved: A, B, A, B …
            started = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - started) * 1000)
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM activities_participation")
        rows = c.fetchone()[0]
        c.execute("SELECT count(*) FROM core_tally")
        tally_rows = c.fetchone()[0]
    lines = [
        f"{args.committees} committees, {rows:,} participations, {args.activities:,} activities, "
        f"{args.problems:,} problems, {args.proposals:,} proposals; {len(keys)} indicators "
        f"({len(kept)} kept in {tally_rows:,} tally rows); {args.runs} runs interleaved; ms",
        "",
        "| case | median ms | p95 ms | counted ÷ tallies | naive ÷ tallies |",
        "|---|---:|---:|---:|---:|",
    ]
    med = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        p95 = sorted(t)[max(0, round(0.95 * len(t)) - 1)]
        ratios = ["", ""]
        if name.endswith("tallies"):
            for i, other in enumerate(("counted", "naive")):
                base = name.replace("tallies", other)
                if base in med:
                    ratios[i] = f"{med[base] / med[name]:.1f}×"
        lines.append(f"| {name} | {med[name]:.1f} | {p95:.1f} | {ratios[0]} | {ratios[1]} |")
    if rebuild:
        lines += ["", "Full rebuild of the tallies (once, after the data was written in SQL):", ""]
        lines += [f"- {key}: {n:,} rows, {sec:.1f} s" for key, (n, sec) in rebuild.items()]
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "results" / "reports.md"
    out.write_text("# Figures of the year\n\n" + text + "\n")


if __name__ == "__main__":
    main()
