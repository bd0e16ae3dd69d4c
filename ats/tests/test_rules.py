"""Every cell of domain.md's permission table: role, action, own company /
other company / assigned / unassigned, with ATS_HIRING_MANAGERS_SEE_ALL on and off."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ats.models import Job
from ats.tests import factories
from ats.tests.conftest import PERSONAS


def allowed(people, perm, obj) -> set[str]:
    return {name for name, user in people.items() if user.has_perm(perm, obj)}


@pytest.mark.django_db
def test_everyone_sees_a_published_job(people, job, acme):
    closed = factories.JobFactory(company=acme, status=Job.Status.CLOSED)
    assert allowed(people, "ats.view_job", job) == set(PERSONAS)
    assert allowed(people, "ats.view_job", closed) == set(PERSONAS)
    assert AnonymousUser().has_perm("ats.view_job", job)


@pytest.mark.django_db
def test_only_the_company_team_sees_a_draft(people, acme):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    assert allowed(people, "ats.view_job", draft) == {"recruiter", "hiring_manager", "other_hiring_manager"}
    assert not AnonymousUser().has_perm("ats.view_job", draft)


@pytest.mark.django_db
def test_only_recruiters_create_jobs(people):
    assert allowed(people, "ats.add_job", None) == {"recruiter", "outsider_recruiter"}


@pytest.mark.django_db
@pytest.mark.parametrize("perm", ["ats.change_job", "ats.assign_hiring_managers"])
def test_only_own_company_recruiters_edit_jobs_and_assign_managers(people, job, perm):
    assert allowed(people, perm, job) == {"recruiter"}


@pytest.mark.django_db
def test_only_candidates_apply(people, job):
    assert allowed(people, "ats.apply_to_job", job) == {"candidate", "other_candidate"}
    assert not AnonymousUser().has_perm("ats.apply_to_job", job)


@pytest.mark.django_db
@pytest.mark.parametrize("perm", ["ats.view_application", "ats.download_resume"])
def test_seeing_an_application_with_hiring_managers_seeing_all(people, application, perm, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = True
    assert allowed(people, perm, application) == {"candidate", "recruiter", "hiring_manager", "other_hiring_manager"}


@pytest.mark.django_db
@pytest.mark.parametrize("perm", ["ats.view_application", "ats.download_resume"])
def test_seeing_an_application_with_hiring_managers_seeing_assigned_only(people, application, perm, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    assert allowed(people, perm, application) == {"candidate", "recruiter", "hiring_manager"}


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", [True, False])
def test_moving_an_application_is_for_own_recruiters_and_assigned_managers(people, application, settings, see_all):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert allowed(people, "ats.move_application", application) == {"recruiter", "hiring_manager"}
    assert allowed(people, "ats.move_job_applications", application.job) == {"recruiter", "hiring_manager"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("see_all", "expected"),
    [(True, {"recruiter", "hiring_manager", "other_hiring_manager"}), (False, {"recruiter", "hiring_manager"})],
)
def test_reviews_and_the_board_follow_who_sees_applications(people, application, settings, see_all, expected):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert allowed(people, "ats.review_application", application) == expected
    assert allowed(people, "ats.view_job_applications", application.job) == expected


@pytest.mark.django_db
def test_only_own_company_recruiters_invite_teammates(people, acme):
    assert allowed(people, "ats.invite_teammate", acme) == {"recruiter"}


@pytest.mark.django_db
def test_anonymous_visitors_see_and_change_no_application(application):
    anonymous = AnonymousUser()
    for perm in ("ats.view_application", "ats.move_application", "ats.download_resume", "ats.review_application"):
        assert not anonymous.has_perm(perm, application)


@pytest.mark.django_db
def test_staff_accounts_have_no_company_role(application, acme):
    operator = factories.UserFactory(username="op", is_staff=True)
    assert not operator.has_perm("ats.apply_to_job", application.job)
    assert not operator.has_perm("ats.view_application", application)


# The hiring team's workspace -----------------------------------------------------------


@pytest.mark.django_db
def test_the_workspace_is_for_recruiters_and_hiring_managers(people):
    expected = {"recruiter", "outsider_recruiter", "hiring_manager", "other_hiring_manager", "outsider_hiring_manager"}
    assert allowed(people, "ats.view_workspace", None) == expected
    assert allowed(people, "ats.view_assigned_applications", None) == {
        "hiring_manager",
        "other_hiring_manager",
        "outsider_hiring_manager",
    }
    assert not AnonymousUser().has_perm("ats.view_workspace")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("see_all", "expected"),
    [(True, {"recruiter", "hiring_manager", "other_hiring_manager"}), (False, {"recruiter", "hiring_manager"})],
)
@pytest.mark.parametrize(
    "perm",
    [
        "ats.view_application_notes",
        "ats.add_application_note",
        "ats.view_scorecards",
        "ats.review_application",
    ],
)
def test_notes_and_scorecards_are_the_teams_not_the_candidates(people, application, settings, see_all, expected, perm):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert allowed(people, perm, application) == expected


@pytest.mark.django_db
def test_only_own_company_recruiters_revoke_invitations(people, acme, recruiter):
    from ats.services.team import invitation_create

    invitation, _ = invitation_create(
        company=acme, invited_by=recruiter, email="new@example.com", role="hiring_manager"
    )
    assert allowed(people, "ats.revoke_invitation", invitation) == {"recruiter"}


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", [True, False])
def test_only_the_applications_own_candidate_withdraws_it(people, application, settings, see_all):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert allowed(people, "ats.withdraw_application", application) == {"candidate"}
    assert not AnonymousUser().has_perm("ats.withdraw_application", application)


@pytest.mark.django_db
def test_only_own_company_recruiters_manage_rejection_reasons(people, acme):
    reason = acme.rejection_reasons.get(code="not_qualified")
    assert allowed(people, "ats.manage_rejection_reasons", acme) == {"recruiter"}
    assert allowed(people, "ats.manage_rejection_reasons", reason) == {"recruiter"}
    # Without an object (the page itself): any recruiter; the page then asks with their company.
    assert allowed(people, "ats.manage_rejection_reasons", None) == {"recruiter", "outsider_recruiter"}
