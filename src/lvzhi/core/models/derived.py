from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """The version of one kind of derived data (the year's scores …), raised each time a
    write to the records it is computed from commits (core.derived). Kept in the database,
    not the cache: every worker process must see the same version."""

    topic = models.CharField(_("topic"), max_length=40, primary_key=True)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return f"{self.topic} v{self.version}"


class Tally(models.Model):
    """A summary row of one indicator (core.indicators): its aggregates over the records of
    one committee and one month, split by the indicator's split field (dimension "s") or by
    industry (dimension "i"), and per committee and year (dimension "y"). Committee 0
    holds the sum over every committee. Kept exact by core.tallies: a write marks what it
    touched (TallyMark) in its own transaction, and marks are worked off before a tally is
    read."""

    indicator = models.CharField(max_length=60)
    committee_id = models.IntegerField()
    month = models.DateField()
    dimension = models.CharField(max_length=1)
    #: the split value or industry id, JSON-encoded ("null" for none)
    key = models.CharField(max_length=80)
    v1 = models.DecimalField(max_digits=30, decimal_places=4, default=0)
    v2 = models.DecimalField(max_digits=30, decimal_places=4, default=0)
    v3 = models.DecimalField(max_digits=30, decimal_places=4, default=0)
    v4 = models.DecimalField(max_digits=30, decimal_places=4, default=0)
    #: how many records (or record-industry pairs) the row counts: a row of none is removed
    records = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "committee_id", "month", "dimension", "key"],
                name="core_tally_cell",
            )
        ]
        indexes = [
            models.Index(fields=["indicator", "dimension", "month"], name="core_tally_month")
        ]

    def __str__(self):
        return f"{self.indicator} {self.committee_id} {self.month:%Y-%m} {self.key}"


class TallyMark(models.Model):
    """An indicator's tallies of one committee (0: every committee) that a write has made
    stale; written in the writing transaction, deleted when the tallies are recomputed."""

    indicator = models.CharField(max_length=60)
    committee_id = models.IntegerField()
    stamp = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("tally mark")
        verbose_name_plural = _("tally marks")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "committee_id"], name="core_tallymark_cell"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.committee_id}"


class TallyState(models.Model):
    """How an indicator's tallies were built: the signature of the query that built them.
    A changed declaration (another filter, another field) no longer matches, and the
    tallies are rebuilt before they are read."""

    indicator = models.CharField(max_length=60, primary_key=True)
    signature = models.CharField(max_length=64)
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tally state")
        verbose_name_plural = _("tally states")

    def __str__(self):
        return self.indicator
