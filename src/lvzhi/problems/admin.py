from django.contrib import admin

from lvzhi.core.admin import ReadOnlyAdminMixin, RecordAdmin

from .models import Problem, ProblemCategory, ProblemTransition


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(RecordAdmin):
    list_display = ["name", "days_critical", "days_urgent", "days_normal", "is_active"]


@admin.register(Problem)
class ProblemAdmin(RecordAdmin):
    list_display = ["id", "title", "committee", "state", "lead_unit", "deadline"]
    list_filter = ["state", "committee", "category"]
    search_fields = ["title", "enterprise__name"]
    raw_id_fields = ["enterprise", "raised_by", "merged_into"]


@admin.register(ProblemTransition)
class ProblemTransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: never edited, never deleted."""

    list_display = ["problem", "action", "from_state", "to_state", "actor", "at"]
    list_filter = ["action"]
    raw_id_fields = ["problem"]
