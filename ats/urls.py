from django.urls import path

from ats.views import (
    board,
    calendar,
    candidate,
    candidates,
    interviews,
    profile,
    public,
    reasons,
    resumes,
    scorecards,
    team,
    workspace,
)

urlpatterns = [
    path("", public.home, name="home"),
    path("jobs/<int:pk>/", public.job_detail, name="job_detail"),
    path("jobs/<int:pk>/apply/", candidate.job_apply, name="job_apply"),
    path("applications/", candidate.my_applications, name="my_applications"),
    path("applications/<int:pk>/resume/", resumes.resume_download, name="resume_download"),
    path("applications/<int:pk>/withdraw/", candidate.application_withdraw, name="application_withdraw"),
    path("applications/interviews/<int:pk>/pick/", candidate.interview_slot_pick, name="interview_slot_pick"),
    path("interviews/<int:pk>/calendar.ics", calendar.interview_calendar, name="interview_calendar"),
    # Beside allauth's account pages (/accounts/password/change/, /accounts/email/).
    path("accounts/profile/", profile.profile, name="profile"),
]

# The hiring team's workspace.
urlpatterns += [
    path("workspace/", workspace.dashboard, name="dashboard"),
    path("workspace/jobs/new/", workspace.job_create, name="job_create"),
    path("workspace/jobs/<int:pk>/", workspace.job_edit, name="job_edit"),
    path("workspace/jobs/<int:pk>/open/", workspace.job_open, name="job_open"),
    path("workspace/jobs/<int:pk>/close/", workspace.job_close, name="job_close"),
    path("workspace/jobs/<int:pk>/hiring-managers/", workspace.job_assign, name="job_assign"),
    path("workspace/jobs/<int:pk>/hiring-managers/<int:user_pk>/remove/", workspace.job_unassign, name="job_unassign"),
    path("workspace/jobs/<int:pk>/board/", board.job_board, name="job_board"),
    path("workspace/jobs/<int:pk>/criteria/", scorecards.job_criteria, name="job_criteria"),
    path("workspace/applications/<int:pk>/", workspace.application_detail, name="application_detail"),
    path("workspace/applications/<int:pk>/move/", board.application_move, name="application_move"),
    path("workspace/applications/<int:pk>/reject/", workspace.application_reject, name="application_reject"),
    path("workspace/applications/<int:pk>/notes/", workspace.application_note_add, name="application_note_add"),
    path("workspace/applications/<int:pk>/review/", workspace.general_review_submit, name="general_review_submit"),
    path("workspace/interviews/<int:pk>/scorecard/", scorecards.interview_scorecard, name="interview_scorecard"),
    path("workspace/assigned/", workspace.assigned_to_me, name="assigned_to_me"),
    path("workspace/candidates/", candidates.candidates_list, name="candidates"),
    path("workspace/candidates/<int:pk>/", candidates.candidate_profile, name="candidate_profile"),
    path("workspace/applications/<int:pk>/interviews/new/", interviews.interview_schedule, name="interview_schedule"),
    path("workspace/applications/<int:pk>/interviews/offer/", interviews.interview_offer, name="interview_offer"),
    path("workspace/interviews/", interviews.my_interviews, name="my_interviews"),
    path("workspace/interviews/<int:pk>/reschedule/", interviews.interview_reschedule, name="interview_reschedule"),
    path("workspace/interviews/<int:pk>/cancel/", interviews.interview_cancel, name="interview_cancel"),
    path("workspace/team/", team.team, name="team"),
    path("workspace/reasons/", reasons.reason_list, name="rejection_reasons"),
    path("workspace/reasons/<int:pk>/", reasons.reason_change, name="rejection_reason_change"),
    path("workspace/invitations/<int:pk>/revoke/", team.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", team.invitation_accept, name="invitation_accept"),
    path("hiring/signup/", team.hiring_signup, name="hiring_signup"),
]
