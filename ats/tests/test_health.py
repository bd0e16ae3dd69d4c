"""/healthz and /readyz: answered for a load balancer probing by address over plain HTTP,
without a login or any data, and /readyz fails when the database, Redis or the storage does."""

import pytest
import redis
from django.db import OperationalError, connection

from ats import health

PROBE = {"HTTP_HOST": "10.0.0.7:8000"}  # a load balancer's probe: the process's address, not ALLOWED_HOSTS


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["ats.example.com"]
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.django_db
def test_healthz_answers_a_probe_by_address_without_touching_the_database(
    client, production_like, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz", **PROBE)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_checks_the_database_the_storage_and_redis_when_the_queue_uses_it(client, production_like, settings):
    response = client.get("/readyz", **PROBE)

    assert response.status_code == 200
    expected = {"database": "ok", "storage": "ok", **({"redis": "ok"} if settings.REDIS_URL else {})}
    assert response.json() == {"status": "ok", "checks": expected}


@pytest.mark.django_db
def test_readyz_fails_when_the_storage_folder_cant_be_made(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["storage"] == "failing"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readyz_fails_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.HUEY = {**settings.HUEY, "connection_pool": redis.ConnectionPool.from_url(settings.REDIS_URL)}

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "failing"


@pytest.mark.django_db
def test_readyz_fails_when_the_database_does_not_answer_and_says_nothing_of_why(client, monkeypatch):
    def unreachable():
        raise OperationalError("could not connect to server: secret-host:5432")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failing"
    assert "secret-host" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", [health.LIVENESS_PATH, health.READINESS_PATH])
def test_a_probe_only_reads(client, path):
    response = client.post(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
