"""Print what the kanban board costs as a job grows: the whole page, the htmx fragment
(a poll, a filter), one drop, and the floor under them all.

Everything is created inside a transaction that is rolled back at the end, so
the command leaves the database as it found it:

    python manage.py benchmark_board --sizes 1000 10000 --repeat 20

The floor is a bare view that returns the board page's bytes through the same
middleware (sessions, authentication, CSP, htmx...): what any page of that size
costs on this machine, so the ratio to it is comparable between machines.
"""

import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from ats.models import Application, ApplicationHistory, Company, Job, User
from ats.workflow import BOARD_ORDER, Stage

FLOOR_PATH = "benchmark-floor/"
_floor_body: dict[str, bytes] = {"page": b""}


def _floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_floor_body["page"])


# The project's URLs plus the floor's bare view, for this command only.
urlpatterns = [path(FLOOR_PATH, _floor), path("", include("config.urls"))]


def _statements(queries: CaptureQueriesContext) -> int:
    # The command's own transaction turns a view's BEGIN and COMMIT into SAVEPOINT and RELEASE: not queries.
    return sum(1 for query in queries.captured_queries if "SAVEPOINT" not in query["sql"])


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure the board, its fragment, a drop and the floor for jobs of growing size (rolled back afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
        parser.add_argument("--repeat", type=int, default=20, help="requests per measure (the median is reported)")

    def handle(self, *args, sizes: list[int], repeat: int, **options) -> None:
        self.stdout.write(
            f"database: {connection.vendor}; median and p90 of {repeat} requests; queries without savepoints"
        )
        self.stdout.write(
            f"{'applications':>12} {'request':>9} {'queries':>8} {'median ms':>10} {'p90 ms':>8} {'KiB':>6} "
            f"{'x floor':>8}"
        )
        try:
            with override_settings(ROOT_URLCONF=__name__), transaction.atomic():
                for size in sizes:
                    self._measure(size, repeat)
                raise Rollback
        except Rollback:
            pass

    def _measure(self, size: int, repeat: int) -> None:
        tag = uuid.uuid4().hex[:8]
        company = Company.objects.create(name=f"Benchmark {tag}")
        recruiter = User.objects.create(
            username=f"bench-{tag}", role=User.Role.RECRUITER, company=company, email=f"bench-{tag}@example.com"
        )
        job = Job.objects.create(company=company, title="Benchmark role", description="-", status=Job.Status.OPEN)
        # Candidates with an address: a drop also stores the candidate's email, as in real use.
        candidates = User.objects.bulk_create(
            User(
                username=f"bench-{tag}-{n}",
                email=f"bench-{tag}-{n}@example.com",
                first_name="Candidate",
                last_name=str(n),
            )
            for n in range(size)
        )
        # The mix: 40% Applied, 20% Screening, 15% Interview, 5% Offer, 5% Hired, 15% Rejected.
        mix = [Stage.APPLIED] * 8 + [Stage.SCREENING] * 4 + [Stage.INTERVIEW] * 3
        mix += [Stage.OFFER, Stage.HIRED] + [Stage.REJECTED] * 3
        assert set(mix) <= set(BOARD_ORDER)
        applications = Application.objects.bulk_create(
            Application(candidate=candidate, job=job, stage=mix[n % len(mix)]) for n, candidate in enumerate(candidates)
        )
        ApplicationHistory.objects.bulk_create(
            ApplicationHistory(application=application, to_stage="Applied") for application in applications
        )
        to_move = [application.pk for application in applications if application.stage == Stage.APPLIED]

        client = Client(SERVER_NAME="localhost")
        client.force_login(recruiter)
        url = f"/workspace/jobs/{job.pk}/board/"
        page = client.get(url)
        _floor_body["page"] = page.content
        moves = iter(to_move)

        def drop() -> Any:
            return client.post(
                f"/workspace/applications/{next(moves)}/move/",
                {"from_stage": Stage.APPLIED, "to_stage": Stage.SCREENING},
                headers={"HX-Request": "true"},
            )

        measures: list[tuple[str, Callable[[], Any]]] = [
            ("floor", lambda: client.get(f"/{FLOOR_PATH}")),
            ("board", lambda: client.get(url)),
            ("fragment", lambda: client.get(url, headers={"HX-Request": "true"})),
            ("drop", drop),
        ]
        floor = 0.0
        for name, call in measures:
            call()  # warm the template cache and the connection
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = call()
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (name, response.status_code)
            median = statistics.median(timings)
            floor = floor or median
            p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
            self.stdout.write(
                f"{size:>12} {name:>9} {_statements(queries):>8} {median:>10.1f} {p90:>8.1f} "
                f"{len(response.content) / 1024:>6.0f} {median / floor:>8.0f}"
            )
