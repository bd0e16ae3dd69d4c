"""The API's error handler: the project's refusals and model validation errors become readable 400s."""

from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound

from ats.api.exceptions import exception_handler
from ats.exceptions import InvalidTransition
from ats.resumes import InvalidResume


def test_a_service_refusal_is_a_400_with_its_message():
    response = exception_handler(InvalidTransition("Applied can't move to Hired."), {})

    assert (response.status_code, response.data) == (400, {"detail": "Applied can't move to Hired."})


def test_an_invalid_resume_is_a_400_with_its_message():
    response = exception_handler(InvalidResume("Your resume file is empty."), {})

    assert (response.status_code, response.data) == (400, {"detail": "Your resume file is empty."})


def test_a_model_validation_error_is_a_400_by_field_or_as_detail():
    by_field = exception_handler(ValidationError({"company": ["This field cannot be null."]}), {})
    plain = exception_handler(ValidationError("Nope."), {})

    assert (by_field.status_code, by_field.data) == (400, {"company": ["This field cannot be null."]})
    assert (plain.status_code, plain.data) == (400, {"detail": "Nope."})


def test_other_errors_are_left_to_drf():
    assert exception_handler(NotFound(), {"view": None, "request": None}).status_code == 404
