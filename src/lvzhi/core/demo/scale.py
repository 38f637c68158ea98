"""A committee system at scale, for benchmarks and for anyone: `lvzhi demo --scale N`.

On top of the demo system (its logins, dictionaries, the city and its six counties), N
counties — the demo's six first, then generated ones — and the city each get the same
number of members, enterprises and, from the pillar apps, activities, participations,
problems …, all written through the bulk service (`services.record_create_many`: one COPY
on PostgreSQL, one prepared INSERT on SQLite, with history rows and the search index).

At `--scale 6` (seven committees) the figures below make 1,050 members, 3,010 enterprises,
30,100 activities, 301,000 participations and 199,500 problems: about 1.1 million rows with
their history. `--fraction F` multiplies every per-committee figure (tests use 0.001).

Pillar apps add their part from AppConfig.ready() with `register_part(name, build, rows)`,
so core imports none of them: `build(ctx)` writes the app's records through
`ctx.create(...)`, `rows` is {record: per committee} (`ctx.quota(record)` reads it back).
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lvzhi.core import bulk
from lvzhi.core.choices import CommitteeLevel
from lvzhi.core.models import Committee, Department, Enterprise, Industry, Member, Person, Sector
from lvzhi.core.services import bulk_writes, record_create_many

from . import structure as S

#: Instances handed to the bulk service at a time (memory stays flat at any size).
CHUNK = 20_000

#: Rows per committee at fraction 1 (core's own records).
CORE_ROWS = {"members": 150, "enterprises": 430}

#: Handling units a committee has at least, at any fraction (a generated county's own).
UNITS = 8


@dataclass
class Part:
    name: str
    build: object
    rows: dict


#: The pillar apps' parts, in registration order (after core's).
PARTS: list[Part] = []


def register_part(name, build, rows):
    """A pillar app's scale data: `build(ctx)` runs after core's records exist; `rows` is
    {record name: rows per committee at fraction 1}, for the quotas and the progress bar."""
    PARTS.append(Part(name, build, dict(rows)))


@dataclass
class ScaleContext:
    """What a part builds on: the committees and the records core made for each of them."""

    actor: object
    fraction: float
    rng: random.Random
    today: datetime.date
    progress: object = None
    committees: list = field(default_factory=list)
    members: dict = field(default_factory=dict)  # committee id -> [member id]
    enterprises: dict = field(default_factory=dict)  # committee id -> [enterprise id]
    units: dict = field(default_factory=dict)  # committee id -> [department id]
    industries: list = field(default_factory=list)  # industry ids
    counts: Counter = field(default_factory=Counter)  # model -> rows written
    quotas: dict = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The five years the records spread over, this one last."""
        return list(range(self.today.year - 4, self.today.year + 1))

    def quota(self, record: str) -> int:
        """Rows of `record` for one committee: its figure × the fraction, at least 1."""
        return max(1, round(self.quotas[record] * self.fraction))

    def create(self, instances, keep=True) -> list:
        """Write new records through the bulk service, CHUNK at a time; returns the
        instances with their primary keys set (none with keep=False, to save memory).
        Accepts any iterable of one model."""
        done, chunk = [], []
        for instance in instances:
            chunk.append(instance)
            if len(chunk) == CHUNK:
                self._write(chunk)
                done += chunk if keep else []
                chunk = []
        if chunk:
            self._write(chunk)
            done += chunk if keep else []
        return done

    def insert(self, model, rows: list[dict]):
        """Plain rows of a table that is not a record type (no history), in bulk."""
        for start in range(0, len(rows), CHUNK):
            batch = rows[start : start + CHUNK]
            bulk.insert_rows(model, batch)
            self._advance(model, len(batch))

    def _write(self, chunk):
        record_create_many(actor=self.actor, instances=chunk)
        self._advance(type(chunk[0]), len(chunk))

    def _advance(self, model, n):
        self.counts[model] += n
        if self.progress is not None:
            self.progress.set_postfix_str(str(model._meta.verbose_name_plural), refresh=False)
            self.progress.update(n)


def expected_rows(counties: int, fraction: float) -> int:
    """The rows a build writes (history and index rows not counted), for a progress bar."""
    figures = [CORE_ROWS["members"] * 2, CORE_ROWS["enterprises"]]  # a person per member
    figures += [n for part in PARTS for n in part.rows.values()]
    return (counties + 1) * sum(max(1, round(n * fraction)) for n in figures)


def build_scale(*, actor, counties: int, fraction: float = 1.0, seed=12, progress=None):
    """Write the scale data in one transaction (on top of the demo data); returns counts."""
    ctx = ScaleContext(
        actor=actor,
        fraction=fraction,
        rng=random.Random(seed),
        today=timezone.localdate(),
        progress=progress,
        quotas={k: v for part in PARTS for k, v in part.rows.items()} | CORE_ROWS,
    )
    with transaction.atomic(), bulk_writes():
        ctx.committees = _committees(ctx, counties)
        ctx.industries = list(Industry.objects.values_list("pk", flat=True))
        _units(ctx)
        _members(ctx)
        _enterprises(ctx)
        for part in PARTS:
            part.build(ctx)
    return ctx.counts


def _committees(ctx, counties):
    """The city and `counties` counties: the demo's first, then generated ones."""
    city = Committee.objects.get(name=S.COMMITTEES[1][1])
    demo = [c[1] for c in S.COMMITTEES if c[3] == CommitteeLevel.COUNTY]
    chosen = list(Committee.objects.filter(name__in=demo[:counties]).order_by("sort_order"))
    for k in range(len(chosen) + 1, counties + 1):
        committee, _new = Committee.objects.get_or_create(
            name=f"规模县{k:03d}政协",
            defaults={
                "short_name": f"规模县{k:03d}",
                "level": CommitteeLevel.COUNTY,
                "parent": city,
                "sort_order": 1000 + k,
            },
        )
        chosen.append(committee)
    ctx.actor.__dict__.pop("_lvzhi_scope", None)  # new committees: recompute its scope
    return [city, *chosen]


def _units(ctx):
    """Handling units: a committee without enough (a generated county) gets its own."""
    for c in ctx.committees:
        have = list(Department.objects.filter(committee=c).values_list("pk", flat=True))
        missing = UNITS - len(have)
        if missing > 0:
            made = ctx.create(
                Department(
                    committee=c, name=f"{c.short_name}承办单位{i:02d}", short_name=f"单位{i}"
                )
                for i in range(len(have) + 1, len(have) + missing + 1)
            )
            have += [d.pk for d in made]
        ctx.units[c.pk] = have


def _members(ctx):
    sectors = list(Sector.objects.values_list("pk", flat=True))
    start = Person.objects.count()
    per = ctx.quota("members")
    persons = ctx.create(
        Person(
            committee=c,
            name=f"规模委员{start + n * per + i:07d}",
            gender=ctx.rng.choice(["male", "female"]),
            birth_year=ctx.rng.randint(1960, 1990),
        )
        for n, c in enumerate(ctx.committees)
        for i in range(per)
    )
    terms = {c[1]: c[5] for c in S.COMMITTEES}
    members = ctx.create(
        Member(
            person=p,
            committee=p.committee,
            sector_id=ctx.rng.choice(sectors),
            term=terms.get(p.committee.name, "第一届"),
            member_no=f"S{p.pk:07d}",
        )
        for p in persons
    )
    for m in members:
        ctx.members.setdefault(m.committee_id, []).append(m.pk)


def _enterprises(ctx):
    start = Enterprise.objects.count()
    per = ctx.quota("enterprises")
    members = [pk for pks in ctx.members.values() for pk in pks]
    member_person = dict(Member.objects.filter(pk__in=members).values_list("pk", "person_id"))
    made = ctx.create(
        Enterprise(
            committee=c,
            name=f"{c.short_name}规模企业{start + n * per + i:07d}",
            employees=ctx.rng.randint(5, 2000),
            **_owner(ctx, c, i, member_person),
        )
        for n, c in enumerate(ctx.committees)
        for i in range(per)
    )
    for e in made:
        ctx.enterprises.setdefault(e.committee_id, []).append(e.pk)


def _owner(ctx, committee, i, member_person):
    """One enterprise in ten is a member's (委员企业)."""
    if i % 10:
        return {}
    member = ctx.rng.choice(ctx.members[committee.pk])
    return {"is_member_enterprise": True, "member_id": member_person[member]}
