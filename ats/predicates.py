"""django-rules predicates: small facts about a user and an object.

Object predicates skip (return None) when there is no object, so that a
model-level `has_perm(perm)` check skips them instead of failing: the
`object_predicate` decorator says so once.
"""

from collections.abc import Callable
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from ats.models import Application, BulkAction, Company, Interview, Invitation, Job, RejectionReason, Tag, User
from ats.workflow import InterviewStatus


def role_of(user) -> str | None:
    """The user's role in the product: None for anonymous visitors and for operators
    (staff work in the admin and take no candidate or company role)."""
    if not user.is_authenticated or user.is_staff:
        return None
    return user.role


def object_predicate(test: Callable[[Any, Any], bool]) -> rules.Predicate:
    """A predicate about a user and an object that skips when there is no object."""

    def predicate(user, obj=None) -> bool | None:
        if obj is None:
            return None
        return test(user, obj)

    return rules.predicate(predicate, name=test.__name__)


@rules.predicate
def is_candidate(user) -> bool:
    return role_of(user) == User.Role.CANDIDATE


@rules.predicate
def is_recruiter(user) -> bool:
    return role_of(user) == User.Role.RECRUITER and user.company_id is not None


@rules.predicate
def is_hiring_manager(user) -> bool:
    return role_of(user) == User.Role.HIRING_MANAGER and user.company_id is not None


@rules.predicate
def is_operator(user) -> bool:
    """Staff who run the site from the admin: they belong to no company and take no
    role in the product (`role_of`), so the workspace is not theirs."""
    return user.is_authenticated and (user.is_staff or user.is_superuser)


@rules.predicate
def may_view_applications_in_admin(user) -> bool:
    """The admin's own permission on applications (user and group permissions; a
    superuser holds them all), asked of Django's model backend alone: the rules'
    `ats.view_application` is the product's permission of the same name."""
    backend = ModelBackend()
    return any(backend.has_perm(user, perm) for perm in ("ats.view_application", "ats.change_application"))


@rules.predicate
def hiring_managers_see_all() -> bool:
    return settings.ATS_HIRING_MANAGERS_SEE_ALL


def _in_company(user, company_id: int) -> bool:
    return user.is_authenticated and user.company_id is not None and user.company_id == company_id


def _assigned(user, job: Job) -> bool:
    return user.is_authenticated and job.hiring_managers.filter(pk=user.pk).exists()


# Jobs ------------------------------------------------------------------------------


@object_predicate
def is_job_public(user, job: Job) -> bool:
    return job.status != Job.Status.DRAFT


@object_predicate
def is_job_company_member(user, job: Job) -> bool:
    return _in_company(user, job.company_id)


@object_predicate
def is_assigned_to_job(user, job: Job) -> bool:
    return _assigned(user, job)


# Applications ------------------------------------------------------------------


@object_predicate
def is_application_candidate(user, application: Application) -> bool:
    return user.is_authenticated and application.candidate_id == user.pk


@object_predicate
def is_application_company_member(user, application: Application) -> bool:
    return _in_company(user, application.job.company_id)


@object_predicate
def is_assigned_to_application_job(user, application: Application) -> bool:
    return _assigned(user, application.job)


@object_predicate
def is_interviewer_on_application(user, application: Application) -> bool:
    """Whether the user interviews on the application in an interview that stands
    (offered or scheduled, not cancelled): it lets a hiring manager who is not
    assigned to the job see the application while it does."""
    return (
        user.is_authenticated
        and Interview.objects.filter(application=application, interviewers=user)
        .exclude(status=InterviewStatus.CANCELLED)
        .exists()
    )


# Interviews --------------------------------------------------------------------


@object_predicate
def is_interview_company_member(user, interview: Interview) -> bool:
    return _in_company(user, interview.application.job.company_id)


@object_predicate
def is_assigned_to_interview_job(user, interview: Interview) -> bool:
    return _assigned(user, interview.application.job)


@object_predicate
def is_interviewer(user, interview: Interview) -> bool:
    return user.is_authenticated and interview.interviewers.filter(pk=user.pk).exists()


@object_predicate
def is_interview_candidate(user, interview: Interview) -> bool:
    return user.is_authenticated and interview.application.candidate_id == user.pk


# Teams -------------------------------------------------------------------------


@object_predicate
def is_company_member(user, company: Company) -> bool:
    return _in_company(user, company.pk)


@object_predicate
def is_invitation_company_member(user, invitation: Invitation) -> bool:
    return _in_company(user, invitation.company_id)


@object_predicate
def is_teammate_of(user, member: User) -> bool:
    """Whether `member` is someone else on the user's company's team."""
    return member.pk != user.pk and member.company_id is not None and _in_company(user, member.company_id)


@object_predicate
def is_rejection_reasons_company_member(user, obj: Company | RejectionReason) -> bool:
    """Whether the user is on the team of the company whose reason list `obj` is
    (the company itself) or belongs to (one of its reasons)."""
    return _in_company(user, obj.pk if isinstance(obj, Company) else obj.company_id)


# Bulk actions --------------------------------------------------------------------


@object_predicate
def is_bulk_action_company_member(user, bulk_action: BulkAction) -> bool:
    return _in_company(user, bulk_action.company_id)


@object_predicate
def is_bulk_action_actor(user, bulk_action: BulkAction) -> bool:
    return user.is_authenticated and bulk_action.actor_id == user.pk


@object_predicate
def is_tags_company_member(user, obj: Company | Tag) -> bool:
    """Whether the user is on the team of the company whose tag list `obj` is
    (the company itself) or belongs to (one of its tags)."""
    return _in_company(user, obj.pk if isinstance(obj, Company) else obj.company_id)
