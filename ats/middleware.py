"""Answers given before or around any one view.

How htmx requests learn that the user may no longer do what they asked: htmx 2
does not swap a 403, and it follows login_required's 302 transparently, so it
would swap the login page into the fragment it targets. htmx requests get a
header instead, which makes htmx load a whole page; other requests are left as
they are.

Where operators go: the workspace is the hiring teams', the admin the operators'.

Where a team member goes whose company requires two-factor and who has none yet: to its setup.

What a browser or a proxy may keep: nothing a signed-in person was shown.

How much a request may send: a body is bounded before it is read, and a resume is
stopped while it streams once past its limit.
"""

import contextlib
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from ats.audit import request_address
from ats.http import HtmxHttpRequest, current_page_path
from ats.predicates import is_operator
from ats.resumes import resume_too_large_message
from ats.two_factor import SET_UP_MESSAGE, SET_UP_URL_NAMES, must_set_up_two_factor


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
            current = current_page_path(request) or request.get_full_path()
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


class TwoFactorRequiredMiddleware:
    """A recruiter or hiring manager whose company requires two-factor and who has no
    authenticator app yet reaches only its setup (ats.two_factor.SET_UP_URL_NAMES):
    every other page redirects there with a message saying why; htmx requests get
    HX-Redirect, so the whole page goes. The JSON API answers with its own 403
    (ats.api.authentication), as it authenticates tokens after this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or "api" in match.namespaces or match.url_name in SET_UP_URL_NAMES:
            return None
        if not must_set_up_two_factor(request.user):
            return None
        messages.warning(request, SET_UP_MESSAGE)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(reverse("mfa_activate_totp"))
        return redirect("mfa_activate_totp")


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


# The token endpoints answer with credentials (RFC 6749 5.1 asks for no-store) to a
# request that isn't authenticated yet.
TOKEN_VIEWS = {"api:token", "api:token_refresh"}


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in person: pages,
    fragments, files and the JSON API alike, refusals (4xx) included. What a session
    or a token shows is that person's, and neither the browser's cache (the back
    button on a shared computer) nor a proxy keeps a copy. An answer that already
    says no-store (a resume, a CSV) keeps its own header.

    Visitors' pages keep their caching. They already vary by Cookie: SessionMiddleware
    adds it once the session is read, which TimeZoneMiddleware does on every page.

    The API authenticates its JWT inside the view (DRF sets request.user then), so
    this looks at the request once the answer is made. An answer to a request that
    sent an Authorization header is private whether or not the token was good."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _is_private(request) and "no-store" not in _cache_directives(response):
            response["Cache-Control"] = "private, no-store"
        return response


def _is_private(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    match = request.resolver_match
    return (
        (user is not None and user.is_authenticated)
        or "HTTP_AUTHORIZATION" in request.META
        or (match is not None and match.view_name in TOKEN_VIEWS)
    )


def _cache_directives(response: HttpResponse) -> set[str]:
    header = response.get("Cache-Control", "")
    return {directive.split("=", 1)[0].strip().lower() for directive in cc_delim_re.split(header) if directive}


# The endpoints that take a resume, by URL name: their bodies may be as large as
# ATS_UPLOAD_REQUEST_MAX_BYTES. The browser's apply form ("job_apply") says on the
# form what was wrong; the others answer 413.
UPLOAD_VIEWS = {"job_apply", "api:application-apply"}
APPLY_FORM_VIEW = "job_apply"


class RequestSizeLimitMiddleware:
    """Refuse, with 413 and before reading any of it, a body whose declared length
    (Content-Length) is past its endpoint's limit: ATS_UPLOAD_REQUEST_MAX_BYTES where
    a resume is sent, ATS_API_REQUEST_MAX_BYTES for the rest of the API,
    ATS_REQUEST_MAX_BYTES for every other page. Under WSGI Django never reads more
    than the declared length (a body without one reads as empty), so this bounds
    what any request makes the server read or store.

    The apply form is the exception: its refusal is said on the form, which needs
    the CSRF token sent before the file. There ResumeUploadLimitHandler reads the
    fields and stops the resume once past its limit, or as soon as it starts when
    the whole body was declared too large.

    Its process_view runs before CsrfViewMiddleware's, which reads request.POST."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        assert match is not None  # set before any process_view
        limit = _body_limit(match.view_name, match.namespaces)
        declared = _declared_length(request)
        if match.view_name == APPLY_FORM_VIEW and request.content_type == "multipart/form-data":
            request.upload_handlers = [ResumeUploadLimitHandler(request, body_limit=limit), *request.upload_handlers]
            if declared > limit:
                # The parser reads every part it doesn't keep to its end (a preamble, a
                # part without a name): whatever a body holds, no more than the limit is read.
                request._stream = LimitedStream(request._stream, limit)  # type: ignore[assignment, arg-type]
            return None
        if declared > limit:
            return _too_large(request, limit, uploads=match.view_name in UPLOAD_VIEWS, api="api" in match.namespaces)
        return None


def _body_limit(view_name: str, namespaces: list[str]) -> int:
    if view_name in UPLOAD_VIEWS:
        return settings.ATS_UPLOAD_REQUEST_MAX_BYTES
    if "api" in namespaces:
        return settings.ATS_API_REQUEST_MAX_BYTES
    return settings.ATS_REQUEST_MAX_BYTES


def _declared_length(request: HttpRequest) -> int:
    # As Django reads it (WSGIRequest): what can't be read as a number is no body.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _describe_size(size: int) -> str:
    if size % 1_048_576 == 0:
        return f"{size // 1_048_576} MB"
    if size % 1024 == 0:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def _too_large(request: HttpRequest, limit: int, *, uploads: bool, api: bool) -> HttpResponse:
    if uploads:
        message = resume_too_large_message()
    else:
        where = "this address" if api else "this page"
        message = f"What was sent is larger than {_describe_size(limit)}, the most {where} accepts."
    if api:
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


class ResumeUploadLimitHandler(FileUploadHandler):
    """First of the apply form's upload handlers (RequestSizeLimitMiddleware puts it
    there): it passes the resume on to Django's handlers until it is past
    ATS_RESUME_MAX_BYTES, then stops it, and the form says so
    (`resume_upload_stopped`).

    A body within its limit is read to its end, skipping the rest of the resume, so
    the cover letter sent after it is kept and the browser, having sent everything,
    reads the answer. A body declared past its limit is not read beyond the fields
    before the resume (the CSRF token): the upload stops as the resume starts, and
    the connection is dropped rather than read to its end."""

    def __init__(self, request: HttpRequest, *, body_limit: int) -> None:
        super().__init__(request)
        self.body_limit = body_limit
        self.declared_too_large = False
        self.stopped = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        self.declared_too_large = content_length > self.body_limit
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if self.declared_too_large:
            self.stopped = True
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.ATS_RESUME_MAX_BYTES:
            self.stopped = True
            # Django closes the files its handlers began (a temporary file is deleted).
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def resume_upload_stopped(request: HttpRequest) -> bool:
    """Whether the resume sent with this request was stopped past its limit (and so isn't in request.FILES)."""
    request.FILES  # noqa: B018 - the body is parsed (once, here if not before) before the handler is asked
    return any(isinstance(handler, ResumeUploadLimitHandler) and handler.stopped for handler in request.upload_handlers)


class AuditAddressMiddleware:
    """Entries the audit log records while a request is served carry the client's
    address (`ats.audit.client_address`: REMOTE_ADDR, or X-Forwarded-For only as far
    as ATS_TRUSTED_PROXY_COUNT proxies of ours vouch for it).

    Used instead of auditlog's own middleware, which takes the first X-Forwarded-For
    entry whoever sent it, stores X-Forwarded-Port and a client's correlation-id
    header as given, and connects a signal receiver on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_address(request):
            return self.get_response(request)
