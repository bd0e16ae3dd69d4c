"""Interviews in My applications (/applications/): the upcoming ones in the candidate's
own time zone, the offered times to pick from, and picking one
(/applications/interviews/<pk>/pick/). Never anything of the team's verdicts."""

import html
import re
import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats import calendar
from ats.models import Interview, InterviewSlot
from ats.selectors.interviews import candidate_interviews
from ats.services.applications import application_change_stage, application_note_add
from ats.services.interviews import (
    interview_cancel,
    interview_schedule,
    interview_slot_pick,
    interview_slots_offer,
    scorecard_criteria_ensure_defaults,
    scorecard_submit,
)
from ats.tests import factories
from ats.workflow import InterviewStatus

NEW_YORK = "America/New_York"


def at(days: int, hour: int) -> datetime:
    """`days` from today at `hour`:00 UTC."""
    return (timezone.now() + timedelta(days=days)).astimezone(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)


def toasts(response) -> list[tuple[str, str]]:
    """The messages the page shows, as (level, text)."""
    page = response.content.decode()
    return [
        (level, html.unescape(text))
        for level, text in re.findall(r'<div class="toast toast--(\w+)">(.*?)</div>', page, re.S)
    ]


@pytest.fixture
def screening(application, recruiter):
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    return application


@pytest.fixture
def scheduled(screening, recruiter, hiring_manager):
    return interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=at(3, 15),
        duration=45,
        interviewers=[hiring_manager, recruiter],
        title="Technical interview",
        location="Acme HQ, 3rd floor",
        video_link="https://meet.example.com/abc-defg",
    )


@pytest.fixture
def offered(screening, recruiter, hiring_manager):
    return interview_slots_offer(
        application=screening,
        organizer=recruiter,
        slots=[at(5, 14), at(6, 9), at(7, 16)],
        duration=30,
        interviewers=[hiring_manager],
        title="Meet the team",
    )


def slots_of(interview: Interview) -> list[InterviewSlot]:
    return list(interview.slots.order_by("starts_at"))


def page_of(client, candidate) -> str:
    client.force_login(candidate)
    response = client.get("/applications/")
    assert response.status_code == 200
    return response.content.decode()


# Upcoming interviews --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_an_upcoming_interview_in_the_candidates_own_zone(client, candidate, scheduled, hiring_manager):
    candidate.time_zone = NEW_YORK
    candidate.save(update_fields=["time_zone"])
    page = page_of(client, candidate)

    card = page.split(f'id="application-{scheduled.application_id}"')[1]
    upcoming = card.split("Upcoming interviews")[1]
    local = scheduled.starts_at.astimezone(zoneinfo.ZoneInfo(NEW_YORK))
    assert f"{local:%H:%M}–" in upcoming
    assert f"({NEW_YORK}, {local.tzname()})" in upcoming
    assert calendar.describe_time(scheduled.starts_at, scheduled.ends_at, NEW_YORK) in upcoming
    assert "15:00–" not in upcoming  # not in UTC
    assert '<h4 class="interview__name">Technical interview</h4>' in upcoming
    assert "Acme HQ, 3rd floor" in upcoming
    assert '<a href="https://meet.example.com/abc-defg"' in upcoming
    assert hiring_manager.display_name in upcoming
    assert f'href="/interviews/{scheduled.pk}/calendar.ics" download>Add to calendar' in upcoming


@pytest.mark.django_db
def test_it_shows_no_interview_section_without_interviews(client, candidate, screening):
    page = page_of(client, candidate)
    assert "Upcoming interviews" not in page
    assert "Pick a time for your interview" not in page


@pytest.mark.django_db
def test_a_past_or_cancelled_interview_is_not_upcoming(client, candidate, screening, scheduled, hiring_manager):
    interview_cancel(interview=scheduled, actor=None)
    past = Interview.objects.create(
        application=screening, title="Phone screen", starts_at=at(-2, 9), ends_at=at(-2, 10), duration=60
    )
    past.interviewers.add(hiring_manager)
    page = page_of(client, candidate)
    assert "Upcoming interviews" not in page
    assert "Technical interview" not in page and "Phone screen" not in page


# Offered times -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_offers_the_future_times_as_a_choice_in_the_candidates_zone(client, candidate, offered):
    candidate.time_zone = NEW_YORK
    candidate.save(update_fields=["time_zone"])
    passed = InterviewSlot.objects.create(
        interview=offered, starts_at=at(-1, 10), ends_at=at(-1, 10) + timedelta(minutes=30)
    )
    page = page_of(client, candidate)

    section = page.split("Pick a time for your interview")[1].split("</section>")[0]
    assert (
        f'<form class="form interview__pick" method="post" action="/applications/interviews/{offered.pk}/pick/">'
        in section
    )
    assert "Meet the team" in section and "30 minutes" in section
    for slot in slots_of(offered):
        if slot.pk == passed.pk:
            assert f'value="{slot.pk}"' not in section
            continue
        assert f'type="radio" name="slot" value="{slot.pk}"' in section
        assert calendar.describe_time(slot.starts_at, slot.ends_at, NEW_YORK) in section
    assert "<legend>Offered times</legend>" in section
    assert "Book this time" in section


@pytest.mark.django_db
def test_an_offer_whose_times_have_all_passed_says_so_instead_of_a_form(client, candidate, offered):
    month = timedelta(days=30)
    offered.slots.update(starts_at=F("starts_at") - month, ends_at=F("ends_at") - month)
    page = page_of(client, candidate)
    assert "Every time offered for this interview has passed." in page
    assert "Book this time" not in page


@pytest.mark.django_db
def test_the_candidate_never_sees_scorecards_notes_or_ratings(
    client, candidate, screening, scheduled, offered, hiring_manager, recruiter
):
    scorecard_criteria_ensure_defaults(job=screening.job)
    past = Interview.objects.create(
        application=screening, title="Phone screen", starts_at=at(-2, 9), ends_at=at(-2, 10), duration=60
    )
    past.interviewers.add(hiring_manager)
    criteria = list(screening.job.scorecard_criteria.all())
    scorecard_submit(
        author=hiring_manager,
        interview=past,
        recommendation=1,
        notes="Zebra-crossing verdict: do not hire",
        ratings={criterion.pk: 2 for criterion in criteria},
        rating_notes={criteria[0].pk: "Quokka-level communication"},
    )
    scorecard_submit(author=recruiter, application=screening, recommendation=4, notes="Narwhal general review")
    application_note_add(application=screening, author=recruiter, body="Platypus team note")

    page = page_of(client, candidate)
    assert "Technical interview" in page and "Meet the team" in page
    for secret in ("Zebra-crossing", "Quokka-level", "Narwhal", "Platypus", "Strong no", "Strong yes", "Scorecard"):
        assert secret not in page
    assert "scorecard" not in page.lower()


@pytest.mark.django_db
def test_it_reads_the_same_number_of_queries_whatever_the_number_of_applications_and_interviews(
    client, candidate, acme, recruiter, hiring_manager, screening, scheduled
):
    client.force_login(candidate)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/applications/").status_code == 200

    for number in range(4):
        application = factories.ApplicationFactory(job=factories.JobFactory(company=acme), candidate=candidate)
        application_change_stage(application=application, to_stage="Screening", actor=recruiter)
        interview_schedule(
            application=application,
            organizer=recruiter,
            starts_at=at(10 + number, 10),
            duration=60,
            interviewers=[hiring_manager, recruiter],
        )
        interview_slots_offer(
            application=application,
            organizer=recruiter,
            slots=[at(20 + number, 10), at(20 + number, 12), at(20 + number, 14)],
            duration=60,
            interviewers=[hiring_manager],
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get("/applications/").content.decode()
    assert page.count("Add to calendar") == 5
    assert page.count("Book this time") == 4
    assert len(many) == len(one), "\n".join(query["sql"] for query in many.captured_queries)


# Picking a time ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_picking_a_time_books_it_and_the_other_times_lapse(client, candidate, offered):
    candidate.time_zone = NEW_YORK
    candidate.save(update_fields=["time_zone"])
    first, second, third = slots_of(offered)
    client.force_login(candidate)

    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": second.pk}, follow=True)

    assert response.redirect_chain == [(f"/applications/#application-{offered.application_id}", 302)]
    when = calendar.describe_time(second.starts_at, second.ends_at, NEW_YORK)
    assert toasts(response) == [("success", f"Booked: {when}. We have emailed you a calendar invitation.")]
    offered.refresh_from_db()
    assert offered.status == InterviewStatus.SCHEDULED
    assert (offered.starts_at, offered.ends_at) == (second.starts_at, second.ends_at)
    page = response.content.decode()
    upcoming = page.split("Upcoming interviews")[1]
    assert "Meet the team" in upcoming and when in upcoming
    assert "Pick a time for your interview" not in page
    assert f'value="{first.pk}"' not in page and f'value="{third.pk}"' not in page
    assert candidate_interviews(candidate)[offered.application_id]["offered"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("other_candidate", 404), ("outsider_recruiter", 404), ("recruiter", 403)])
def test_only_the_candidate_may_pick_a_time(client, request, offered, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": slots_of(offered)[0].pk})
    assert response.status_code == status
    offered.refresh_from_db()
    assert offered.status == InterviewStatus.OFFERED


@pytest.mark.django_db
def test_an_anonymous_visitor_is_taken_to_log_in(client, offered):
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": slots_of(offered)[0].pk})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    offered.refresh_from_db()
    assert offered.status == InterviewStatus.OFFERED


@pytest.mark.django_db
def test_picking_is_a_post(client, candidate, offered):
    client.force_login(candidate)
    assert client.get(f"/applications/interviews/{offered.pk}/pick/").status_code == 405


def assert_refused(response, message: str, interview: Interview) -> None:
    assert response.redirect_chain == [(f"/applications/#application-{interview.application_id}", 302)]
    [(level, text)] = toasts(response)
    assert level == "error"
    assert message in text
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.OFFERED
    assert interview.starts_at is None


@pytest.mark.django_db
def test_a_time_that_has_passed_is_refused(client, candidate, offered):
    passed = InterviewSlot.objects.create(
        interview=offered, starts_at=at(-1, 10), ends_at=at(-1, 10) + timedelta(minutes=30)
    )
    client.force_login(candidate)
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": passed.pk}, follow=True)
    assert_refused(response, "has passed. Pick a later time.", offered)


@pytest.mark.django_db
def test_a_time_of_another_interview_is_refused(client, candidate, screening, offered, recruiter):
    other = interview_slots_offer(
        application=screening, organizer=recruiter, slots=[at(9, 10), at(9, 12)], duration=30, interviewers=[recruiter]
    )
    client.force_login(candidate)
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": slots_of(other)[0].pk}, follow=True)
    assert_refused(response, "That time isn't one of the times offered for this interview.", offered)
    other.refresh_from_db()
    assert other.status == InterviewStatus.OFFERED


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [{}, {"slot": ""}, {"slot": "not-a-number"}, {"slot": "999999"}])
def test_a_missing_or_unknown_time_is_refused_with_a_message(client, candidate, offered, sent):
    client.force_login(candidate)
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", sent, follow=True)
    [(level, text)] = toasts(response)
    assert level == "error"
    assert text.startswith(("Choose one of the offered times", "That time isn't one of the times offered"))
    offered.refresh_from_db()
    assert offered.status == InterviewStatus.OFFERED


@pytest.mark.django_db
def test_an_offer_the_team_cancelled_is_refused(client, candidate, offered):
    interview_cancel(interview=offered, actor=None)
    client.force_login(candidate)
    response = client.post(
        f"/applications/interviews/{offered.pk}/pick/", {"slot": slots_of(offered)[0].pk}, follow=True
    )
    assert response.redirect_chain == [(f"/applications/#application-{offered.application_id}", 302)]
    assert toasts(response) == [("error", "This interview was cancelled, so its times can't be picked any more.")]
    offered.refresh_from_db()
    assert offered.status == InterviewStatus.CANCELLED
    assert offered.starts_at is None


@pytest.mark.django_db
def test_an_interview_booked_meanwhile_is_refused_and_keeps_its_time(client, candidate, offered):
    first, second, _ = slots_of(offered)
    interview_slot_pick(slot=first, candidate=candidate)
    client.force_login(candidate)
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": second.pk}, follow=True)
    assert toasts(response) == [("error", "This interview is already booked.")]
    offered.refresh_from_db()
    assert offered.status == InterviewStatus.SCHEDULED
    assert offered.starts_at == first.starts_at


@pytest.mark.django_db
def test_of_two_picks_the_second_is_refused(client, candidate, offered):
    first, second, _ = slots_of(offered)
    client.force_login(candidate)
    url = f"/applications/interviews/{offered.pk}/pick/"

    booked = client.post(url, {"slot": first.pk}, follow=True)
    again = client.post(url, {"slot": second.pk}, follow=True)

    assert [level for level, _ in toasts(booked)] == ["success"]
    assert toasts(again) == [("error", "This interview is already booked.")]
    offered.refresh_from_db()
    assert (offered.status, offered.starts_at) == (InterviewStatus.SCHEDULED, first.starts_at)


@pytest.mark.django_db
def test_a_time_at_which_the_team_has_been_booked_since_is_refused(
    client, candidate, offered, job, recruiter, hiring_manager
):
    first = slots_of(offered)[0]
    someone_else = factories.ApplicationFactory(job=job)
    application_change_stage(application=someone_else, to_stage="Screening", actor=recruiter)
    interview_schedule(
        application=someone_else,
        organizer=recruiter,
        starts_at=first.starts_at,
        duration=60,
        interviewers=[hiring_manager],
    )
    client.force_login(candidate)
    response = client.post(f"/applications/interviews/{offered.pk}/pick/", {"slot": first.pk}, follow=True)
    assert_refused(
        response, "is no longer free: the team has been booked at that time since. Pick another time.", offered
    )
