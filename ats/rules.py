"""Who may do what: the table in domain.md, once. Every view, API endpoint,
template and admin action asks these permissions.

What a user may see is also a queryset in `ats/selectors/` (lists cannot ask
a rule per row); a test walks every persona, object and setting to prove the
two agree.
"""

import rules

from ats.predicates import (
    hiring_managers_see_all,
    is_application_candidate,
    is_application_company_member,
    is_assigned_to_application_job,
    is_assigned_to_interview_job,
    is_assigned_to_job,
    is_bulk_action_actor,
    is_bulk_action_company_member,
    is_candidate,
    is_company_member,
    is_hiring_manager,
    is_interview_candidate,
    is_interview_company_member,
    is_interviewer,
    is_interviewer_on_application,
    is_invitation_company_member,
    is_job_company_member,
    is_job_public,
    is_operator,
    is_recruiter,
    is_rejection_reasons_company_member,
    is_tags_company_member,
    is_teammate_of,
    may_view_applications_in_admin,
)

# Jobs: anyone sees a published job; the company's team sees its drafts too.
rules.add_perm("ats.view_job", is_job_public | is_job_company_member)
rules.add_perm("ats.add_job", is_recruiter)
rules.add_perm("ats.change_job", is_recruiter & is_job_company_member)
rules.add_perm("ats.assign_hiring_managers", is_recruiter & is_job_company_member)
rules.add_perm("ats.apply_to_job", is_candidate)

# A job's applications as a whole (its board).
can_see_job_applications = (is_recruiter & is_job_company_member) | (
    is_hiring_manager & is_job_company_member & (hiring_managers_see_all | is_assigned_to_job)
)
rules.add_perm("ats.view_job_applications", can_see_job_applications)
rules.add_perm(
    "ats.move_job_applications", (is_recruiter | (is_hiring_manager & is_assigned_to_job)) & is_job_company_member
)

# One application: its page, history and resume. A hiring manager who interviews
# on it sees it while that interview stands, whether assigned to the job or not.
can_see_application = (
    (is_candidate & is_application_candidate)
    | (is_recruiter & is_application_company_member)
    | (
        is_hiring_manager
        & is_application_company_member
        & (hiring_managers_see_all | is_assigned_to_application_job | is_interviewer_on_application)
    )
)
rules.add_perm("ats.view_application", can_see_application)
# Operators open resumes from the admin's application page, through the same view.
operator_sees_applications = is_operator & may_view_applications_in_admin
rules.add_perm("ats.download_resume", can_see_application | operator_sees_applications)
rules.add_perm(
    "ats.move_application",
    (is_recruiter | (is_hiring_manager & is_assigned_to_application_job)) & is_application_company_member,
)

# The hiring team's own layer on an application: notes, scorecards and general
# reviews (a scorecard without an interview), never the candidate's. Which of the
# scorecards a hiring manager sees is the selector's (their own until they submit one).
can_see_team_notes = (is_recruiter | is_hiring_manager) & can_see_application
rules.add_perm("ats.view_application_notes", can_see_team_notes)
# Its audit trail (who viewed, downloaded, moved it, from where): the company's recruiters only.
rules.add_perm("ats.view_application_audit_trail", is_recruiter & is_application_company_member)
rules.add_perm("ats.add_application_note", can_see_team_notes)
rules.add_perm("ats.view_scorecards", can_see_team_notes)
rules.add_perm("ats.review_application", can_see_team_notes)

# Interviews: whoever may move the application plans its interviews (with the
# application as the object to schedule, the interview to change or cancel).
rules.add_perm(
    "ats.schedule_interview",
    (is_recruiter | (is_hiring_manager & is_assigned_to_application_job)) & is_application_company_member,
)
rules.add_perm(
    "ats.change_interview",
    (is_recruiter | (is_hiring_manager & is_assigned_to_interview_job)) & is_interview_company_member,
)
rules.add_perm(
    "ats.submit_scorecard", (is_recruiter | is_hiring_manager) & is_interview_company_member & is_interviewer
)
# Its calendar file: the candidate's own, and everyone of the team who may plan it or is on it.
rules.add_perm(
    "ats.download_interview_calendar",
    (is_candidate & is_interview_candidate)
    | ((is_recruiter | is_hiring_manager) & is_interview_company_member & (is_interviewer | is_recruiter))
    | (is_hiring_manager & is_interview_company_member & is_assigned_to_interview_job),
)
rules.add_perm("ats.pick_interview_slot", is_candidate & is_interview_candidate)
rules.add_perm("ats.view_my_interviews", is_recruiter | is_hiring_manager)
rules.add_perm("ats.manage_scorecard_criteria", is_recruiter & is_job_company_member)

# The candidate portal: a candidate's own list of applications, and withdrawing one.
rules.add_perm("ats.view_own_applications", is_candidate)
rules.add_perm("ats.withdraw_application", is_candidate & is_application_candidate)

# The hiring team's workspace: the dashboard, "Assigned to me", invitations.
rules.add_perm("ats.view_workspace", is_recruiter | is_hiring_manager)
rules.add_perm("ats.view_assigned_applications", is_hiring_manager)
# The candidates list and profiles; which applications they show is the selectors' scope.
rules.add_perm("ats.search_candidates", is_recruiter | is_hiring_manager)
rules.add_perm("ats.invite_teammate", is_recruiter & is_company_member)
rules.add_perm("ats.revoke_invitation", is_recruiter & is_invitation_company_member)
# A teammate's role (recruiter or hiring manager) and access (deactivate, reactivate); never one's own.
rules.add_perm("ats.manage_teammate", is_recruiter & is_teammate_of)
rules.add_perm("ats.change_retention", is_recruiter & is_company_member)
# The company's settings, such as requiring two-factor of its team (the company as the object).
rules.add_perm("ats.change_company", is_recruiter & is_company_member)
# The company's list of rejection reasons (with the company, or one of its reasons, as the object).
rules.add_perm("ats.manage_rejection_reasons", is_recruiter & is_rejection_reasons_company_member)

# Bulk actions: the team acts on many applications at once, and each row is then
# asked as its single action (ats.services.bulk). Following one's progress and
# result: its author, and the company's recruiters.
rules.add_perm("ats.act_in_bulk", is_recruiter | is_hiring_manager)
rules.add_perm(
    "ats.view_bulk_action",
    is_bulk_action_company_member & (is_recruiter | (is_hiring_manager & is_bulk_action_actor)),
)
# Tags: the company's list is its recruiters' (with the company, or one of its tags, as
# the object); whoever on the team sees an application tags it, and on a board whoever
# sees the board tags its cards.
rules.add_perm("ats.manage_tags", is_recruiter & is_tags_company_member)
rules.add_perm("ats.tag_application", can_see_team_notes)
rules.add_perm("ats.tag_job_applications", can_see_job_applications)

# Analytics: the company's figures are its recruiters' (with the company as the object);
# a job's, its recruiters' and the hiring managers assigned to it.
rules.add_perm("ats.view_company_analytics", is_recruiter & is_company_member)
rules.add_perm(
    "ats.view_job_analytics", is_job_company_member & (is_recruiter | (is_hiring_manager & is_assigned_to_job))
)

# One's own data: everyone signed in may export it (the views look exports up among the person's own).
rules.add_perm("ats.export_own_data", rules.is_authenticated)
