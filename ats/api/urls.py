from csp.constants import SELF
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ats.api import views

app_name = "api"

router = DefaultRouter()
router.register("jobs", views.JobViewSet, basename="job")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("histories", views.HistoryViewSet, basename="history")
router.register("interviews", views.InterviewViewSet, basename="interview")
router.register("scorecards", views.ScorecardViewSet, basename="scorecard")

# Swagger UI with its init script as a file of its own (/api/docs/?script), for the CSP. Its
# stylesheet and its bundle draw their icons as data: SVG images: this page alone may show
# data: images (which can't run script); scripts and styles stay 'self' only.
api_docs = csp_update({"img-src": [SELF, "data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="ats/api/docs.html")
)

urlpatterns = [
    path("token/", views.TokenObtainView.as_view(), name="token"),
    path("token/refresh/", views.TokenRefreshRotatingView.as_view(), name="token_refresh"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
    path("analytics/", views.CompanyAnalyticsView.as_view(), name="analytics"),
    path("jobs/<int:pk>/analytics/", views.JobAnalyticsView.as_view(), name="job_analytics"),
    path("", include(router.urls)),
]
