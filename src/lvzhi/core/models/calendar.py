"""The working-day calendar's editable part: next year's State Council schedule."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayOverride(models.Model):
    """One day whose working status differs from the default (法定节假日 / 调休上班日).

    Past years come from the `chinese_calendar` package; when the State Council publishes
    the next year's schedule (usually in November) an administrator enters it here before
    the package is updated. An entry here always wins over the package.
    """

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"),
        help_text=_("Ticked: an adjusted working day (调休上班). Unticked: a holiday."),
    )
    name = models.CharField(_("name"), max_length=50, blank=True, help_text=_("e.g. 国庆节"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}".strip()
