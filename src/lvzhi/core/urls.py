from django.urls import path

from lvzhi.core.views import records, shell

app_name = "core"

urlpatterns = [
    path("", shell.home, name="home"),
    path("scope/", shell.select_scope, name="select_scope"),
]
for views, prefix in records.ALL:
    urlpatterns += views.urls(prefix)
