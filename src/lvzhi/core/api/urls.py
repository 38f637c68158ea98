from django.urls import path
from rest_framework.routers import DefaultRouter

from lvzhi.core.api.auth import TokenView
from lvzhi.core.records import record_types

# Every record type with an API, of every app: /api/v1/<api_prefix>/ (core.records).
router = DefaultRouter()
for record_type in record_types():
    if record_type.api_prefix:
        router.register(
            record_type.api_prefix,
            record_type.api_viewset(),
            basename=record_type.model._meta.model_name,
        )

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    *router.urls,
]
