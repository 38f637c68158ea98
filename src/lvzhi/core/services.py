"""Writes to core records. Views, the API, importers and commands all come through here.

`record_save` and `record_delete` are the generic write path every pillar app uses too:
permission check against the stored row, optimistic version check under a row lock,
model validation, and the history entry attributed to the actor.
"""

from contextlib import ExitStack, contextmanager

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core import bulk, permissions
from lvzhi.core.errors import ConflictError, DomainError, GoneError
from lvzhi.core.models import Member, Person

SYSTEM_USERNAME = "system"


def _locked(model, pk):
    """The stored row, locked for this transaction; a row deleted meanwhile is a 404."""
    # of=("self",): a model ordered by a related field joins it, and FOR UPDATE would lock
    # the related row too (two deletes of one activity's participations then deadlock).
    current = model.objects.select_for_update(of=("self",)).filter(pk=pk).first()
    if current is None:
        raise GoneError(_("This record no longer exists: someone deleted it in the meantime."))
    return current


STALE_EDIT = gettext_lazy(
    "This record was changed by someone else while you were editing it. "
    "Reload it and apply your change again."
)

#: Functions told about every record written through this module, inside the same
#: transaction: saved(instance), deleted(instance), saved_many(model, rows, created) and
#: bulk_context(), a context manager a bulk write runs inside. Apps that keep derived data
#: (the text app's search index) register here from AppConfig.ready(), so core imports
#: none of them and the derived data can never disagree with a committed record. Bulk
#: writes call saved_many with the rows they stored ({attname: value} dicts), or saved
#: once per record.
WRITE_HOOKS: list = []

#: Rows per INSERT batch of the bulk write path.
BULK_BATCH = 2000


def register_write_hook(*, saved=None, deleted=None, saved_many=None, bulk_context=None):
    WRITE_HOOKS.append((saved, deleted, saved_many, bulk_context))


def _run_hooks(position, instance):
    for hook in WRITE_HOOKS:
        if hook[position] is not None:
            hook[position](instance)


def run_write_hooks(instance):
    """Tell the hooks a record changed outside `record_save` (a workflow step that changed
    what they derive from, e.g. who may read it)."""
    _run_hooks(0, instance)


def _run_bulk_hooks(model, rows, *, created):
    """Tell the hooks about rows a bulk write stored ({attname: value} dicts, key included)."""
    if not rows:
        return
    for saved, _deleted, saved_many, _context in WRITE_HOOKS:
        if saved_many is not None:
            saved_many(model, rows, created=created)
        elif saved is not None:
            for row in rows:
                saved(model(**row))


@contextmanager
def bulk_writes():
    """Around a bulk write: each hook's context (the text index's pool of processes)."""
    with ExitStack() as stack:
        for *_hooks, context in WRITE_HOOKS:
            if context is not None:
                stack.enter_context(context())
        yield


def system_user():
    """The actor for changes made by commands that name no user (kept in history)."""
    user, _created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "系统", "is_active": False, "is_superuser": True},
    )
    return user


def _check_owner_fields(actor, current, instance, m2m) -> None:
    """An owner who is not a manager may only touch the model's owner-editable fields."""
    allowed = set(type(instance).owner_editable_fields)
    changed = {
        f.name
        for f in type(instance)._meta.concrete_fields
        if f.name not in {"version", "updated_at", "created_at"}
        and getattr(current, f.attname) != getattr(instance, f.attname)
    }
    changed |= set(m2m or ())
    forbidden = changed - allowed
    if forbidden:
        names = "、".join(
            str(type(instance)._meta.get_field(n).verbose_name) for n in sorted(forbidden)
        )
        raise PermissionDenied(_("You may not change: %(fields)s.") % {"fields": names})


@transaction.atomic
def record_save(
    *,
    actor,
    instance,
    m2m=None,
    expected_version=None,
    reason="",
    right=permissions.ADD,
    fields=None,
):
    """Create or change `instance` on behalf of `actor`.

    m2m: {field name: iterable of objects} set after the row is saved.
    expected_version: the version the actor's edit started from; a different stored
    version means somebody else saved in between, and the edit is refused.
    fields: for a change, the names the edit sets (an API PATCH); every other field is
    taken from the stored row under the lock and only these are written, so two edits of
    different fields both survive, and the history shows the row as it really is.
    right: what a new record needs — ADD (the office files it) or REPORT (a member files
    their own; the calling service sets the owner).
    """
    model = type(instance)
    if instance._state.adding:
        if right not in {permissions.ADD, permissions.REPORT}:
            raise ValueError(f"a new record needs ADD or REPORT, not {right!r}")
        permissions.require(
            actor, right, model=model, committee=getattr(instance, "committee", None)
        )
    else:
        current = _locked(model, instance.pk)
        if fields is not None:
            fields = _take_the_rest_from(current, instance, fields)
        permissions.require(actor, permissions.CHANGE, current)
        if not permissions.is_manager(actor, current):
            _check_owner_fields(actor, current, instance, m2m)
        elif getattr(instance, "committee_id", None) != getattr(current, "committee_id", None):
            # Moving a record to another committee needs the right to file it there.
            permissions.require(actor, permissions.ADD, model=model, committee=instance.committee)
        if expected_version is not None and int(expected_version) != current.version:
            raise ConflictError(STALE_EDIT)
        instance.version = current.version + 1
    instance.fill_derived()
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save(update_fields=fields)
    if m2m:
        _set_m2m_in_one_history_entry(instance, m2m)
    _run_hooks(0, instance)
    return instance


def _take_the_rest_from(current, instance, fields) -> list[str]:
    """Copy the stored values of the fields the edit does not set; the columns to write."""
    sent = set(fields)
    written = ["version"]
    for field in type(instance)._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in sent or getattr(field, "auto_now", False):
            written.append(field.name)
        elif field.name != "version":
            setattr(instance, field.attname, getattr(current, field.attname))
    return written


def _set_m2m_in_one_history_entry(instance, m2m):
    """Set many-to-many values and record them in the history entry `save()` just wrote.

    django-simple-history would otherwise add a second "changed" entry per m2m update, so a
    record created with its industries would show as created, then changed.
    """
    instance.skip_history_when_saving = True
    try:
        for name, values in m2m.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    entry = instance.history.order_by("-history_id").first()
    for name in m2m:
        field = type(instance)._meta.get_field(name)
        snapshot = getattr(entry, name, None)
        if snapshot is None:  # the field is not tracked in history
            continue
        snapshot.all().delete()
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = field.remote_field.through.objects.filter(**{source: instance})
        snapshot.model.objects.bulk_create(
            snapshot.model(
                id=row.pk,
                history=entry,
                **{source: instance, f"{target}_id": getattr(row, f"{target}_id")},
            )
            for row in rows
        )


@transaction.atomic
def record_delete(*, actor, instance, reason=""):
    current = _locked(type(instance), instance.pk)
    permissions.require(actor, permissions.DELETE, current)
    # A record may refuse deletion by its own rule (a problem already in the workflow keeps
    # its audit trail: it is withdrawn instead).
    refusal = getattr(current, "delete_refusal", None)
    if refusal is not None and (message := refusal()):
        raise DomainError(message)
    current._history_user = actor
    if reason:
        current._change_reason = reason
    try:
        # A savepoint so a refused delete leaves the outer transaction usable.
        with transaction.atomic():
            _run_hooks(1, current)
            current.delete()
    except ProtectedError as exc:
        used_by = sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects})
        raise DomainError(
            _("%(record)s cannot be deleted: it is still used by %(used_by)s.")
            % {"record": current, "used_by": "、".join(used_by)}
        ) from exc


@transaction.atomic
def record_create_many(*, actor, instances, progress=None) -> int:
    """Create many new records of one model at once: `record_save` for each, in bulk.

    The instances must have passed model validation, uniqueness against stored records
    included (the importer's check phase); many-to-many values are not written. Rows,
    history rows (the actor as history user) and the write hooks' derived rows are
    written with plain bulk writes (core.bulk), BULK_BATCH rows at a time, and each
    instance gets its new primary key; `progress(phase, done, total)` is told after each
    batch.
    """
    if not instances:
        return 0
    model = type(instances[0])
    pk = model._meta.pk.attname
    for committee in {getattr(instance, "committee", None) for instance in instances}:
        permissions.require(actor, permissions.ADD, model=model, committee=committee)
    now = timezone.now()
    for instance in instances:
        instance.fill_derived()
    with bulk_writes():
        for start in range(0, len(instances), BULK_BATCH):
            batch = instances[start : start + BULK_BATCH]
            rows = [bulk.row_of(i, now) for i in batch]
            bulk.insert_rows(model, rows, ids=True)
            for instance, row in zip(batch, rows, strict=True):
                instance.pk, instance._state.adding = row[pk], False
            bulk.insert_history(model, rows, user=actor, date=now)
            _run_bulk_hooks(model, rows, created=True)
            if progress:
                progress("saving", start + len(rows), len(instances))
    return len(instances)


def person_find_or_new(*, name: str, mobile: str, committee) -> Person:
    """The person a new membership is for: same name and mobile in the system = same person."""
    if mobile:
        existing = Person.objects.filter(name=name, mobile=mobile).first()
        if existing is not None:
            return existing
    return Person(name=name, mobile=mobile, committee=committee)


def _differs_from_stored(instance) -> bool:
    stored = type(instance).objects.get(pk=instance.pk)
    return any(
        getattr(stored, f.attname) != getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.name not in {"version", "updated_at", "created_at"}
    )


@transaction.atomic
def member_save(*, actor, member: Member, person: Person, expected_version=None, fields=None):
    """Register or change a member (委员) together with the person's own data.

    A new registration for a name and mobile already on file is the same person taking a
    second seat (e.g. 市、县两级政协委员): the membership is added to that person.
    """
    if person._state.adding:
        existing = person_find_or_new(name=person.name, mobile=person.mobile, committee=None)
        if not existing._state.adding:
            person = existing
    if person._state.adding:
        if person.committee_id is None:
            person.committee = member.committee
        record_save(actor=actor, instance=person)
    elif permissions.can_change(actor, person):
        record_save(actor=actor, instance=person)
    elif _differs_from_stored(person):
        raise DomainError(
            _("%(person)s's own data is kept by %(committee)s; ask that office to change it.")
            % {"person": person.name, "committee": person.committee}
        )
    member.person = person
    return record_save(
        actor=actor, instance=member, expected_version=expected_version, fields=fields
    )


@transaction.atomic
def member_create_many(*, actor, rows, progress=None):
    """Register many new members at once: `member_save` for each row, in bulk.

    rows: (member, person) pairs that passed the importer's check phase: the member's
    field values ({name: value}, committee and sector as objects), and either the person on
    file who takes the seat or the new person's field values. The outcome is the one
    `member_save` gives row by row — a person already on file, or met earlier in `rows`
    with the same name and mobile, takes the new seat, and is re-saved (a new version and
    history entry) when the actor may change them — but persons, members, their history
    rows and the write hooks' derived rows are written with plain bulk writes
    (core.bulk), the actor as history user. `progress(phase, done, total)` is told after
    each batch.
    """
    committees = {member["committee"] for member, _person in rows}
    for committee in committees:
        permissions.require(actor, permissions.ADD, model=Member, committee=committee)
    for committee in {m["committee"] for m, p in rows if isinstance(p, dict)}:
        permissions.require(actor, permissions.ADD, model=Person, committee=committee)
    now = timezone.now()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    by_key: dict = {}
    touched: dict = {}  # id(person row) -> [person row, times member_save would re-save it]
    may_change: dict = {}
    with bulk_writes():
        for start in range(0, len(rows), BULK_BATCH):
            batch = rows[start : start + BULK_BATCH]
            new_persons, members = [], []
            for values, person in batch:
                if isinstance(person, dict):
                    key = (person["name"], person["mobile"]) if person.get("mobile") else None
                    if key in by_key:
                        # The same person as an earlier row: member_save would find them on
                        # file and re-save them (the actor just filed them, so may change them).
                        record = by_key[key]
                        touched.setdefault(id(record), [record, 0])[1] += 1
                    else:
                        record = _fields(Person, person)
                        record.update(stamps, committee_id=values["committee"].pk)
                        record.update(Person.name_keys(person["name"]))
                        new_persons.append(record)
                        if key:
                            by_key[key] = record
                else:
                    record = by_key.get(("pk", person.pk))
                    if record is None:
                        record = by_key[("pk", person.pk)] = bulk.row_of(person)
                    if person.pk not in may_change:
                        may_change[person.pk] = permissions.can_change(actor, person)
                    if may_change[person.pk]:
                        touched.setdefault(id(record), [record, 0])[1] += 1
                members.append((values, record))
            bulk.insert_rows(Person, new_persons, ids=True)
            bulk.insert_history(Person, new_persons, user=actor, date=now)
            member_rows = [
                {**_fields(Member, values), **stamps, "person_id": record["id"]}
                for values, record in members
            ]
            bulk.insert_rows(Member, member_rows, ids=True)
            bulk.insert_history(Member, member_rows, user=actor, date=now)
            _run_bulk_hooks(Person, new_persons, created=True)
            _run_bulk_hooks(Member, member_rows, created=True)
            if progress:
                progress("saving", start + len(batch), len(rows))
        _resave_persons(actor, touched, now)
    return len(rows)


_ATTNAMES: dict = {}


def _fields(model, values: dict) -> dict:
    """{attname: value} of validated field values; a related object becomes its key."""
    names = _ATTNAMES.get(model)
    if names is None:
        names = _ATTNAMES[model] = {
            f.name: (f.attname, f.is_relation) for f in model._meta.concrete_fields
        }
    out = {}
    for name, value in values.items():
        attname, related = names[name]
        out[attname] = value.pk if related and value is not None else value
    return out


def _resave_persons(actor, touched, now):
    """Each re-save of a person `member_save` would make: a version and a history entry."""
    if not touched:
        return
    snapshots, stored = [], []
    for record, times in touched.values():
        created = record["created_at"] == now and record["version"] == 1
        for _step in range(times):
            record["version"] += 1
            snapshots.append({**record, "updated_at": now})
        record["updated_at"] = now
        if not created:
            stored.append(record)
    bulk.update_rows(Person, [r for r, _t in touched.values()], columns=["version", "updated_at"])
    bulk.insert_history(Person, snapshots, user=actor, date=now, update=True)
    # Persons filed by this import are indexed already, with the same text.
    _run_bulk_hooks(Person, stored, created=False)
