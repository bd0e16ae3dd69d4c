from django.urls import path

from ats.views import public, resumes

urlpatterns = [
    path("", public.home, name="home"),
    path("applications/<int:pk>/resume/", resumes.resume_download, name="resume_download"),
]
