"""Scorecards: one per interviewer and interview, every criterion rated on the
4-point scale, general reviews once per person; a job's criteria."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from ats.exceptions import InvalidCriteria, InvalidScorecard
from ats.models import Interview, Scorecard, ScorecardCriterion, ScorecardRating
from ats.services.applications import application_change_stage
from ats.services.interviews import (
    interview_cancel,
    interview_schedule,
    scorecard_criteria_ensure_defaults,
    scorecard_criteria_set,
    scorecard_submit,
)
from ats.services.jobs import job_create
from ats.workflow import DEFAULT_SCORECARD_CRITERIA, Rating, Stage


@pytest.fixture
def criteria(job):
    scorecard_criteria_ensure_defaults(job=job)
    return list(job.scorecard_criteria.all())


@pytest.fixture
def interview(application, recruiter, hiring_manager, criteria):
    """An interview with `hiring_manager` that took place yesterday."""
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    interview = interview_schedule(
        application=application,
        organizer=recruiter,
        starts_at=timezone.now() + timedelta(days=1),
        duration=60,
        interviewers=[hiring_manager],
    )
    yesterday = timezone.now() - timedelta(days=1)
    Interview.objects.filter(pk=interview.pk).update(starts_at=yesterday, ends_at=yesterday + timedelta(hours=1))
    interview.refresh_from_db()
    return interview


def all_yes(criteria) -> dict[int, int]:
    return {criterion.pk: Rating.YES for criterion in criteria}


@pytest.mark.django_db
def test_an_interviewer_submits_a_scorecard_with_every_criterion(interview, hiring_manager, criteria):
    card = scorecard_submit(
        interview=interview,
        author=hiring_manager,
        recommendation=Rating.STRONG_YES,
        notes=" Clear thinker. ",
        ratings=all_yes(criteria),
        rating_notes={criteria[0].pk: "Knew the stack."},
    )
    assert (card.application, card.recommendation, card.notes) == (interview.application, 4, "Clear thinker.")
    ratings = {rating.criterion_name: (rating.rating, rating.note) for rating in card.ratings.all()}
    assert ratings[DEFAULT_SCORECARD_CRITERIA[0]] == (Rating.YES, "Knew the stack.")
    assert len(ratings) == len(DEFAULT_SCORECARD_CRITERIA)


@pytest.mark.django_db
def test_someone_not_on_the_interview_cannot_submit(interview, recruiter, criteria):
    with pytest.raises(InvalidScorecard, match="Only the interviewers"):
        scorecard_submit(interview=interview, author=recruiter, recommendation=3, ratings=all_yes(criteria))
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_a_second_scorecard_for_the_same_interview_is_refused(interview, hiring_manager, criteria):
    scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings=all_yes(criteria))
    with pytest.raises(InvalidScorecard, match="already submitted"):
        scorecard_submit(interview=interview, author=hiring_manager, recommendation=1, ratings=all_yes(criteria))
    assert Scorecard.objects.get().recommendation == 3


@pytest.mark.django_db
def test_a_missing_criterion_rating_is_refused_and_nothing_is_stored(interview, hiring_manager, criteria):
    ratings = all_yes(criteria)
    del ratings[criteria[1].pk]
    with pytest.raises(InvalidScorecard, match=f"{criteria[1].name} still needs a rating"):
        scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings=ratings)
    assert not Scorecard.objects.exists() and not ScorecardRating.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, 5, "3", None, True])
def test_ratings_off_the_4_point_scale_are_refused(interview, hiring_manager, criteria, value):
    with pytest.raises(InvalidScorecard, match="on the scale 1 \\(strong no\\)"):
        scorecard_submit(interview=interview, author=hiring_manager, recommendation=value, ratings=all_yes(criteria))
    ratings = {**all_yes(criteria), criteria[0].pk: value}
    with pytest.raises(InvalidScorecard, match=f"Rate {criteria[0].name}"):
        scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings=ratings)
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_a_rating_for_another_jobs_criterion_is_refused(interview, hiring_manager, criteria, acme):
    stranger = ScorecardCriterion.objects.create(job=job_create(company=acme, title="Other", description="x"), name="Z")
    with pytest.raises(InvalidScorecard, match="this job's criteria only"):
        scorecard_submit(
            interview=interview,
            author=hiring_manager,
            recommendation=3,
            ratings={**all_yes(criteria), stranger.pk: 2},
        )


@pytest.mark.django_db
def test_no_scorecard_before_the_interview_starts_or_for_a_cancelled_one(
    interview, hiring_manager, criteria, recruiter
):
    tomorrow = timezone.now() + timedelta(days=1)
    Interview.objects.filter(pk=interview.pk).update(starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=1))
    interview.refresh_from_db()
    with pytest.raises(InvalidScorecard, match="submit its scorecard afterwards"):
        scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings=all_yes(criteria))
    interview_cancel(interview=interview, actor=recruiter)
    interview.refresh_from_db()
    with pytest.raises(InvalidScorecard, match="didn't take place"):
        scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings=all_yes(criteria))


@pytest.mark.django_db
def test_notes_have_a_length_limit(interview, hiring_manager, criteria):
    with pytest.raises(InvalidScorecard, match="at most 5000"):
        scorecard_submit(
            interview=interview, author=hiring_manager, recommendation=3, notes="x" * 5001, ratings=all_yes(criteria)
        )


@pytest.mark.django_db
def test_a_general_review_is_once_per_person_and_application(application, recruiter):
    scorecard_submit(application=application, author=recruiter, recommendation=Rating.NO, notes="Thin.")
    with pytest.raises(InvalidScorecard, match="already reviewed"):
        scorecard_submit(application=application, author=recruiter, recommendation=Rating.YES)
    card = Scorecard.objects.get()
    assert (card.interview, card.recommendation, card.is_general_review) == (None, Rating.NO, True)


@pytest.mark.django_db
def test_the_database_keeps_one_scorecard_per_interviewer_and_the_scale(interview, hiring_manager, application):
    Scorecard.objects.create(application=application, interview=interview, author=hiring_manager, recommendation=2)
    with pytest.raises(IntegrityError):
        Scorecard.objects.create(application=application, interview=interview, author=hiring_manager, recommendation=3)


@pytest.mark.django_db
def test_the_database_refuses_a_recommendation_off_the_scale(application, recruiter):
    with pytest.raises(IntegrityError):
        Scorecard.objects.create(application=application, author=recruiter, recommendation=5)


# Criteria -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_job_starts_with_the_default_criteria(acme):
    job = job_create(company=acme, title="Designer", description="Design things.")
    assert list(job.scorecard_criteria.values_list("name", flat=True)) == list(DEFAULT_SCORECARD_CRITERIA)


@pytest.mark.django_db
def test_criteria_are_set_in_order_keeping_the_ones_that_stay(job, criteria):
    kept = criteria[2]
    result = scorecard_criteria_set(job=job, names=[kept.name, "  System   design ", ""])
    assert [c.name for c in result] == [kept.name, "System design"]
    assert result[0].pk == kept.pk
    assert list(job.scorecard_criteria.values_list("name", flat=True)) == [kept.name, "System design"]


@pytest.mark.django_db
def test_a_removed_criterion_leaves_past_ratings_readable(interview, hiring_manager, criteria, job):
    scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings=all_yes(criteria))
    scorecard_criteria_set(job=job, names=["Only this"])
    names = set(ScorecardRating.objects.values_list("criterion_name", flat=True))
    assert names == set(DEFAULT_SCORECARD_CRITERIA)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "between 1 and 10"),
        (["  ", ""], "between 1 and 10"),
        ([f"C{n}" for n in range(11)], "between 1 and 10"),
        (["Drive", "drive"], "on the list twice"),
        (["x" * 101], "at most 100"),
    ],
)
def test_bad_criteria_are_refused_and_nothing_changes(job, criteria, names, message):
    with pytest.raises(InvalidCriteria, match=message):
        scorecard_criteria_set(job=job, names=names)
    assert list(job.scorecard_criteria.values_list("name", flat=True)) == list(DEFAULT_SCORECARD_CRITERIA)
