"""The navigation: each role sees the menu entries it may use.

Pillar apps add their entries with `register()` from their AppConfig.ready(), so core
never imports them.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from lvzhi.core.visibility import scope_for


@dataclass(frozen=True)
class MenuItem:
    group: str
    label: str
    url_name: str
    icon: str
    visible: Callable


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str
    order: int


_GROUPS: dict[str, MenuGroup] = {}
_ITEMS: list[MenuItem] = []


def register_group(key, label, order):
    _GROUPS[key] = MenuGroup(key, label, order)


def register(group, label, url_name, icon, visible):
    _ITEMS.append(MenuItem(group, label, url_name, icon, visible))


@functools.cache
def _url(url_name, script_prefix, urlconf):
    return reverse(url_name)


def menu_for(user):
    groups = []
    prefix, urlconf = get_script_prefix(), get_urlconf()
    for group in sorted(_GROUPS.values(), key=lambda g: g.order):
        items = [
            {"label": i.label, "url": _url(i.url_name, prefix, urlconf), "icon": i.icon}
            for i in _ITEMS
            if i.group == group.key and i.visible(user)
        ]
        if items:
            groups.append({"label": group.label, "items": items})
    return groups


# Who sees an entry: the checks every app's menu entries use.


def reads_committee_records(user):
    """Offices, leaders, members and handling units: anyone who reads some record."""
    scope = scope_for(user)
    return bool(scope.readable or scope.published or scope.departments)


def office_or_leader(user):
    """Those who read all the records of a committee: its admins, staff and leaders."""
    return bool(scope_for(user).readable)


def member_or_office(user):
    """Members and offices; a handling unit works only on what is assigned to it."""
    scope = scope_for(user)
    return bool(scope.readable or scope.published)


def with_records(label, check, *, besides_own=False):
    """The entry of `model`'s list, for those `check` admits: offices and leaders always
    (they file and read records), others only when the list would show them something —
    a member's menu leads to no empty list, nor (besides_own) to a list of only themselves.
    """

    def visible(user):
        if not check(user):
            return False
        if office_or_leader(user):
            return True
        model = apps.get_model(label)
        # one EXISTS per list and user, kept on the user object for the request
        cache = user.__dict__.setdefault("_lvzhi_menu_has", {})
        key = (label, besides_own)
        if key not in cache:
            rows = model.objects.visible_to(user)
            if besides_own:
                rows = rows.exclude(**{model.owner_lookup: user.pk})
            cache[key] = rows.exists()
        return cache[key]

    return visible


register_group("people", _("Members"), 10)
register_group("dictionaries", _("Dictionaries"), 80)
register_group("admin", _("Administration"), 90)

register(
    "people",
    _("Members"),
    "core:member_list",
    "people",
    with_records("core.Member", member_or_office, besides_own=True),
)
register("people", _("Persons"), "core:person_list", "person-vcard", office_or_leader)
for label, name, icon in (
    (_("Enterprises"), "enterprise", "building"),
    (_("Villages"), "village", "house"),
    (_("Parks"), "park", "buildings"),
):
    register(
        "dictionaries",
        label,
        f"core:{name}_list",
        icon,
        with_records(f"core.{name}", member_or_office),
    )
register(
    "dictionaries",
    _("Handling units"),
    "core:department_list",
    "bank",
    with_records("core.Department", reads_committee_records),
)
register("dictionaries", _("Industries"), "core:industry_list", "diagram-3", lambda u: True)
register("dictionaries", _("Sectors"), "core:sector_list", "tags", lambda u: True)
register("dictionaries", _("Committees"), "core:committee_list", "diagram-2", lambda u: True)
register("admin", _("Site administration"), "admin:index", "gear", lambda u: u.is_staff)
