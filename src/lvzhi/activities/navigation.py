"""The activities app's menu entries (registered from AppConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from lvzhi.core import permissions
from lvzhi.core.models import Person
from lvzhi.core.navigation import register, register_group
from lvzhi.core.visibility import scope_for


def _reads(user):
    scope = scope_for(user)
    return bool(scope.readable or scope.published)


def _staff(user):
    return bool(scope_for(user).readable)


def _has_membership(user):
    return Person.objects.filter(user=user, memberships__isnull=False).exists()


def register_menu():
    register_group("activities", _("Duty activities"), 20)
    register(
        "activities", _("Duty activities"), "activities:activity_list", "calendar-check", _reads
    )
    register("activities", _("Activity calendar"), "activities:calendar", "calendar3", _reads)
    register(
        "activities", _("My duty record"), "activities:my_record", "journal-text", _has_membership
    )
    register("activities", _("Score ranking"), "activities:ranking", "trophy", _staff)
    register("activities", _("Roadmap"), "activities:task_list", "signpost-2", _reads)
    register("activities", _("Member cases"), "activities:case_list", "award", _reads)
    register(
        "activities",
        _("Service teams and platforms"),
        "activities:group_list",
        "people-fill",
        _reads,
    )
    register("activities", _("Output items"), "activities:item_list", "list-check", _staff)
    register("activities", _("Score rule sets"), "activities:ruleset_list", "sliders", _staff)
    register(
        "activities",
        _("Activity kinds"),
        "activities:kind_list",
        "tags",
        permissions.is_system_admin,
    )
