"""Offering the candidate times (GET/POST /workspace/applications/<pk>/interviews/offer/):
rows of a date and a start time in the scheduler's zone, empty rows left out, 2 to 10."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from ats.models import Interview, InterviewSlot, OutboxEmail
from ats.tests.interviews.conftest import BERLIN, days_ahead
from ats.workflow import InterviewStatus


def offer_url(application) -> str:
    return f"/workspace/applications/{application.pk}/interviews/offer/"


def offer_data(times: dict[int, datetime.datetime], *interviewers, zone: str = "UTC", **overrides) -> dict:
    """The offer form as a browser posts it: `times` by row number, the other rows empty."""
    data = {
        "title": "First call",
        "duration": "30",
        "interviewers": [str(person.pk) for person in interviewers],
        "location": "",
        "video_link": "https://meet.example.com/abc-defg",
    }
    for number in range(1, 11):
        when = times.get(number)
        local = when.astimezone(zoneinfo.ZoneInfo(zone)) if when else None
        data[f"slot_{number}_date"] = local.date().isoformat() if local else ""
        data[f"slot_{number}_time"] = local.strftime("%H:%M") if local else ""
    return {**data, **overrides}


@pytest.mark.django_db
def test_a_recruiter_offers_times_and_the_empty_rows_are_left_out(client, recruiter, screening):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    times = {1: days_ahead(3, 9, zone=BERLIN), 2: days_ahead(3, 15, zone=BERLIN), 4: days_ahead(4, 11, zone=BERLIN)}
    response = client.post(offer_url(screening), offer_data(times, recruiter, zone=BERLIN))

    assert response.status_code == 302
    assert response.url == f"/workspace/applications/{screening.pk}/#interviews"
    interview = Interview.objects.get()
    assert interview.status == InterviewStatus.OFFERED
    assert interview.starts_at is None
    assert interview.video_link == "https://meet.example.com/abc-defg"
    assert [slot.starts_at for slot in interview.slots.order_by("starts_at")] == sorted(times.values())
    assert OutboxEmail.objects.filter(to=screening.candidate.email).exists()
    page = client.get(response.url).content.decode()
    assert f"{screening.candidate.display_name} is offered 3 times and gets an email to pick one." in page
    assert "Waiting for the candidate to pick one of 3 times" in page


@pytest.mark.django_db
def test_the_form_shows_five_rows_more_behind_a_disclosure_and_says_2_to_10(client, recruiter, screening):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    html = client.get(offer_url(screening)).content.decode()
    shown, more = html.split('<details class="offer-times__more">')
    assert shown.count('<input type="date"') == 5
    assert shown.count('<input type="time"') == 5
    assert more.count('<input type="date"') == 5
    assert "Offer 2 to 10 times, in your time zone, Europe/Berlin." in shown
    assert "More times, up to 10" in more


@pytest.mark.django_db
def test_ten_times_can_be_offered_and_the_disclosure_opens_on_a_refusal(client, recruiter, screening):
    client.force_login(recruiter)
    times = {number: days_ahead(2 + number, 10) for number in range(1, 11)}
    data = offer_data(times, recruiter, slot_8_time="")
    html = client.post(offer_url(screening), data).content.decode()
    assert '<details class="offer-times__more" open>' in html
    assert "Give option 8 a start time too, or clear its date." in html
    assert not Interview.objects.exists()

    assert client.post(offer_url(screening), offer_data(times, recruiter)).status_code == 302
    assert InterviewSlot.objects.count() == 10


@pytest.mark.django_db
def test_one_time_is_not_an_offer(client, recruiter, screening):
    client.force_login(recruiter)
    response = client.post(offer_url(screening), offer_data({3: days_ahead(2)}, recruiter))
    assert response.status_code == 422
    assert "Offer between 2 and 10 times; 1 were given." in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_a_row_with_a_date_and_no_time_is_refused(client, recruiter, screening):
    client.force_login(recruiter)
    data = offer_data({1: days_ahead(2), 2: days_ahead(3)}, recruiter, slot_3_date=days_ahead(4).date().isoformat())
    response = client.post(offer_url(screening), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Give option 3 a start time too, or clear its date." in html
    assert 'aria-invalid="true"' in html
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_a_time_that_has_passed_is_refused(client, recruiter, screening):
    client.force_login(recruiter)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    response = client.post(offer_url(screening), offer_data({1: days_ahead(2), 2: yesterday}, recruiter))
    assert response.status_code == 422
    assert "which has passed: choose a later time." in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_the_same_time_twice_is_refused(client, recruiter, screening):
    client.force_login(recruiter)
    response = client.post(offer_url(screening), offer_data({1: days_ahead(2), 2: days_ahead(2)}, recruiter))
    assert response.status_code == 422
    assert "is offered twice: offer each time once." in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_a_time_at_which_an_interviewer_is_busy_is_refused(client, recruiter, hiring_manager, scheduled, screening):
    client.force_login(recruiter)
    response = client.post(offer_url(screening), offer_data({1: days_ahead(2), 2: scheduled.starts_at}, hiring_manager))
    assert response.status_code == 422
    assert f"{hiring_manager.display_name} is already in an interview from" in response.content.decode()
    assert Interview.objects.get() == scheduled


@pytest.mark.django_db
def test_an_application_in_applied_gets_no_offer(client, recruiter, application):
    client.force_login(recruiter)
    assert "Move it to Screening first." in client.get(offer_url(application)).content.decode()
    response = client.post(offer_url(application), offer_data({1: days_ahead(2), 2: days_ahead(3)}, recruiter))
    assert response.status_code == 422
    assert "Move it to Screening first." in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_an_unassigned_hiring_manager_gets_403(client, other_hiring_manager, screening):
    client.force_login(other_hiring_manager)
    assert client.get(offer_url(screening)).status_code == 403
    data = offer_data({1: days_ahead(2), 2: days_ahead(3)}, other_hiring_manager)
    assert client.post(offer_url(screening), data).status_code == 403
    assert not Interview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("outsider_recruiter", 404), ("other_candidate", 404), ("candidate", 403)])
def test_others_are_refused(client, request, recruiter, screening, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(offer_url(screening)).status_code == status
    assert (
        client.post(offer_url(screening), offer_data({1: days_ahead(2), 2: days_ahead(3)}, recruiter)).status_code
        == status
    )
    assert not Interview.objects.exists()
