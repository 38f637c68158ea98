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
