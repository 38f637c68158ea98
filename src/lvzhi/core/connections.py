"""Enterprises a user is connected to through other apps' records (core names no app).

A member may act for an enterprise they run (Enterprise.member) and, since the office
sends them there, for one they visited with an industry service team (产业服务团走访企业):
the activities app registers where those visits are, and a member may report that
enterprise's problems. A provider takes the user and returns a queryset of enterprise ids.
"""

from django.db.models import Q

_VISITED: list = []


def register_visited_enterprises(provider):
    _VISITED.append(provider)


def visited_enterprise_ids(user) -> Q:
    """A condition on Enterprise: the user visited it (per every registered provider)."""
    q = Q(pk__in=[])
    for provider in _VISITED:
        q |= Q(pk__in=provider(user))
    return q


def reportable_enterprises(user):
    """The enterprises `user` may report a problem for: those they see (their own, the
    published ones) and those they visited."""
    from lvzhi.core.models import Enterprise

    if not getattr(user, "is_authenticated", False):
        return Enterprise.objects.none()
    seen = Enterprise.objects.visible_to(user).values("pk")
    return Enterprise.objects.filter(Q(pk__in=seen) | visited_enterprise_ids(user))
