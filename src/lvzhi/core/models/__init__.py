from .base import CommitteeOwnedModel, TrackedModel, VisibleQuerySet
from .committees import Committee, RoleAssignment
from .dictionaries import Department, Enterprise, Industry, Park, Sector, Village
from .people import Member, Person

__all__ = [
    "Committee",
    "CommitteeOwnedModel",
    "Department",
    "Enterprise",
    "Industry",
    "Member",
    "Park",
    "Person",
    "RoleAssignment",
    "Sector",
    "TrackedModel",
    "Village",
    "VisibleQuerySet",
]
