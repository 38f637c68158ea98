"""Persons and their memberships (委员): one person may sit on two committees."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lvzhi.core.choices import Gender, MemberPosition
from lvzhi.core.fields import LongTextField
from lvzhi.text.names import pinyin_key, stroke_key

from .base import CommitteeOwnedModel

mobile_validator = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
    _("Enter an 11-digit mobile number or a landline such as 0772-4212345."),
)


class Person(CommitteeOwnedModel):
    """A natural person; `committee` is the committee whose office keeps the record."""

    name = models.CharField(_("full name"), max_length=50, db_index=True)
    # Sort keys of the name (姓氏笔画, pinyin), set by the services from `name`.
    name_strokes = models.CharField(
        _("name by strokes"), max_length=400, blank=True, editable=False, db_index=True
    )
    name_pinyin = models.CharField(_("name in pinyin"), max_length=400, blank=True, editable=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    employer = models.CharField(_("employer and title"), max_length=200, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True, validators=[mobile_validator])
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    profile = LongTextField(_("profile"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    history = HistoricalRecords()
    owner_lookup = "user"
    owner_editable_fields = (
        "gender",
        "ethnicity",
        "employer",
        "mobile",
        "email",
        "address",
        "profile",
    )
    picked_by_search = True
    pinyin_lookup = "name_pinyin"
    url_base = "core:person"

    class Meta:
        ordering = ["name_strokes", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self):
        return self.name

    @staticmethod
    def name_keys(name: str) -> dict:
        """The sort-key columns of a name, for rows written without an instance (bulk)."""
        return {"name_strokes": stroke_key(name), "name_pinyin": pinyin_key(name)}

    def fill_derived(self):
        for column, value in self.name_keys(self.name).items():
            setattr(self, column, value)


class Member(CommitteeOwnedModel):
    """委员 — a person's seat in one committee for one term (届)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    sector = models.ForeignKey(
        "core.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    term = models.CharField(_("term"), max_length=20, help_text=_("e.g. 第五届"))
    member_no = models.CharField(_("member number"), max_length=30, blank=True)
    position = models.CharField(
        _("position"), max_length=20, choices=MemberPosition.choices, default=MemberPosition.MEMBER
    )
    is_active = models.BooleanField(_("serving"), default=True)

    history = HistoricalRecords()
    owner_lookup = "person__user"
    label_related = ("person", "committee")
    picked_by_search = True
    pinyin_lookup = "person__name_pinyin"
    url_base = "core:member"

    class Meta:
        # 委员名单 order: 姓氏笔画 within each committee
        ordering = ["committee__sort_order", "person__name_strokes", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "committee", "term"], name="unique_member_per_term"
            )
        ]
        # A committee's serving members (rankings, rolls, pickers).
        indexes = [models.Index(fields=["committee", "is_active"], name="member_committee_active")]

    def __str__(self):
        return f"{self.person.name}（{self.committee.label}）"
