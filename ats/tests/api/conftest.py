"""API clients for the fixed personas, authenticated the way integrations are: a JWT bearer token."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_simplejwt.tokens import RefreshToken

from ats.tests import factories
from ats.workflow import Stage

# Every operation of the API, as the schema names them.
API_OPERATIONS = {
    ("post", "/api/token/"),
    ("post", "/api/token/refresh/"),
    ("get", "/api/jobs/"),
    ("post", "/api/jobs/"),
    ("get", "/api/jobs/{id}/"),
    ("patch", "/api/jobs/{id}/"),
    ("get", "/api/applications/"),
    ("get", "/api/applications/{id}/"),
    ("post", "/api/applications/apply/"),
    ("post", "/api/applications/{id}/change-stage/"),
    ("get", "/api/applications/{id}/audit/"),
    ("get", "/api/histories/"),
    ("get", "/api/interviews/"),
    ("post", "/api/interviews/"),
    ("post", "/api/interviews/{id}/reschedule/"),
    ("post", "/api/interviews/{id}/cancel/"),
    ("post", "/api/interviews/{id}/pick/"),
    ("get", "/api/scorecards/"),
    ("post", "/api/scorecards/"),
    ("get", "/api/analytics/"),
    ("get", "/api/jobs/{id}/analytics/"),
}


def verify_email(user) -> None:
    """Mark the user's address confirmed, as signing up and following the link does
    (factories make users without one; mandatory verification then refuses a token)."""
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def bearer(user) -> str:
    return f"Bearer {RefreshToken.for_user(user).access_token}"


@pytest.fixture(autouse=True)
def fresh_throttle_counts(monkeypatch):
    """Each test starts with no requests counted against the token endpoint's limit
    (the shared Redis cache of the PostgreSQL + Redis run would carry them over)."""
    cache = LocMemCache("api-throttle", {})
    cache.clear()
    monkeypatch.setattr(SimpleRateThrottle, "cache", cache)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as(db):
    """`api_as(user)`: an APIClient sending `user`'s access token with every request."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=bearer(user))
        return client

    return make


@pytest.fixture
def board(job, acme, recruiter):
    """Three applications on `job` in different stages and one on another Acme job."""
    other_job = factories.JobFactory(company=acme, title="Designer")
    return {
        "applied": factories.ApplicationFactory(job=job, stage=Stage.APPLIED),
        "screening": factories.ApplicationFactory(job=job, stage=Stage.SCREENING),
        "offer": factories.ApplicationFactory(job=job, stage=Stage.OFFER),
        "elsewhere": factories.ApplicationFactory(job=other_job, stage=Stage.SCREENING),
    }
