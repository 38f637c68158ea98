"""Write the demo data set through the services; recognise and remove demo data.

Every record is written with `services.record_save` by the demo actor (an inactive
superuser named `demo-loader`), so history attributes the whole data set to it. Records are
matched by natural key first: loading twice adds nothing, and a newer data set only adds
what is missing.
"""

from collections import Counter
from contextlib import nullcontext

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lvzhi.core import notifications
from lvzhi.core.choices import IndustryKind, Role
from lvzhi.core.models import (
    Committee,
    Department,
    Enterprise,
    Industry,
    Member,
    Park,
    Person,
    RoleAssignment,
    Sector,
    Village,
)
from lvzhi.core.services import SYSTEM_USERNAME, record_save

from . import structure as S
from .generate import Dataset, build_dataset

#: Demo data of the pillar apps: (load(loader), reset()) pairs added by `register_pillar`
#: from each pillar app's AppConfig.ready(), so core never imports a pillar app.
PILLARS: list = []


def register_pillar(load, reset):
    """A pillar app's demo step: `load(loader)` runs after the core data (the loader holds the
    actor and the committees, people and departments by name); `reset()` deletes the app's
    records and history before the core records go."""
    PILLARS.append((load, reset))


#: Unread notifications each demo user keeps from the demo's history (the bell shows them).
DEMO_UNREAD = 5

#: Core models in the order --reset deletes them (dependants first); trees come after.
RESET_ORDER = [Enterprise, Village, Park, RoleAssignment, Member, Person, Department, Sector]


def demo_actor():
    """The user every demo write is attributed to. It cannot sign in."""
    user, _created = get_user_model().objects.update_or_create(
        username=S.DEMO_ACTOR_USERNAME,
        defaults={"first_name": S.DEMO_ACTOR_NAME, "is_active": False, "is_superuser": True},
    )
    return user


def history_models(app_label=None):
    """Every django-simple-history model (one row per change, with `history_user`)."""
    for model in apps.get_models():
        if app_label and model._meta.app_label != app_label:
            continue
        if any(f.name == "history_user" for f in model._meta.fields):
            yield model


def non_demo_data() -> str | None:
    """Why the database holds data that is not demo data, or None when it holds none.

    Non-demo data: a user other than the demo users and the system user, or a history row
    written by anybody but a demo user (the demo actor, or someone trying the demo logins).
    """
    users = get_user_model().objects
    others = list(
        users.exclude(username__in=S.DEMO_USERNAMES | {SYSTEM_USERNAME})
        .order_by("username")
        .values_list("username", flat=True)[:3]
    )
    if others:
        return _("user %(names)s is not a demo user") % {"names": "、".join(others)}
    demo_ids = list(users.filter(username__in=S.DEMO_USERNAMES).values_list("pk", flat=True))
    for model in history_models():
        foreign = model.objects.filter(
            Q(history_user__isnull=True) | ~Q(history_user_id__in=demo_ids)
        )
        if foreign.exists():
            return _("the history of %(model)s holds changes not made by the demo") % {
                "model": model.instance_type._meta.verbose_name_plural
            }
    return None


def demo_users_present() -> bool:
    return get_user_model().objects.filter(username__in=[u[0] for u in S.DEMO_USERS]).exists()


@transaction.atomic
def reset_demo() -> Counter:
    """Delete every core record, the core history and the demo users. Returns the counts."""
    deleted = Counter()
    for _load, reset in reversed(PILLARS):
        deleted.update(reset() or {})
    for model in RESET_ORDER:
        deleted[model._meta.verbose_name_plural] += (
            model.objects.all().delete()[1].get(model._meta.label, 0)
        )
    for model in (Industry, Committee):
        deleted[model._meta.verbose_name_plural] += _delete_tree(model)
    for model in history_models("core"):
        model.objects.all().delete()
    get_user_model().objects.filter(username__in=S.DEMO_USERNAMES).delete()
    return deleted


def _delete_tree(model) -> int:
    """Delete a self-referencing tree (parent is PROTECT): leaves first."""
    total = 0
    while model.objects.exists():
        count, _by_model = model.objects.filter(children__isnull=True).delete()
        total += count
    return total


def dataset_size(data: Dataset) -> int:
    return (
        len(S.COMMITTEES)
        + len(S.SECTORS)
        + sum(1 + len(item[4]) for item in S.INDUSTRIES)
        + len(S.PARKS)
        + len(data.departments)
        + len(data.villages)
        + 2 * len(S.DEMO_USERS)  # the account and its role
        + sum(1 + len(p.memberships) for p in data.people)
        + len(data.enterprises)
    )


class Loader:
    """Writes one Dataset; `created` and `existing` count records per model."""

    def __init__(self, actor, data: Dataset, progress=None):
        self.actor = actor
        self.data = data
        self.progress = progress
        self.created: Counter = Counter()
        self.existing: Counter = Counter()
        self.models: dict = {}  # the models written, in loading order
        self.committees: dict[str, Committee] = {}
        self.sectors: dict[str, Sector] = {}
        self.industries: dict[tuple, Industry] = {}
        self.parks: dict[str, Park] = {}
        self.departments: dict[str, Department] = {}
        self.users: dict[str, object] = {}
        self.people: dict[str, Person] = {}

    def ensure(self, model, lookup: dict, values: dict | None = None, m2m: dict | None = None):
        """The record matching `lookup`, created through record_save when it is missing."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **(values or {}))
            record_save(actor=self.actor, instance=obj, m2m=m2m)
            self.created[model] += 1
        else:
            self.existing[model] += 1
        self.step(model)
        return obj

    def step(self, model):
        self.models.setdefault(model, None)
        if self.progress is not None:
            self.progress.set_postfix_str(str(model._meta.verbose_name_plural), refresh=False)
            self.progress.update()

    # -- the steps, in dependency order ---------------------------------------------------
    def run(self):
        self.load_committees()
        self.load_dictionaries()
        self.load_places()
        self.load_users()
        self.load_people()
        self.load_enterprises()

    def load_committees(self):
        self.terms = {c[0]: c[5] for c in S.COMMITTEES}
        for order, (key, name, short, level, parent, *_rest) in enumerate(S.COMMITTEES):
            self.committees[key] = self.ensure(
                Committee,
                {"name": name},
                {
                    "short_name": short,
                    "level": level,
                    "parent": self.committees.get(parent),
                    "sort_order": order * 10,
                },
            )
        # The actor's scope (what it manages) was computed before the committees existed.
        self.actor.__dict__.pop("_lvzhi_scope", None)

    def load_dictionaries(self):
        for order, name in enumerate(S.SECTORS):
            self.sectors[name] = self.ensure(Sector, {"name": name}, {"sort_order": order * 10})
        for order, (key, name, code, description, links) in enumerate(S.INDUSTRIES):
            root = self.ensure(
                Industry,
                {"parent": None, "name": name},
                {
                    "kind": IndustryKind.INDUSTRY,
                    "code": code,
                    "description": description,
                    "sort_order": order * 10,
                },
            )
            self.industries[(key, None)] = root
            for link_order, link in enumerate(links):
                self.industries[(key, link)] = self.ensure(
                    Industry,
                    {"parent": root, "name": link},
                    {
                        "kind": IndustryKind.CHAIN_LINK,
                        "code": f"{code}-{link_order + 1:02d}",
                        "sort_order": link_order * 10,
                    },
                )

    def load_places(self):
        for committee, name, level, industry_keys, description in S.PARKS:
            self.parks[name] = self.ensure(
                Park,
                {"committee": self.committees[committee], "name": name},
                {
                    "level": level,
                    "description": description,
                    "address": f"{S.PLACES[committee][0]}{name}",
                },
                m2m={"industries": [self.industries[(k, None)] for k in industry_keys]},
            )
        for d in self.data.departments:
            self.departments[d.short_name] = self.ensure(
                Department,
                {"committee": self.committees[d.committee], "name": d.name},
                {
                    "short_name": d.short_name,
                    "kind": d.kind,
                    "contact_person": d.contact_person,
                    "phone": d.phone,
                },
            )
        for committee, township, name, lifted, population, main_industries in self.data.villages:
            self.ensure(
                Village,
                {"committee": self.committees[committee], "township": township, "name": name},
                {
                    "is_lifted_out_of_poverty": lifted,
                    "population": population,
                    "main_industries": main_industries,
                },
            )

    def load_users(self):
        User = get_user_model()
        password = make_password(S.DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
        for username, display, role, committee, unit, admin_site in S.DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = display, ""
            user.password = password
            user.is_active, user.is_staff, user.is_superuser = True, admin_site, False
            user.save()
            if admin_site:
                user.user_permissions.set(
                    Permission.objects.filter(
                        Q(content_type__app_label="core")
                        | Q(
                            content_type__app_label="auth",
                            content_type__model="user",
                            codename__in=["view_user", "add_user", "change_user"],
                        )
                    )
                )
            (self.created if created else self.existing)[User] += 1
            self.step(User)
            self.users[username] = user
            self.ensure(
                RoleAssignment,
                {
                    "user": user,
                    "committee": self.committees[committee],
                    "role": role,
                    "department": self.departments[unit] if unit else None,
                },
            )

    def load_people(self):
        for spec in self.data.people:
            person = self.ensure(
                Person,
                {"name": spec.name, "mobile": spec.mobile},
                {
                    "committee": self.committees[spec.committee],
                    "gender": spec.gender,
                    "ethnicity": spec.ethnicity,
                    "birth_year": spec.birth_year,
                    "employer": spec.employer,
                    "address": spec.address,
                    "profile": spec.profile,
                    "user": self._free_user(spec.user),
                },
            )
            self.people[spec.key] = person
            for m in spec.memberships:
                self.ensure(
                    Member,
                    {
                        "person": person,
                        "committee": self.committees[m.committee],
                        "term": self.terms[m.committee],
                    },
                    {
                        "sector": self.sectors[m.sector],
                        "position": m.position,
                        "member_no": m.member_no,
                        "is_active": True,
                    },
                )

    def _free_user(self, username):
        """The login to link, unless another person already holds it."""
        user = self.users.get(username) if username else None
        if user is None or Person.objects.filter(user=user).exists():
            return None
        return user

    def load_enterprises(self):
        for e in self.data.enterprises:
            member = self.people[e.member] if e.member else None
            self.ensure(
                Enterprise,
                {"committee": self.committees[e.committee], "name": e.name},
                {
                    "credit_code": e.credit_code,
                    "park": self.parks.get(e.park),
                    "is_member_enterprise": member is not None,
                    "member": member,
                    "legal_representative": e.legal_representative,
                    "address": e.address,
                    "phone": e.phone,
                    "employees": e.employees,
                    "description": e.description,
                },
                m2m={"industries": [self.industries[ref] for ref in e.industries]},
            )


def load_demo(progress_factory=None) -> Loader:
    """Load the demo system in one transaction; returns the loader with its counts.

    progress_factory(total) -> a tqdm-like object (update, set_postfix_str, close), or None.
    """
    data = build_dataset()
    with transaction.atomic():
        actor = demo_actor()
        progress = progress_factory(dataset_size(data)) if progress_factory else None
        with progress if progress is not None else nullcontext():
            loader = Loader(actor, data, progress)
            loader.run()
        since = notifications.last_id()
        for load, _reset in PILLARS:
            load(loader)
        # The demo's history is past: its notifications are read, but for the newest few.
        notifications.settle_history(since, keep=DEMO_UNREAD)
    return loader


def demo_logins() -> list[dict]:
    """The demo accounts as the login page and the command show them."""
    labels = {c[0]: c[1] for c in S.COMMITTEES}
    return [
        {
            "username": username,
            "password": S.DEMO_PASSWORD,
            "role": role,
            "role_label": Role(role).label,
            "committee": labels[committee] + (f" · {unit}" if unit else ""),
            "name": display,
        }
        for username, display, role, committee, unit, _admin in S.DEMO_USERS
    ]
