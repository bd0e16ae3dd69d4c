"""/api/interviews/: list, schedule or offer times, reschedule, cancel, and the candidate's pick.

Every role on every endpoint, every refusal as a 400 with its message and nothing
written, and lists that never show another company's (or candidate's) interviews.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats.models import Interview, InterviewSlot, OutboxEmail
from ats.services.interviews import interview_schedule, interview_slots_offer, scorecard_criteria_set
from ats.tests import factories
from ats.workflow import InterviewStatus, Stage

# Fields of an interview in every answer, the candidate's included: nothing else.
INTERVIEW_FIELDS = {
    "id",
    "application",
    "title",
    "status",
    "starts_at",
    "ends_at",
    "duration",
    "location",
    "video_link",
    "organizer",
    "organizer_name",
    "interviewers",
    "slots",
    "sequence",
    "scorecard_criteria",
    "created_at",
}


@pytest.fixture
def soon():
    """A whole hour three days ahead: later than now, and clear of the reminder's 24 hours."""
    return (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def screening(application):
    """The candidate's Acme application, moved on to Screening: interviews may be planned."""
    application.stage = Stage.SCREENING
    application.save(update_fields=["stage"])
    return application


@pytest.fixture
def booked(screening, recruiter, hiring_manager, soon):
    """An interview of `screening` at `soon`, with the recruiter and the assigned hiring manager."""
    return interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=soon,
        duration=45,
        interviewers=[recruiter, hiring_manager],
        title="Technical interview",
    )


@pytest.fixture
def offered(screening, recruiter, soon):
    """Two times offered to the candidate of `screening`, a day apart."""
    return interview_slots_offer(
        application=screening,
        organizer=recruiter,
        slots=[soon + timedelta(days=1), soon + timedelta(days=2)],
        duration=30,
        interviewers=[recruiter],
    )


@pytest.fixture
def globex_interview(globex, outsider_recruiter, other_candidate, soon):
    globex_job = factories.JobFactory(company=globex, title="Globex Open")
    globex_application = factories.ApplicationFactory(job=globex_job, candidate=other_candidate, stage=Stage.SCREENING)
    return interview_schedule(
        application=globex_application,
        organizer=outsider_recruiter,
        starts_at=soon,
        duration=60,
        interviewers=[outsider_recruiter],
    )


def schedule(client, application, **payload):
    return client.post("/api/interviews/", {"application": application.pk, **payload}, format="json")


def listed(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


# POST /api/interviews/: schedule ------------------------------------------------------------


def test_a_recruiter_schedules_an_interview_and_everyone_is_invited(api_as, recruiter, hiring_manager, screening, soon):
    response = schedule(
        api_as(recruiter),
        screening,
        starts_at=soon.isoformat(),
        duration=45,
        interviewers=[hiring_manager.pk, recruiter.pk],
        title="Technical interview",
        location="Room 4",
        video_link="https://meet.example.com/abc-defg",
    )

    assert response.status_code == 201, response.content
    interview = Interview.objects.get(application=screening)
    assert (interview.status, interview.starts_at, interview.ends_at, interview.duration) == (
        InterviewStatus.SCHEDULED,
        soon,
        soon + timedelta(minutes=45),
        45,
    )
    assert (interview.title, interview.location, interview.organizer) == ("Technical interview", "Room 4", recruiter)
    assert set(interview.interviewers.all()) == {recruiter, hiring_manager}
    data = response.json()
    assert set(data) == INTERVIEW_FIELDS
    assert (data["id"], data["status"], data["duration"], data["slots"]) == (interview.pk, "scheduled", 45, [])
    assert {person["id"]: person["name"] for person in data["interviewers"]} == {
        recruiter.pk: recruiter.display_name,
        hiring_manager.pk: hiring_manager.display_name,
    }
    assert data["organizer_name"] == recruiter.display_name
    assert data["scorecard_criteria"] == []
    invited = set(OutboxEmail.objects.values_list("to", flat=True))
    assert {screening.candidate.email, recruiter.email, hiring_manager.email} <= invited


def test_an_assigned_hiring_manager_schedules_an_interview(api_as, hiring_manager, screening, soon):
    response = schedule(api_as(hiring_manager), screening, starts_at=soon.isoformat(), interviewers=[hiring_manager.pk])

    assert response.status_code == 201, response.content
    interview = Interview.objects.get(application=screening)
    assert (interview.organizer, interview.duration, interview.title) == (hiring_manager, 45, "Interview")


def test_with_see_all_off_the_assigned_hiring_manager_still_schedules(
    api_as, settings, hiring_manager, screening, soon
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False

    response = schedule(api_as(hiring_manager), screening, starts_at=soon.isoformat(), interviewers=[hiring_manager.pk])

    assert response.status_code == 201, response.content
    assert Interview.objects.filter(application=screening, organizer=hiring_manager).exists()


def test_a_time_with_another_offset_is_the_same_instant(api_as, recruiter, screening, soon):
    paris = soon.astimezone(timezone.get_fixed_timezone(120))

    response = schedule(api_as(recruiter), screening, starts_at=paris.isoformat(), interviewers=[recruiter.pk])

    assert response.status_code == 201, response.content
    assert Interview.objects.get(application=screening).starts_at == soon


@pytest.mark.parametrize(
    ("persona", "status", "detail"),
    [
        (
            "other_hiring_manager",
            403,
            "Only recruiters of this company, or hiring managers assigned to this job, can schedule its interviews.",
        ),
        ("outsider_recruiter", 404, "No Application matches the given query."),
        ("outsider_hiring_manager", 404, "No Application matches the given query."),
        (
            "candidate",
            403,
            "Only recruiters of this company, or hiring managers assigned to this job, can schedule its interviews.",
        ),
    ],
)
def test_who_may_not_schedule_is_refused_and_nothing_is_stored(
    api_as, people, recruiter, screening, soon, persona, status, detail
):
    response = schedule(api_as(people[persona]), screening, starts_at=soon.isoformat(), interviewers=[recruiter.pk])

    assert response.status_code == status
    assert response.json() == {"detail": detail}
    assert not Interview.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_scheduling_without_a_token_is_a_401(api, recruiter, screening, soon):
    response = schedule(api, screening, starts_at=soon.isoformat(), interviewers=[recruiter.pk])

    assert response.status_code == 401
    assert not Interview.objects.exists()


def test_recruiters_offer_times_for_the_candidate_to_pick(api_as, recruiter, screening, soon):
    times = [soon + timedelta(days=1), soon]

    response = schedule(
        api_as(recruiter), screening, slots=[t.isoformat() for t in times], duration=30, interviewers=[recruiter.pk]
    )

    assert response.status_code == 201, response.content
    interview = Interview.objects.get(application=screening)
    assert (interview.status, interview.starts_at, interview.duration) == (InterviewStatus.OFFERED, None, 30)
    slots = list(interview.slots.order_by("starts_at"))
    assert [slot.starts_at for slot in slots] == sorted(times)
    data = response.json()
    assert (data["status"], data["starts_at"], data["ends_at"]) == ("offered", None, None)
    assert [slot["id"] for slot in data["slots"]] == [slot.pk for slot in slots]
    assert OutboxEmail.objects.filter(to=screening.candidate.email).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"duration": 0},
            "An interview lasts from 5 minutes to 8 hours; choose a duration in that range.",
        ),
        (
            {"duration": 481},
            "An interview lasts from 5 minutes to 8 hours; choose a duration in that range.",
        ),
        ({"interviewers": []}, "Choose at least one interviewer."),
        ({"slots": ["SOON"], "starts_at": None}, "Offer between 2 and 10 times; 1 were given."),
        ({"slots": ["SOON", "SOON"], "starts_at": None}, "is offered twice: offer each time once."),
        ({"video_link": "meet me"}, "Enter the video link as a full web address"),
        ({"title": "x" * 201}, "An interview's title can be at most 200 characters."),
    ],
)
def test_a_refused_schedule_is_a_400_with_the_reason_and_nothing_is_stored(
    api_as, recruiter, screening, soon, change, message
):
    payload = {"starts_at": soon.isoformat(), "interviewers": [recruiter.pk]} | change
    if "slots" in change:
        payload["slots"] = [soon.isoformat() for _ in change["slots"]]
        del payload["starts_at"]

    response = schedule(api_as(recruiter), screening, **payload)

    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Interview.objects.exists()
    assert not InterviewSlot.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_a_time_that_has_passed_is_refused(api_as, recruiter, screening):
    an_hour_ago = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)

    response = schedule(api_as(recruiter), screening, starts_at=an_hour_ago.isoformat(), interviewers=[recruiter.pk])

    assert response.status_code == 400
    assert response.json()["detail"].endswith(", which has passed: choose a later time.")
    assert not Interview.objects.exists()


def test_an_application_in_applied_takes_no_interview(api_as, recruiter, application, soon):
    response = schedule(api_as(recruiter), application, starts_at=soon.isoformat(), interviewers=[recruiter.pk])

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Interviews are for applications in Screening, Interview or Offer; this one is in Applied, "
        "so none can be planned. Move it to Screening first."
    }
    assert not Interview.objects.exists()


def test_a_busy_interviewer_is_refused_naming_them(api_as, recruiter, hiring_manager, booked, soon):
    response = schedule(
        api_as(recruiter),
        booked.application,
        starts_at=(soon + timedelta(minutes=30)).isoformat(),
        interviewers=[hiring_manager.pk],
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{hiring_manager.display_name} is already in an interview from ")
    assert Interview.objects.get() == booked


def test_an_interviewer_of_another_company_is_an_unknown_id(api_as, recruiter, outsider_recruiter, screening, soon):
    response = schedule(
        api_as(recruiter), screening, starts_at=soon.isoformat(), interviewers=[recruiter.pk, outsider_recruiter.pk]
    )

    assert response.status_code == 400
    assert response.json() == {
        "interviewers": [f"Acme has no active recruiter or hiring manager with id {outsider_recruiter.pk}."]
    }
    assert not Interview.objects.exists()


def test_a_candidate_or_a_deactivated_teammate_is_no_interviewer(api_as, recruiter, candidate, acme, screening, soon):
    gone = factories.RecruiterFactory(username="gone", company=acme, is_active=False)

    response = schedule(
        api_as(recruiter), screening, starts_at=soon.isoformat(), interviewers=[candidate.pk, gone.pk, 999_999]
    )

    assert response.status_code == 400
    assert response.json() == {
        "interviewers": [
            f"Acme has no active recruiter or hiring manager with ids {candidate.pk}, {gone.pk} and 999999."
        ]
    }
    assert not Interview.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        (lambda soon: {}, "starts_at", "Give either `starts_at` (to book a time) or `slots`"),
        (
            lambda soon: {"starts_at": soon.isoformat(), "slots": [soon.isoformat(), soon.isoformat()]},
            "starts_at",
            "not both",
        ),
        (lambda soon: {"starts_at": "2030-05-14T09:30:00"}, "starts_at", "Give the time with its UTC offset"),
        (
            lambda soon: {"starts_at": "9999-12-31T23:00:00Z"},
            "starts_at",
            "Give a time between the years 1900 and 9998.",
        ),
        (lambda soon: {"starts_at": "next tuesday"}, "starts_at", "Datetime has wrong format."),
        (lambda soon: {"slots": ["2030-05-14T09:30:00", soon.isoformat()]}, "slots", "UTC offset"),
        (
            lambda soon: {"starts_at": soon.isoformat(), "interviewers": "me"},
            "interviewers",
            'Expected a list of items but got type "str".',
        ),
        (
            lambda soon: {"starts_at": soon.isoformat(), "interviewers": [0]},
            "interviewers",
            "greater than or equal to 1",
        ),
        (lambda soon: {"starts_at": soon.isoformat(), "duration": "long"}, "duration", "A valid integer is required."),
        # DRF's IntegerField took 60.0 and "60.0" as 60; a whole number is a JSON integer or digits.
        (lambda soon: {"starts_at": soon.isoformat(), "duration": 60.0}, "duration", "A valid integer is required."),
        (lambda soon: {"starts_at": soon.isoformat(), "duration": "60.0"}, "duration", "A valid integer is required."),
        (lambda soon: {"starts_at": soon.isoformat(), "duration": True}, "duration", "A valid integer is required."),
        (
            lambda soon: {"starts_at": soon.isoformat(), "interviewers": [1.5]},
            "interviewers",
            "A valid integer is required.",
        ),
        (lambda soon: {"starts_at": soon.isoformat(), "application": True}, "application", "A valid integer"),
        (
            lambda soon: {"starts_at": soon.isoformat(), "application": None},
            "application",
            "This field may not be null.",
        ),
    ],
)
def test_malformed_input_is_a_400_naming_the_field(api_as, recruiter, screening, soon, payload, field, message):
    body = {"application": screening.pk, "interviewers": [recruiter.pk]} | payload(soon)

    response = api_as(recruiter).post("/api/interviews/", body, format="json")

    assert response.status_code == 400
    assert message in str(response.json()[field]), response.json()
    assert not Interview.objects.exists()


# GET /api/interviews/ ------------------------------------------------------------------


def test_recruiters_list_their_company_interviews_and_never_another_company(
    api_as, recruiter, outsider_recruiter, booked, offered, globex_interview
):
    assert {row["id"] for row in listed(api_as(recruiter).get("/api/interviews/"))} == {booked.pk, offered.pk}
    assert {row["id"] for row in listed(api_as(outsider_recruiter).get("/api/interviews/"))} == {globex_interview.pk}


def test_the_list_filters_by_application_and_status(api_as, recruiter, booked, offered, job):
    other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    elsewhere = interview_schedule(
        application=other,
        organizer=recruiter,
        starts_at=booked.starts_at + timedelta(days=5),
        duration=30,
        interviewers=[recruiter],
    )
    client = api_as(recruiter)

    by_application = listed(client.get(f"/api/interviews/?application={other.pk}"))
    by_status = listed(client.get("/api/interviews/?status=offered"))
    both = listed(client.get(f"/api/interviews/?application={booked.application_id}&status=scheduled"))

    assert [row["id"] for row in by_application] == [elsewhere.pk]
    assert [row["id"] for row in by_status] == [offered.pk]
    assert [row["id"] for row in both] == [booked.pk]
    assert client.get("/api/interviews/?status=done").status_code == 400


def test_the_team_gets_the_jobs_scorecard_criteria_to_rate(api_as, recruiter, hiring_manager, booked, job):
    communication, problem_solving = scorecard_criteria_set(job=job, names=["Communication", "Problem solving"])

    for person in (recruiter, hiring_manager):
        [row] = listed(api_as(person).get("/api/interviews/"))
        assert row["scorecard_criteria"] == [
            {"id": communication.pk, "name": "Communication"},
            {"id": problem_solving.pk, "name": "Problem solving"},
        ]


@pytest.mark.parametrize("persona", ["hiring_manager", "other_hiring_manager"])
def test_hiring_managers_list_the_interviews_of_applications_they_see(
    api_as, people, booked, globex_interview, persona
):
    assert [row["id"] for row in listed(api_as(people[persona]).get("/api/interviews/"))] == [booked.pk]


def test_with_see_all_off_an_unassigned_hiring_manager_lists_only_interviews_they_are_on(
    api_as, settings, recruiter, other_hiring_manager, booked, soon
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client = api_as(other_hiring_manager)
    assert listed(client.get("/api/interviews/")) == []

    theirs = interview_schedule(
        application=booked.application,
        organizer=recruiter,
        starts_at=soon + timedelta(days=1),
        duration=30,
        interviewers=[other_hiring_manager],
    )

    assert {row["id"] for row in listed(client.get("/api/interviews/"))} == {booked.pk, theirs.pk}


def test_a_candidate_lists_their_own_interviews_without_the_teams_details(
    api_as, candidate, other_candidate, booked, offered, globex_interview
):
    rows = listed(api_as(candidate).get("/api/interviews/"))

    assert {row["id"] for row in rows} == {booked.pk, offered.pk}
    for row in rows:
        assert set(row) == INTERVIEW_FIELDS
        assert row["scorecard_criteria"] is None
    offer = next(row for row in rows if row["id"] == offered.pk)
    assert [slot["id"] for slot in offer["slots"]] == list(
        offered.slots.order_by("starts_at").values_list("pk", flat=True)
    )
    assert [row["id"] for row in listed(api_as(other_candidate).get("/api/interviews/"))] == [globex_interview.pk]


def test_the_list_costs_the_same_queries_for_many_interviews(
    api_as, recruiter, hiring_manager, booked, offered, job, soon, django_assert_num_queries
):
    client = api_as(recruiter)
    with CaptureQueriesContext(connection) as two:
        assert len(listed(client.get("/api/interviews/"))) == 2
    for day in range(3, 8):
        other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
        interview_slots_offer(
            application=other,
            organizer=recruiter,
            slots=[soon + timedelta(days=day), soon + timedelta(days=day, hours=1)],
            duration=30,
            interviewers=[recruiter, hiring_manager],
        )

    with django_assert_num_queries(len(two.captured_queries)):
        assert len(listed(client.get("/api/interviews/"))) == 7


def test_listing_interviews_without_a_token_is_a_401(api, booked):
    assert api.get("/api/interviews/").status_code == 401


# POST /api/interviews/{id}/reschedule/ ---------------------------------------------------


def reschedule(client, interview, **payload):
    return client.post(f"/api/interviews/{interview.pk}/reschedule/", payload, format="json")


@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager"])
def test_the_team_reschedules_an_interview_and_its_sequence_goes_up(api_as, people, booked, soon, persona):
    later = soon + timedelta(days=1, hours=2)

    response = reschedule(api_as(people[persona]), booked, starts_at=later.isoformat(), duration=60)

    assert response.status_code == 200, response.content
    booked.refresh_from_db()
    assert (booked.starts_at, booked.ends_at, booked.sequence, booked.title) == (
        later,
        later + timedelta(minutes=60),
        1,
        "Technical interview",
    )
    assert response.json()["sequence"] == 1


def test_rescheduling_can_change_the_interviewers(
    api_as, recruiter, hiring_manager, other_hiring_manager, booked, soon
):
    response = reschedule(
        api_as(recruiter),
        booked,
        starts_at=(soon + timedelta(days=1)).isoformat(),
        interviewers=[other_hiring_manager.pk],
        location="Room 9",
    )

    assert response.status_code == 200, response.content
    assert list(booked.interviewers.all()) == [other_hiring_manager]
    assert [person["id"] for person in response.json()["interviewers"]] == [other_hiring_manager.pk]
    assert Interview.objects.get(pk=booked.pk).location == "Room 9"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("other_hiring_manager", 403),
        ("candidate", 403),
        ("outsider_recruiter", 404),
        ("outsider_hiring_manager", 404),
        ("other_candidate", 404),
    ],
)
def test_who_may_not_reschedule_is_refused(api_as, people, booked, soon, persona, status):
    response = reschedule(api_as(people[persona]), booked, starts_at=(soon + timedelta(days=1)).isoformat())

    assert response.status_code == status
    if status == 403:
        assert response.json() == {
            "detail": "Only recruiters of this company, or hiring managers assigned to this job, "
            "can change its interviews."
        }
    booked.refresh_from_db()
    assert (booked.starts_at, booked.sequence) == (soon, 0)


def test_rescheduling_without_a_token_is_a_401(api, booked, soon):
    assert reschedule(api, booked, starts_at=(soon + timedelta(days=1)).isoformat()).status_code == 401


def test_rescheduling_onto_a_busy_interviewer_is_refused(api_as, recruiter, hiring_manager, booked, soon):
    other = factories.ApplicationFactory(job=booked.application.job, stage=Stage.SCREENING)
    interview_schedule(
        application=other,
        organizer=recruiter,
        starts_at=soon + timedelta(days=1),
        duration=60,
        interviewers=[recruiter],
    )

    response = reschedule(api_as(recruiter), booked, starts_at=(soon + timedelta(days=1, minutes=15)).isoformat())

    assert response.status_code == 400
    assert " is already in an interview from " in response.json()["detail"]
    booked.refresh_from_db()
    assert (booked.starts_at, booked.sequence) == (soon, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"duration": 481}, "An interview lasts from 5 minutes to 8 hours; choose a duration in that range."),
        ({"duration": 0}, "An interview lasts from 5 minutes to 8 hours; choose a duration in that range."),
        ({"interviewers": []}, "Choose at least one interviewer."),
    ],
)
def test_a_refused_reschedule_changes_nothing(api_as, recruiter, booked, soon, change, message):
    response = reschedule(api_as(recruiter), booked, starts_at=(soon + timedelta(days=1)).isoformat(), **change)

    assert response.status_code == 400
    assert response.json() == {"detail": message}
    booked.refresh_from_db()
    assert (booked.starts_at, booked.duration, booked.sequence, booked.interviewers.count()) == (soon, 45, 0, 2)


def test_rescheduling_into_the_past_is_refused(api_as, recruiter, booked, soon):
    response = reschedule(api_as(recruiter), booked, starts_at=(timezone.now() - timedelta(days=1)).isoformat())

    assert response.status_code == 400
    assert "which has passed" in response.json()["detail"]
    assert Interview.objects.get(pk=booked.pk).starts_at == soon


def test_an_interviewer_of_another_company_is_refused_on_reschedule(
    api_as, recruiter, outsider_recruiter, booked, soon
):
    response = reschedule(
        api_as(recruiter),
        booked,
        starts_at=(soon + timedelta(days=1)).isoformat(),
        interviewers=[outsider_recruiter.pk],
    )

    assert response.status_code == 400
    assert response.json() == {
        "interviewers": [f"Acme has no active recruiter or hiring manager with id {outsider_recruiter.pk}."]
    }
    assert Interview.objects.get(pk=booked.pk).sequence == 0


def test_an_offer_is_not_rescheduled(api_as, recruiter, offered, soon):
    response = reschedule(api_as(recruiter), offered, starts_at=(soon + timedelta(days=4)).isoformat())

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The candidate hasn't picked a time yet. Cancel the offer and schedule a time instead."
    }


# POST /api/interviews/{id}/cancel/ -------------------------------------------------------


@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager"])
def test_the_team_cancels_an_interview(api_as, people, booked, persona):
    response = api_as(people[persona]).post(f"/api/interviews/{booked.pk}/cancel/")

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["sequence"]) == ("cancelled", 1)
    booked.refresh_from_db()
    assert (booked.status, booked.sequence) == (InterviewStatus.CANCELLED, 1)


def test_an_offer_is_withdrawn_by_cancelling_it(api_as, recruiter, offered):
    response = api_as(recruiter).post(f"/api/interviews/{offered.pk}/cancel/")

    assert response.status_code == 200
    assert response.json()["slots"] == []
    assert Interview.objects.get(pk=offered.pk).status == InterviewStatus.CANCELLED


def test_cancelling_twice_is_a_400(api_as, recruiter, booked):
    client = api_as(recruiter)
    assert client.post(f"/api/interviews/{booked.pk}/cancel/").status_code == 200

    response = client.post(f"/api/interviews/{booked.pk}/cancel/")

    assert response.status_code == 400
    assert response.json() == {"detail": "This interview was cancelled, so it can't be cancelled."}
    assert Interview.objects.get(pk=booked.pk).sequence == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("other_hiring_manager", 403),
        ("candidate", 403),
        ("outsider_recruiter", 404),
        ("outsider_hiring_manager", 404),
        ("other_candidate", 404),
    ],
)
def test_who_may_not_cancel_is_refused(api_as, people, booked, persona, status):
    response = api_as(people[persona]).post(f"/api/interviews/{booked.pk}/cancel/")

    assert response.status_code == status
    assert Interview.objects.get(pk=booked.pk).status == InterviewStatus.SCHEDULED


def test_cancelling_without_a_token_is_a_401(api, booked):
    assert api.post(f"/api/interviews/{booked.pk}/cancel/").status_code == 401
    assert Interview.objects.get(pk=booked.pk).status == InterviewStatus.SCHEDULED


def test_an_interview_that_does_not_exist_is_a_404(api_as, recruiter):
    assert api_as(recruiter).post("/api/interviews/999999/cancel/").status_code == 404


# POST /api/interviews/{id}/pick/ ---------------------------------------------------------


def pick(client, interview, slot_id):
    return client.post(f"/api/interviews/{interview.pk}/pick/", {"slot": slot_id}, format="json")


def test_the_candidate_picks_a_time_and_the_interview_is_booked(api_as, candidate, offered):
    slot = offered.slots.order_by("starts_at").last()

    response = pick(api_as(candidate), offered, slot.pk)

    assert response.status_code == 200, response.content
    offered.refresh_from_db()
    assert (offered.status, offered.starts_at, offered.ends_at) == (
        InterviewStatus.SCHEDULED,
        slot.starts_at,
        slot.ends_at,
    )
    data = response.json()
    assert (data["status"], data["slots"]) == ("scheduled", [])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("recruiter", 403),
        ("hiring_manager", 403),
        ("other_hiring_manager", 403),
        ("other_candidate", 404),
        ("outsider_recruiter", 404),
        ("outsider_hiring_manager", 404),
    ],
)
def test_only_the_candidate_picks(api_as, people, offered, persona, status):
    response = pick(api_as(people[persona]), offered, offered.slots.first().pk)

    assert response.status_code == status
    if status == 403:
        assert response.json() == {"detail": "Only the candidate the times were offered to can pick one."}
    assert Interview.objects.get(pk=offered.pk).status == InterviewStatus.OFFERED


def test_picking_without_a_token_is_a_401(api, offered):
    assert pick(api, offered, offered.slots.first().pk).status_code == 401


def test_a_slot_already_taken_is_refused(api_as, candidate, offered):
    first, second = offered.slots.order_by("starts_at")
    client = api_as(candidate)
    assert pick(client, offered, first.pk).status_code == 200

    response = pick(client, offered, second.pk)

    assert response.status_code == 400
    assert response.json() == {"detail": "This interview is already booked."}
    assert Interview.objects.get(pk=offered.pk).starts_at == first.starts_at


def test_a_slot_whose_interviewer_was_booked_since_is_refused(api_as, candidate, recruiter, offered, job):
    slot = offered.slots.order_by("starts_at").first()
    other = factories.ApplicationFactory(job=job, stage=Stage.SCREENING)
    interview_schedule(
        application=other, organizer=recruiter, starts_at=slot.starts_at, duration=30, interviewers=[recruiter]
    )

    response = pick(api_as(candidate), offered, slot.pk)

    assert response.status_code == 400
    assert (
        "is no longer free: the team has been booked at that time since. Pick another time."
        in (response.json()["detail"])
    )
    assert Interview.objects.get(pk=offered.pk).status == InterviewStatus.OFFERED


def test_a_withdrawn_offer_can_not_be_picked(api_as, candidate, recruiter, offered):
    assert api_as(recruiter).post(f"/api/interviews/{offered.pk}/cancel/").status_code == 200

    response = pick(api_as(candidate), offered, offered.slots.first().pk)

    assert response.status_code == 400
    assert response.json() == {"detail": "This interview was cancelled, so its times can't be picked any more."}


def test_a_slot_of_another_interview_is_a_400(api_as, candidate, recruiter, offered, job, soon):
    other = interview_slots_offer(
        application=offered.application,
        organizer=recruiter,
        slots=[soon + timedelta(days=5), soon + timedelta(days=6)],
        duration=30,
        interviewers=[recruiter],
    )
    foreign = other.slots.first()

    response = pick(api_as(candidate), offered, foreign.pk)

    assert response.status_code == 400
    assert response.json() == {"slot": [f"This interview offers no time with id {foreign.pk}."]}
    assert set(Interview.objects.values_list("status", flat=True)) == {InterviewStatus.OFFERED}
