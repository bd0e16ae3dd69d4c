"""Print how the kanban board's render time and SQL queries grow with a job's applications.

Everything is created inside a transaction that is rolled back at the end, so
the command leaves the database as it found it:

    python manage.py benchmark_board --sizes 10 1000 10000 --repeat 20
"""

import statistics
import time
import uuid

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ats.models import Application, ApplicationHistory, Company, Job, User
from ats.workflow import BOARD_ORDER


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure the board's render time and query count for jobs of growing size (rolled back afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
        parser.add_argument("--repeat", type=int, default=10, help="renders per size (the median is reported)")

    def handle(self, *args, sizes: list[int], repeat: int, **options) -> None:
        self.stdout.write(f"database: {connection.vendor}; {repeat} renders per size\n")
        self.stdout.write(f"{'applications':>12} {'queries':>8} {'median ms':>10} {'p90 ms':>8} {'KiB':>6}")
        try:
            with transaction.atomic():
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
        candidates = User.objects.bulk_create(
            User(username=f"bench-{tag}-{n}", first_name="Candidate", last_name=str(n)) for n in range(size)
        )
        applications = Application.objects.bulk_create(
            Application(candidate=candidate, job=job, stage=BOARD_ORDER[n % len(BOARD_ORDER)])
            for n, candidate in enumerate(candidates)
        )
        ApplicationHistory.objects.bulk_create(
            ApplicationHistory(application=application, to_stage="Applied") for application in applications
        )

        client = Client(SERVER_NAME="localhost")
        client.force_login(recruiter)
        url = f"/workspace/jobs/{job.pk}/board/"
        client.get(url)  # warm the template cache
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
        self.stdout.write(
            f"{size:>12} {len(queries):>8} {statistics.median(timings):>10.1f} {p90:>8.1f} "
            f"{len(response.content) / 1024:>6.0f}"
        )
