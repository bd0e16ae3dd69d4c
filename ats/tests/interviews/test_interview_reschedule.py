"""Rescheduling (GET/POST /workspace/interviews/<pk>/reschedule/): the form comes prefilled
with the interview as it is, in the reader's zone; the move goes through the service,
which refuses a busy interviewer or a time that has passed, changing nothing."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from ats.models import Interview
from ats.tests.interviews.conftest import BERLIN, days_ahead, form_data, move_to_the_past
from ats.tests.interviews.test_interview_schedule import checked_interviewers
from ats.workflow import InterviewStatus


def reschedule_url(interview) -> str:
    return f"/workspace/interviews/{interview.pk}/reschedule/"


@pytest.mark.django_db
def test_the_form_is_prefilled_with_the_interview_in_the_readers_zone(client, recruiter, hiring_manager, scheduled):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    response = client.get(reschedule_url(scheduled))
    html = response.content.decode()
    local = scheduled.starts_at.astimezone(zoneinfo.ZoneInfo(BERLIN))
    assert response.status_code == 200
    assert f'value="{local.date().isoformat()}"' in html
    assert f'value="{local:%H:%M}"' in html
    assert "In your time zone, Europe/Berlin." in html
    assert 'value="Technical interview"' in html
    assert 'value="Room 4"' in html
    assert '<option value="45" selected>' in html
    assert sorted(checked_interviewers(html)) == sorted([recruiter.pk, hiring_manager.pk])


@pytest.mark.django_db
def test_a_recruiter_moves_the_interview_and_changes_its_interviewers(
    client, recruiter, hiring_manager, other_hiring_manager, scheduled, screening
):
    client.force_login(recruiter)
    later = days_ahead(5, 16)
    data = form_data(later, recruiter, other_hiring_manager, duration="60", title="Second round")
    response = client.post(reschedule_url(scheduled), data)
    assert response.status_code == 302
    assert response.url == f"/workspace/applications/{screening.pk}/#interviews"
    scheduled.refresh_from_db()
    assert scheduled.starts_at == later
    assert scheduled.ends_at == later + datetime.timedelta(minutes=60)
    assert scheduled.title == "Second round"
    assert scheduled.sequence == 1
    assert set(scheduled.interviewers.all()) == {recruiter, other_hiring_manager}
    assert "Everyone on it gets the update by email." in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_length_the_list_lacks_stays_on_offer(client, recruiter, scheduled):
    Interview.objects.filter(pk=scheduled.pk).update(duration=50)
    client.force_login(recruiter)
    assert '<option value="50" selected>50 minutes</option>' in client.get(reschedule_url(scheduled)).content.decode()


@pytest.mark.django_db
def test_a_busy_interviewer_is_refused_and_the_interview_stays(client, recruiter, hiring_manager, scheduled, screening):
    from ats.services.interviews import interview_schedule

    other = interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=days_ahead(6, 10),
        duration=60,
        interviewers=[hiring_manager],
    )
    assert other.starts_at is not None
    client.force_login(recruiter)
    response = client.post(reschedule_url(scheduled), form_data(other.starts_at, recruiter, hiring_manager))
    assert response.status_code == 422
    assert f"{hiring_manager.display_name} is already in an interview from" in response.content.decode()
    before = scheduled.starts_at
    scheduled.refresh_from_db()
    assert (scheduled.starts_at, scheduled.sequence) == (before, 0)


@pytest.mark.django_db
def test_a_time_that_has_passed_is_refused(client, recruiter, scheduled):
    client.force_login(recruiter)
    response = client.post(
        reschedule_url(scheduled), form_data(timezone.now() - datetime.timedelta(hours=2), recruiter)
    )
    assert response.status_code == 422
    assert "which has passed" in response.content.decode()
    scheduled.refresh_from_db()
    assert scheduled.sequence == 0


@pytest.mark.django_db
def test_an_assigned_hiring_manager_may_reschedule(client, hiring_manager, scheduled):
    client.force_login(hiring_manager)
    assert client.get(reschedule_url(scheduled)).status_code == 200
    assert client.post(reschedule_url(scheduled), form_data(days_ahead(7), hiring_manager)).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("other_hiring_manager", 403), ("candidate", 403), ("outsider_recruiter", 404), ("other_candidate", 404)],
)
def test_others_are_refused_and_nothing_changes(client, request, recruiter, scheduled, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reschedule_url(scheduled)).status_code == status
    assert client.post(reschedule_url(scheduled), form_data(days_ahead(7), recruiter)).status_code == status
    scheduled.refresh_from_db()
    assert scheduled.sequence == 0


@pytest.mark.django_db
def test_offered_times_are_not_rescheduled_but_cancelled(client, recruiter, offered, screening):
    client.force_login(recruiter)
    response = client.get(reschedule_url(offered), follow=True)
    assert response.redirect_chain[-1][0] == f"/workspace/applications/{screening.pk}/#interviews"
    assert "The candidate hasn&#x27;t picked a time yet." in response.content.decode()
    response = client.post(reschedule_url(offered), form_data(days_ahead(7), recruiter))
    assert response.status_code == 422
    assert Interview.objects.get().status == InterviewStatus.OFFERED


@pytest.mark.django_db
def test_an_interview_that_took_place_is_not_rescheduled(client, recruiter, scheduled):
    move_to_the_past(scheduled)
    client.force_login(recruiter)
    response = client.get(reschedule_url(scheduled), follow=True)
    assert "This interview has already taken place, so it can&#x27;t be rescheduled." in response.content.decode()
