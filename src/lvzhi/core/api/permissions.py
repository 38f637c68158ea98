"""DRF permission class: the API asks core.permissions exactly what the UI asks."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from lvzhi.core import permissions


class RecordPermission(BasePermission):
    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            model = view.get_queryset().model
            # The committee is checked again in the service; here: may add anywhere at all?
            return permissions.can_add(request.user, model)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return permissions.can_delete(request.user, obj)
        return permissions.can_change(request.user, obj)
