"""Who may change what — decided here, from the same Scope as visibility.

* committee-owned records: admins and staff of the record's committee or a committee above it
  may add, change and delete; leaders read; owners may change (never delete) the fields their
  model lists in `owner_editable_fields` (a member's own contact data, own enterprise);
* shared dictionaries (committees, sectors, industries): system administrators only — a
  superuser or an admin of a city- or region-level committee.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from lvzhi.core.choices import CommitteeLevel
from lvzhi.core.visibility import is_committee_owned, owner_lookups, scope_for

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
#: a member files a record of their own (e.g. an enterprise problem) with a committee they
#: sit on; only models that set `members_report = True` take such records
REPORT = "report"


def is_system_admin(user) -> bool:
    scope = scope_for(user)
    if scope.is_superuser:
        return True
    if not scope.administered:
        return False
    from lvzhi.core.models import Committee

    return (
        Committee.objects.filter(pk__in=scope.administered)
        .exclude(level=CommitteeLevel.COUNTY)
        .exists()
    )


def is_owner(user, obj) -> bool:
    lookups = owner_lookups(type(obj))
    if not lookups or not user.is_authenticated:
        return False
    q = Q()
    for lookup in lookups:
        q |= Q(**{lookup: user.pk})
    return type(obj).objects.filter(q, pk=obj.pk).exists()


def can_view(user, obj) -> bool:
    return type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()


def can_add(user, model, committee=None) -> bool:
    """May `user` add a `model` record (in `committee`, when given)?"""
    if not is_committee_owned(model):
        return is_system_admin(user)
    managed = scope_for(user).managed
    if committee is None:
        return bool(managed)
    return committee.pk in managed


def can_report(user, model, committee=None) -> bool:
    """May `user`, as a member, report a `model` record of their own (to `committee`)?"""
    if not getattr(model, "members_report", False):
        return False
    member_of = scope_for(user).member_of
    return bool(member_of) if committee is None else committee.pk in member_of


def can_change(user, obj) -> bool:
    if not is_committee_owned(type(obj)):
        return is_system_admin(user)
    if obj.committee_id in scope_for(user).managed:
        return True
    return bool(type(obj).owner_editable_fields) and is_owner(user, obj)


def is_manager(user, obj) -> bool:
    """Admin or staff of the record's committee (or above): may change every field."""
    if not is_committee_owned(type(obj)):
        return is_system_admin(user)
    return obj.committee_id in scope_for(user).managed


def can_delete(user, obj) -> bool:
    if not is_committee_owned(type(obj)):
        return is_system_admin(user)
    return obj.committee_id in scope_for(user).managed


def addable_committees(user, model, right=ADD):
    """The committees a new `model` record may be filed under by `user` (ADD or REPORT)."""
    from lvzhi.core.models import Committee

    if not is_committee_owned(model):
        return Committee.objects.none()
    if right == REPORT:
        ids = scope_for(user).member_of if getattr(model, "members_report", False) else ()
        return Committee.objects.filter(pk__in=ids)
    return Committee.objects.filter(pk__in=scope_for(user).managed)


def require(user, action: str, obj=None, *, model=None, committee=None) -> None:
    """Raise PermissionDenied (with a translated message) unless `user` may do `action`."""
    model = model or type(obj)
    allowed = {
        VIEW: lambda: can_view(user, obj),
        ADD: lambda: can_add(user, model, committee),
        REPORT: lambda: can_report(user, model, committee),
        CHANGE: lambda: can_change(user, obj),
        DELETE: lambda: can_delete(user, obj),
    }[action]()
    if not allowed:
        raise PermissionDenied(
            _("You may not %(action)s this %(model)s.")
            % {"action": ACTION_LABELS()[action], "model": model._meta.verbose_name}
        )


def ACTION_LABELS():  # noqa: N802 - evaluated lazily so the active language applies
    return {
        VIEW: _("view"),
        ADD: _("add"),
        REPORT: _("report"),
        CHANGE: _("change"),
        DELETE: _("delete"),
    }
