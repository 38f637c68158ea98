from django.urls import path
from rest_framework.routers import DefaultRouter

from lvzhi.core.api import views
from lvzhi.core.api.auth import TokenView

router = DefaultRouter()
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("industries", views.IndustryViewSet, basename="industry")
router.register("persons", views.PersonViewSet, basename="person")
router.register("members", views.MemberViewSet, basename="member")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("parks", views.ParkViewSet, basename="park")
router.register("villages", views.VillageViewSet, basename="village")
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    *router.urls,
]
