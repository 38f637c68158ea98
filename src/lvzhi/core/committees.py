"""The committee system (全市政协系统, 市县联动) a committee works in.

A city committee and the county committees under it work as one system: a record of any of
them may involve the members, enterprises and handling units of the city and its counties,
never those of another city, nor of the regional committee above (a member who sits on both
levels has a membership of the city committee for that).
"""

from lvzhi.core.choices import CommitteeLevel
from lvzhi.core.models import Committee
from lvzhi.core.visibility import ancestors, committee_tree, descendants


def system_root_id(committee) -> int:
    """The nearest city-level committee at or above `committee` (or the top of its tree)."""
    parents, _children = committee_tree()
    levels = dict(Committee.objects.values_list("id", "level"))
    node = root = committee.pk
    while node is not None:
        root = node
        if levels.get(node) == CommitteeLevel.CITY:
            break
        node = parents.get(node)
    return root


def system_committee_ids(committee) -> set[int]:
    """The ids of every committee in the system of `committee`: its city and the counties."""
    _parents, children = committee_tree()
    return descendants([system_root_id(committee)], children)


def within_system(committee, other) -> bool:
    """Whether a record of `committee` may involve a member, enterprise or unit of `other`."""
    return other.pk in system_committee_ids(committee)


def units_at_hand(committee):
    """The active handling units a record of `committee` may be assigned to (problems,
    proposals) and is offered in the picker: those of its own committee, of the city above
    it and of the committees below it. A county's problem goes to its own or the city's
    units, never to another county's."""
    from lvzhi.core.models import Department

    parents, children = committee_tree()
    line = ancestors([committee.pk], parents) | descendants([committee.pk], children)
    return Department.objects.filter(
        committee_id__in=line & system_committee_ids(committee), is_active=True
    )
