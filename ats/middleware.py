"""Answers given before or around any one view.

How htmx requests learn that the user may no longer do what they asked: htmx 2
does not swap a 403, and it follows login_required's 302 transparently, so it
would swap the login page into the fragment it targets. htmx requests get a
header instead, which makes htmx load a whole page; other requests are left as
they are.

Where operators go: the workspace is the hiring teams', the admin the operators'.
"""

import contextlib
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from ats.http import HtmxHttpRequest
from ats.predicates import is_operator


class HtmxAccessMiddleware:
    """After HtmxMiddleware and MessageMiddleware: the login redirect of an expired
    session becomes HX-Redirect to the login page, coming back to the page the user
    was on; a 403 (lost access, a stale CSRF token) becomes HX-Refresh with a message,
    and the reloaded page shows what the user may do now."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HtmxHttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "htmx", False):
            return response
        if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
            current = request.htmx.current_url_abs_path or request.get_full_path()
            return HttpResponseClientRedirect(redirect_to_login(current).url)
        if response.status_code == 403:
            return self._reload(request, "")
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # A view's refusal (the rules said no) says why; the reloaded page shows it.
        if getattr(request, "htmx", False) and isinstance(exception, PermissionDenied):
            return self._reload(request, str(exception))
        return None

    def _reload(self, request: HttpRequest, reason: str) -> HttpResponse:
        if request.method == "GET":
            message = "You may no longer have access to this page. It has been reloaded."
        else:
            message = "That could not be saved (you may no longer have access). The page has been reloaded."
        messages.error(request, f"{reason} {message}" if reason else message)
        return HttpResponseClientRefresh()


class OperatorMiddleware:
    """Every workspace page (everything under the dashboard's URL, the team page
    included) answers an operator with one page that points to the admin, as a 403.

    Operators (staff, superusers) belong to no company and take no role. The rules
    let a superuser through every permission, so left to the views they would see
    an empty dashboard or fail on their missing company. The JSON API keeps its own
    answer (a 403 naming the admin, from the lookups)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.path_info.startswith(reverse("dashboard")) and is_operator(request.user):
            return render(request, "ats/operator.html", status=403)
        return None


def time_zone_of(user) -> zoneinfo.ZoneInfo | None:
    """The signed-in user's own time zone (their profile's); None for the site's, for
    visitors and for a zone this machine no longer knows (not an error page)."""
    zone = getattr(user, "time_zone", "") if user.is_authenticated else ""
    with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(zone) if zone else None
    return None


class TimeZoneMiddleware:
    """Pages speak each person's time: dates and times render in the signed-in
    user's own time zone (their profile's), and in the site's (TIME_ZONE) for
    visitors. After AuthenticationMiddleware. The JSON API authenticates later,
    by token, so its times stay in the site's zone, with their offset."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.deactivate()
        zone = time_zone_of(request.user)
        if zone is not None:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
