"""Control characters in what people type (ats.text): refused in every single-line field
of our forms, allowed as line breaks and tabs (never NUL) in multi-line ones, and dropped
from search boxes. The API's side is ats/tests/api/test_text_input.py."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import ats.forms
from ats.forms.base import TextRules
from ats.models import ApplicationNote, Job, ScorecardCriterion, Tag, User
from ats.tests import factories
from ats.text import MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE, drop_control_characters, validate_single_line

pytestmark = pytest.mark.django_db

JOB = {"title": "Data Engineer", "description": "Pipelines.", "location": "Berlin", "employment_type": "full_time"}


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.iter_modules(ats.forms.__path__):
        module = importlib.import_module(f"ats.forms.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_form_of_ours_checks_its_text_fields():
    classes = form_classes()
    assert len(classes) > 20
    assert [cls.__name__ for cls in classes if not issubclass(cls, TextRules)] == []


@pytest.mark.parametrize("control", ["\n", "\r", "\t", "\x00", "\x85", "\u2028"])
def test_a_job_title_with_a_control_character_is_refused_saying_what_to_fix(client, recruiter, control):
    client.force_login(recruiter)
    response = client.post("/workspace/jobs/new/", JOB | {"title": f"Data{control}Engineer"})
    assert response.status_code == 422
    # One message that says what to fix (Django's own "Null characters are not allowed." is replaced).
    assert response.context["form"].errors["title"] == [SINGLE_LINE_MESSAGE]
    assert SINGLE_LINE_MESSAGE in response.content.decode()
    assert not Job.objects.exists()


def test_a_job_description_keeps_its_line_breaks_and_tabs(client, recruiter):
    client.force_login(recruiter)
    response = client.post("/workspace/jobs/new/", JOB | {"description": "Pipelines.\r\n\r\n\tAirflow\u2028dbt"})
    assert response.status_code == 302
    assert Job.objects.get().description == "Pipelines.\r\n\r\n\tAirflow\u2028dbt"


def test_a_job_description_with_a_nul_byte_is_refused_saying_what_to_fix(client, recruiter):
    client.force_login(recruiter)
    response = client.post("/workspace/jobs/new/", JOB | {"description": "Pipe\x00lines."})
    assert response.status_code == 422
    assert MULTI_LINE_MESSAGE in response.content.decode()
    assert not Job.objects.exists()


def test_a_name_on_the_profile_takes_one_line(client, candidate):
    client.force_login(candidate)
    data = {"first_name": "Casey\nJones", "last_name": "Lee", "time_zone": "UTC", "phone": "", "link": ""}
    response = client.post("/accounts/profile/", data)
    assert response.status_code == 422
    assert SINGLE_LINE_MESSAGE in response.content.decode()
    candidate.refresh_from_db()
    assert "\n" not in candidate.first_name


def test_a_criterion_row_added_by_the_form_takes_one_line(client, recruiter, job):
    # The criteria's rows are fields the form adds when it is built, not declared ones.
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{job.pk}/criteria/", {"name_1": "Python", "name_2": "SQL\r\nDROP"})
    assert response.status_code == 422
    assert SINGLE_LINE_MESSAGE in response.content.decode()
    assert not ScorecardCriterion.objects.filter(job=job).exists()


def test_a_tag_name_takes_one_line(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post("/workspace/tags/", {"name": "Top\x1b5"})
    assert response.status_code == 422
    assert SINGLE_LINE_MESSAGE in response.content.decode()
    assert not Tag.objects.filter(company=acme).exists()


def test_a_note_keeps_its_line_breaks_but_not_a_nul_byte(client, recruiter, application):
    client.force_login(recruiter)
    url = f"/workspace/applications/{application.pk}/notes/"
    refused = client.post(url, {"body": "Strong\x00on SQL."})
    assert refused.status_code == 422
    assert MULTI_LINE_MESSAGE in refused.content.decode()
    client.post(url, {"body": "Strong on SQL.\r\nWeak on Go."})
    assert ApplicationNote.objects.get().body == "Strong on SQL.\r\nWeak on Go."


def test_allauths_forms_check_their_text_fields_too(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Ada",
            "last_name": "Love\nlace",
            "email": "ada@example.com",
            "username": "ada",
            "password1": "a long pass phrase 123",
            "password2": "a long pass phrase 123",
            "time_zone": "UTC",
        },
    )
    assert SINGLE_LINE_MESSAGE in response.content.decode()
    assert not User.objects.filter(username="ada").exists()


@pytest.mark.parametrize("query", ["\x00", "data\x00", "data\nengineer", "\x1bdata\x7f"])
def test_the_job_boards_search_drops_control_characters(client, job, query):
    factories.JobFactory(company=job.company, title="Data Engineer")
    response = client.get("/", {"q": query})
    assert response.status_code == 200
    assert "Data Engineer" in response.content.decode()


def test_drop_control_characters_keeps_the_words_apart():
    assert drop_control_characters("\x00alex\nkim\x7f ") == "alex kim"


def test_the_single_line_check_lets_ordinary_text_through():
    validate_single_line("Zoë O'Brien-Ødegård, 東京 (Remote) «CTO» 🚀")
