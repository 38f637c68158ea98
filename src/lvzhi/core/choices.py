"""Status and kind values of the core app: readable values, translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeLevel(models.TextChoices):
    REGION = "region", _("Autonomous region")
    CITY = "city", _("City")
    COUNTY = "county", _("County / district")


class Role(models.TextChoices):
    """Roles are held per committee (a person may be staff in one and member in another)."""

    ADMIN = "admin", _("System administrator")
    STAFF = "staff", _("Office staff")
    LEADER = "leader", _("Leader")
    MEMBER = "member", _("Member")
    UNIT = "unit", _("Handling unit")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class MemberPosition(models.TextChoices):
    """政协职务 — what the person is in the committee."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
    STANDING = "standing", _("Standing committee member")
    MEMBER = "member", _("Member")


class DepartmentKind(models.TextChoices):
    GOVERNMENT = "government", _("Government department")
    BANK = "bank", _("Bank")
    PUBLIC_INSTITUTION = "institution", _("Public institution")
    OTHER = "other", _("Other")


class IndustryKind(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    CHAIN_LINK = "chain_link", _("Chain link")


class ParkLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Autonomous region")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


class ExtensionState(models.TextChoices):
    """申请延期 — the state of a request for a later deadline (core.extensions)."""

    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
