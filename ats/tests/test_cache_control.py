"""Nothing a signed-in person is shown is kept by a browser or a proxy: every
answer to them says `Cache-Control: private, no-store`; visitors' pages keep
their caching and vary by Cookie."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory

from ats.middleware import PrivateCacheMiddleware
from ats.tests import factories

NO_STORE = "private, no-store"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("candidate", "/applications/", 200),
        ("candidate", "/accounts/profile/", 200),
        ("candidate", "/", 200),
        ("recruiter", "/workspace/", 200),
        ("recruiter", "/workspace/candidates/", 200),
        ("candidate", "/workspace/", 403),
        ("recruiter", "/workspace/applications/999999/", 404),
    ],
)
def test_every_answer_to_a_signed_in_person_is_private_and_not_stored(client, request, who, path, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get(path)
    assert response.status_code == status
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.django_db
def test_a_refused_form_and_an_htmx_fragment_are_not_stored(client, job, candidate):
    client.force_login(candidate)
    response = client.post(f"/jobs/{job.pk}/apply/", {}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.django_db
def test_the_answer_to_a_login_is_not_stored(client, candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    response = client.post("/accounts/login/", {"login": candidate.username, "password": "pw-for-tests-1234"})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    # allauth's own never_cache header, stricter still, is kept.
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.django_db
def test_a_visitors_page_keeps_its_caching_and_varies_by_cookie(client, job):
    for path in ("/", f"/jobs/{job.pk}/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Cache-Control" not in response
        assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_static_files_keep_their_caching_for_a_signed_in_person(candidate, settings):
    # WhiteNoise serves from the finders here, as it does with DEBUG on; read when the client's middleware loads.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    client.force_login(candidate)
    response = client.get("/static/ats/js/apply.js")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"


@pytest.mark.django_db
def test_a_resume_download_keeps_its_own_header(client, application, settings):
    application.resume = factories.pdf_upload()
    application.save()
    client.force_login(application.candidate)
    response = client.get(f"/applications/{application.pk}/resume/")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def answer_with(user, cache_control: str | None) -> HttpResponse:
    def view(request):
        response = HttpResponse("theirs")
        if cache_control is not None:
            response["Cache-Control"] = cache_control
        return response

    request = RequestFactory().get("/")
    request.user = user
    return PrivateCacheMiddleware(view)(request)


@pytest.mark.django_db
def test_a_stricter_header_is_kept_and_a_looser_one_replaced(candidate):
    strict = "max-age=0, no-cache, no-store, must-revalidate, private"
    assert answer_with(candidate, strict)["Cache-Control"] == strict
    assert answer_with(candidate, "public, max-age=3600")["Cache-Control"] == NO_STORE
    assert answer_with(candidate, None)["Cache-Control"] == NO_STORE


def test_a_visitors_answer_is_left_as_it_is():
    assert answer_with(AnonymousUser(), "public, max-age=3600")["Cache-Control"] == "public, max-age=3600"
    assert "Cache-Control" not in answer_with(AnonymousUser(), None)
