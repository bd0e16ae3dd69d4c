"""Print how the Candidates list and its search grow with a company's applications:
queries and times of one page, as a recruiter opens it, at each size.

The data is committed (so that PostgreSQL can vacuum and analyze it, as it would
a real table) and deleted at the end, so the command leaves the database as it
found it. Sizes grow cumulatively (the 10,000 include the first 1,000):

    python manage.py benchmark_candidates --sizes 1000 10000 100000 --repeat 10
"""

import random
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from ats import search
from ats.management.benchmarking import settle, time_requests
from ats.models import Application, Company, Job, Tag, User
from ats.workflow import BOARD_ORDER

# What each measured request asks for: the default page, filters, sorting, search.
SCENARIOS = [
    ("first page", {}),
    ("stage + tag filter", {"stage": "Applied", "tag": "{tag}"}),
    ("sorted by name", {"sort": "name"}),
    ("page 20", {"page": "20"}),
    ("search 'kubernetes'", {"q": "kubernetes"}),
    ("search 'python aws'", {"q": "python aws"}),
]
SKILLS = ["python", "django", "postgres", "react", "figma", "terraform", "aws", "golang", "rust", "java", "sql"]
FILLER = ["led", "team", "built", "shipped", "improved", "designed", "owned", "migrated", "scaled", "mentored", "users"]
JOBS = 20


class Command(BaseCommand):
    help = "Measure the Candidates list and its search at growing sizes (rolled back afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
        parser.add_argument("--repeat", type=int, default=5, help="requests per scenario (the median is reported)")

    def handle(self, *args, sizes: list[int], repeat: int, **options) -> None:
        self.stdout.write(
            f"database: {connection.vendor}; search: {'full text' if search.uses_full_text() else 'contains'}; "
            f"{repeat} requests per scenario"
        )
        self.stdout.write(f"{'applications':>12}  {'scenario':<22} {'queries':>7} {'median ms':>9} {'p90 ms':>7}")
        world = self._company()
        try:
            created = 0
            for size in sorted(sizes):
                self._grow(world, created, size)
                created = size
                settle(Application, Application.tags.through, User, Job, Tag, Company)
                self._measure(world, size, repeat)
        finally:
            self._remove(world)

    def _company(self) -> dict:
        tag = uuid.uuid4().hex[:8]
        company = Company.objects.create(name=f"Benchmark {tag}")
        recruiter = User.objects.create(
            username=f"bench-{tag}", role=User.Role.RECRUITER, company=company, email=f"bench-{tag}@example.com"
        )
        jobs = Job.objects.bulk_create(
            Job(company=company, title=f"Role {n}", description="-", status=Job.Status.OPEN) for n in range(JOBS)
        )
        tags = Tag.objects.bulk_create(Tag(company=company, name=f"Tag {n}") for n in range(5))
        return {"key": tag, "company": company, "recruiter": recruiter, "jobs": jobs, "tags": tags}

    def _grow(self, world: dict, start: int, end: int, batch: int = 5000) -> None:
        rng = random.Random(start)  # noqa: S311 (made-up data, the same on every run)
        now = timezone.now()
        for first in range(start, end, batch):
            numbers = range(first, min(first + batch, end))
            candidates = User.objects.bulk_create(
                User(
                    username=f"bench-{world['key']}-{n}",
                    first_name=rng.choice(["Ada", "Grace", "Alan", "Linus", "Barbara", "Ken"]),
                    last_name=f"Person{n}",
                    email=f"bench-{world['key']}-{n}@example.com",
                )
                for n in numbers
            )
            applications = Application.objects.bulk_create(
                Application(
                    candidate=candidate,
                    job=world["jobs"][n % JOBS],
                    stage=BOARD_ORDER[n % len(BOARD_ORDER)],
                    source=rng.choice(["job board", "linkedin", "referral", "indeed"]),
                    resume_text=self._resume(rng, rare=n % 100 == 0),
                    resume_text_status=Application.ResumeText.EXTRACTED,
                    last_activity_at=now - timedelta(minutes=n),
                    stage_changed_at=now - timedelta(hours=n % 500),
                )
                for n, candidate in zip(numbers, candidates, strict=True)
            )
            through = Application.tags.through
            through.objects.bulk_create(
                through(application_id=application.pk, tag_id=world["tags"][n % 5].pk)
                for n, application in zip(numbers, applications, strict=True)
                if n % 3 == 0
            )
            search.vectors_refresh(application_ids=[application.pk for application in applications])

    @staticmethod
    def _remove(world: dict) -> None:
        # Plain SQL: Django's delete would load 100,000 objects to cascade them.
        applications = Application.objects.filter(job__company=world["company"])
        with transaction.atomic(), connection.cursor() as cursor:
            for model, column in ((Application.tags.through, "application_id"), (Application, "id")):
                sql, params = applications.values("pk").query.sql_with_params()
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} IN ({sql})", params)  # noqa: S608
            User.objects.filter(username__startswith=f"bench-{world['key']}").delete()
            Tag.objects.filter(company=world["company"]).delete()
            Job.objects.filter(company=world["company"]).delete()
            world["company"].delete()

    @staticmethod
    def _resume(rng: random.Random, *, rare: bool) -> str:
        words = rng.choices(SKILLS, k=8) + rng.choices(FILLER, k=120)
        if rare:
            words.append("Kubernetes")
        rng.shuffle(words)
        return " ".join(words)

    def _measure(self, world: dict, size: int, repeat: int) -> None:
        client = Client(SERVER_NAME="localhost")
        client.force_login(world["recruiter"])
        client.get("/workspace/candidates/")  # warm the template cache
        for name, params in SCENARIOS:
            query = {key: value.format(tag=world["tags"][0].pk) for key, value in params.items()}
            timing = time_requests(client, "/workspace/candidates/", query, repeat)
            self.stdout.write(
                f"{size:>12}  {name:<22} {timing.queries:>7} {timing.median_ms:>9.1f} {timing.p90_ms:>7.1f}"
            )
