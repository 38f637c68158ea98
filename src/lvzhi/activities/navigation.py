"""The activities app's menu entries (registered from AppConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from lvzhi.core import permissions
from lvzhi.core.models import Person
from lvzhi.core.navigation import (
    member_or_office,
    office_or_leader,
    register,
    register_group,
    with_records,
)


def _has_membership(user):
    return Person.objects.filter(user=user, memberships__isnull=False).exists()


def register_menu():
    register_group("activities", _("Duty activities"), 20)
    register(
        "activities",
        _("Duty activities"),
        "activities:activity_list",
        "calendar-check",
        with_records("activities.Activity", member_or_office),
    )
    register(
        "activities",
        _("Activity calendar"),
        "activities:calendar",
        "calendar3",
        with_records("activities.Activity", member_or_office),
    )
    register(
        "activities", _("My duty record"), "activities:my_record", "journal-text", _has_membership
    )
    register("activities", _("Score ranking"), "activities:ranking", "trophy", office_or_leader)
    for label, url, icon, model in (
        (_("Roadmap"), "activities:task_list", "signpost-2", "activities.RoadmapTask"),
        (_("Member cases"), "activities:case_list", "award", "activities.MemberCase"),
        (
            _("Service teams and platforms"),
            "activities:group_list",
            "people-fill",
            "activities.MemberGroup",
        ),
    ):
        register("activities", label, url, icon, with_records(model, member_or_office))
    register(
        "activities", _("Output items"), "activities:item_list", "list-check", office_or_leader
    )
    register(
        "activities", _("Score rule sets"), "activities:ruleset_list", "sliders", office_or_leader
    )
    register(
        "activities",
        _("Activity kinds"),
        "activities:kind_list",
        "tags",
        permissions.is_system_admin,
    )
