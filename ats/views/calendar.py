"""An interview's calendar file: the "Add to calendar" download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ats import calendar
from ats.http import AuthenticatedHttpRequest
from ats.views.lookups import get_interview_for_user
from ats.views.resumes import private_no_store
from ats.workflow import InterviewStatus


@require_GET
@login_required
@private_no_store
def interview_calendar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A booked interview as an .ics file (METHOD:PUBLISH, the same event as the
    invitations), worded for whoever downloads it: the candidate, or the team.
    An offered or cancelled interview has no time to put in a calendar: 404."""
    interview = get_interview_for_user(request.user, pk, perm="ats.download_interview_calendar")
    if interview.status != InterviewStatus.SCHEDULED or interview.starts_at is None:
        raise Http404("Only a booked interview goes in a calendar.")
    for_candidate = interview.application.candidate_id == request.user.pk
    body = calendar.interview_calendar(interview, method=calendar.PUBLISH, for_candidate=for_candidate)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    day = timezone.localdate(interview.starts_at)
    response["Content-Disposition"] = f'attachment; filename="interview-{day:%Y-%m-%d}.ics"'
    return response
