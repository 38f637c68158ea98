"""Benchmark of the duty-performance score and the duty record page, against naive baselines.

    .venv/bin/python bench/activities_bench.py                 # SQLite file under /tmp
    .venv/bin/python bench/activities_bench.py --database-url postgresql://postgres@127.0.0.1:5432/lvzhi_bench

Generates a city-scale system with bulk_create (7 committees, 1,000 members, 5 years,
30,000 activities, 300,000 participations, 30,000 output items, one rule set with a shared
cap and grade bands), then measures, as medians of several runs:

* all members' scores for one year: `scoring.compute_scores` (one pass, rule tables compiled
  once) against a naive baseline (per member: load the rule set's rules, then the member's
  participations with their activities, match each against every rule);
* the duty record page of a typical and of the busiest member (Django test client, city staff
  signed in), against
  a naive baseline that gathers the same data lazily (per-row queries) and renders the same
  template.

Prints a Markdown table and writes it to bench/results/activities.md.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--database-url", default="sqlite:////tmp/lvzhi-bench-activities.sqlite3")
parser.add_argument("--members", type=int, default=1000)
parser.add_argument("--activities", type=int, default=30000)
parser.add_argument("--participations", type=int, default=300000)
parser.add_argument("--years", type=int, default=5)
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--page-runs", type=int, default=20)
parser.add_argument("--reuse", action="store_true", help="keep an already generated database")
args = parser.parse_args()

os.environ["DATABASE_URL"] = args.database_url
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ["DEBUG"] = "0"
os.environ["ALLOWED_HOSTS"] = "testserver"
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ[name] = "0"
os.environ["SECURE_HSTS_SECONDS"] = "0"
# test_settings: plain static storage (no collectstatic manifest needed)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lvzhi.test_settings")
sys.path.insert(0, str(ROOT / "src"))

import django  # noqa: E402

django.setup()

from decimal import Decimal  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from lvzhi.activities import models as am  # noqa: E402
from lvzhi.activities.choices import Attendance  # noqa: E402
from lvzhi.activities.scoring import compute_scores  # noqa: E402
from lvzhi.core import models as cm  # noqa: E402
from lvzhi.core.choices import CommitteeLevel, Role  # noqa: E402

FIRST_YEAR = 2021
YEAR = FIRST_YEAR + args.years - 2  # a full year in the middle


def reset_database():
    if args.database_url.startswith("sqlite:///"):
        path = Path(args.database_url.removeprefix("sqlite:///"))
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


@transaction.atomic
def generate():
    rng = random.Random(7)
    city = cm.Committee.objects.create(
        name="来宾市政协", short_name="来宾市", level=CommitteeLevel.CITY
    )
    committees = [city] + [
        cm.Committee.objects.create(
            name=f"{n}政协",
            short_name=n,
            parent=city,
            sort_order=i + 1,
            level=CommitteeLevel.COUNTY,
        )
        for i, n in enumerate(["兴宾区", "合山市", "象州县", "武宣县", "忻城县", "金秀县"])
    ]
    sectors = cm.Sector.objects.bulk_create(cm.Sector(name=f"界别{i}") for i in range(20))
    User = get_user_model()
    member_user = User.objects.create_user("bench-member", password="x")
    staff = User.objects.create_user("bench-staff", password="x")
    cm.RoleAssignment.objects.create(user=staff, committee=city, role=Role.STAFF)
    cm.RoleAssignment.objects.create(user=member_user, committee=city, role=Role.MEMBER)
    persons = cm.Person.objects.bulk_create(
        cm.Person(
            committee=committees[i % 7], name=f"委员{i:04d}", user=member_user if i == 0 else None
        )
        for i in range(args.members)
    )
    members = cm.Member.objects.bulk_create(
        cm.Member(committee=committees[i % 7], person=p, sector=sectors[i % 20], term="第五届")
        for i, p in enumerate(persons)
    )
    by_committee = {c.pk: [m for m in members if m.committee_id == c.pk] for c in committees}
    kinds = list(am.ActivityKind.objects.all())
    activities = []
    for i in range(args.activities):
        year = FIRST_YEAR + i % args.years
        c = committees[i % 7]
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        activities.append(
            am.Activity(
                committee=c,
                kind=kinds[i % len(kinds)],
                title=f"活动{i}",
                start_date=day,
                half_days=rng.randint(1, 4),
            )
        )
    activities = am.Activity.objects.bulk_create(activities, batch_size=2000)
    per = args.participations // args.activities
    parts, items = [], []
    roles = ["participant"] * 6 + ["lead", "speaker"]
    states = [Attendance.ATTENDED] * 17 + [
        Attendance.EXCUSED,
        Attendance.ABSENT,
        Attendance.INVITED,
    ]
    for a in activities:
        pool = by_committee[a.committee_id]
        chosen = rng.sample(pool, per)
        if a.committee_id == city.pk and rng.random() < 0.3 and members[0] not in chosen:
            chosen[0] = members[0]  # the measured member takes part in many activities
        for mem in chosen:
            parts.append(
                am.Participation(
                    activity=a,
                    committee_id=a.committee_id,
                    member=mem,
                    role=rng.choice(roles),
                    attendance=rng.choice(states),
                )
            )
        items.append(
            am.ReportItem(
                activity=a,
                committee_id=a.committee_id,
                kind=rng.choice(["problem", "recommendation", "suggestion"]),
                text=f"建议{a.pk}",
            )
        )
        if len(parts) >= 20000:
            am.Participation.objects.bulk_create(parts, batch_size=5000)
            parts = []
    am.Participation.objects.bulk_create(parts, batch_size=5000)
    am.ReportItem.objects.bulk_create(items, batch_size=5000)
    rs = am.RuleSet.objects.create(committee=city, name="积分办法", year=FIRST_YEAR)
    cap = am.ScoreCap.objects.create(ruleset=rs, committee=city, name="活动类", limit=40)
    code = {k.code: k for k in kinds}
    rule = lambda **kw: am.Rule.objects.create(ruleset=rs, committee=city, **kw)  # noqa: E731
    rule(label="全会", event="activity", activity_kind=code["plenary"], points=5, unit="half_day")
    rule(label="常委会", event="activity", activity_kind=code["standing"], points=5)
    rule(label="牵头", event="activity", role="lead", points=8, cap=cap)
    rule(label="发言", event="activity", role="speaker", points=6, cap=cap)
    rule(label="参加", event="activity", points=5, cap=cap)
    rule(
        label="缺席全会",
        event="attendance",
        activity_kind=code["plenary"],
        attendance="absent",
        points=-5,
    )
    rule(label="缺席", event="attendance", attendance="absent", points=-1)
    for name, lo, hi in (
        ("优秀", 90, None),
        ("良好", 80, 89.9),
        ("称职", 60, 79.9),
        ("不称职", -999, 59.9),
    ):
        am.GradeBand.objects.create(
            ruleset=rs, committee=city, name=name, min_score=lo, max_score=hi
        )
    return members[0]


# -- naive baselines ---------------------------------------------------------------------------


def naive_scores(year):
    """Per member: its committee's rule set, its rules, its participations (one query each)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    out = {}
    for member in cm.Member.objects.all():
        committee = member.committee
        ruleset = None
        while committee is not None and ruleset is None:
            ruleset = (
                am.RuleSet.objects.filter(committee=committee, year__lte=year)
                .order_by("-year")
                .first()
            )
            committee = committee.parent
        if ruleset is None:
            out[member.pk] = Decimal(0)
            continue
        rules = list(ruleset.rules.all())
        caps = {c.pk: c.limit for c in ruleset.caps.all()}
        used, total = {}, Decimal(0)
        rows = (
            am.Participation.objects.filter(
                member=member, activity__start_date__gte=start, activity__start_date__lt=end
            )
            .select_related("activity")
            .order_by("activity__start_date", "activity_id")
        )
        for p in rows:
            best, rank = None, -1
            for r in rules:
                if p.attendance == "attended" and r.event == "activity":
                    ok = r.activity_kind_id in (None, p.activity.kind_id) and r.role in ("", p.role)
                elif p.attendance in ("excused", "absent") and r.event == "attendance":
                    ok = (
                        r.activity_kind_id in (None, p.activity.kind_id)
                        and r.attendance == p.attendance
                    )
                else:
                    ok = False
                score = (r.activity_kind_id is not None) * 2 + bool(r.role)
                if ok and score > rank:
                    best, rank = r, score
            if best is None:
                continue
            pts = best.points * (p.activity.half_days if best.unit == "half_day" else 1)
            if pts > 0 and best.cap_id:
                room = caps[best.cap_id] - used.get(best.cap_id, 0)
                pts = max(Decimal(0), min(pts, room))
                used[best.cap_id] = used.get(best.cap_id, 0) + pts
            total += pts
        out[member.pk] = total
    return out


def naive_duty_record(member, year):
    """The page's data gathered lazily (a query per row), rendered with the same template."""
    from lvzhi.activities.choices import ReportItemKind
    from lvzhi.activities.selectors import DutyRecord

    parts = list(am.Participation.objects.filter(member=member, activity__start_date__year=year))
    for p in parts:
        p.outputs = {k: p.activity.items.filter(kind=k).count() for k, _l in ReportItemKind.choices}
        str(p.activity.kind), str(p.activity.committee)
    score = compute_scores([member], year)[member.pk]
    record = DutyRecord(member, year, parts, {}, [], score, {})
    return render_to_string(
        "activities/duty_record.html",
        {
            "record": record,
            "member": member,
            "year": year,
            "years": [year],
            "kinds": ReportItemKind.choices,
        },
    )


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    started = time.perf_counter()
    reused = args.reuse and _has_data()
    if not reused:
        reset_database()
        generate()
    gen_seconds = time.perf_counter() - started
    generated = (
        "database reused (--reuse)" if reused else f"generated in {gen_seconds:.1f} s (bulk_create)"
    )
    members = list(cm.Member.objects.all())
    fast = compute_scores(members, YEAR, explain=False)
    slow = naive_scores(YEAR)
    assert all(fast[k].total == slow[k] for k in slow), "engine and baseline disagree"
    t_fast = median_time(
        lambda: compute_scores(list(cm.Member.objects.all()), YEAR, explain=False), args.runs
    )
    t_explain = median_time(lambda: compute_scores(list(cm.Member.objects.all()), YEAR), args.runs)
    t_slow = median_time(lambda: naive_scores(YEAR), max(1, args.runs // 2))

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-staff"))
    # A typical member (the median number of activities in the year) and the busiest one.
    per_member = sorted(
        am.Participation.objects.filter(activity__start_date__year=YEAR)
        .values_list("member_id")
        .annotate(n=Count("id"))
        .values_list("n", "member_id")
    )
    page_rows = []
    for label, (n_rows, member_id) in (
        ("typical", per_member[len(per_member) // 2]),
        ("busiest", per_member[-1]),
    ):
        m = cm.Member.objects.select_related("person", "committee", "sector").get(pk=member_id)
        url = reverse("activities:duty_record", args=[m.pk]) + f"?year={YEAR}"
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        t_page = median_time(lambda url=url: client.get(url), args.page_runs)
        t_naive = median_time(lambda m=m: naive_duty_record(m, YEAR), args.page_runs)
        page_rows.append((label, n_rows, t_page, t_naive))
    counts = {
        "committees": cm.Committee.objects.count(),
        "members": cm.Member.objects.count(),
        "activities": am.Activity.objects.count(),
        "participations": am.Participation.objects.count(),
        "participations in the year": am.Participation.objects.filter(
            activity__start_date__year=YEAR
        ).count(),
    }
    db = connection.vendor
    lines = [
        f"## Activities benchmark ({db}, {datetime.date.today():%Y-%m-%d})",
        "",
        f"Data: {', '.join(f'{v:,} {k}' for k, v in counts.items())}; "
        f"{generated}. Medians of {args.runs} runs "
        f"(pages: {args.page_runs}). Command: `.venv/bin/python bench/activities_bench.py"
        f"{'' if db == 'sqlite' else ' --database-url …'}`",
        "",
        "| measurement | lvzhi | naive baseline | speed-up | aim |",
        "|---|---:|---:|---:|---|",
        f"| all {counts['members']:,} members' scores for {YEAR} (ranking, no explanation) | "
        f"{t_fast * 1000:.0f} ms | {t_slow * 1000:.0f} ms | {t_slow / t_fast:.1f}× | < 5 s |",
        f"| all members' scores for {YEAR}, every line explained | {t_explain * 1000:.0f} ms | "
        f"{t_slow * 1000:.0f} ms | {t_slow / t_explain:.1f}× | < 5 s |",
        *(
            f"| duty record page of the {label} member ({n} activities, Django test client) | "
            f"{tp * 1000:.1f} ms | {tn * 1000:.1f} ms | {tn / tp:.1f}× | < 100 ms |"
            for label, n, tp, tn in page_rows
        ),
        "",
        "Naive baselines: scores — per member, one query for the rule set, one for its rules "
        "and one for the member's participations, each matched against every rule; page — "
        "the same data gathered lazily (one query per row) and rendered with the same template "
        "(no request overhead, so the comparison favours the baseline).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / ("activities.md" if db == "sqlite" else f"activities-{db}.md")).write_text(text)


def _has_data():
    try:
        return am.Participation.objects.count() >= args.participations * 0.9
    except Exception:  # noqa: BLE001 - no tables yet
        return False


if __name__ == "__main__":
    main()
