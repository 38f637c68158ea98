from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Problem, ProblemCategory, ProblemTransition


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "days_critical", "days_urgent", "days_normal", "is_active"]


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["id", "title", "committee", "state", "lead_unit", "deadline"]
    list_filter = ["state", "committee", "category"]
    search_fields = ["title", "enterprise__name"]
    raw_id_fields = ["enterprise", "raised_by", "merged_into"]

    def has_change_permission(self, request, obj=None):
        return False  # the workflow changes problems, through services


@admin.register(ProblemTransition)
class ProblemTransitionAdmin(admin.ModelAdmin):
    list_display = ["problem", "action", "from_state", "to_state", "actor", "at"]
    list_filter = ["action"]
    raw_id_fields = ["problem"]
