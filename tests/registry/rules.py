"""The expected outcomes, from the rules in core/visibility.py and core/permissions.py.

A model's *visibility class* is derived from its attributes, so a new model needs no new
rule here:

* dictionary      not committee-owned (committees, sectors, activity kinds …): every signed-in
                  user reads, system administrators (a city-level admin) write;
* office          committee-owned: the office of the record's committee and of those above
                  it reads (admin, staff, leader) and writes (admin, staff); a member reads
                  what is published in the committees they sit on and those above;
* + member-owned  (`owner_lookup`) the owner also reads, and edits the model's
                  `owner_editable_fields` (never deletes);
* + unit-assigned (`unit_lookup`) a handling unit also reads what is assigned to it.
"""

from dataclasses import dataclass

from lvzhi.core.visibility import is_committee_owned, owner_lookups

USERS = ("alice", "bob", "carol", "dave", "erin", "frank", "olivia")
#: the member who owns the "own" records, the unit user of the "assigned" records
OWNER, UNIT_USER = "carol", "dave"
ALL = frozenset({"county", "other", "city"})
NONE = frozenset()


@dataclass(frozen=True)
class Office:
    """What one shared test user reaches as office, member or unit (tests/conftest.py)."""

    #: committees whose records they read as admin, staff or leader
    reads: frozenset = NONE
    #: committees whose records they add, change and delete (admin, staff)
    manages: frozenset = NONE
    #: committees whose *published* records they read (own and above)
    published: frozenset = NONE
    #: writes shared dictionaries (superuser or admin of a city-level committee)
    system_admin: bool = False


OFFICES = {
    "alice": Office(reads=ALL, manages=ALL, published=frozenset({"city"})),  # city staff
    "bob": Office(  # county staff
        reads=frozenset({"county"}),
        manages=frozenset({"county"}),
        published=frozenset({"county", "city"}),
    ),
    "carol": Office(published=frozenset({"county", "city"})),  # county member
    "dave": Office(),  # county handling unit
    "erin": Office(reads=ALL, published=frozenset({"city"})),  # city leader
    "frank": Office(reads=ALL, manages=ALL, published=frozenset({"city"}), system_admin=True),
    "olivia": Office(),  # outsider
}


@dataclass(frozen=True)
class Place:
    """Where a test record sits: its committee, published or not, whose it is."""

    name: str
    committee: str | None  # "county" / "other" / "city"; None for a shared dictionary
    published: bool = False
    owned: bool = False  # owned by OWNER (owner_lookup)
    assigned: bool = False  # assigned to UNIT_USER's unit (unit_lookup)


SHARED = Place("shared", None)
OFFICE_PLACES = (
    Place("county", "county"),
    Place("other", "other"),
    Place("city", "city"),
    Place("city-published", "city", published=True),
    Place("other-published", "other", published=True),
)
OWN = Place("own", "county", owned=True)
ASSIGNED = Place("assigned", "county", assigned=True)


def visibility_class(model) -> str:
    if not is_committee_owned(model):
        return "dictionary"
    traits = ["office"]
    if owner_lookups(model):
        traits.append("member-owned")
    if getattr(model, "unit_lookup", None):
        traits.append("unit-assigned")
    return "+".join(traits)


def places(model) -> tuple[Place, ...]:
    if not is_committee_owned(model):
        return (SHARED,)
    out = list(OFFICE_PLACES)
    if owner_lookups(model):
        out.append(OWN)
    if getattr(model, "unit_lookup", None):
        out.append(ASSIGNED)
    return tuple(out)


def creation_places(model) -> tuple[str | None, ...]:
    """The committees a create is tried in."""
    return ("county", "other", "city") if is_committee_owned(model) else (None,)


def may_read(who, model, place: Place) -> bool:
    office = OFFICES[who]
    if place.committee is None:
        return who != "anonymous"
    return (
        place.committee in office.reads
        or (place.published and place.committee in office.published)
        or (place.owned and who == OWNER)
        or (place.assigned and who == UNIT_USER)
    )


def may_change(who, model, place: Place) -> bool:
    office = OFFICES[who]
    if place.committee is None:
        return office.system_admin
    if place.committee in office.manages:
        return True
    return place.owned and who == OWNER and bool(model.owner_editable_fields)


def may_delete(who, model, place: Place) -> bool:
    office = OFFICES[who]
    if place.committee is None:
        return office.system_admin
    return place.committee in office.manages


def may_create(who, model, committee: str | None) -> bool:
    office = OFFICES[who]
    if committee is None:
        return office.system_admin
    return committee in office.manages


def may_add_anywhere(who, model) -> bool:
    return any(may_create(who, model, c) for c in creation_places(model))
