from rest_framework.routers import SimpleRouter

from lvzhi.activities.api import views

router = SimpleRouter()
router.register("activity-kinds", views.ActivityKindViewSet, basename="activitykind")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("output-items", views.ReportItemViewSet, basename="reportitem")
router.register("attachments", views.AttachmentViewSet, basename="attachment")
router.register("member-groups", views.MemberGroupViewSet, basename="membergroup")
router.register("rule-sets", views.RuleSetViewSet, basename="ruleset")
router.register("rules", views.RuleViewSet, basename="rule")
router.register("score-caps", views.ScoreCapViewSet, basename="scorecap")
router.register("grade-bands", views.GradeBandViewSet, basename="gradeband")
router.register("roadmap-tasks", views.RoadmapTaskViewSet, basename="roadmaptask")
router.register("member-cases", views.MemberCaseViewSet, basename="membercase")
router.register("scores", views.ScoreViewSet, basename="score")

urlpatterns = router.urls
