"""/api/scorecards/: an application's scorecards for the hiring team, and submitting one
(an interview's, or a general review). Candidates never see them; a hiring manager
sees the others' only once they have submitted their own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.models import Interview, Scorecard, ScorecardRating
from ats.services.interviews import scorecard_criteria_set, scorecard_submit
from ats.tests import factories
from ats.workflow import InterviewStatus, Stage

SCORECARD_FIELDS = {
    "id",
    "application",
    "interview",
    "author",
    "author_name",
    "recommendation",
    "recommendation_label",
    "notes",
    "ratings",
    "submitted_at",
}


@pytest.fixture
def criteria(job):
    return scorecard_criteria_set(job=job, names=["Communication", "Problem solving"])


def held_interview(application, *interviewers) -> Interview:
    """An interview that took place an hour ago (the services book only future times)."""
    started = timezone.now() - timedelta(hours=2)
    interview = Interview.objects.create(
        application=application,
        title="Technical interview",
        starts_at=started,
        ends_at=started + timedelta(hours=1),
        duration=60,
        status=InterviewStatus.SCHEDULED,
        organizer=interviewers[0],
    )
    interview.interviewers.set(interviewers)
    return interview


@pytest.fixture
def interview(application, criteria, recruiter, hiring_manager, other_hiring_manager):
    """Held with the recruiter, the assigned hiring manager and an unassigned one."""
    application.stage = Stage.INTERVIEW
    application.save(update_fields=["stage"])
    return held_interview(application, recruiter, hiring_manager, other_hiring_manager)


def every_criterion(criteria, rating=3) -> list[dict]:
    return [{"criterion": criterion.pk, "rating": rating, "note": f"On {criterion.name}"} for criterion in criteria]


def submit(client, **payload):
    return client.post("/api/scorecards/", payload, format="json")


def scorecard_of(author, interview, criteria, recommendation=3) -> Scorecard:
    return scorecard_submit(
        author=author,
        interview=interview,
        recommendation=recommendation,
        notes=f"{author.username}'s view",
        ratings={criterion.pk: recommendation for criterion in criteria},
    )


def listed(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


# POST /api/scorecards/: an interview's scorecard -------------------------------------------


@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager", "other_hiring_manager"])
def test_an_interviewer_submits_the_scorecard_of_their_interview(api_as, people, interview, criteria, persona):
    author = people[persona]

    response = submit(
        api_as(author),
        interview=interview.pk,
        recommendation=4,
        notes="Clear thinker.",
        ratings=every_criterion(criteria, rating=3),
    )

    assert response.status_code == 201, response.content
    scorecard = Scorecard.objects.get(author=author)
    assert (scorecard.interview, scorecard.application, scorecard.recommendation, scorecard.notes) == (
        interview,
        interview.application,
        4,
        "Clear thinker.",
    )
    assert list(scorecard.ratings.values_list("criterion_name", "rating", "note")) == [
        ("Communication", 3, "On Communication"),
        ("Problem solving", 3, "On Problem solving"),
    ]
    data = response.json()
    assert set(data) == SCORECARD_FIELDS
    assert (data["author"], data["author_name"], data["recommendation"], data["recommendation_label"]) == (
        author.pk,
        author.display_name,
        4,
        "Strong yes",
    )
    assert data["ratings"] == [
        {"criterion": criteria[0].pk, "criterion_name": "Communication", "rating": 3, "note": "On Communication"},
        {"criterion": criteria[1].pk, "criterion_name": "Problem solving", "rating": 3, "note": "On Problem solving"},
    ]


def test_a_recruiter_who_was_not_on_the_interview_may_not_score_it(api_as, acme, interview, criteria):
    colleague = factories.RecruiterFactory(username="rob", company=acme)

    response = submit(api_as(colleague), interview=interview.pk, recommendation=3, ratings=every_criterion(criteria))

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the interviewers of this interview can submit its scorecard."}
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status", "detail"),
    [
        ("candidate", 403, "Only the hiring team submits scorecards."),
        ("other_candidate", 403, "Only the hiring team submits scorecards."),
        ("outsider_recruiter", 404, "No Interview matches the given query."),
        ("outsider_hiring_manager", 404, "No Interview matches the given query."),
    ],
)
def test_candidates_and_other_companies_may_not_submit(api_as, people, interview, criteria, persona, status, detail):
    response = submit(
        api_as(people[persona]), interview=interview.pk, recommendation=3, ratings=every_criterion(criteria)
    )

    assert response.status_code == status
    assert response.json() == {"detail": detail}
    assert not Scorecard.objects.exists()


def test_submitting_without_a_token_is_a_401(api, interview, criteria):
    response = submit(api, interview=interview.pk, recommendation=3, ratings=every_criterion(criteria))

    assert response.status_code == 401
    assert not Scorecard.objects.exists()


def test_a_second_scorecard_is_refused(api_as, recruiter, interview, criteria):
    scorecard_of(recruiter, interview, criteria)

    response = submit(api_as(recruiter), interview=interview.pk, recommendation=1, ratings=every_criterion(criteria, 1))

    assert response.status_code == 400
    assert response.json() == {"detail": "You have already submitted your scorecard for this interview."}
    assert list(Scorecard.objects.values_list("recommendation", flat=True)) == [3]


def test_a_missing_criterion_rating_is_refused_naming_it(api_as, recruiter, interview, criteria):
    response = submit(
        api_as(recruiter), interview=interview.pk, recommendation=3, ratings=every_criterion(criteria)[:1]
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Rate every criterion; Problem solving still needs a rating."}
    assert not Scorecard.objects.exists()
    assert not ScorecardRating.objects.exists()


@pytest.mark.parametrize(
    ("recommendation", "rating", "message"),
    [
        (5, 3, "Rate your overall recommendation on the scale 1 (strong no), 2 (no), 3 (yes), 4 (strong yes)."),
        (0, 3, "Rate your overall recommendation on the scale 1 (strong no), 2 (no), 3 (yes), 4 (strong yes)."),
        (3, 5, "Rate Communication on the scale 1 (strong no), 2 (no), 3 (yes), 4 (strong yes)."),
    ],
)
def test_a_rating_off_the_scale_is_refused(api_as, recruiter, interview, criteria, recommendation, rating, message):
    response = submit(
        api_as(recruiter),
        interview=interview.pk,
        recommendation=recommendation,
        ratings=every_criterion(criteria, rating),
    )

    assert response.status_code == 400
    assert response.json() == {"detail": message}
    assert not Scorecard.objects.exists()


def test_an_interview_yet_to_happen_takes_no_scorecard(api_as, recruiter, interview, criteria):
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=timezone.now() + timedelta(days=1), ends_at=timezone.now() + timedelta(days=1, hours=1)
    )

    response = submit(api_as(recruiter), interview=interview.pk, recommendation=3, ratings=every_criterion(criteria))

    assert response.status_code == 400
    assert response.json()["detail"].endswith(": submit its scorecard afterwards.")
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"recommendation": 3}, "interview", "Give `interview` for an interview's scorecard or `application`"),
        (
            {"recommendation": 3, "interview": "INTERVIEW", "application": "APPLICATION"},
            "interview",
            "or `application`",
        ),
        ({"interview": "INTERVIEW"}, "recommendation", "This field is required."),
        ({"interview": "INTERVIEW", "recommendation": "yes"}, "recommendation", "A valid integer is required."),
        ({"interview": "INTERVIEW", "recommendation": 3.0}, "recommendation", "A valid integer is required."),
        ({"interview": "INTERVIEW", "recommendation": True}, "recommendation", "A valid integer is required."),
        ({"interview": 1.5, "recommendation": 3}, "interview", "A valid integer is required."),
        (
            {"interview": "INTERVIEW", "recommendation": 3, "ratings": "CRITERION_TWICE"},
            "ratings",
            "is rated twice: rate each criterion once.",
        ),
        (
            {"application": "APPLICATION", "recommendation": 3, "ratings": "EVERY_CRITERION"},
            "ratings",
            "A general review has no criterion ratings",
        ),
    ],
)
def test_malformed_input_is_a_400_naming_the_field(api_as, recruiter, interview, criteria, payload, field, message):
    values = {
        "INTERVIEW": interview.pk,
        "APPLICATION": interview.application_id,
        "EVERY_CRITERION": every_criterion(criteria),
        "CRITERION_TWICE": every_criterion(criteria) + every_criterion(criteria)[:1],
    }
    body = {name: values.get(value, value) if isinstance(value, str) else value for name, value in payload.items()}

    response = submit(api_as(recruiter), **body)

    assert response.status_code == 400
    assert message in str(response.json()[field]), response.json()
    assert not Scorecard.objects.exists()


# POST /api/scorecards/: a general review ---------------------------------------------------


@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager", "other_hiring_manager"])
def test_the_team_leaves_a_general_review(api_as, people, application, persona):
    author = people[persona]

    response = submit(api_as(author), application=application.pk, recommendation=2, notes="Not yet.")

    assert response.status_code == 201, response.content
    review = Scorecard.objects.get(author=author)
    assert (review.interview, review.application, review.recommendation, review.notes) == (
        None,
        application,
        2,
        "Not yet.",
    )
    data = response.json()
    assert (data["interview"], data["ratings"], data["recommendation_label"]) == (None, [], "No")


def test_a_second_general_review_is_refused(api_as, recruiter, application):
    client = api_as(recruiter)
    assert submit(client, application=application.pk, recommendation=3).status_code == 201

    response = submit(client, application=application.pk, recommendation=1)

    assert response.status_code == 400
    assert response.json() == {"detail": "You have already reviewed this application."}
    assert Scorecard.objects.get().recommendation == 3


@pytest.mark.parametrize(
    ("persona", "status", "detail"),
    [
        ("candidate", 403, "Only the hiring team submits scorecards."),
        ("outsider_recruiter", 404, "No Application matches the given query."),
        ("outsider_hiring_manager", 404, "No Application matches the given query."),
    ],
)
def test_candidates_and_other_companies_leave_no_review(api_as, people, application, persona, status, detail):
    response = submit(api_as(people[persona]), application=application.pk, recommendation=4)

    assert response.status_code == status
    assert response.json() == {"detail": detail}
    assert not Scorecard.objects.exists()


def test_with_see_all_off_an_unassigned_hiring_manager_reviews_nothing_they_cannot_see(
    api_as, settings, other_hiring_manager, application
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False

    response = submit(api_as(other_hiring_manager), application=application.pk, recommendation=4)

    assert response.status_code == 404
    assert not Scorecard.objects.exists()


# GET /api/scorecards/ ------------------------------------------------------------------


@pytest.fixture
def scored(interview, criteria, recruiter, hiring_manager):
    """The recruiter's and the assigned hiring manager's scorecards of `interview`."""
    return {
        "recruiter": scorecard_of(recruiter, interview, criteria, recommendation=4),
        "hiring_manager": scorecard_of(hiring_manager, interview, criteria, recommendation=2),
    }


def test_the_list_needs_an_application(api_as, recruiter, scored):
    response = api_as(recruiter).get("/api/scorecards/")

    assert response.status_code == 400
    assert response.json() == {
        "application": ["Scorecards are listed one application at a time: add ?application=<id>."]
    }


def test_a_malformed_application_is_a_400(api_as, recruiter, scored):
    response = api_as(recruiter).get("/api/scorecards/?application=first")

    assert response.status_code == 400
    assert response.json() == {"application": ["Give the application's id as a whole number: ?application=<id>."]}


def test_a_recruiter_reads_every_scorecard_of_the_application(api_as, recruiter, acme, interview, scored):
    colleague = factories.RecruiterFactory(username="rob", company=acme)

    rows = listed(api_as(colleague).get(f"/api/scorecards/?application={interview.application_id}"))

    assert {row["id"] for row in rows} == {card.pk for card in scored.values()}
    assert all(set(row) == SCORECARD_FIELDS for row in rows)
    theirs = next(row for row in rows if row["id"] == scored["hiring_manager"].pk)
    assert (theirs["interview"], theirs["recommendation"], theirs["recommendation_label"]) == (interview.pk, 2, "No")
    assert [rating["criterion_name"] for rating in theirs["ratings"]] == ["Communication", "Problem solving"]


def test_a_hiring_manager_who_scored_reads_everyones(api_as, hiring_manager, interview, scored):
    rows = listed(api_as(hiring_manager).get(f"/api/scorecards/?application={interview.application_id}"))

    assert {row["id"] for row in rows} == {card.pk for card in scored.values()}


def test_a_hiring_manager_sees_the_others_only_after_submitting_their_own(
    api_as, other_hiring_manager, interview, criteria, scored
):
    client = api_as(other_hiring_manager)
    url = f"/api/scorecards/?application={interview.application_id}"
    assert listed(client.get(url)) == []

    mine = submit(client, interview=interview.pk, recommendation=3, ratings=every_criterion(criteria))
    assert mine.status_code == 201

    rows = listed(client.get(url))
    assert {row["id"] for row in rows} == {card.pk for card in scored.values()} | {mine.json()["id"]}


def test_a_general_review_also_opens_the_others(api_as, other_hiring_manager, interview, scored):
    client = api_as(other_hiring_manager)
    assert submit(client, application=interview.application_id, recommendation=3).status_code == 201

    rows = listed(client.get(f"/api/scorecards/?application={interview.application_id}"))

    assert len(rows) == 3


def test_scorecards_of_one_application_do_not_open_another(
    api_as, recruiter, other_hiring_manager, interview, job, scored
):
    other = factories.ApplicationFactory(job=job, stage=Stage.SCREENING)
    scorecard_submit(author=recruiter, application=other, recommendation=4)
    client = api_as(other_hiring_manager)
    assert submit(client, application=interview.application_id, recommendation=3).status_code == 201

    assert listed(client.get(f"/api/scorecards/?application={other.pk}")) == []


@pytest.mark.parametrize("persona", ["candidate", "other_candidate"])
def test_candidates_never_read_scorecards(api_as, people, interview, scored, persona):
    client = api_as(people[persona])

    for url in ("/api/scorecards/", f"/api/scorecards/?application={interview.application_id}"):
        response = client.get(url)
        assert response.status_code == 403
        assert response.json() == {"detail": "Scorecards are the hiring team's: candidates don't see them."}


@pytest.mark.parametrize("persona", ["outsider_recruiter", "outsider_hiring_manager"])
def test_another_companys_team_finds_no_such_application(api_as, people, interview, scored, persona):
    response = api_as(people[persona]).get(f"/api/scorecards/?application={interview.application_id}")

    assert response.status_code == 404


def test_listing_scorecards_without_a_token_is_a_401(api, interview, scored):
    assert api.get(f"/api/scorecards/?application={interview.application_id}").status_code == 401


def test_with_see_all_off_hiring_managers_still_score_what_they_see(
    api_as, settings, hiring_manager, other_hiring_manager, interview, criteria
):
    """The assigned hiring manager, and an unassigned one who was on the interview."""
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    url = f"/api/scorecards/?application={interview.application_id}"

    for manager in (hiring_manager, other_hiring_manager):
        client = api_as(manager)
        response = submit(client, interview=interview.pk, recommendation=3, ratings=every_criterion(criteria))
        assert response.status_code == 201, response.content
        assert submit(client, application=interview.application_id, recommendation=3).status_code == 201
        assert listed(client.get(url))

    assert Scorecard.objects.filter(author__in=[hiring_manager, other_hiring_manager]).count() == 4
