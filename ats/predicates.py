"""django-rules predicates: small facts about a user and an object.

Object predicates return None when there is no object, so that a model-level
`has_perm(perm)` check skips them instead of failing.
"""

import rules
from django.conf import settings

from ats.models import Application, Job, User


def role_of(user) -> str | None:
    """The user's role in the product: None for anonymous visitors and for operators
    (staff work in the admin and take no candidate or company role)."""
    if not user.is_authenticated or user.is_staff:
        return None
    return user.role


@rules.predicate
def is_candidate(user) -> bool:
    return role_of(user) == User.Role.CANDIDATE


@rules.predicate
def is_recruiter(user) -> bool:
    return role_of(user) == User.Role.RECRUITER and user.company_id is not None


def _in_company(user, company_id: int) -> bool:
    return user.is_authenticated and user.company_id is not None and user.company_id == company_id


def _assigned(user, job: Job) -> bool:
    return user.is_authenticated and job.hiring_managers.filter(pk=user.pk).exists()


@rules.predicate
def is_hiring_manager(user) -> bool:
    return role_of(user) == User.Role.HIRING_MANAGER and user.company_id is not None


@rules.predicate
def hiring_managers_see_all() -> bool:
    return settings.ATS_HIRING_MANAGERS_SEE_ALL


# Jobs ------------------------------------------------------------------------------


@rules.predicate
def is_job_public(user, job: Job | None) -> bool | None:
    if job is None:
        return None
    return job.status != Job.Status.DRAFT


@rules.predicate
def is_job_company_member(user, job: Job | None) -> bool | None:
    if job is None:
        return None
    return _in_company(user, job.company_id)


@rules.predicate
def is_assigned_to_job(user, job: Job | None) -> bool | None:
    if job is None:
        return None
    return _assigned(user, job)


# Applications ------------------------------------------------------------------


@rules.predicate
def is_application_candidate(user, application: Application | None) -> bool | None:
    if application is None:
        return None
    return user.is_authenticated and application.candidate_id == user.pk


@rules.predicate
def is_application_company_member(user, application: Application | None) -> bool | None:
    if application is None:
        return None
    return _in_company(user, application.job.company_id)


@rules.predicate
def is_assigned_to_application_job(user, application: Application | None) -> bool | None:
    if application is None:
        return None
    return _assigned(user, application.job)


# Teams -------------------------------------------------------------------------


@rules.predicate
def is_company_member(user, company) -> bool | None:
    if company is None:
        return None
    return _in_company(user, company.pk)


# The hiring team's workspace ------------------------------------------------------


@rules.predicate
def is_invitation_company_member(user, invitation) -> bool | None:
    if invitation is None:
        return None
    return _in_company(user, invitation.company_id)


@rules.predicate
def is_feedback_author(user, feedback) -> bool | None:
    if feedback is None:
        return None
    return user.is_authenticated and feedback.reviewer_id == user.pk
