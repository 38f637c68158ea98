from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from lvzhi.core.api.docs import DocsView, SchemaView
from lvzhi.core.views.health import favicon, healthz
from lvzhi.core.views.shell import LoginView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Pages name their icon; browsers and the admin still ask for /favicon.ico.
    path("favicon.ico", favicon),
    path("", include("lvzhi.core.urls")),
    path("activities/", include("lvzhi.activities.urls")),
    path("problems/", include("lvzhi.problems.urls")),
    path("proposals/", include("lvzhi.proposals.urls")),
    path("investment/", include("lvzhi.investment.urls")),
    path("reports/", include("lvzhi.reports.urls")),
    path("", include("lvzhi.text.urls")),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("home/", RedirectView.as_view(pattern_name="core:home"), name="home"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("lvzhi.core.api.urls")),
    path("api/v1/", include("lvzhi.activities.api.urls")),
    path("api/v1/", include("lvzhi.text.api")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
]

handler403 = "lvzhi.core.views.errors.permission_denied"
handler404 = "lvzhi.core.views.errors.page_not_found"
handler500 = "lvzhi.core.views.errors.server_error"
