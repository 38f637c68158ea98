"""Django admin for system administrators: users and roles; the records to read.

Records that have pages in the app (committees, dictionaries, people, enterprises …) are
read-only here: the app's pages and API write through the services, which check the
version, keep attributed history and update the search index. The admin edits only what
has no page of its own: users with their roles, the working-day calendar.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from lvzhi.core import models


class ReadOnlyAdminMixin:
    """Readable in the admin, never written there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """A record edited in the app: readable here with its history."""


class RoleAssignmentInline(admin.TabularInline):
    model = models.RoleAssignment
    fk_name = "user"
    extra = 1
    autocomplete_fields = ["department"]


@admin.register(models.Committee)
class CommitteeAdmin(RecordAdmin):
    list_display = ["name", "short_name", "level", "parent", "sort_order"]
    search_fields = ["name", "short_name"]


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "committee", "role", "department"]
    list_filter = ["role", "committee"]
    search_fields = ["user__username", "user__first_name", "department__name"]
    autocomplete_fields = ["user", "department"]


@admin.register(models.Sector)
class SectorAdmin(RecordAdmin):
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


@admin.register(models.Industry)
class IndustryAdmin(RecordAdmin):
    list_display = ["name", "parent", "kind", "code", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(models.Person)
class PersonAdmin(RecordAdmin):
    list_display = ["name", "committee", "employer", "mobile", "user"]
    list_filter = ["committee"]
    search_fields = ["name", "mobile", "employer"]
    autocomplete_fields = ["user"]


@admin.register(models.Member)
class MemberAdmin(RecordAdmin):
    list_display = ["person", "committee", "sector", "term", "position", "is_active"]
    list_filter = ["committee", "sector", "position", "is_active"]
    search_fields = ["person__name", "member_no"]
    autocomplete_fields = ["person"]


@admin.register(models.Department)
class DepartmentAdmin(RecordAdmin):
    list_display = ["name", "committee", "kind", "contact_person", "is_active"]
    list_filter = ["committee", "kind"]
    search_fields = ["name", "short_name"]


@admin.register(models.Park)
class ParkAdmin(RecordAdmin):
    list_display = ["name", "committee", "level"]
    search_fields = ["name"]


@admin.register(models.Village)
class VillageAdmin(RecordAdmin):
    list_display = ["name", "township", "committee", "is_lifted_out_of_poverty"]
    list_filter = ["committee", "is_lifted_out_of_poverty"]
    search_fields = ["name", "township"]


@admin.register(models.Enterprise)
class EnterpriseAdmin(RecordAdmin):
    list_display = ["name", "committee", "is_member_enterprise", "member"]
    list_filter = ["committee", "is_member_enterprise"]
    search_fields = ["name", "credit_code"]
    autocomplete_fields = ["member", "park"]


class LvzhiUserAdmin(UserAdmin):
    """Users with their roles per committee on the same page."""

    inlines = [RoleAssignmentInline]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), LvzhiUserAdmin)


@admin.register(models.WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """Next year's holiday schedule (国务院办公厅 notice), entered when it is published."""

    list_display = ["date", "is_workday", "name"]
    list_filter = ["is_workday"]
    search_fields = ["name"]
    date_hierarchy = "date"


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "verb", "message", "read_at"]
    list_filter = ["verb"]
    search_fields = ["recipient__username", "message"]
    raw_id_fields = ["recipient", "actor"]


@admin.register(models.Attachment)
class AttachmentAdmin(RecordAdmin):
    """Written only through core.attachments (content check, rights, history)."""

    list_display = [
        "name",
        "content_type",
        "object_id",
        "kind",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_filter = ["kind", "content_type"]
    search_fields = ["name"]
    date_hierarchy = "uploaded_at"
