"""The importer engine: `Column`, `Importer` (read, check, save) that every importer uses."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from lvzhi.core import permissions, services
from lvzhi.core.errors import DomainError
from lvzhi.core.excel import append_row
from lvzhi.core.import_report import ImportResult, RowError
from lvzhi.core.spreadsheet import HEADER_SEARCH_ROWS, Formula, ImportFileError, read_rows
from lvzhi.text.cleaning import clean_text

TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "有"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "无", ""}
#: Rows between two progress calls.
PROGRESS_EVERY = 1000


@dataclass
class Column:
    header: str  # the Chinese header offices use
    field: str  # the model field (also accepted as a header)
    required: bool = False
    kind: str = "text"  # text | int | bool | choice | fk | m2m
    choices: Any = None  # TextChoices for kind=choice
    model: Any = None  # related model for fk / m2m
    help: str = ""


class RowInvalid(Exception):
    pass


_FULL_CLEAN = object()


def _clean_plan(model, names):
    """The fields to clean one by one, or _FULL_CLEAN when the model checks more than them."""
    fields = [model._meta.get_field(n) for n in names]
    checked = set(names)
    if model.clean is not Model.clean or any(f.unique and not f.primary_key for f in fields):
        return _FULL_CLEAN
    for group in model._meta.unique_together:
        if set(group) <= checked:
            return _FULL_CLEAN
    for constraint in model._meta.constraints:
        covered = getattr(constraint, "fields", None)
        if not covered or set(covered) <= checked:  # a check or an expression: in full
            return _FULL_CLEAN
    return fields


class Importer:
    kind = ""
    label = gettext_lazy("records")
    model = None
    columns: list[Column] = []
    #: every good row is a new record from the generic `build` with no many-to-many
    #: values, saved by `record_save`: the bulk path may write them all at once
    creates_in_bulk = False

    def __init__(self, actor, *, bulk: bool = True):
        self.actor = actor
        #: save through the importer's bulk path, where it has one (False: row by row)
        self.bulk = bulk
        self._lookup_cache: dict = {}
        self._choice_cache: dict = {}
        self._normal: dict[str, str] = {}
        self._may_add: dict = {}
        self._clean_plans: dict = {}
        self._cleaned: dict = {}

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
        """[(excel row number, {field: raw value})] after checking the file as a whole."""
        self.check_upload(name, size)
        rows = [(n, r) for n, r in read_rows(fileobj) if any(v is not None for v in r)]
        if not rows:
            raise ImportFileError(_("The file is empty."))
        at, positions = self._find_header(rows[:HEADER_SEARCH_ROWS])
        data = [
            (number, {col.field: values[i] if i < len(values) else None for col, i in positions})
            for number, values in rows[at + 1 :]
        ]
        if len(data) > settings.IMPORT_MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(limit)s rows.") % {"limit": settings.IMPORT_MAX_ROWS}
            )
        if not data:
            raise ImportFileError(_("The file has a header row but no data rows."))
        return data

    def _find_header(self, candidates):
        """(index in candidates, [(column, position)]) of the first row naming every
        required column; title rows above it are skipped."""
        best = None
        for index, (number, values) in enumerate(candidates):
            names = [self.normalise(str(v)) if v is not None else "" for v in values]
            positions, missing = [], []
            for col in self.columns:
                # the header is normalised like the file's: （万元） matches (万元)
                accepted = {self.normalise(col.header), col.field}
                position = next((i for i, n in enumerate(names) if n in accepted), None)
                if position is not None:
                    positions.append((col, position))
                elif col.required:
                    missing.append(col.header)
            if not missing:
                return index, positions
            if positions and (best is None or len(positions) > len(best[1])):
                best = (number, positions, missing)
        searched = min(len(candidates), HEADER_SEARCH_ROWS)
        if best is None:
            raise ImportFileError(
                _("None of the first %(rows)s rows holds the expected headers: %(columns)s.")
                % {"rows": searched, "columns": "、".join(c.header for c in self.columns)}
            )
        raise ImportFileError(
            _(
                "Required columns are missing: %(columns)s. Row %(row)s comes closest to a "
                "header row; none of the first %(rows)s rows holds every required column."
            )
            % {"columns": "、".join(best[2]), "row": best[0], "rows": searched}
        )

    def normalise(self, text: str) -> str:
        """繁→简, full-width → half-width, trimmed (the text app's cleaning), once per text."""
        cached = self._normal.get(text)
        if cached is None:
            cached = text.strip() if text.isascii() else clean_text(text).text.strip()
            self._normal[text] = cached
        return cached

    # -- converting ---------------------------------------------------------------------
    def value(self, col: Column, raw):
        if isinstance(raw, Formula):
            raise RowInvalid(_("%(cell)s: formulas are not accepted") % {"cell": raw.coordinate})
        if raw is None:
            text = ""
        elif isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        else:
            text = self.normalise(str(raw))
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
        words = self._choice_cache.get(col.field)
        if words is None:
            words = {}
            for value, label in col.choices.choices:
                with translation.override("zh-hans"):
                    zh = str(label)
                with translation.override("en"):
                    en = str(label)
                for word in (value, zh, en):
                    words.setdefault(word, value)
            self._choice_cache[col.field] = words
        if text in words:
            return words[text]
        raise RowInvalid(
            _("%(column)s “%(value)s” does not exist") % {"column": col.header, "value": text}
        )

    def lookup_queryset(self, model):
        qs = model.objects.all()
        return qs.visible_to(self.actor) if hasattr(qs, "visible_to") else qs

    def lookup(self, col, text):
        """Match a related record by name (short name accepted) among what the actor sees.

        Stored names are normalised like the file's, so 來賓市政協 finds 来宾市政协.
        """
        cache = self._lookup_cache.get(col.model)
        if cache is None:
            cache = {}
            for obj in self.lookup_queryset(col.model):
                for attr in ("name", "short_name"):
                    key = getattr(obj, attr, "")
                    if key:
                        cache.setdefault(self.normalise(key), obj)
            self._lookup_cache[col.model] = cache
        obj = cache.get(text)
        if obj is None:
            raise RowInvalid(
                _("%(column)s “%(value)s” does not exist") % {"column": col.header, "value": text}
            )
        return obj

    # -- checking ------------------------------------------------------------------------
    def prepare(self, data):
        """Load what the rows will be matched against in bulk (before the check loop)."""

    def check(self, data, result: ImportResult, progress=None):
        """Every error of every row into `result`; returns [(row, built)] of good rows."""
        self.prepare(data)
        built_rows, seen = [], {}
        total = len(data)
        # A column repeats its values down the file: each distinct cell is converted once
        # (not a many-to-many cell: its list is the row's own).
        converted: dict = {}
        for done, (number, raw) in enumerate(data, start=1):
            errors, values, failed = [], {}, set()
            for col in self.columns:
                if col.field not in raw:
                    continue
                cell = raw[col.field]
                key = (col.field, type(cell), cell)  # True == 1 == 1.0, but not as cells
                value = converted.get(key, converted)
                if value is converted:
                    try:
                        value = self.value(col, cell)
                    except RowInvalid as exc:
                        value = exc
                    if col.kind != "m2m":
                        converted[key] = value
                if isinstance(value, RowInvalid):
                    errors.append(RowError(number, str(value), col.header))
                    failed.add(col.field)
                    continue
                if value is not None:
                    values[col.field] = value
            built = None
            try:
                built = self.build(values)
            except RowInvalid as exc:
                errors.append(RowError(number, str(exc)))
            except ValidationError as exc:
                errors.extend(
                    RowError(number, message, header)
                    for name, header, message in self.validation_messages(exc)
                    if name not in failed
                )
            if built is not None and not errors:
                key = self.unique_key(built)
                if key is not None and key in seen:
                    errors.append(
                        RowError(
                            number, _("duplicates row %(row)s of this file") % {"row": seen[key]}
                        )
                    )
                elif key is not None:
                    seen[key] = number
            if errors:
                result.errors.extend(errors)
            elif built is not None:
                result.warnings.extend(self.flag(number, built))
                built_rows.append((number, built))
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress("checking", done, total)
        return built_rows

    def flag(self, number, built) -> list[RowError]:
        """Warnings for a good row (likely duplicates); they do not stop the import."""
        return []

    # -- building and saving -------------------------------------------------------------
    def build(self, values: dict):
        """Return an object for `save()`; raise RowInvalid or ValidationError if wrong."""
        m2m = {
            c.field: values.pop(c.field)
            for c in self.columns
            if c.kind == "m2m" and c.field in values
        }
        instance = self.model(**values)
        self.check_committee(getattr(instance, "committee", None))
        instance.full_clean(exclude=self.matched_fields(values))
        return instance, m2m

    def clean_values(self, model, values: dict, skip=()) -> dict:
        """Model validation of the fields in `values` but `skip`: {field: [errors]}.

        What `model(**values).full_clean(exclude=every other field)` checks — each field's
        `clean()` (type, choices, blank, validators) — without building an instance, and
        once per distinct value (a column repeats its values across rows). Cleaned values
        replace the given ones. A model whose `clean()` or uniqueness rules cover these
        fields goes through `full_clean` itself.
        """
        names = [n for n in values if n not in skip]
        plan = self._clean_plans.get((model, tuple(names)))
        if plan is None:
            plan = _clean_plan(model, names)
            if plan is not _FULL_CLEAN:  # each field with its outcomes, by value
                plan = [(f, self._cleaned.setdefault(f, {})) for f in plan]
            self._clean_plans[(model, tuple(names))] = plan
        if plan is _FULL_CLEAN:
            instance = model(**{n: values[n] for n in names})
            try:
                instance.full_clean(exclude=self.unset_fields(model, names))
            except ValidationError as exc:
                return exc.error_dict
            values.update((n, getattr(instance, n)) for n in names)
            return {}
        errors = {}
        for field, cache in plan:
            raw = values[field.name]
            if field.blank and raw in field.empty_values:
                continue
            key = (type(raw), raw)  # True == 1, but not as values to check
            outcome = cache.get(key)
            if outcome is None:
                try:
                    outcome = cache[key] = (field.clean(raw, None), None)
                except ValidationError as exc:
                    outcome = cache[key] = (raw, exc.error_list)
            if outcome[1] is None:
                values[field.name] = outcome[0]
            else:
                errors[field.name] = outcome[1]
        return errors

    @staticmethod
    def unset_fields(model, values) -> list[str]:
        """Fields a row leaves at their defaults (nothing to validate in them)."""
        return [f.name for f in model._meta.concrete_fields if f.name not in values]

    def matched_fields(self, values) -> list[str]:
        """Foreign keys filled from lookups: they exist, full_clean need not query them."""
        return [c.field for c in self.columns if c.kind == "fk" and c.field in values]

    def check_committee(self, committee):
        if committee is None:
            return
        allowed = self._may_add.get(committee.pk)
        if allowed is None:
            allowed = self._may_add[committee.pk] = permissions.can_add(
                self.actor, self.model, committee
            )
        if not allowed:
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

    def save_rows(self, built_rows, progress=None) -> int:
        """Row by row through the services: the reference every bulk path must match."""
        total = len(built_rows)
        for done, (number, built) in enumerate(built_rows, start=1):
            self.current_row = number
            self.save(built)
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress("saving", done, total)
        return total

    def save_bulk(self, built_rows, progress=None) -> int:
        """Row by row, unless the importer declares `creates_in_bulk`: then the new records
        `build` made go through `services.record_create_many`."""
        if not self.creates_in_bulk:
            return self.save_rows(built_rows, progress)
        self.check_against_stored(built_rows)
        return services.record_create_many(
            actor=self.actor, instances=[built[0] for _n, built in built_rows], progress=progress
        )

    def check_against_stored(self, built_rows):
        """The first row `record_save` would refuse for a clash with a stored record's
        unique fields, refused the same way (its row number, the same message)."""
        model = self.model
        groups = [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
        groups += [c.fields for c in model._meta.total_unique_constraints]
        groups += [tuple(g) for g in model._meta.unique_together]
        clashes = set()
        for group in groups:
            attnames = [model._meta.get_field(n).attname for n in group]
            keys = {tuple(getattr(b[0], a) for a in attnames) for _n, b in built_rows}
            first = sorted({k[0] for k in keys}, key=str)
            for start in range(0, len(first), 2000):
                stored = model._default_manager.filter(
                    **{f"{attnames[0]}__in": first[start : start + 2000]}
                ).values_list(*attnames)
                clashes.update((group, k) for k in stored if k in keys)
        if not clashes:
            return
        for number, (instance, _m2m) in built_rows:
            for group in groups:
                key = tuple(getattr(instance, model._meta.get_field(n).attname) for n in group)
                if (group, key) in clashes:
                    self.current_row = number
                    instance.full_clean()  # what record_save runs: raises for the clash

    def run(self, fileobj, name="", size=None, progress=None) -> ImportResult:
        result = ImportResult()
        data = self.read(fileobj, name=name, size=size)
        if progress:
            progress("checking", 0, len(data))
        built_rows = self.check(data, result, progress)
        if result.errors:
            return result
        self.current_row = None
        if progress:
            progress("saving", 0, len(built_rows))
        try:
            with transaction.atomic():
                save = self.save_bulk if self.bulk else self.save_rows
                result.created = save(built_rows, progress)
        except (ValidationError, PermissionDenied, DomainError) as exc:
            messages = (
                [m for _n, _h, m in self.validation_messages(exc)]
                if isinstance(exc, ValidationError)
                else [str(getattr(exc, "message", exc))]
            )
            result.errors.extend(RowError(self.current_row, m) for m in messages)
            result.created = 0
            result.warnings = []
        return result

    def validation_messages(self, exc: ValidationError):
        """(field name, column header, message) for each message of a ValidationError."""
        if not hasattr(exc, "error_dict"):
            return [(NON_FIELD_ERRORS, "", m) for m in exc.messages]
        headers = {c.field: c.header for c in self.columns}
        out = []
        for name, errors in exc.message_dict.items():
            header = headers.get(name, "")
            label = header or self.field_label(name)
            out.extend((name, header, f"{label}：{m}" if label else m) for m in errors)
        return out

    def field_label(self, name) -> str:
        try:
            return str(self.model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - NON_FIELD_ERRORS and fields of another model
            return ""

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
