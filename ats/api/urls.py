from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from ats.api import views

app_name = "api"

router = DefaultRouter()
router.register("jobs", views.JobViewSet, basename="job")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("histories", views.HistoryViewSet, basename="history")
router.register("interviews", views.InterviewViewSet, basename="interview")
router.register("scorecards", views.ScorecardViewSet, basename="scorecard")

urlpatterns = [
    path("token/", views.TokenObtainView.as_view(), name="token"),
    path("token/refresh/", views.TokenRefreshRotatingView.as_view(), name="token_refresh"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("analytics/", views.CompanyAnalyticsView.as_view(), name="analytics"),
    path("jobs/<int:pk>/analytics/", views.JobAnalyticsView.as_view(), name="job_analytics"),
    path("", include(router.urls)),
]
