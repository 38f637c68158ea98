from rest_framework.routers import SimpleRouter

from lvzhi.activities.api import views

# The record types' endpoints come from their declarations (core.records); here the rest.
router = SimpleRouter()
router.register("scores", views.ScoreViewSet, basename="score")

urlpatterns = router.urls
