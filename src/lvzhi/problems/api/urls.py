from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("problems", views.ProblemViewSet, basename="problem")
router.register("problem-categories", views.ProblemCategoryViewSet, basename="problemcategory")

urlpatterns = router.urls
