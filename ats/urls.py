from django.urls import path

from ats.views import public

urlpatterns = [
    path("", public.home, name="home"),
]
