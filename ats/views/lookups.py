"""Every view's way to one object, the API's included: the user's scope first, then the rules.

One policy on every path: an object outside what the user may see (another
company's, a draft of another company, an application a hiring manager isn't
assigned to while see-all is off) is a 404, answered as if it did not exist;
an object they may see but not act on is a 403. The scopes are the selectors'
(`ats.selectors`), the permissions the rules' (`ats.rules`).

A published job is everyone's to see, so the public permissions look for it
among all visible jobs; every other permission on a job is the hiring team's
work on its own company's jobs, where another company's job does not exist
(domain.md: "403 for a role that may not act, 404 for another company's objects").

Operators belong to no company and work in the admin. The admin links an
application's resume to its download view, so for the permissions it links to
an operator who may view applications there reaches every application. The
workspace answers them with one page pointing to the admin
(`ats.middleware.OperatorMiddleware`).
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from ats.models import Application, BulkAction, Company, Interview, Invitation, Job, RejectionReason, Tag, User
from ats.predicates import is_operator, may_view_applications_in_admin
from ats.selectors.applications import applications_visible_to
from ats.selectors.bulk import bulk_actions_visible_to
from ats.selectors.interviews import interviews_visible_to
from ats.selectors.jobs import jobs_in_reach_of, jobs_of_company, jobs_visible_to
from ats.selectors.reasons import rejection_reasons_visible_to
from ats.selectors.tags import tags_visible_to
from ats.selectors.team import invitations_visible_to, teammates_visible_to

T = TypeVar("T", bound=Model)

PUBLIC_JOB_PERMS = frozenset({"ats.view_job", "ats.apply_to_job"})
# What the admin's application page links to, through the product's own views.
ADMIN_APPLICATION_PERMS = frozenset({"ats.download_resume"})

OPERATOR_MESSAGE = "Operators belong to no company: run the site from the admin."


def get_job_for_user(user, pk: int, *, perm: str = "ats.view_job", denied: str = "") -> Job:
    scope = jobs_visible_to if perm in PUBLIC_JOB_PERMS else jobs_in_reach_of
    return _get_for_user(scope(user), user, pk, perm, denied)


def get_job_analytics_for_user(user, pk: int) -> Job:
    """A job whose analytics the user asks for. Only the company's team works with its
    figures: for anyone else (a candidate included) the job's analytics don't exist."""
    denied = "Only the job's recruiters and the hiring managers assigned to it see its analytics."
    return _get_for_user(jobs_of_company(user), user, pk, "ats.view_job_analytics", denied)


def get_application_for_user(user, pk: int, *, perm: str = "ats.view_application", denied: str = "") -> Application:
    if perm in ADMIN_APPLICATION_PERMS and is_operator(user) and may_view_applications_in_admin(user):
        scope = Application.objects.select_related("job", "job__company", "candidate")
    else:
        scope = applications_visible_to(user)
    return _get_for_user(scope, user, pk, perm, denied)


def get_invitation_for_user(user, pk: int, *, perm: str, denied: str = "") -> Invitation:
    return _get_for_user(invitations_visible_to(user), user, pk, perm, denied)


def get_teammate_for_user(user, pk: int, *, perm: str = "ats.manage_teammate", denied: str = "") -> User:
    return _get_for_user(teammates_visible_to(user), user, pk, perm, denied)


def get_rejection_reason_for_user(user, pk: int, *, perm: str, denied: str = "") -> RejectionReason:
    return _get_for_user(rejection_reasons_visible_to(user), user, pk, perm, denied)


def get_tag_for_user(user, pk: int, *, perm: str, denied: str = "") -> Tag:
    return _get_for_user(tags_visible_to(user), user, pk, perm, denied)


def get_interview_for_user(user, pk: int, *, perm: str, denied: str = "") -> Interview:
    """An interview of an application the user may see (a candidate's own included)."""
    scope = interviews_visible_to(user).select_related("application__job__company", "application__candidate")
    return _get_for_user(scope, user, pk, perm, denied)


def get_bulk_action_for_user(user, pk: int, *, perm: str = "ats.view_bulk_action") -> BulkAction:
    """A bulk action the user may follow: their own, or their company's for a recruiter."""
    return _get_for_user(bulk_actions_visible_to(user), user, pk, perm, "")


def get_company_for_user(user) -> Company:
    """The company whose hiring team the user is on. An operator (a superuser, whom
    every rule lets through) has none: a 403 that points them to the admin."""
    if is_operator(user):
        raise PermissionDenied(OPERATOR_MESSAGE)
    if user.company is None:
        raise PermissionDenied("Your account belongs to no company's hiring team.")
    return user.company


def _get_for_user(scope: QuerySet[T], user, pk: int, perm: str, denied: str) -> T:
    """`denied` says why in the 403 (the API's `detail`); without it, the generic answer."""
    obj = get_object_or_404(scope, pk=pk)
    if not user.has_perm(perm, obj):
        raise PermissionDenied(*([denied] if denied else []))
    return obj
