"""Activities, their participants and outputs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.activities.choices import Attendance, ParticipationRole
from lvzhi.activities.models import Activity, Participation, ReportItem
from lvzhi.activities.models.activities import ActivityChild
from lvzhi.activities.models.scoring import RuleSet, RuleSetChild
from lvzhi.core import permissions
from lvzhi.core.errors import DomainError
from lvzhi.core.services import record_delete, record_save


def _check_ruleset_open(ruleset):
    if ruleset is not None and RuleSet.objects.filter(pk=ruleset.pk, locked=True).exists():
        raise DomainError(
            _("The rule set %(ruleset)s is locked: its year is closed.") % {"ruleset": ruleset}
        )


@transaction.atomic
def child_save(*, actor, instance, m2m=None, expected_version=None, fields=None):
    """Save a record that belongs to an activity or a rule set (its committee follows).

    fields: for a change, the names the edit sets (see record_save)."""
    if isinstance(instance, ActivityChild):
        if instance.activity_id is None:
            raise ValidationError({"activity": _("Choose the activity.")})
        instance.follow_activity()
    elif isinstance(instance, RuleSetChild):
        if instance.ruleset_id is None:
            raise ValidationError({"ruleset": _("Choose the rule set.")})
        _check_ruleset_open(instance.ruleset)
        if not instance._state.adding:
            stored = type(instance).objects.filter(pk=instance.pk).values("ruleset_id").first()
            if stored:
                _check_ruleset_open(RuleSet.objects.get(pk=stored["ruleset_id"]))
        instance.follow_ruleset()
    if fields is not None:
        fields = [*fields, "committee", "published"]  # set by follow_* above
    return record_save(
        actor=actor, instance=instance, m2m=m2m, expected_version=expected_version, fields=fields
    )


@transaction.atomic
def child_delete(*, actor, instance):
    if isinstance(instance, RuleSetChild):
        _check_ruleset_open(instance.ruleset)
    record_delete(actor=actor, instance=instance)


@transaction.atomic
def activity_save(
    *, actor, activity, m2m=None, participants=None, expected_version=None, fields=None
):
    """Create or change an activity; `participants` [(member, role, attendance)] are added.

    fields: for a change, the names the edit sets (see record_save).

    All-or-nothing: a participant outside the committee system, or listed twice, refuses
    the whole save with a field error on `participants`, before anything is written.
    """
    m2m = dict(m2m or {})
    if activity.committee_id is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    if participants:
        members = [p[0] for p in participants]
        if not activity._state.adding:
            members += [p.member for p in activity.participations.select_related("member")]
        activity.clean_members(members)
    if "leaders" in m2m:
        activity.clean_members(list(m2m["leaders"]), field="leaders")
    was = None
    if not activity._state.adding:
        was = Activity.objects.filter(pk=activity.pk).values("committee_id", "published").first()
    activity = record_save(
        actor=actor, instance=activity, m2m=m2m, expected_version=expected_version, fields=fields
    )
    for member, role, attendance in participants or ():
        child_save(
            actor=actor,
            instance=Participation(
                activity=activity,
                member=member,
                role=role or ParticipationRole.PARTICIPANT,
                # listed, not yet present: attendance is recorded on the roll
                attendance=attendance or Attendance.INVITED,
            ),
        )
    if was and (was["committee_id"], was["published"]) != (
        activity.committee_id,
        activity.published,
    ):
        # Participations, outputs and attachments follow the activity's committee.
        for related in ("participations", "items"):
            for child in getattr(activity, related).all():
                child_save(actor=actor, instance=child)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity):
    """Delete an activity with its participations, outputs and attachments (each in history)."""
    permissions.require(actor, permissions.DELETE, activity)
    for related in ("participations", "items"):
        for child in getattr(activity, related).all():
            record_delete(actor=actor, instance=child)
    record_delete(actor=actor, instance=activity)


@transaction.atomic
def participants_invite(*, actor, activity, members, role=ParticipationRole.PARTICIPANT):
    """List members not yet listed as invited (a meeting's roll before attendance is taken)."""
    permissions.require(actor, permissions.CHANGE, activity)
    listed = set(activity.participations.values_list("member_id", flat=True))
    new = [m for m in members if m.pk not in listed]
    activity.clean_members(new, field="members")
    for member in new:
        child_save(
            actor=actor,
            instance=Participation(
                activity=activity, member=member, role=role, attendance=Attendance.INVITED
            ),
        )
    return len(new)


@transaction.atomic
def attendance_bulk_set(*, actor, activity, states):
    """Set attendance for many participants at once: {participation id: state}.

    Only changed rows are written (each with its history entry); an unknown id or state
    refuses the whole batch.
    """
    permissions.require(actor, permissions.CHANGE, activity)
    valid = set(Attendance.values)
    bad = sorted({s for s in states.values() if s not in valid})
    if bad:
        raise ValidationError({"attendance": _("Unknown attendance: %(v)s.") % {"v": bad[0]}})
    rows = {p.pk: p for p in activity.participations.select_for_update().filter(pk__in=states)}
    missing = set(states) - set(rows)
    if missing:
        raise ValidationError(
            {"attendance": _("These participants are not listed for this activity.")}
        )
    changed = 0
    for pk, state in states.items():
        row = rows[pk]
        if row.attendance != state:
            row.attendance = state
            child_save(actor=actor, instance=row)
            changed += 1
    return changed


@transaction.atomic
def report_items_add(*, actor, activity, items):
    """Add outputs (成果条目) to an activity, several at once: `items` [(kind, text)], after
    the ones it has, in the given order. All or nothing."""
    permissions.require(actor, permissions.CHANGE, activity)
    if not items:
        raise ValidationError({"text": _("Write at least one output item.")})
    last = activity.items.order_by("-sort_order").values_list("sort_order", flat=True).first()
    start = (last or 0) + 1
    return [
        child_save(
            actor=actor,
            instance=ReportItem(activity=activity, kind=kind, text=text, sort_order=start + i),
        )
        for i, (kind, text) in enumerate(items)
    ]
