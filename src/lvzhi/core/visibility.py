"""Who sees what — the one place that decides it.

Every list, detail page, API endpoint, export and search starts from
`Model.objects.visible_to(user)`, which calls `restrict` below. The rules:

* an admin, staff member or leader of a committee sees that committee's records and those of
  every committee below it (city staff see the counties; county staff only their county);
* a member sees own records (`owner_lookup`) and records published to members in the
  committees they sit on and the committees above them;
* a handling unit sees only what is assigned to it (`unit_lookup`);
* shared dictionaries (committees, sectors, industries) are readable by every signed-in user.

Writes are decided in `core.permissions`, from the same `Scope`.
"""

from dataclasses import dataclass, field, replace

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet

from lvzhi.core.choices import Role


@dataclass(frozen=True)
class Scope:
    """What one user may reach, as committee and department ids."""

    user_id: int | None
    is_superuser: bool = False
    #: committees (with their descendants) where the user is admin or staff: read and write.
    managed: frozenset[int] = field(default_factory=frozenset)
    #: committees (with descendants) the user may read as admin, staff or leader.
    readable: frozenset[int] = field(default_factory=frozenset)
    #: committees (with descendants) where the user administers users and dictionaries.
    administered: frozenset[int] = field(default_factory=frozenset)
    #: committees whose published records the user sees as a member (own + ancestors).
    published: frozenset[int] = field(default_factory=frozenset)
    #: committees the user sits on as a member (no descendants): where they may report.
    member_of: frozenset[int] = field(default_factory=frozenset)
    #: handling units the user acts for.
    departments: frozenset[int] = field(default_factory=frozenset)
    #: the committee the user works for first (for "本级" and form defaults).
    home_committee_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    #: `readable` holds every committee: the user reads every committee-owned record.
    reads_all: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None


def committee_tree() -> tuple[dict[int, int | None], dict[int, list[int]]]:
    """(parent of each committee, children of each committee) — the tree is small."""
    from lvzhi.core.models import Committee

    parents = dict(Committee.objects.values_list("id", "parent_id"))
    children: dict[int, list[int]] = {}
    for cid, pid in parents.items():
        if pid is not None:
            children.setdefault(pid, []).append(cid)
    return parents, children


def descendants(ids, children) -> set[int]:
    """The given committees and every committee below them."""
    out, stack = set(), list(ids)
    while stack:
        cid = stack.pop()
        if cid not in out:
            out.add(cid)
            stack.extend(children.get(cid, ()))
    return out


def ancestors(ids, parents) -> set[int]:
    out = set()
    for cid in ids:
        while cid is not None and cid not in out:
            out.add(cid)
            cid = parents.get(cid)
    return out


def scope_for(user) -> Scope:
    """Compute (once per user object) what the user may reach."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope(user_id=None)
    cached = getattr(user, "_lvzhi_scope", None)
    if cached is not None:
        return cached

    from lvzhi.core.models import RoleAssignment

    parents, children = committee_tree()
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "committee_id", "role", "department_id"
        )
    )
    by_role: dict[str, set[int]] = {}
    for committee_id, role, _dept in assignments:
        by_role.setdefault(role, set()).add(committee_id)
    admin = by_role.get(Role.ADMIN, set())
    staff = by_role.get(Role.STAFF, set())
    leader = by_role.get(Role.LEADER, set())
    member = by_role.get(Role.MEMBER, set())
    if user.is_superuser:
        roots = {cid for cid, pid in parents.items() if pid is None}
        admin = admin | roots

    order = [admin, staff, leader, member, by_role.get(Role.UNIT, set())]
    home = next((min(s) for s in order if s), None)
    scope = Scope(
        user_id=user.pk,
        is_superuser=user.is_superuser,
        managed=frozenset(descendants(admin | staff, children)),
        readable=frozenset(descendants(admin | staff | leader, children)),
        administered=frozenset(descendants(admin, children)),
        published=frozenset(ancestors(member | staff | leader | admin, parents)),
        member_of=frozenset(member),
        departments=frozenset(d for _c, role, d in assignments if role == Role.UNIT and d),
        home_committee_id=home,
        roles=frozenset(by_role) | ({Role.ADMIN} if user.is_superuser else set()),
    )
    scope = replace(scope, reads_all=bool(parents) and scope.readable >= parents.keys())
    user._lvzhi_scope = scope
    return scope


def is_committee_owned(model) -> bool:
    return any(f.name == "committee" for f in model._meta.fields) and hasattr(model, "published")


def visibility_q(model, scope: Scope) -> Q | None:
    """The filter for `model` under `scope`; None means everything (shared dictionaries)."""
    if getattr(model, "private_to_actor", False):
        # Background jobs: their actor, and the system administrators of their committee.
        if scope.is_superuser:
            return None
        return Q(actor_id=scope.user_id) | Q(committee_id__in=scope.administered)
    if not is_committee_owned(model):
        # Committees, sectors and industries are the shared structure of the system.
        return None
    if scope.reads_all:
        # Every record belongs to a committee the user reads: no filter to apply.
        return None
    q = Q(committee_id__in=scope.readable) | Q(published=True, committee_id__in=scope.published)
    for lookup in owner_lookups(model):
        q |= _related_q(model, lookup, scope.user_id)
    if model.unit_lookup and scope.departments:
        q |= _related_q(model, f"{model.unit_lookup}__in", scope.departments)
    return q


def _related_q(model, lookup, value) -> Q:
    """`lookup=value` as a condition on the model's own columns: a lookup that reaches into
    related tables becomes `column IN (subquery)`, so the outer query joins nothing — no
    DISTINCT for to-many relations, and its count stays a count over one table."""
    head, _, rest = lookup.partition("__")
    try:
        f = model._meta.get_field(head)
    except FieldDoesNotExist:
        return Q(**{lookup: value})  # `pk` and the model's own columns
    if not f.is_relation or not rest or rest.split("__")[0] in ("pk", "id", "in", "exact"):
        return Q(**{lookup: value})  # answered by the model's own column
    if f.concrete and (f.many_to_one or f.one_to_one):
        inner = f.related_model._base_manager.filter(**{rest: value})
        return Q(**{f"{head}__in": inner.values(f.target_field.attname)})
    if f.one_to_many and getattr(f, "field", None) is not None and f.field.concrete:
        # A reverse foreign key: the related rows, by their key column.
        inner = f.related_model._base_manager.filter(**{rest: value})
        return Q(pk__in=inner.values(f.field.attname))
    return Q(pk__in=model._base_manager.filter(**{lookup: value}).values("pk"))


def restrict(queryset: QuerySet, user) -> QuerySet:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return queryset.none()
    q = visibility_q(queryset.model, scope)
    return queryset if q is None else queryset.filter(q)


def owner_lookups(model) -> tuple[str, ...]:
    """The model's owner lookups as a tuple (`owner_lookup` may be one string or several)."""
    lookup = getattr(model, "owner_lookup", None)
    if not lookup:
        return ()
    return (lookup,) if isinstance(lookup, str) else tuple(lookup)


def crosses_many(model, lookup) -> bool:
    """Does `lookup` from `model` pass through a to-many relation?"""
    current = model
    for part in lookup.split("__"):
        if part == "pk":
            break
        try:
            f = current._meta.get_field(part)
        except FieldDoesNotExist:
            break  # a lookup such as `in`
        if f.many_to_many or f.one_to_many:
            return True
        if f.related_model is None:
            break
        current = f.related_model
    return False
