"""Fixed personas for every test: one company ("Acme") with its team, an
outsider company ("Globex") with its recruiter, and a candidate."""

import pytest

from ats.tests import factories


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing with a deliberately slow hasher would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def acme(db):
    return factories.CompanyFactory(name="Acme")


@pytest.fixture
def globex(db):
    return factories.CompanyFactory(name="Globex")


@pytest.fixture
def recruiter(acme):
    return factories.RecruiterFactory(username="rita", company=acme)


@pytest.fixture
def hiring_manager(acme):
    return factories.HiringManagerFactory(username="max", company=acme)


@pytest.fixture
def other_hiring_manager(acme):
    """A hiring manager of Acme who is assigned to no job."""
    return factories.HiringManagerFactory(username="mina", company=acme)


@pytest.fixture
def outsider_recruiter(globex):
    return factories.RecruiterFactory(username="gus", company=globex)


@pytest.fixture
def outsider_hiring_manager(globex):
    return factories.HiringManagerFactory(username="gia", company=globex)


@pytest.fixture
def candidate(db):
    return factories.CandidateFactory(username="casey")


@pytest.fixture
def other_candidate(db):
    return factories.CandidateFactory(username="jordan")


@pytest.fixture
def job(acme, hiring_manager):
    """An open Acme job with `hiring_manager` assigned."""
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    job.hiring_managers.add(hiring_manager)
    return job


@pytest.fixture
def application(job, candidate):
    return factories.ApplicationFactory(job=job, candidate=candidate)


@pytest.fixture
def superuser(db):
    from ats.models import User

    return User.objects.create_superuser("operator", "operator@example.com", "pw-for-tests-1234")


@pytest.fixture
def fresh_cache(settings):
    """A private cache for the test: allauth's rate limits count in the cache,
    and a shared one (Redis, the database) would carry counts from test to test."""
    import uuid

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
