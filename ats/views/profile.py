"""A person's own profile: their name and time zone, a candidate's phone and link,
whether they log in with two-factor, and their data."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from ats.forms.accounts import ProfileForm
from ats.http import AuthenticatedHttpRequest
from ats.services.accounts import profile_update
from ats.two_factor import has_authenticator_app
from ats.views.helpers import attempt, form_status
from ats.views.privacy import data_export_context


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    """Where to go once the profile is saved (after login, where the person was going),
    when it is a page of this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, user=user)
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            lambda: profile_update(user=user, **form.profile_fields()),
            form=form,
            success="Your profile is saved.",
        )
        if saved:
            return redirect(next_url or "profile")
    context = {
        "form": form,
        "next_url": next_url,
        "two_factor_on": has_authenticator_app(user),
        **data_export_context(user),
    }
    return render(request, "ats/profile.html", context, status=form_status(form))
