from django.urls import path

from ats.views import candidate, public, resumes

urlpatterns = [
    path("", public.home, name="home"),
    path("jobs/<int:pk>/", public.job_detail, name="job_detail"),
    path("jobs/<int:pk>/apply/", candidate.job_apply, name="job_apply"),
    path("applications/", candidate.my_applications, name="my_applications"),
    path("applications/<int:pk>/resume/", resumes.resume_download, name="resume_download"),
]
