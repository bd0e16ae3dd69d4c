"""Health checks for load balancers and orchestrators.

`/healthz` says the process answers (liveness); `/readyz` says it can serve, having
reached the database, Redis when the queue uses it, and the file storage (readiness).
Neither needs a login nor shows data: a failing check is named, its error only logged.

They are answered by a middleware at the top of the stack, before anything reads the
Host header or redirects to HTTPS: a load balancer probes a process by its address,
over plain HTTP, and would otherwise get 400 (a host not in ALLOWED_HOSTS) or a 301.
"""

import logging
import os
import uuid
from typing import cast

import redis
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


def check_database() -> None:
    for connection in connections.all(initialized_only=False):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


def check_redis() -> None:
    # The queue's own pool (settings.HUEY), with its short timeouts: a dead broker answers in seconds.
    redis.Redis(connection_pool=cast(redis.ConnectionPool, settings.HUEY["connection_pool"])).ping()


def check_storage() -> None:
    """Reach the file storage without writing anything."""
    storage = storages["default"]
    if isinstance(storage, S3Storage):
        # The bucket's HEAD: asking for an object would answer "no" for a missing bucket too.
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    elif isinstance(storage, FileSystemStorage):
        if not _is_writable_folder(storage.location):
            raise OSError(f"the storage folder {storage.location} can't be written")
    else:
        storage.exists(f"readyz-{uuid.uuid4().hex}")


def _is_writable_folder(path) -> bool:
    os.makedirs(path, exist_ok=True)
    return os.access(path, os.W_OK)


def readiness_checks() -> dict:
    """What /readyz checks, by name: the database, Redis when the queue uses it, the file storage."""
    checks = {"database": check_database, "storage": check_storage}
    if settings.REDIS_URL:
        checks["redis"] = check_redis
    return checks


def readiness() -> tuple[bool, dict[str, str]]:
    results = {}
    for name, check in readiness_checks().items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "failing"
        else:
            results[name] = "ok"
    return all(result == "ok" for result in results.values()), results


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == LIVENESS_PATH:
            return self._answer(request, ready=True, checks={})
        if request.path == READINESS_PATH:
            ready, checks = readiness()
            return self._answer(request, ready=ready, checks=checks)
        return self.get_response(request)

    def _answer(self, request: HttpRequest, *, ready: bool, checks: dict[str, str]) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"detail": "Use GET."}, status=405, headers={"Allow": "GET, HEAD"})
        body = {"status": "ok" if ready else "failing", **({"checks": checks} if checks else {})}
        response = JsonResponse(body, status=200 if ready else 503)
        # A probe's answer is about this moment and this process: never cached.
        response["Cache-Control"] = "no-store"
        return response
