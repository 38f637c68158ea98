"""Who is told about a record of a committee: its office, its leaders, the handling units.

The workflows (problems, proposals …) address their notifications with these.
"""

from django.contrib.auth import get_user_model

from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from lvzhi.core.visibility import ancestors, committee_tree


def unit_users(department_ids):
    """The active accounts acting for the given handling units."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.UNIT,
            role_assignments__department_id__in=list(department_ids),
        )
        .distinct()
    )


def office_users(committee):
    """The office staff of `committee` and of the committees above it."""
    parents, _children = committee_tree()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.STAFF,
            role_assignments__committee_id__in=ancestors([committee.pk], parents),
        )
        .distinct()
    )


def leaders_for(committee):
    """The leaders (班子成员) of `committee`; a county without any: those of the level above."""
    parents, _children = committee_tree()
    node = committee.pk
    while node is not None:
        ids = RoleAssignment.objects.filter(role=Role.LEADER, committee_id=node).values("user_id")
        users = get_user_model().objects.filter(is_active=True, pk__in=ids)
        if users.exists():
            return users
        node = parents.get(node)
    return get_user_model().objects.none()
