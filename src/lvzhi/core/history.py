"""A record's history as people read it: who, when, what changed from what to what.

django-simple-history stores a full snapshot per change (with the actor). Snapshots are
diffed pairwise here; foreign keys and many-to-many values are shown by name.
"""

from django.db import models as dj_models
from django.utils.translation import gettext_lazy as _

HIDDEN_FIELDS = {"version", "updated_at", "created_at"}

TYPE_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def history_entries(obj, limit=200):
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = _changes(obj, record, previous)
        entries.append(
            {
                "date": record.history_date,
                "user": _actor_name(record.history_user),
                "type": TYPE_LABELS.get(record.history_type, record.history_type),
                # workflow steps keep their English name: shown in the reader's language
                "reason": _(record.history_change_reason) if record.history_change_reason else "",
                "changes": changes,
            }
        )
    return entries


def _actor_name(user):
    if user is None:
        return _("unknown")
    return user.get_full_name() or user.username


def _changes(obj, record, previous):
    model = type(obj)
    if previous is None:
        # A creation: list the values it was created with.
        out = []
        for field in model._meta.concrete_fields:
            if field.name in HIDDEN_FIELDS or field.primary_key:
                continue
            value = getattr(record, field.attname)
            if value not in (None, "", False):
                out.append((field.verbose_name, "", _display(field, value)))
        return out
    delta = record.diff_against(previous)
    out = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS:
            continue
        field = model._meta.get_field(change.field)
        out.append((field.verbose_name, _display(field, change.old), _display(field, change.new)))
    return out


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.many_to_many:
        target = field.related_model
        ids = [row.get(target._meta.model_name) for row in value if isinstance(row, dict)]
        names = target._default_manager.filter(pk__in=ids)
        return "、".join(str(n) for n in names) or "—"
    if isinstance(field, dj_models.ForeignKey):
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, dj_models.BooleanField):
        return str(_("yes") if value else _("no"))
    return str(value)
