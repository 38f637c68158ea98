"""Rule sets: saved with their lock respected; a new year starts as a copy of the last."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.activities.models import GradeBand, Rule, RuleSet, ScoreCap
from lvzhi.core.services import record_save


@transaction.atomic
def ruleset_save(*, actor, ruleset, expected_version=None):
    """Save a rule set; the children follow its committee and publication."""
    ruleset = record_save(actor=actor, instance=ruleset, expected_version=expected_version)
    for model in (ScoreCap, Rule, GradeBand):
        for child in model.objects.filter(ruleset=ruleset).exclude(
            committee_id=ruleset.committee_id, published=ruleset.published
        ):
            child.follow_ruleset()
            record_save(actor=actor, instance=child)
    return ruleset


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
