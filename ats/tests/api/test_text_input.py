"""Control characters in the API's text (ats.text, as the forms): refused in every
single-line field, allowed as line breaks and tabs (never NUL) in multi-line ones."""

import inspect

import pytest
from rest_framework import serializers

from ats.api import serializers as api_serializers
from ats.models import Application, ApplicationHistory, Interview, Job
from ats.text import MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE, validate_multi_line, validate_single_line

JOB = {"title": "Data Engineer", "description": "Pipelines.", "location": "Berlin", "employment_type": "full_time"}


def writable_text_fields(serializer: serializers.Serializer, prefix: str = ""):
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer) and field.child is not None:
            field = field.child
        if isinstance(field, serializers.Serializer):
            yield from writable_text_fields(field, f"{prefix}{name}.")
        elif isinstance(field, serializers.CharField) and not field.read_only:
            yield f"{prefix}{name}", field


def test_every_writable_text_field_of_the_api_checks_its_control_characters():
    checked: list[str] = []
    unchecked: list[str] = []
    for _, cls in inspect.getmembers(api_serializers, inspect.isclass):
        if not issubclass(cls, serializers.Serializer) or cls.__module__ != api_serializers.__name__:
            continue
        if cls in (api_serializers.Serializer, api_serializers.ModelSerializer):
            continue
        assert issubclass(cls, api_serializers.TextRules), cls
        for name, field in writable_text_fields(cls()):
            if field.style.get("input_type") == "password":
                continue
            checks = [check for check in field.validators if check in (validate_single_line, validate_multi_line)]
            (checked if len(checks) == 1 else unchecked).append(f"{cls.__name__}.{name}")
    assert len(checked) > 10
    assert unchecked == []


@pytest.mark.parametrize("field", ["title", "location"])
@pytest.mark.parametrize("control", ["\n", "\r", "\t", "\x00", "\x1b"])
def test_a_jobs_single_line_field_with_a_control_character_is_a_400_saying_what_to_fix(
    api_as, recruiter, field, control
):
    response = api_as(recruiter).post("/api/jobs/", JOB | {field: f"Data{control}Engineer"}, format="json")

    assert response.status_code == 400
    assert response.json() == {field: [SINGLE_LINE_MESSAGE]}
    assert not Job.objects.exists()


def test_a_jobs_description_keeps_its_line_breaks_but_not_a_nul_byte(api_as, recruiter):
    client = api_as(recruiter)
    refused = client.post("/api/jobs/", JOB | {"description": "Pipe\x00lines."}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"description": [MULTI_LINE_MESSAGE]}

    created = client.post("/api/jobs/", JOB | {"description": "Pipelines.\r\n\tAirflow."}, format="json")
    assert created.status_code == 201
    assert Job.objects.get().description == "Pipelines.\r\n\tAirflow."


def test_editing_a_job_checks_its_title_too(api_as, recruiter, job):
    response = api_as(recruiter).patch(f"/api/jobs/{job.pk}/", {"title": "Backend\nEngineer"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"title": [SINGLE_LINE_MESSAGE]}


def test_a_cover_letter_keeps_its_line_breaks_but_not_a_control_character(api_as, other_candidate, job):
    client = api_as(other_candidate)
    refused = client.post(
        "/api/applications/apply/",
        {"job": job.pk, "accept_privacy_notice": True, "cover_letter": "Hi\x07!"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json() == {"cover_letter": [MULTI_LINE_MESSAGE]}

    letter = "Dear team,\r\n\r\nI apply."
    applied = client.post(
        "/api/applications/apply/",
        {"job": job.pk, "accept_privacy_notice": True, "cover_letter": letter},
        format="json",
    )
    assert applied.status_code == 201
    assert Application.objects.get(candidate=other_candidate).cover_letter == letter


def test_a_moves_reason_takes_one_line_and_its_note_several(api_as, recruiter, application):
    client = api_as(recruiter)
    url = f"/api/applications/{application.pk}/change-stage/"
    refused = client.post(url, {"stage": "Rejected", "reason": "oth\ner"}, format="json")
    assert refused.json() == {"reason": [SINGLE_LINE_MESSAGE]}

    moved = client.post(url, {"stage": "Screening", "note": "Called.\nGood fit."}, format="json")
    assert moved.status_code == 200
    assert ApplicationHistory.objects.filter(application=application).last().note == "Called.\nGood fit."


def test_an_interviews_title_takes_one_line(api_as, recruiter, application):
    response = api_as(recruiter).post(
        "/api/interviews/",
        {"application": application.pk, "interviewers": [recruiter.pk], "title": "Tech\r\ninterview"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["title"] == [SINGLE_LINE_MESSAGE]
    assert not Interview.objects.exists()
