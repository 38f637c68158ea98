"""Excel in: all-or-nothing imports with a row-by-row report in the user's language.

An `Importer` declares its columns; `run()` reads and checks every row first and saves only
when no row has an error, inside one transaction, through the same services the forms use.
Pillar apps declare their importers the same way and add them to `IMPORTERS`.
"""

import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from lvzhi.core import models, permissions, services
from lvzhi.core.choices import DepartmentKind, Gender, MemberPosition
from lvzhi.core.errors import DomainError
from lvzhi.core.excel import append_row

TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "有"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "无", ""}


class ImportFileError(DomainError):
    """The file as a whole cannot be read (not .xlsx, empty, too big, columns missing)."""


@dataclass
class Column:
    header: str  # the Chinese header offices use
    field: str  # the model field (also accepted as a header)
    required: bool = False
    kind: str = "text"  # text | int | bool | choice | fk | m2m
    choices: Any = None  # TextChoices for kind=choice
    model: Any = None  # related model for fk / m2m
    help: str = ""


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self):
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class RowInvalid(Exception):
    pass


class Importer:
    kind = ""
    label = gettext_lazy("records")
    model = None
    columns: list[Column] = []

    def __init__(self, actor):
        self.actor = actor
        self._lookup_cache: dict = {}

    # -- reading -----------------------------------------------------------------------
    def check_upload(self, name: str = "", size: int | None = None):
        """Refuse at once what can be told without opening the file: its type and size."""
        if name and not name.lower().endswith(".xlsx"):
            raise ImportFileError(_("Only .xlsx files can be imported."))
        if size is not None and size > settings.IMPORT_MAX_BYTES:
            raise ImportFileError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {
                    "size": round(size / 1048576, 1),
                    "limit": round(settings.IMPORT_MAX_BYTES / 1048576, 1),
                }
            )

    def read(self, fileobj, name: str = "", size: int | None = None):
        """Yield (excel row number, {field: raw value}) after checking the file as a whole."""
        self.check_upload(name, size)
        try:
            wb = load_workbook(fileobj, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise ImportFileError(_("This is not a valid .xlsx file.")) from exc
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if not header or not any(header):
            raise ImportFileError(_("The file is empty."))
        positions = self._map_headers(header)
        data = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            raw = {col.field: values[i] if i < len(values) else None for col, i in positions}
            data.append((number, raw))
            if len(data) > settings.IMPORT_MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows.")
                    % {"limit": settings.IMPORT_MAX_ROWS}
                )
        wb.close()
        if not data:
            raise ImportFileError(_("The file has a header row but no data rows."))
        return data

    def _map_headers(self, header):
        names = [str(h).strip() if h is not None else "" for h in header]
        positions, missing = [], []
        for col in self.columns:
            accepted = {col.header, col.field}
            index = next((i for i, n in enumerate(names) if n in accepted), None)
            if index is None:
                if col.required:
                    missing.append(col.header)
                continue
            positions.append((col, index))
        if missing:
            raise ImportFileError(
                _("Required columns are missing: %(columns)s.") % {"columns": "、".join(missing)}
            )
        return positions

    # -- converting ---------------------------------------------------------------------
    def value(self, col: Column, raw):
        text = "" if raw is None else str(raw).strip()
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        if not text:
            if col.required:
                raise RowInvalid(_("%(column)s is required") % {"column": col.header})
            # None = "not given": the model's default applies.
            return [] if col.kind == "m2m" else ("" if col.kind == "text" else None)
        if col.kind == "int":
            try:
                return int(text)
            except ValueError:
                raise RowInvalid(
                    _("%(column)s “%(value)s” is not a whole number")
                    % {"column": col.header, "value": text}
                ) from None
        if col.kind == "bool":
            lowered = text.lower()
            if lowered in TRUE_WORDS:
                return True
            if lowered in FALSE_WORDS:
                return False
            raise RowInvalid(
                _("%(column)s “%(value)s” must be 是 or 否") % {"column": col.header, "value": text}
            )
        if col.kind == "choice":
            return self._choice(col, text)
        if col.kind == "fk":
            return self.lookup(col, text)
        if col.kind == "m2m":
            parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",")]
            return [self.lookup(col, p) for p in parts if p]
        return text

    def _choice(self, col, text):
        for value, label in col.choices.choices:
            with translation.override("zh-hans"):
                zh = str(label)
            with translation.override("en"):
                en = str(label)
            if text in {value, zh, en}:
                return value
        raise RowInvalid(
            _("%(column)s “%(value)s” does not exist") % {"column": col.header, "value": text}
        )

    def lookup_queryset(self, model):
        qs = model.objects.all()
        return qs.visible_to(self.actor) if hasattr(qs, "visible_to") else qs

    def lookup(self, col, text):
        """Match a related record by name (short name accepted) among what the actor sees."""
        cache = self._lookup_cache.get(col.model)
        if cache is None:
            cache = {}
            for obj in self.lookup_queryset(col.model):
                for attr in ("name", "short_name"):
                    key = getattr(obj, attr, "")
                    if key:
                        cache.setdefault(key, obj)
            self._lookup_cache[col.model] = cache
        obj = cache.get(text)
        if obj is None:
            raise RowInvalid(
                _("%(column)s “%(value)s” does not exist") % {"column": col.header, "value": text}
            )
        return obj

    # -- building and saving -------------------------------------------------------------
    def build(self, values: dict):
        """Return an object for `save()`; raise RowInvalid or ValidationError if wrong."""
        m2m = {
            c.field: values.pop(c.field)
            for c in self.columns
            if c.kind == "m2m" and c.field in values
        }
        instance = self.model(**values)
        self.check_committee(instance)
        instance.full_clean()
        return instance, m2m

    def check_committee(self, instance):
        committee = getattr(instance, "committee", None)
        if committee is not None and not permissions.can_add(self.actor, self.model, committee):
            raise RowInvalid(
                _("you may not file records under “%(committee)s”") % {"committee": committee}
            )

    def unique_key(self, built):
        """A key that must not repeat within the file; None = no in-file check."""
        instance = built[0]
        return (getattr(instance, "committee_id", None), getattr(instance, "name", None))

    def save(self, built):
        instance, m2m = built
        services.record_save(actor=self.actor, instance=instance, m2m=m2m)

    def run(self, fileobj, name="", size=None, progress=None) -> ImportResult:
        result = ImportResult()
        data = self.read(fileobj, name=name, size=size)
        built_rows, seen = [], {}
        for number, raw in data:
            try:
                values = {
                    col.field: self.value(col, raw[col.field])
                    for col in self.columns
                    if col.field in raw
                }
                values = {k: v for k, v in values.items() if v is not None}
                built = self.build(values)
                key = self.unique_key(built)
                if key is not None and key in seen:
                    raise RowInvalid(_("duplicates row %(row)s of this file") % {"row": seen[key]})
                if key is not None:
                    seen[key] = number
                built_rows.append((number, built))
            except RowInvalid as exc:
                result.errors.append(RowError(number, str(exc)))
            except ValidationError as exc:
                result.errors.extend(
                    RowError(number, m) for m in _validation_messages(exc, self.model)
                )
            if progress:
                progress(1)
        if result.errors:
            return result
        try:
            with transaction.atomic():
                for number, built in built_rows:
                    current = number
                    self.save(built)
                    result.created += 1
        except (ValidationError, PermissionDenied, DomainError) as exc:
            messages = (
                _validation_messages(exc, self.model)
                if isinstance(exc, ValidationError)
                else [str(getattr(exc, "message", exc))]
            )
            result.errors.extend(RowError(current, m) for m in messages)
            result.created = 0
        return result

    def template(self) -> Workbook:
        """A blank workbook with the header row and a sheet explaining each column."""
        wb = Workbook()
        ws = wb.active
        ws.title = str(self.label)[:31]
        append_row(ws, [c.header for c in self.columns], bold=True)
        notes = wb.create_sheet(_("Instructions"))
        append_row(notes, [_("Column"), _("Required"), _("Allowed values")])
        for c in self.columns:
            append_row(notes, [c.header, _("yes") if c.required else _("no"), self.describe(c)])
        return wb

    def describe(self, col):
        if col.kind == "choice":
            return "、".join(str(label) for _v, label in col.choices.choices)
        if col.kind == "bool":
            return "是 / 否"
        if col.kind in {"fk", "m2m"}:
            return _("name of an existing %(model)s") % {"model": col.model._meta.verbose_name}
        return str(col.help)


def _validation_messages(exc: ValidationError, model):
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    out = []
    for name, errors in exc.message_dict.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - NON_FIELD_ERRORS and person-level fields
            label = ""
        out.extend(f"{label}：{m}" if label else m for m in errors)
    return out


class MemberImporter(Importer):
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

    def build(self, values):
        person_values = {k: values.pop(k) for k in self.person_fields if k in values}
        values.setdefault("is_active", True)
        member = models.Member(**values)
        self.check_committee(member)
        person = services.person_find_or_new(
            name=person_values["name"],
            mobile=person_values.get("mobile") or "",
            committee=member.committee,
        )
        if person._state.adding:
            for k, v in person_values.items():
                setattr(person, k, v)
            person.full_clean()
        else:
            member.person = person
        member.full_clean(exclude=["person"])
        return member, person

    def unique_key(self, built):
        member, person = built
        return (person.name, person.mobile, member.committee_id, member.term)

    def save(self, built):
        member, person = built
        services.member_save(actor=self.actor, member=member, person=person)


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
