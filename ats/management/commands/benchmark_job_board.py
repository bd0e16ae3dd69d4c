"""Print how the public job board and its search grow with the number of open jobs:
queries and times of one page, as a visitor opens it, at each size.

The jobs are committed (so that PostgreSQL can vacuum and analyze them, as it would
a real table) and deleted at the end, so the command leaves the database as it
found it. Sizes grow cumulatively (the 10,000 include the first 1,000):

    python manage.py benchmark_job_board --sizes 1000 10000 --repeat 10
"""

import random
import uuid

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client

from ats import search
from ats.management.benchmarking import settle, time_requests
from ats.models import Company, Job

# What each measured request asks for: the first page, searches common and rare, filters.
SCENARIOS = [
    ("first page", {}),
    ("page 50", {"page": "50"}),
    ("search 'engineer'", {"q": "engineer"}),
    ("search 'senior python'", {"q": "senior python"}),
    ("search 'kubernetes'", {"q": "kubernetes"}),
    ("search a company", {"q": "{company}"}),
    ("search + location", {"q": "designer", "location": "Berlin"}),
    ("search, no match", {"q": "xylophonist"}),
]
TITLES = ["Engineer", "Designer", "Product Manager", "Data Scientist", "Recruiter", "Accountant", "Support Specialist"]
LEVELS = ["Junior", "Senior", "Staff", "Lead", ""]
SKILLS = ["python", "django", "postgres", "react", "figma", "terraform", "aws", "golang", "excel", "sql", "java"]
FILLER = ["team", "build", "ship", "improve", "design", "own", "customers", "growth", "scale", "mentor", "remote"]
CITIES = ["Berlin", "London", "Paris", "Lisbon", "Warsaw", "Madrid", "Remote", "Amsterdam", "Dublin", "Prague"]
COMPANIES = 200


class Command(BaseCommand):
    help = "Measure the public job board and its search at growing numbers of open jobs (removed afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
        parser.add_argument("--repeat", type=int, default=5, help="requests per scenario (the median is reported)")

    def handle(self, *args, sizes: list[int], repeat: int, **options) -> None:
        self.stdout.write(
            f"database: {connection.vendor}; search: {'full text' if search.uses_full_text() else 'contains'}; "
            f"{repeat} requests per scenario"
        )
        self.stdout.write(f"{'open jobs':>12}  {'scenario':<24} {'queries':>7} {'median ms':>9} {'p90 ms':>7}")
        key = uuid.uuid4().hex[:8]
        companies = Company.objects.bulk_create(Company(name=f"Bench{key}{n} Labs") for n in range(COMPANIES))
        try:
            created = 0
            for size in sorted(sizes):
                self._grow(companies, created, size)
                created = size
                settle(Job, Company)
                self._measure(companies, size, repeat)
        finally:
            with transaction.atomic():
                Job.objects.filter(company__in=companies).delete()
                Company.objects.filter(pk__in=[company.pk for company in companies]).delete()

    @staticmethod
    def _grow(companies: list[Company], start: int, end: int, batch: int = 2000) -> None:
        rng = random.Random(start)  # noqa: S311 (made-up data, the same on every run)
        for first in range(start, end, batch):
            numbers = range(first, min(first + batch, end))
            jobs = Job.objects.bulk_create(
                Job(
                    company=companies[n % COMPANIES],
                    title=f"{rng.choice(LEVELS)} {rng.choice(TITLES)}".strip(),
                    description=Command._description(rng, rare=n % 100 == 0),
                    location=rng.choice(CITIES),
                    status=Job.Status.OPEN,
                )
                for n in numbers
            )
            search.job_vectors_refresh(job_ids=[job.pk for job in jobs])

    @staticmethod
    def _description(rng: random.Random, *, rare: bool) -> str:
        words = rng.choices(SKILLS, k=10) + rng.choices(FILLER, k=220)
        if rare:
            words.append("Kubernetes")
        rng.shuffle(words)
        return " ".join(words)

    def _measure(self, companies: list[Company], size: int, repeat: int) -> None:
        client = Client(SERVER_NAME="localhost")
        client.get("/")  # warm the template cache
        for name, params in SCENARIOS:
            query = {key: value.format(company=companies[7].name.split()[0]) for key, value in params.items()}
            timing = time_requests(client, "/", query, repeat)
            self.stdout.write(
                f"{size:>12}  {name:<24} {timing.queries:>7} {timing.median_ms:>9.1f} {timing.p90_ms:>7.1f}"
            )
