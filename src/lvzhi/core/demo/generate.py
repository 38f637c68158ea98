"""Build the whole demo data set as plain values, with a seeded random generator.

`build_dataset()` touches no database: the same seed gives the same data, so the loader can
match existing rows by natural key and a second run adds nothing.
"""

import random
from dataclasses import dataclass, field

from lvzhi.core.choices import Gender, MemberPosition
from lvzhi.core.validators import credit_code_check_char

from . import enterprises as E
from . import people as P
from . import places as PL
from . import structure as S

SEED = 20241128  # the day of the 经验交流会 in 武宣县 is as good a seed as any

# Industry reference: (industry key, chain link name or None).
IndustryRef = tuple[str, str | None]


@dataclass
class MembershipSpec:
    committee: str
    sector: str
    position: str
    member_no: str = ""


@dataclass
class PersonSpec:
    key: str
    name: str
    committee: str  # the office that keeps the person's record: the most local committee
    gender: str = ""
    ethnicity: str = ""
    birth_year: int | None = None
    employer: str = ""
    mobile: str = ""
    address: str = ""
    profile: str = ""
    user: str | None = None  # username of the linked login
    memberships: list[MembershipSpec] = field(default_factory=list)


@dataclass
class EnterpriseSpec:
    name: str
    committee: str
    industries: list[IndustryRef]
    park: str | None = None
    member: str | None = None  # PersonSpec.key
    credit_code: str = ""
    legal_representative: str = ""
    address: str = ""
    phone: str = ""
    employees: int | None = None
    description: str = ""


@dataclass
class DepartmentSpec:
    committee: str
    name: str
    short_name: str
    kind: str
    contact_person: str
    phone: str


@dataclass
class Dataset:
    departments: list[DepartmentSpec]
    people: list[PersonSpec]
    enterprises: list[EnterpriseSpec]
    villages: list[tuple]  # (committee, township, name, lifted, population, main industries)


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used_names: set[str] = {p["name"] for p in P.NAMED_PEOPLE}
        self.mobiles = iter(self.rng.sample(range(10000), 1000))
        self.landlines: set[str] = set()
        self.credit_codes: set[str] = set()
        self.brands = list(E.BRANDS)
        self.rng.shuffle(self.brands)

    # -- small values --------------------------------------------------------------------
    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def person_name(self, gender: str, committee: str) -> str:
        surnames = P.SURNAMES + (P.YAO_SURNAMES * 3 if committee == "jx" else "")
        given_pool = P.FEMALE_GIVEN if gender == Gender.FEMALE else P.MALE_GIVEN
        while True:
            length = 2 if self.rng.random() < 0.75 else 1
            name = self.rng.choice(surnames) + "".join(self.rng.sample(given_pool, length))
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def mobile(self) -> str:
        return f"{P.MOBILE_PREFIX}{next(self.mobiles):04d}"

    def landline(self) -> str:
        while True:
            number = f"0772-{self.rng.randint(4200000, 5899999)}"
            if number not in self.landlines:
                self.landlines.add(number)
                return number

    def credit_code(self, committee: str) -> str:
        """A made-up code: 91 + division + organisation code (GB 11714) + GB 32100 check."""
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        while True:
            body = "MA5" + "".join(self.rng.choice(alphabet) for _ in range(5))
            values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
            check = (
                11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
            )
            org = body + {10: "X", 11: "0"}.get(check, str(check))
            first17 = "91" + S.PLACES[committee][1] + org
            code = first17 + credit_code_check_char(first17)
            if code not in self.credit_codes:
                self.credit_codes.add(code)
                return code

    def place(self, committee: str) -> str:
        return S.PLACES[committee][0]

    def township(self, committee: str) -> str:
        county = committee if committee in PL.TOWNSHIPS else self.rng.choice(S.COUNTY_KEYS)
        return self.rng.choice(PL.TOWNSHIPS[county])

    def address(self, committee: str) -> str:
        if committee in PL.TOWNSHIPS:
            return f"{self.place(committee)}{self.township(committee)}"
        street = self.rng.choice(PL.CITY_STREETS)
        return f"来宾市兴宾区{street}{self.rng.randint(1, 399)}号"

    # -- records -------------------------------------------------------------------------
    def departments(self) -> list[DepartmentSpec]:
        out = []

        def add(committee, name, short, kind):
            gender = Gender.FEMALE if self.rng.random() < 0.4 else Gender.MALE
            contact = self.person_name(gender, committee)
            out.append(DepartmentSpec(committee, name, short, kind, contact, self.landline()))

        for name, short, kind in S.CITY_DEPARTMENTS:
            add("lb", name, short, kind)
        for key in S.COUNTY_KEYS:
            place, short_place = self.place(key), _short_place(key)
            for suffix, short_suffix, kind in S.COUNTY_DEPARTMENTS:
                add(key, f"{place}{suffix}", f"{short_place}{short_suffix}", kind)
        for key, name, short, kind in S.COUNTY_EXTRA_DEPARTMENTS:
            add(key, name, short, kind)
        return out

    def villages(self) -> list[tuple]:
        return [
            (committee, township, name, lifted, self.rng.randrange(1200, 5200, 10), industries)
            for committee, township, name, lifted, industries in PL.VILLAGES
        ]

    def named_people(self) -> list[PersonSpec]:
        username, person_name = S.MEMBER_USER_PERSON
        member_user = {person_name: username}
        out = []
        for item in P.NAMED_PEOPLE:
            memberships = [MembershipSpec(c, sector, pos) for c, sector, pos in item["memberships"]]
            out.append(
                PersonSpec(
                    key=item["key"],
                    name=item["name"],
                    committee=_most_local(m.committee for m in memberships),
                    gender=item["gender"],
                    employer=item["employer"],
                    mobile=self.mobile(),
                    profile=item["profile"],
                    user=member_user.get(item["name"]),
                    memberships=memberships,
                )
            )
        return out

    def committee_people(self, committee: str, plan: dict) -> list[PersonSpec]:
        """The generated members of one committee: leaders first, then entrepreneurs."""
        positions = (
            [MemberPosition.CHAIR]
            + [MemberPosition.VICE_CHAIR] * plan["vice_chairs"]
            + [MemberPosition.SECRETARY_GENERAL]
            + [MemberPosition.STANDING] * plan["standing"]
        )
        positions += [MemberPosition.MEMBER] * (plan["count"] - len(positions))
        # Entrepreneurs are ordinary and standing members, never the leadership.
        n_leaders = 2 + plan["vice_chairs"]
        entrepreneur_slots = set(
            self.rng.sample(range(n_leaders, plan["count"]), plan["entrepreneurs"])
        )
        pool = S.SECTORS[1:] if committee == "lb" else P.COUNTY_SECTORS[1:]
        sector_cycle = list(pool)
        self.rng.shuffle(sector_cycle)

        out = []
        for i, position in enumerate(positions):
            gender = Gender.FEMALE if self.rng.random() < 0.32 else Gender.MALE
            if position in (MemberPosition.CHAIR, MemberPosition.SECRETARY_GENERAL):
                sector = "中共"
            elif position == MemberPosition.VICE_CHAIR:
                sector = P.VICE_CHAIR_SECTORS[(i - 1) % len(P.VICE_CHAIR_SECTORS)]
            elif i in entrepreneur_slots:
                sector = self.weighted(P.ENTREPRENEUR_SECTORS)
            else:
                # Cycle through every sector once so each shows up, then draw freely.
                sector = sector_cycle.pop() if sector_cycle else self.rng.choice(pool)
            leader = position in (
                MemberPosition.CHAIR,
                MemberPosition.VICE_CHAIR,
                MemberPosition.SECRETARY_GENERAL,
            )
            ethnicities = P.ETHNICITIES_JX if committee == "jx" else P.ETHNICITIES
            person = PersonSpec(
                key=f"{committee}-{i + 1:03d}",
                name=self.person_name(gender, committee),
                committee=committee,
                gender=gender,
                ethnicity=self.weighted(ethnicities),
                birth_year=self.rng.randint(1963, 1975) if leader else self.rng.randint(1965, 1992),
                mobile=self.mobile(),
                address=self.address(committee),
                profile=P.GENERATED_PROFILE,
                memberships=[MembershipSpec(committee, sector, position)],
            )
            if leader:
                person.employer = f"{_committee_name(committee)}{_position_title(position)}"
            elif i in entrepreneur_slots:
                person.employer = "__enterprise__"  # filled in when the enterprise is made
            else:
                person.employer = self.employer(sector, committee)
            out.append(person)
        return out

    def employer(self, sector: str, committee: str) -> str:
        party = sector if sector in S.DEMOCRATIC_PARTIES else ""
        templates = P.EMPLOYERS["_party" if party else sector]
        place = _short_place(committee)
        return self.rng.choice(templates).format(
            place=place, township=self.township(committee), party=party
        )

    def member_enterprise(self, person: PersonSpec, rotation: int) -> EnterpriseSpec:
        committee = person.committee
        choices = E.COMMITTEE_INDUSTRIES[committee]
        industry = choices[rotation % len(choices)]
        words, links = E.INDUSTRY_WORDS[industry]
        brand = self.brands.pop()
        prefix = (
            "广西" if committee == "lb" and self.rng.random() < 0.5 else _short_place(committee)
        )
        name = f"{prefix}{brand}{self.rng.choice(words)}有限公司"
        chosen_links = self.rng.sample(links, min(len(links), self.rng.randint(1, 2)))
        park = None
        if industry in E.PARK_INDUSTRIES:
            park = next((p[1] for p in S.PARKS if p[0] == committee and industry in p[3]), None)
        person.employer = f"{name}{self.rng.choice(P.ENTREPRENEUR_TITLES)}"
        return EnterpriseSpec(
            name=name,
            committee=committee,
            industries=[(industry, None)] + [(industry, link) for link in chosen_links],
            park=park,
            member=person.key,
            credit_code=self.credit_code(committee),
            legal_representative=person.name,
            address=self.address(committee),
            phone=self.landline(),
            employees=self.rng.randint(20, 900),
            description=f"委员企业。{E.GENERATED_DESCRIPTION}",
        )

    def build(self) -> Dataset:
        departments = self.departments()
        villages = self.villages()
        people = self.named_people()
        by_committee = {
            key: self.committee_people(key, plan) for key, plan in P.MEMBER_PLAN.items()
        }
        # Two-level members: some city members also sit on the regional committee, and some
        # county members on the city committee.
        city_plain = [
            p for p in by_committee["lb"] if p.memberships[0].position == MemberPosition.MEMBER
        ]
        for person in self.rng.sample(city_plain, P.REGION_DUAL):
            person.memberships.append(
                MembershipSpec("gx", person.memberships[0].sector, MemberPosition.MEMBER)
            )
        for key in S.COUNTY_KEYS:
            plain = [
                p for p in by_committee[key] if p.memberships[0].position == MemberPosition.MEMBER
            ]
            for person in self.rng.sample(plain, P.CITY_DUAL_PER_COUNTY):
                person.memberships.append(
                    MembershipSpec("lb", person.memberships[0].sector, MemberPosition.MEMBER)
                )
        for group in by_committee.values():
            people.extend(group)
        _number_memberships(people)

        enterprises = [_named_enterprise(item, people) for item in E.NAMED_ENTERPRISES]
        for group in by_committee.values():
            heads = [p for p in group if p.employer == "__enterprise__"]
            for rotation, person in enumerate(heads):
                enterprises.append(self.member_enterprise(person, rotation))
        for committee, name, park, industries, employees in E.OTHER_ENTERPRISES:
            gender = Gender.FEMALE if self.rng.random() < 0.3 else Gender.MALE
            enterprises.append(
                EnterpriseSpec(
                    name=name,
                    committee=committee,
                    industries=industries,
                    park=park,
                    credit_code=self.credit_code(committee),
                    legal_representative=self.person_name(gender, committee),
                    address=self.address(committee),
                    phone=self.landline(),
                    employees=employees,
                    description=E.GENERATED_DESCRIPTION,
                )
            )
        return Dataset(departments, people, enterprises, villages)


def _short_place(committee: str) -> str:
    """兴宾区, 武宣县, 来宾市 … as used in unit and firm names."""
    return next(c[2] for c in S.COMMITTEES if c[0] == committee).replace("金秀县", "金秀")


def _committee_name(committee: str) -> str:
    return next(c[1] for c in S.COMMITTEES if c[0] == committee)


def _position_title(position: str) -> str:
    return {
        MemberPosition.CHAIR: "主席",
        MemberPosition.VICE_CHAIR: "副主席",
        MemberPosition.SECRETARY_GENERAL: "秘书长",
    }[position]


_ORDER = [c[0] for c in S.COMMITTEES]


def _most_local(committees) -> str:
    return max(committees, key=_ORDER.index)


def _number_memberships(people: list[PersonSpec]) -> None:
    """Member numbers per committee in list order: LB05001, LB05002 …"""
    counters: dict[str, int] = {}
    terms = {c[0]: (c[6], c[7]) for c in S.COMMITTEES}
    for person in people:
        for membership in person.memberships:
            counters[membership.committee] = counters.get(membership.committee, 0) + 1
            term_no, prefix = terms[membership.committee]
            membership.member_no = f"{prefix}{term_no:02d}{counters[membership.committee]:03d}"


def _named_enterprise(item: dict, people: list[PersonSpec]) -> EnterpriseSpec:
    head = next((p for p in people if p.key == item["member"]), None)
    return EnterpriseSpec(
        name=item["name"],
        committee=item["committee"],
        industries=item["industries"],
        park=item["park"],
        member=head.key if head else None,
        legal_representative="",
        employees=item["employees"],
        description=item["description"],
    )


def build_dataset(seed: int = SEED) -> Dataset:
    return _Generator(seed).build()
