"""The OpenAPI schema and its Swagger UI: public only where API_DOCS_PUBLIC says so (by
default with DEBUG on); otherwise for signed-in users and token holders."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import BasePermission


def _may_read(request) -> bool:
    return settings.API_DOCS_PUBLIC or bool(request.user and request.user.is_authenticated)


class DocsAccess(BasePermission):
    def has_permission(self, request, view):
        return _may_read(request)


class SchemaView(SpectacularAPIView):
    permission_classes = [DocsAccess]


class DocsView(SpectacularSwaggerSplitView):
    """A browser without a session is sent to the login page and back. The split view
    serves Swagger UI's start-up script as a file: the page allows no inline script."""

    schema = None  # the page is not part of the API it documents

    def get(self, request, *args, **kwargs):
        if not _may_read(request):
            return redirect_to_login(request.get_full_path())
        return super().get(request, *args, **kwargs)
