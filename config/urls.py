from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

urlpatterns = [
    # Browsers that can't use base.html's SVG icon ask for /favicon.ico: a PNG does.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("ats/favicon.png")), name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/", include("ats.api.urls")),
    path("", include("ats.urls")),
]
