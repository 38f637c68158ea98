"""Rule sets: saved with their lock respected; a new year starts as a copy of the last."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.activities.models import GradeBand, Rule, RuleSet, ScoreCap
from lvzhi.core.errors import DomainError
from lvzhi.core.services import record_delete, record_save


@transaction.atomic
def ruleset_save(*, actor, ruleset, expected_version=None, fields=None):
    """Save a rule set; the children follow its committee and publication.

    A locked rule set (a closed year) keeps its scores: the one change it takes is being
    unlocked, on its own, which history records like any change.
    fields: for a change, the names the edit sets (see record_save)."""
    if ruleset.pk:
        stored = RuleSet.objects.select_for_update().filter(pk=ruleset.pk).first()
        if stored is not None and stored.locked:
            _refuse_unless_unlocking(stored, ruleset, fields)
    ruleset = record_save(
        actor=actor, instance=ruleset, expected_version=expected_version, fields=fields
    )
    for model in (ScoreCap, Rule, GradeBand):
        for child in model.objects.filter(ruleset=ruleset).exclude(
            committee_id=ruleset.committee_id, published=ruleset.published
        ):
            child.follow_ruleset()
            record_save(actor=actor, instance=child)
    return ruleset


def _refuse_unless_unlocking(stored, ruleset, fields):
    changed = {
        f.name
        for f in RuleSet._meta.concrete_fields
        if f.name not in {"id", "version", "created_at", "updated_at"}
        and (fields is None or f.name in fields)
        and getattr(stored, f.attname) != getattr(ruleset, f.attname)
    }
    if changed and (changed != {"locked"} or ruleset.locked):
        raise DomainError(
            _(
                "The rule set %(ruleset)s is locked: its year is closed. "
                "Unlock it first (and only that) to change it."
            )
            % {"ruleset": stored}
        )


@transaction.atomic
def ruleset_delete(*, actor, ruleset):
    """Delete a rule set that is not locked (a closed year's scores stand on it)."""
    stored = RuleSet.objects.select_for_update().filter(pk=ruleset.pk).first()
    if stored is not None and stored.locked:
        raise DomainError(
            _("The rule set %(ruleset)s is locked: its year is closed.") % {"ruleset": stored}
        )
    record_delete(actor=actor, instance=ruleset)


@transaction.atomic
def ruleset_copy(*, actor, source, year, name=""):
    """A new version of `source` valid from `year`: same caps, rules and grade bands."""
    if RuleSet.objects.filter(committee_id=source.committee_id, year=year).exists():
        raise ValidationError({"year": _("This committee already has a rule set for that year.")})
    copy = record_save(
        actor=actor,
        instance=RuleSet(
            committee_id=source.committee_id,
            published=source.published,
            name=name or source.name,
            year=year,
            description=source.description,
        ),
    )
    caps = {}
    for cap in source.caps.all():
        caps[cap.pk] = record_save(
            actor=actor,
            instance=ScoreCap(
                ruleset=copy,
                committee_id=copy.committee_id,
                published=copy.published,
                name=cap.name,
                limit=cap.limit,
            ),
        )
    for rule in source.rules.all():
        record_save(
            actor=actor,
            instance=Rule(
                ruleset=copy,
                committee_id=copy.committee_id,
                published=copy.published,
                label=rule.label,
                event=rule.event,
                activity_kind_id=rule.activity_kind_id,
                role=rule.role,
                attendance=rule.attendance,
                points=rule.points,
                unit=rule.unit,
                cap_per_year=rule.cap_per_year,
                cap=caps.get(rule.cap_id),
            ),
        )
    for band in source.bands.all():
        record_save(
            actor=actor,
            instance=GradeBand(
                ruleset=copy,
                committee_id=copy.committee_id,
                published=copy.published,
                name=band.name,
                min_score=band.min_score,
                max_score=band.max_score,
            ),
        )
    return copy
