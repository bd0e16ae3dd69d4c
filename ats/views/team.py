"""Joining the hiring side: the employer sign-up ("I'm hiring"), the team page with its
invitations, and the invitation link."""

from functools import partial

from allauth.account.internal.flows import signup as signup_flows
from allauth.account.utils import complete_signup
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ats.exceptions import ATSError
from ats.forms.workspace import (
    CompanySignupForm,
    InvitationAcceptForm,
    InvitationForm,
    TeammateRoleForm,
    TwoFactorRequirementForm,
)
from ats.http import AuthenticatedHttpRequest
from ats.models import Company, User
from ats.selectors.team import invitations_of_company, team_of_company
from ats.services import accounts as accounts_services
from ats.services import team as team_services
from ats.two_factor import has_authenticator_app
from ats.views.helpers import attempt, form_status, require_perm
from ats.views.lookups import get_company_for_user, get_invitation_for_user, get_teammate_for_user


@require_http_methods(["GET", "POST"])
def hiring_signup(request: HttpRequest) -> HttpResponse:
    """Create a company and its first recruiter, then confirm the email as any sign-up does."""
    if request.user.is_authenticated:
        messages.info(request, "You are signed in already. Log out first to register a new company.")
        return redirect("home")
    if request.method == "POST":
        # The same limit as allauth's own sign-up: each POST may create a company,
        # an account and a confirmation email.
        refused = ratelimit.consume_or_429(request, action="signup")
        if refused:
            return refused
    form = CompanySignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accounts_services.company_signup(
                company_name=data["company_name"], email=data["email"], **form.account_fields()
            )
        except ATSError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if user is None:
                # The address has an account: its owner got an email, and this
                # answer is the one a new sign-up gets (allauth's own for candidates).
                return signup_flows.prevent_enumeration(request, email=data["email"].strip().lower())
            return complete_signup(request, user, settings.ACCOUNT_EMAIL_VERIFICATION, reverse("dashboard"))
    return render(request, "ats/workspace/hiring_signup.html", {"form": form}, status=form_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The company's team and invitations; recruiters invite teammates here."""
    company = get_company_for_user(request.user)
    require_perm(request, "ats.invite_teammate", company)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = attempt(
            request,
            lambda: team_services.invitation_create(
                company=company,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            ),
            form=form,
        )
        if created:
            invitation, _ = created
            messages.success(
                request,
                f"Invitation sent to {invitation.email} to join as {invitation.get_role_display().lower()}. "
                "The link works once, for 7 days.",
            )
            return redirect("team")
    return _team_page(request, company, form=form)


def _team_page(
    request: AuthenticatedHttpRequest,
    company: Company,
    *,
    form: InvitationForm | None = None,
    two_factor_form: TwoFactorRequirementForm | None = None,
) -> HttpResponse:
    """The team page, with the form that was sent (and refused) in place of its blank one."""
    if form is None:
        form = InvitationForm()
    if two_factor_form is None:
        two_factor_form = TwoFactorRequirementForm(initial={"require_two_factor": company.require_two_factor})
    context = {
        "form": form,
        "two_factor_form": two_factor_form,
        "may_change_company": request.user.has_perm("ats.change_company", company),
        "has_authenticator_app": has_authenticator_app(request.user),
        "members": team_of_company(company.pk),
        "invitations": invitations_of_company(company.pk),
    }
    return render(request, "ats/workspace/team.html", context, status=form_status(form, two_factor_form))


@require_POST
@login_required
def team_two_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Require two-factor of the team, or stop (the team page's setting)."""
    company = get_company_for_user(request.user)
    require_perm(request, "ats.change_company", company)
    form = TwoFactorRequirementForm(request.POST)
    if form.is_valid():
        required = form.cleaned_data["require_two_factor"]
        done = (
            f"{company.name} now requires two-factor: teammates without it are asked to set it up when they next act."
            if required
            else f"{company.name} no longer requires two-factor."
        )
        change = partial(
            team_services.company_set_two_factor_requirement, company=company, actor=request.user, required=required
        )
        if attempt(request, change, form=form, success=done):
            return redirect("team")
    return _team_page(request, company, two_factor_form=form)


@require_POST
@login_required
def teammate_role(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Make a teammate a recruiter or a hiring manager (the team page's members list)."""
    member = get_teammate_for_user(request.user, pk)
    form = TeammateRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose recruiter or hiring manager.")
        return redirect("team")
    role = User.Role(form.cleaned_data["role"])
    change = partial(team_services.teammate_set_role, member=member, role=role, actor=request.user)
    attempt(request, change, success=f"{member.display_name} is now a {role.label.lower()}.")
    return redirect("team")


@require_POST
@login_required
def teammate_access(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Deactivate a teammate (`active=false`: they can no longer log in) or reactivate them."""
    member = get_teammate_for_user(request.user, pk)
    active = request.POST.get("active") == "true"
    done = (
        f"{member.display_name} can log in again."
        if active
        else f"{member.display_name} is deactivated: they can no longer log in, and what they did stays."
    )
    attempt(
        request,
        partial(team_services.teammate_set_active, member=member, active=active, actor=request.user),
        success=done,
    )
    return redirect("team")


@require_POST
@login_required
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk, perm="ats.revoke_invitation")
    revoked = f"The invitation to {invitation.email} is revoked: its link no longer works."
    attempt(request, lambda: team_services.invitation_revoke(invitation=invitation), success=revoked)
    return redirect("team")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email: create an account in the inviting company, with the invited role."""
    try:
        invitation = team_services.invitation_for_token(token=token)
    except ATSError as error:
        return render(request, "ats/workspace/invitation_invalid.html", {"message": error.message}, status=410)
    if request.user.is_authenticated:
        return render(request, "ats/workspace/invitation_accept.html", {"invitation": invitation, "signed_in": True})
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        welcome = f"Welcome to {invitation.company.name}'s hiring team."
        accept = partial(team_services.invitation_accept, token=token, **form.account_fields())
        user = attempt(request, accept, form=form, success=welcome)
        if user:
            return complete_signup(request, user, settings.ACCOUNT_EMAIL_VERIFICATION, reverse("dashboard"))
    context = {"invitation": invitation, "form": form}
    return render(request, "ats/workspace/invitation_accept.html", context, status=form_status(form))
