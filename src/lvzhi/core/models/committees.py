"""Committees (政协) as a tree, and the roles users hold in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.choices import CommitteeLevel, Role

from .base import TrackedModel


class Committee(TrackedModel):
    """政协 — a committee; the city committee is the parent of the county committees."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=CommitteeLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    history = HistoricalRecords()
    url_base = "core:committee"

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    def clean(self):
        # A committee may not become its own ancestor: walk up from the new parent.
        node = self.parent
        while node is not None:
            if self.pk and node.pk == self.pk:
                raise ValidationError({"parent": _("A committee cannot be placed under itself.")})
            node = node.parent


class RoleAssignment(TrackedModel):
    """A role a user holds in one committee; handling-unit roles name their department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "committee", "role", "department"],
                condition=models.Q(department__isnull=False),
                name="unique_unit_role",
            ),
            models.UniqueConstraint(
                fields=["user", "committee", "role"],
                condition=models.Q(department__isnull=True),
                name="unique_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.committee.label} · {self.get_role_display()}"

    def clean(self):
        if self.role == Role.UNIT and not self.department_id:
            raise ValidationError({"department": _("A handling-unit role needs its unit.")})
        if self.role != Role.UNIT and self.department_id:
            raise ValidationError({"department": _("Only a handling-unit role names a unit.")})
