"""Cancelling (GET/POST /workspace/interviews/<pk>/cancel/): a GET asks to confirm and
changes nothing; a POST cancels the interview (or withdraws offered times) and says so."""

import pytest

from ats.models import Interview, OutboxEmail
from ats.tests.interviews.conftest import move_to_the_past
from ats.workflow import InterviewStatus


def cancel_url(interview) -> str:
    return f"/workspace/interviews/{interview.pk}/cancel/"


@pytest.mark.django_db
def test_the_confirmation_shows_the_interview_and_changes_nothing(client, recruiter, hiring_manager, scheduled):
    client.force_login(recruiter)
    response = client.get(cancel_url(scheduled))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel this interview?" in html
    assert "Technical interview with" in html
    assert hiring_manager.display_name in html
    assert f'action="/workspace/interviews/{scheduled.pk}/cancel/"' in html
    assert Interview.objects.get().status == InterviewStatus.SCHEDULED


@pytest.mark.django_db
def test_a_recruiter_cancels_and_everyone_is_told(client, recruiter, hiring_manager, scheduled, screening):
    client.force_login(recruiter)
    emails_before = OutboxEmail.objects.count()
    response = client.post(cancel_url(scheduled))
    assert response.status_code == 302
    assert response.url == f"/workspace/applications/{screening.pk}/#interviews"
    assert Interview.objects.get().status == InterviewStatus.CANCELLED
    assert OutboxEmail.objects.count() > emails_before
    page = client.get(response.url).content.decode()
    assert "is cancelled. Everyone on it is told by email." in page
    assert '<details class="interviews__cancelled">' in page


@pytest.mark.django_db
def test_offered_times_are_withdrawn(client, recruiter, offered, screening):
    client.force_login(recruiter)
    html = client.get(cancel_url(offered)).content.decode()
    assert "Withdraw the offered times?" in html
    assert html.count("<li><time datetime=") == 3
    response = client.post(cancel_url(offered), follow=True)
    assert Interview.objects.get().status == InterviewStatus.CANCELLED
    assert "are withdrawn; they are told by email." in response.content.decode()


@pytest.mark.django_db
def test_cancelling_twice_says_why_and_changes_nothing(client, recruiter, scheduled):
    client.force_login(recruiter)
    client.post(cancel_url(scheduled))
    sequence = Interview.objects.get().sequence
    response = client.post(cancel_url(scheduled), follow=True)
    assert "This interview was cancelled, so it can&#x27;t be cancelled." in response.content.decode()
    assert Interview.objects.get().sequence == sequence
    assert "This interview was cancelled" in client.get(cancel_url(scheduled), follow=True).content.decode()


@pytest.mark.django_db
def test_an_interview_that_took_place_is_not_cancelled(client, recruiter, scheduled):
    move_to_the_past(scheduled)
    client.force_login(recruiter)
    response = client.post(cancel_url(scheduled), follow=True)
    assert "This interview has already taken place, so it can&#x27;t be cancelled." in response.content.decode()
    assert Interview.objects.get().status == InterviewStatus.SCHEDULED


@pytest.mark.django_db
def test_an_assigned_hiring_manager_may_cancel(client, hiring_manager, scheduled):
    client.force_login(hiring_manager)
    assert client.post(cancel_url(scheduled)).status_code == 302
    assert Interview.objects.get().status == InterviewStatus.CANCELLED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("other_hiring_manager", 403), ("candidate", 403), ("outsider_recruiter", 404), ("outsider_hiring_manager", 404)],
)
def test_others_are_refused_and_nothing_changes(client, request, scheduled, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(cancel_url(scheduled)).status_code == status
    assert client.post(cancel_url(scheduled)).status_code == status
    assert Interview.objects.get().status == InterviewStatus.SCHEDULED
