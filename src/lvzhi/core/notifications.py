"""Notifications: a row per recipient for the bell, and an email to those with an address.

    notify(users, "problems.remind", problem, actor=request.user,
           message=Message(gettext_noop("Reminder: %(record)s …"), record=label))

A `Message` keeps its English source and its values, so each reader sees it in the language
they read in (the bell, the inbox); the row also keeps the text as first written (the mail).

Rows are written in the caller's transaction (a rolled-back transition notifies nobody);
mail goes out only after the commit, through Django's mail backend (console by default,
SMTP by the EMAIL_* settings). A failing mail server never undoes the change: the error is
logged and the in-app notification stays.
"""

import datetime
import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.db.models import F, Max
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lvzhi.core import bulk, derived
from lvzhi.core.models import Notification
from lvzhi.core.models.base import RecordUrls

log = logging.getLogger(__name__)

#: the URL name of the page listing a user's notifications
INBOX_URL_NAME = "core:notifications"


class Message:
    """A text translated when shown: Message(gettext_noop("%(record)s was answered."), record=…).

    Values are kept as text, except dates (shown in the reader's date format) and
    translatable labels (e.g. a choice's label), translated with the text."""

    def __init__(self, source, /, **params):
        self.text, self.params = source, params

    def __str__(self):
        return self.render(_(self.text))

    def render(self, template) -> str:
        """The message in `template`, its text already translated."""
        return (
            template % {k: _shown(v) for k, v in self.params.items()} if self.params else template
        )

    def stored(self) -> dict:
        return {"text": self.text, "params": {k: _stored(v) for k, v in self.params.items()}}

    @classmethod
    def load(cls, data):
        return cls(data["text"], **data.get("params", {}))


def _stored(value):
    if isinstance(value, Promise) and len(getattr(value, "_args", ())) == 1:
        return {"label": value._args[0]}  # gettext_lazy("Satisfied"): translated when shown
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return str(value)


def _shown(value):
    if isinstance(value, dict) and "label" in value:
        return _(value["label"])
    if isinstance(value, dict) and "date" in value:
        return formats.date_format(datetime.date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
    return value


def notify(users, verb: str, target=None, *, message, actor=None, email=True):
    """Notify each distinct active user who may open `target`; returns how many were told."""
    return notify_many([(users, verb, target, message)], actor=actor, email=email)


def notify_many(entries, *, actor=None, email=True, cache=None):
    """Many notifications in one insert: entries are (users, verb, target, message); returns
    how many were written.

    For passes over many records (the daily deadline pass). Nobody is told about what they
    did themselves, nor about a record they may not open (`Model.objects.visible_to`), nor
    twice about the same record. `cache`: a dict a pass keeps across its calls, so that each
    recipient's visibility query is built once.
    """
    entries = [
        (_active(users, actor), verb, target, message) for users, verb, target, message in entries
    ]
    allowed = _visible_targets(entries, {} if cache is None else cache)
    actor_id = actor.pk if actor is not None else None
    rows, mails, told, templates = [], [], set(), {}
    links = RecordUrls()
    for users, verb, target, message in entries:
        target_type = target._meta.label_lower if target is not None else ""
        target_id = target.pk if target is not None else None
        text = url = None  # worked out once per entry, and only for an entry that tells someone
        for user in users:
            key = (user.pk, target_type, target_id)
            if key in told or (target is not None and key not in allowed):
                continue
            told.add(key)
            if text is None:
                text, source = _text(message, templates), {}
                if isinstance(message, Message):
                    source = message.stored()
                url = links(target)
            rows.append(
                {
                    "recipient_id": user.pk,
                    "actor_id": actor_id,
                    "verb": verb,
                    "message": text[:300],
                    "message_source": source,
                    "target_type": target_type,
                    "target_id": target_id,
                    "url": url,
                }
            )
            if email and user.email:
                mails.append(
                    (text[:120], _mail_body(text, url), settings.DEFAULT_FROM_EMAIL, [user.email])
                )
    # one plain bulk write (core.bulk: COPY on PostgreSQL) of the rows built above
    bulk.insert_rows(Notification, rows)
    derived.changed(Notification)
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return len(rows)


def _text(message, templates) -> str:
    """The message in the active language; `templates` keeps each text's translation (a
    pass writes thousands of the same message)."""
    if not isinstance(message, Message):
        return str(message)
    if message.text not in templates:
        templates[message.text] = _(message.text)
    return message.render(templates[message.text])


def _active(users, actor):
    """The distinct active users, without the actor."""
    out = {u.pk: u for u in users if u is not None and u.is_active}
    if actor is not None:
        out.pop(actor.pk, None)
    return list(out.values())


#: stands for the ids in a recipient's visibility query, built once (see _visible_targets)
_IDS = [-987654321987654321]


def _visible_targets(entries, cache) -> set[tuple[int, str, int]]:
    """(user id, record type, record id) for each recipient and record the user may open.

    On PostgreSQL one query for every recipient and record type, each recipient's
    visibility query built once per `cache` and given the ids as one array; elsewhere one
    query per recipient and record type. A record without committee visibility (no
    `visible_to`) may be opened by everyone told about it.
    """
    wanted: dict[tuple, dict] = {}
    for users, _verb, target, _message in entries:
        if target is None:
            continue
        for user in users:
            key = (user.pk, type(target))
            wanted.setdefault(key, {"user": user, "ids": set()})["ids"].add(target.pk)
    out, parts, params = set(), [], []
    for (user_id, model), want in wanted.items():
        label = model._meta.label_lower
        manager = model._default_manager
        if not hasattr(manager, "visible_to"):
            out.update((user_id, label, pk) for pk in want["ids"])
        elif connection.vendor != "postgresql":
            ids = manager.visible_to(want["user"]).filter(pk__in=want["ids"])
            out.update((user_id, label, pk) for pk in ids.order_by().values_list("pk", flat=True))
        else:
            if (user_id, model) not in cache:
                cache[user_id, model] = _visibility_query(manager.visible_to(want["user"]))
            if cache[user_id, model] is None:  # sees none of them
                continue
            sql, query_params, at = cache[user_id, model]
            query_params = [*query_params]
            query_params[at] = bulk.id_array(want["ids"])
            parts.append(f"SELECT %s::bigint, %s::text, visible.* FROM ({sql}) AS visible")
            params += [user_id, label, *query_params]
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            out.update(cursor.fetchall())
    return out


def _visibility_query(visible):
    """(sql, params, where the ids go) of the ids among some that `visible` holds; None
    where it holds nothing."""
    visible = bulk.by_ids(visible, _IDS).order_by().values_list("pk")
    try:
        sql, params = visible.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params), list(params).index(bulk.id_array(_IDS))


def _mail_body(text, url):
    body = text
    if url:
        body += "\n\n" + _("Open: %(url)s") % {"url": url}
    return body


def _send(mails):
    try:
        send_mass_mail(mails, fail_silently=False)
    except Exception:  # noqa: BLE001 - mail is best effort; the notification row stays
        log.exception("sending %d notification mails failed", len(mails))


@contextmanager
def dated(at):
    """Notifications written inside the block are dated `at` (or what `at()` returns once
    the block has run): a record of the past (demo data, an import of last year's steps)
    tells its people when the step happened."""
    since = last_id()
    yield
    Notification.objects.filter(pk__gt=since).update(created_at=at() if callable(at) else at)


def settle_history(since_id: int, keep: int = 5) -> int:
    """Mark the notifications after `since_id` read, except each recipient's `keep` newest.

    Loading a history must not flood the bell with a message per past step; the newest few
    stay unread so it shows what happened last. Returns how many were marked read.
    """
    rows = Notification.objects.filter(pk__gt=since_id, read_at__isnull=True)
    newest = {}
    for pk, recipient_id in rows.order_by("-created_at", "-id").values_list("pk", "recipient_id"):
        kept = newest.setdefault(recipient_id, [])
        if len(kept) < keep:
            kept.append(pk)
    keep_ids = [pk for kept in newest.values() for pk in kept]
    return rows.exclude(pk__in=keep_ids).update(read_at=F("created_at"))


def last_id() -> int:
    return Notification.objects.aggregate(last=Max("id"))["last"] or 0


def unread(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return unread(user).count()


def mark_read(user, ids=None) -> int:
    """Mark the user's notifications (all, or those with the given ids) as read."""
    qs = unread(user)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def bell(user) -> dict:
    """The bell's context value: unread count, the latest few, and the inbox URL."""
    if user is None or not user.is_authenticated:
        return {}
    try:
        url = reverse(INBOX_URL_NAME)
    except NoReverseMatch:
        url = ""
    count = unread_count(user)
    return {
        "unread": count,
        "latest": list(unread(user)[:5]) if count else [],  # none unread: no second query
        "url": url,
    }
