"""Notifications: a row per recipient for the bell, and an email to those with an address.

    notify(users, "problems.remind", problem, message=_("…"), actor=request.user)

Rows are written in the caller's transaction (a rolled-back transition notifies nobody);
mail goes out only after the commit, through Django's mail backend (console by default,
SMTP by the EMAIL_* settings). A failing mail server never undoes the change: the error is
logged and the in-app notification stays.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.models import Notification

log = logging.getLogger(__name__)

#: the URL name of the page listing a user's notifications
INBOX_URL_NAME = "core:notifications"


def notify(users, verb: str, target=None, *, message: str, actor=None, email=True):
    """Notify each distinct active user; returns the Notification rows created."""
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if actor is not None:
        recipients.pop(actor.pk, None)  # nobody is told about what they did themselves
    if not recipients:
        return []
    target_type = target._meta.label_lower if target is not None else ""
    target_id = target.pk if target is not None else None
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            actor=actor,
            verb=verb,
            message=str(message)[:300],
            target_type=target_type,
            target_id=target_id,
            url=url,
        )
        for user in recipients.values()
    )
    if email:
        mails = [
            (str(message)[:120], _mail_body(message, url), settings.DEFAULT_FROM_EMAIL, [u.email])
            for u in recipients.values()
            if u.email
        ]
        if mails:
            transaction.on_commit(lambda: _send(mails))
    return rows


def notify_many(entries, *, actor=None, email=True):
    """Many notifications in one insert: entries are (users, verb, target, message).

    For passes over many records (the daily deadline pass); same rules as notify().
    """
    rows, mails = [], []
    for users, verb, target, message in entries:
        url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
        for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
            if actor is not None and user.pk == actor.pk:
                continue
            rows.append(
                Notification(
                    recipient=user,
                    actor=actor,
                    verb=verb,
                    message=str(message)[:300],
                    target_type=target._meta.label_lower if target is not None else "",
                    target_id=target.pk if target is not None else None,
                    url=url,
                )
            )
            if email and user.email:
                mails.append(
                    (
                        str(message)[:120],
                        _mail_body(message, url),
                        settings.DEFAULT_FROM_EMAIL,
                        [user.email],
                    )
                )
    Notification.objects.bulk_create(rows, batch_size=1000)
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return rows


def _mail_body(message, url):
    body = str(message)
    if url:
        body += "\n\n" + _("Open: %(url)s") % {"url": url}
    return body


def _send(mails):
    try:
        send_mass_mail(mails, fail_silently=False)
    except Exception:  # noqa: BLE001 - mail is best effort; the notification row stays
        log.exception("sending %d notification mails failed", len(mails))


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
    return {
        "unread": unread_count(user),
        "latest": list(unread(user)[:5]),
        "url": url,
    }
