"""Include from the root URLconf with `path("", include("lvzhi.text.urls"))`."""

from django.urls import path

from lvzhi.text import views

app_name = "text"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("text/clean/", views.CleanView.as_view(), name="clean"),
    path("text/similar/", views.SimilarView.as_view(), name="similar"),
]
