"""Free text is bounded: each limit is set once on the model (ats.models.limited_text, or a
CharField's max_length), and the forms, the API and the services hold to it; messages say
the limit and the length sent. A recruiter once posted 9.5 MB job descriptions."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from rest_framework.test import APIClient

from ats import workflow
from ats.exceptions import InvalidCoverLetter
from ats.models import (
    COVER_LETTER_MAX_LENGTH,
    JOB_DESCRIPTION_MAX_LENGTH,
    TEAM_NOTE_MAX_LENGTH,
    Application,
    ApplicationHistory,
    ApplicationNote,
    BulkAction,
    Job,
    Scorecard,
    ScorecardRating,
)
from ats.selectors.jobs import BOARD_SUMMARY_SOURCE_CHARS, jobs_public_search
from ats.services.applications import application_create
from ats.tests import factories

# TextFields nobody types into: what we write ourselves, and a resume's text, cut at
# RESUME_TEXT_MAX_CHARS when it is read (ats.resumes).
WRITTEN_BY_US = {
    ("Application", "resume_text"),
    ("OutboxEmail", "subject"),
    ("OutboxEmail", "text_body"),
    ("OutboxEmail", "html_body"),
    ("OutboxEmail", "last_error"),
}


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_text_field_a_person_types_into_has_a_limit_the_model_checks():
    unbounded = [
        (model.__name__, field.name)
        for model in apps.get_app_config("ats").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and (model.__name__, field.name) not in WRITTEN_BY_US
        and (
            field.max_length is None or not any(v.__class__.__name__ == "MaxLengthValidator" for v in field.validators)
        )
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (Job, "description", JOB_DESCRIPTION_MAX_LENGTH),
        (Application, "cover_letter", COVER_LETTER_MAX_LENGTH),
        (ApplicationHistory, "note", workflow.NOTE_MAX_LENGTH),
        (ApplicationNote, "body", TEAM_NOTE_MAX_LENGTH),
        (BulkAction, "note", workflow.NOTE_MAX_LENGTH),
        (Scorecard, "notes", workflow.SCORECARD_NOTES_MAX_LENGTH),
        (ScorecardRating, "note", workflow.SCORECARD_NOTES_MAX_LENGTH),
    ],
)
def test_each_limit_is_set_once_on_the_model(model, field, limit):
    model_field = model._meta.get_field(field)
    assert model_field.max_length == limit
    with pytest.raises(ValidationError) as refused:
        model_field.run_validators("x" * (limit + 1))
    assert refused.value.messages == [f"Ensure this value has at most {limit} characters (it has {limit + 1})."]
    model_field.run_validators("x" * limit)


@pytest.mark.django_db
def test_the_api_refuses_a_job_description_past_the_limit_and_says_its_length(recruiter):
    response = api(recruiter).post(
        "/api/jobs/", {"title": "Huge", "description": "x" * (JOB_DESCRIPTION_MAX_LENGTH + 1)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["description"] == [
        f"Ensure this field has no more than {JOB_DESCRIPTION_MAX_LENGTH} characters "
        f"(it has {JOB_DESCRIPTION_MAX_LENGTH + 1})."
    ]
    assert not Job.objects.filter(title="Huge").exists()


@pytest.mark.django_db
def test_the_api_takes_a_job_description_at_the_limit(recruiter):
    response = api(recruiter).post(
        "/api/jobs/", {"title": "Full", "description": "x" * JOB_DESCRIPTION_MAX_LENGTH}, format="json"
    )
    assert response.status_code == 201, response.content
    assert len(Job.objects.get(title="Full").description) == JOB_DESCRIPTION_MAX_LENGTH


@pytest.mark.django_db
def test_the_api_refuses_a_job_edit_past_the_limit(recruiter, job):
    response = api(recruiter).patch(
        f"/api/jobs/{job.pk}/", {"description": "x" * (JOB_DESCRIPTION_MAX_LENGTH + 1)}, format="json"
    )
    assert response.status_code == 400
    job.refresh_from_db()
    assert len(job.description) < JOB_DESCRIPTION_MAX_LENGTH


@pytest.mark.django_db
def test_the_job_form_refuses_a_description_past_the_limit(client, recruiter):
    client.force_login(recruiter)
    page = client.get("/workspace/jobs/new/").content.decode()
    assert f'maxlength="{JOB_DESCRIPTION_MAX_LENGTH}"' in page

    response = client.post(
        "/workspace/jobs/new/",
        {"title": "Huge", "description": "x" * (JOB_DESCRIPTION_MAX_LENGTH + 1), "employment_type": "full_time"},
    )
    assert (
        f"Ensure this value has at most {JOB_DESCRIPTION_MAX_LENGTH} characters "
        f"(it has {JOB_DESCRIPTION_MAX_LENGTH + 1})." in response.content.decode()
    )
    assert not Job.objects.filter(title="Huge").exists()


@pytest.mark.django_db
def test_the_job_service_refuses_a_description_past_the_limit(recruiter):
    from ats.services.jobs import job_create

    with pytest.raises(ValidationError):
        job_create(company=recruiter.company, title="Huge", description="x" * (JOB_DESCRIPTION_MAX_LENGTH + 1))
    assert not Job.objects.filter(title="Huge").exists()


@pytest.mark.django_db
def test_the_apply_form_refuses_a_cover_letter_past_the_limit(client, job, candidate):
    client.force_login(candidate)
    response = client.post(
        f"/jobs/{job.pk}/apply/",
        {"resume": factories.pdf_upload(), "cover_letter": "x" * (COVER_LETTER_MAX_LENGTH + 1)},
    )
    assert (
        f"Ensure this value has at most {COVER_LETTER_MAX_LENGTH} characters (it has {COVER_LETTER_MAX_LENGTH + 1})."
        in response.content.decode()
    )
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_cover_letter_past_the_limit(job, candidate):
    response = api(candidate).post(
        "/api/applications/apply/",
        {"job": job.pk, "cover_letter": "x" * (COVER_LETTER_MAX_LENGTH + 1)},
        format="json",
    )
    assert response.status_code == 400
    assert "(it has 10001)" in str(response.json())
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_apply_service_refuses_a_cover_letter_past_the_limit(job, candidate):
    with pytest.raises(InvalidCoverLetter, match=f"at most {COVER_LETTER_MAX_LENGTH} characters; this one has 10001"):
        application_create(candidate=candidate, job=job, cover_letter="x" * (COVER_LETTER_MAX_LENGTH + 1))
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_job_board_reads_only_the_start_of_a_description_written_before_the_limit(client, job):
    # An update skips validation, as the 9.5 MB descriptions of before the limit did.
    Job.objects.filter(pk=job.pk).update(description="opening words " + "x" * 1_000_000)
    page = client.get("/").content.decode()
    assert "opening words" in page
    assert len(page) < 100_000

    (on_the_board,) = jobs_public_search()
    assert "description" in on_the_board.get_deferred_fields()
    assert len(on_the_board.description_start) == BOARD_SUMMARY_SOURCE_CHARS  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_job_board_shows_a_summary_not_the_whole_description(client, job):
    job.description = "word " * (JOB_DESCRIPTION_MAX_LENGTH // 5)
    job.save(update_fields=["description"])
    page = client.get("/").content.decode()
    assert job.title in page
    assert page.count("word") < 100
