"""The core records' importers: members, enterprises, villages, handling units."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core import models, services
from lvzhi.core.choices import DepartmentKind, Gender, MemberPosition
from lvzhi.core.import_report import RowError

from .base import Column, Importer, RowInvalid


class MemberImporter(Importer):
    """委员. A row whose name and mobile match a person on file gives that person a seat.

    Likely duplicate persons are *warnings*, not errors (two people may share a name and a
    year of birth; the office decides): the same name and mobile as a person on file or an
    earlier row (the seat is added to that person), and the same name and year of birth in
    the same committee as a different person on file or in the file.
    """

    kind = "members"
    label = gettext_lazy("members")
    model = models.Member
    columns = [
        Column("姓名", "name", required=True),
        Column("性别", "gender", kind="choice", choices=Gender),
        Column("民族", "ethnicity"),
        Column("出生年份", "birth_year", kind="int"),
        Column("工作单位及职务", "employer"),
        Column("手机", "mobile"),
        Column("邮箱", "email"),
        Column("所属政协", "committee", required=True, kind="fk", model=models.Committee),
        Column("界别", "sector", required=True, kind="fk", model=models.Sector),
        Column("届次", "term", required=True, help="第五届"),
        Column("委员编号", "member_no"),
        Column("政协职务", "position", kind="choice", choices=MemberPosition),
        Column("是否在任", "is_active", kind="bool"),
    ]
    person_fields = ("name", "gender", "ethnicity", "birth_year", "employer", "mobile", "email")

    def prepare(self, data):
        """Persons on file with the file's names, and their seats, in a few queries."""
        names = sorted({self.normalise(str(raw["name"])) for _n, raw in data if raw.get("name")})
        self.on_file: dict = {}  # (name, mobile) -> person, as person_find_or_new finds them
        self.by_year: dict = {}  # (name, birth year, committee id) -> person
        self.seats: set = set()  # (person id, committee id, term)
        for start in range(0, len(names), 2000):
            chunk = names[start : start + 2000]
            persons = models.Person.objects.filter(name__in=chunk).order_by("name", "id")
            by_id = {}
            for person in persons:
                by_id[person.pk] = person
                if person.mobile:
                    self.on_file.setdefault((person.name, person.mobile), person)
                if person.birth_year:
                    self.by_year.setdefault(
                        (person.name, person.birth_year, person.committee_id), person
                    )
            seats = models.Member.objects.filter(person_id__in=list(by_id)).values_list(
                "person_id", "committee_id", "term"
            )
            for person_id, committee_id, term in seats:
                self.seats.add((person_id, committee_id, term))
                person = by_id[person_id]
                if person.birth_year:
                    self.by_year.setdefault((person.name, person.birth_year, committee_id), person)
        self.in_file_mobile: dict = {}
        self.in_file_year: dict = {}

    def build(self, values):
        """(member values, person): the person on file, or the new person's values."""
        person_values = {k: values.pop(k) for k in self.person_fields if k in values}
        values.setdefault("is_active", True)
        committee = values.get("committee")
        self.check_committee(committee)
        name, mobile = person_values.get("name"), person_values.get("mobile") or ""
        person = self.on_file.get((name, mobile)) if mobile else None
        if person is None:
            person = person_values
            errors = self.clean_values(models.Person, person_values)
        else:
            errors = {}
            term = values.get("term")
            if committee is not None and (person.pk, committee.pk, term) in self.seats:
                raise RowInvalid(
                    _("%(name)s is already a member of %(committee)s for the %(term)s")
                    % {"name": name, "committee": committee, "term": term}
                )
        errors.update(self.clean_values(models.Member, values, skip=self.matched_fields(values)))
        if errors:
            raise ValidationError(errors)
        return values, person

    def field_label(self, name):
        label = super().field_label(name)
        if not label and name in self.person_fields:
            return str(models.Person._meta.get_field(name).verbose_name)
        return label

    def unique_key(self, built):
        member, person = built
        return (
            _get(person, "name"),
            _get(person, "mobile"),
            member["committee"].pk,
            member["term"],
        )

    def flag(self, number, built):
        member, person = built
        warnings = []
        name, mobile = _get(person, "name"), _get(person, "mobile")
        if mobile:
            if not isinstance(person, dict):
                warnings.append(
                    _("same name and mobile as %(name)s on file: the seat is added to that person")
                    % {"name": name}
                )
            earlier = self.in_file_mobile.setdefault((name, mobile), number)
            if earlier != number:
                warnings.append(
                    _("same name and mobile as row %(row)s: one person with two seats")
                    % {"row": earlier}
                )
        year = _get(person, "birth_year")
        if year:
            key = (name, year, member["committee"].pk)
            other = self.by_year.get(key)
            if other is not None and (isinstance(person, dict) or other.pk != person.pk):
                warnings.append(
                    _(
                        "likely duplicate: %(name)s, born %(year)s, is already on file in this committee"
                    )
                    % {"name": name, "year": year}
                )
            earlier = self.in_file_year.setdefault(key, (number, mobile))
            if earlier[0] != number and not (mobile and earlier[1] == mobile):
                warnings.append(
                    _(
                        "likely duplicate of row %(row)s: same name and year of birth in this committee"
                    )
                    % {"row": earlier[0]}
                )
        return [RowError(number, w) for w in warnings]

    def save(self, built):
        values, person = built
        member = models.Member(**values)
        if isinstance(person, dict):
            person = models.Person(committee=member.committee, **person)
        services.member_save(actor=self.actor, member=member, person=person)

    def save_bulk(self, built_rows, progress=None):
        return services.member_create_many(
            actor=self.actor, rows=[built for _n, built in built_rows], progress=progress
        )


def _get(person, name):
    """A field of the person a row is for: on file (an instance) or new (its values)."""
    return person.get(name) if isinstance(person, dict) else getattr(person, name)


class EnterpriseImporter(Importer):
    kind = "enterprises"
    label = gettext_lazy("enterprises")
    model = models.Enterprise
    columns = [
        Column("企业名称", "name", required=True),
        Column("所属政协", "committee", required=True, kind="fk", model=models.Committee),
        Column("统一社会信用代码", "credit_code"),
        Column("所属产业", "industries", kind="m2m", model=models.Industry),
        Column("所在园区", "park", kind="fk", model=models.Park),
        Column("是否委员企业", "is_member_enterprise", kind="bool"),
        Column("负责委员", "member", kind="fk", model=models.Person),
        Column("法定代表人", "legal_representative"),
        Column("地址", "address"),
        Column("电话", "phone"),
        Column("员工人数", "employees", kind="int"),
        Column("企业简介", "description"),
    ]


class VillageImporter(Importer):
    kind = "villages"
    label = gettext_lazy("villages")
    model = models.Village
    creates_in_bulk = True
    columns = [
        Column("村名", "name", required=True),
        Column("乡镇", "township", required=True),
        Column("所属政协", "committee", required=True, kind="fk", model=models.Committee),
        Column("是否脱贫村", "is_lifted_out_of_poverty", kind="bool"),
        Column("人口", "population", kind="int"),
        Column("主导产业", "main_industries"),
    ]

    def unique_key(self, built):
        v = built[0]
        return (v.committee_id, v.township, v.name)


class DepartmentImporter(Importer):
    kind = "departments"
    label = gettext_lazy("handling units")
    model = models.Department
    creates_in_bulk = True
    columns = [
        Column("单位名称", "name", required=True),
        Column("简称", "short_name"),
        Column("所属政协", "committee", required=True, kind="fk", model=models.Committee),
        Column("类别", "kind", kind="choice", choices=DepartmentKind),
        Column("联系人", "contact_person"),
        Column("电话", "phone"),
        Column("邮箱", "email"),
    ]


IMPORTERS = {
    cls.kind: cls
    for cls in (MemberImporter, EnterpriseImporter, VillageImporter, DepartmentImporter)
}
