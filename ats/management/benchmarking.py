"""What the benchmark commands share: letting PostgreSQL settle after a bulk load, and
timing a page as a logged-in person opens it."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext


def settle(*models: type[Model]) -> None:
    """Let PostgreSQL see freshly loaded rows as it would a table in use: statistics, and
    the visibility map that index-only scans read (VACUUM can't run in a transaction,
    as in the tests; ANALYZE can)."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{command} {model._meta.db_table}")


@dataclass(frozen=True)
class Timing:
    queries: int
    median_ms: float
    p90_ms: float


def time_requests(client: Client, url: str, params: dict, repeat: int) -> Timing:
    """GET `url` `repeat` times: the queries of one request, the median and 90th percentile times."""
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, params)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
    return Timing(queries=len(queries), median_ms=statistics.median(timings), p90_ms=p90)
