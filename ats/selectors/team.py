"""The company's people and invitations."""

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, QuerySet

from ats.models import (
    Invitation,
    User,
)
from ats.predicates import role_of


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Invitations of the user's company, for its team (whether they may act on one is the rules' business)."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return Invitation.objects.none()
    return invitations_of_company(user.company_id)


def hiring_managers_of_company(company_id: int) -> QuerySet[User]:
    return User.objects.filter(company_id=company_id, role=User.Role.HIRING_MANAGER, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def team_of_company(company_id: int) -> QuerySet[User]:
    """The company's recruiters and hiring managers, active ones first, each with
    `has_two_factor` (an authenticator app set up), which the team page shows beside them.
    Former team members (who deleted their account) are not on it."""
    authenticator_app = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    return (
        User.objects.filter(
            company_id=company_id, role__in=[User.Role.RECRUITER, User.Role.HIRING_MANAGER], erased_at__isnull=True
        )
        .annotate(has_two_factor=Exists(authenticator_app))
        .order_by("-is_active", "role", "first_name", "last_name", "username")
    )


def teammates_visible_to(user) -> QuerySet[User]:
    """The team of the user's company, for its members (what they may do to whom is the rules' business)."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return User.objects.none()
    return team_of_company(user.company_id)


def invitations_of_company(company_id: int) -> QuerySet[Invitation]:
    return Invitation.objects.filter(company_id=company_id).select_related("invited_by").order_by("-created_at", "-id")
