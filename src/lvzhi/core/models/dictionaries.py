"""Dictionaries the pillars tag their records with: sectors, industries, units, places, firms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.choices import DepartmentKind, IndustryKind, ParkLevel
from lvzhi.core.fields import LongTextField
from lvzhi.core.validators import validate_credit_code
from lvzhi.text.names import pinyin_key

from .base import CommitteeOwnedModel, TrackedModel
from .people import mobile_validator


class Sector(TrackedModel):
    """界别 — the sector a member represents (中共, 工商联, 经济界 …)."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=50, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    history = HistoricalRecords()
    url_base = "core:sector"

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class Industry(TrackedModel):
    """An industry of the "五千九百" system, or a link of its chain (parent = the industry)."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=60)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=IndustryKind.choices, default=IndustryKind.INDUSTRY
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    description = LongTextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    history = HistoricalRecords()
    label_related = ("parent",)
    #: pickers list the chain links under their industry
    picker_group = "parent"
    url_base = "core:industry"

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=models.Q(parent__isnull=False),
                name="unique_industry_name",
            ),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent__isnull=True), name="unique_top_industry"
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        node = self.parent
        while node is not None:
            if self.pk and node.pk == self.pk:
                raise ValidationError({"parent": _("An industry cannot be placed under itself.")})
            node = node.parent
        if self.kind == IndustryKind.CHAIN_LINK and not self.parent_id:
            raise ValidationError({"parent": _("A chain link belongs to an industry.")})


class Department(CommitteeOwnedModel):
    """承办单位 — a government department, bank or institution that handles assigned items."""

    name = models.CharField(_("name"), max_length=100)
    # the name's pinyin, set by the services: found by initials
    name_pinyin = models.CharField(_("name in pinyin"), max_length=800, blank=True, editable=False)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=DepartmentKind.choices, default=DepartmentKind.GOVERNMENT
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[mobile_validator])
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    unit_lookup = "pk"
    picked_by_search = True
    pinyin_lookup = "name_pinyin"
    url_base = "core:department"

    class Meta:
        ordering = ["committee__sort_order", "name"]
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unique_department_name")
        ]

    @staticmethod
    def picker_scope(record):
        """A county's problem or proposal may go to a unit of the city too (市县联动), which
        the county's staff do not otherwise see."""
        from lvzhi.core.committees import units_at_hand

        return units_at_hand(record.committee)

    def fill_derived(self):
        self.name_pinyin = pinyin_key(self.name)

    def __str__(self):
        return self.name


class Park(CommitteeOwnedModel):
    """园区 — an industrial park, e.g. 三江口工业园区."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(
        _("level"), max_length=10, choices=ParkLevel.choices, default=ParkLevel.CITY
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    industries = models.ManyToManyField(Industry, verbose_name=_("industries"), blank=True)
    description = LongTextField(_("description"), blank=True)

    history = HistoricalRecords(m2m_fields=[industries])
    url_base = "core:park"

    class Meta:
        ordering = ["committee__sort_order", "name"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unique_park_name")
        ]

    def __str__(self):
        return self.name


class Village(CommitteeOwnedModel):
    """村 — a village; 脱贫村 are those lifted out of poverty, paired in 百企扶百村."""

    picker_kept = True

    name = models.CharField(_("name"), max_length=60)
    township = models.CharField(_("township"), max_length=60)
    is_lifted_out_of_poverty = models.BooleanField(_("lifted out of poverty"), default=False)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    main_industries = models.CharField(_("main industries"), max_length=200, blank=True)

    history = HistoricalRecords()
    url_base = "core:village"

    class Meta:
        ordering = ["committee__sort_order", "township", "name"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "township", "name"], name="unique_village_name"
            )
        ]

    def __str__(self):
        return f"{self.township}{self.name}"


class Enterprise(CommitteeOwnedModel):
    """企业 — an enterprise; a 委员企业 is run by a committee member."""

    name = models.CharField(_("name"), max_length=100)
    # the name's pinyin ("guang xi dong tang …"), set by the services: found by initials
    name_pinyin = models.CharField(_("name in pinyin"), max_length=800, blank=True, editable=False)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    industries = models.ManyToManyField(Industry, verbose_name=_("industries"), blank=True)
    park = models.ForeignKey(
        Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_member_enterprise = models.BooleanField(_("member enterprise"), default=False)
    member = models.ForeignKey(
        "core.Person",
        verbose_name=_("member running it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[mobile_validator])
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    description = LongTextField(_("description"), blank=True)

    history = HistoricalRecords(m2m_fields=[industries])
    owner_lookup = "member__user"
    owner_editable_fields = (
        "industries",
        "legal_representative",
        "address",
        "phone",
        "employees",
        "description",
    )
    picked_by_search = True
    pinyin_lookup = "name_pinyin"
    url_base = "core:enterprise"

    class Meta:
        ordering = ["committee__sort_order", "name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unique_enterprise_name"),
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="unique_enterprise_credit_code",
            ),
        ]

    def fill_derived(self):
        self.name_pinyin = pinyin_key(self.name)

    def __str__(self):
        return self.name

    def clean(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.is_member_enterprise and not self.member_id:
            raise ValidationError({"member": _("Name the member who runs this enterprise.")})
        if self.member_id and not self.member.memberships.filter(is_active=True).exists():
            raise ValidationError({"member": _("This person holds no active membership.")})
