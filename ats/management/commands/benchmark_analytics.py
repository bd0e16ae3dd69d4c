"""Print how the analytics pages grow with a company's applications: the queries and
times of one page, as a recruiter opens it, at each size.

Each application has applied within the last `--days` (three years by default: a
company with 100,000 applications gathered them over years) and moved along the
pipeline (about four history rows each); those that reached Interview had
interviews with scorecards. The data is committed (so that PostgreSQL can vacuum and analyze it,
as it would a real table) and deleted at the end, so the command leaves the
database as it found it. Sizes grow cumulatively:

    python manage.py benchmark_analytics --sizes 1000 10000 100000 --repeat 5
"""

import random
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from ats.management.benchmarking import settle, time_requests
from ats.models import (
    Application,
    ApplicationHistory,
    Company,
    Interview,
    Job,
    RejectionReason,
    Scorecard,
    User,
)
from ats.services.reasons import rejection_reasons_ensure_defaults
from ats.workflow import PIPELINE, InterviewStatus, Stage

JOBS = 20
INTERVIEWERS = 6
SOURCES = ["job board", "linkedin", "referral", "indeed", "careers page"]
# Where applications end up, in percent: (final stage, the stage rejected from or None).
OUTCOMES = [
    ((Stage.APPLIED, None), 5),
    ((Stage.SCREENING, None), 5),
    ((Stage.INTERVIEW, None), 5),
    ((Stage.OFFER, None), 5),
    ((Stage.HIRED, None), 40),
    ((Stage.REJECTED, Stage.APPLIED), 5),
    ((Stage.REJECTED, Stage.SCREENING), 10),
    ((Stage.REJECTED, Stage.INTERVIEW), 15),
    ((Stage.REJECTED, Stage.OFFER), 10),
]
# What each measured request asks for.
SCENARIOS = [
    ("company, last 90 days", "/workspace/analytics/", {}),
    ("company, last 12 months", "/workspace/analytics/", {"start": "{year_ago}"}),
    ("one job, last 90 days", "/workspace/jobs/{job}/analytics/", {}),
    ("funnel CSV, 12 months", "/workspace/analytics/funnel.csv", {"start": "{year_ago}"}),
]


class Command(BaseCommand):
    help = "Measure the analytics pages at growing sizes (the data is deleted afterwards)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
        parser.add_argument("--repeat", type=int, default=5, help="requests per scenario (the median is reported)")
        parser.add_argument("--days", type=int, default=3 * 365, help="how far back the applications go")

    def handle(self, *args, sizes: list[int], repeat: int, days: int, **options) -> None:
        self.stdout.write(
            f"database: {connection.vendor}; applications over the last {days} days; {repeat} requests per scenario"
        )
        self.stdout.write(
            f"{'applications':>12} {'history':>8}  {'scenario':<24} {'queries':>7} {'median ms':>9} {'p90 ms':>7}"
        )
        world = self._company()
        try:
            created = 0
            for size in sorted(sizes):
                self._grow(world, created, size, days)
                created = size
                settle(Application, ApplicationHistory, Interview, Interview.interviewers.through, Scorecard, User, Job)
                self._measure(world, size, repeat)
        finally:
            self._remove(world)

    def _company(self) -> dict:
        key = uuid.uuid4().hex[:8]
        company = Company.objects.create(name=f"Benchmark {key}")
        rejection_reasons_ensure_defaults(company=company)
        team = User.objects.bulk_create(
            User(
                username=f"bench-{key}-team-{n}",
                first_name="Interviewer",
                last_name=str(n),
                role=User.Role.RECRUITER,
                company=company,
                email=f"bench-{key}-team-{n}@example.com",
            )
            for n in range(INTERVIEWERS)
        )
        jobs = Job.objects.bulk_create(
            Job(company=company, title=f"Role {n}", description="-", status=Job.Status.OPEN) for n in range(JOBS)
        )
        reasons = list(RejectionReason.objects.filter(company=company))
        return {"key": key, "company": company, "team": team, "jobs": jobs, "reasons": reasons}

    def _grow(self, world: dict, start: int, end: int, days: int, batch: int = 5000) -> None:
        rng = random.Random(start)  # noqa: S311 (made-up data, the same on every run)
        now = timezone.now()
        outcomes, weights = zip(*OUTCOMES, strict=True)
        for first in range(start, end, batch):
            numbers = range(first, min(first + batch, end))
            candidates = User.objects.bulk_create(
                User(username=f"bench-{world['key']}-{n}", first_name="Candidate", last_name=str(n)) for n in numbers
            )
            plans = [
                self._plan(rng, now, days, rng.choices(outcomes, weights)[0], world["reasons"]) for _ in candidates
            ]
            applications = Application.objects.bulk_create(
                Application(
                    candidate=candidate,
                    job=world["jobs"][n % JOBS],
                    stage=plan["moves"][-1][0],
                    source=rng.choice(SOURCES),
                    stage_changed_at=plan["moves"][-1][1],
                    last_activity_at=plan["moves"][-1][1],
                )
                for n, candidate, plan in zip(numbers, candidates, plans, strict=True)
            )
            # created_at is set on insert (auto_now_add): dated afterwards, in one statement per batch.
            for application, plan in zip(applications, plans, strict=True):
                application.created_at = plan["moves"][0][1]
            Application.objects.bulk_update(applications, ["created_at"], batch_size=1000)
            ApplicationHistory.objects.bulk_create(
                ApplicationHistory(
                    application=application,
                    from_stage=previous[0],
                    from_stage_entered_at=previous[1],
                    to_stage=stage,
                    changed_at=changed_at,
                    reason=reason,
                )
                for application, plan in zip(applications, plans, strict=True)
                for (stage, changed_at, reason), previous in zip(
                    plan["moves"], [("", None), *(move[:2] for move in plan["moves"][:-1])], strict=True
                )
            )
            self._interviews(rng, world, applications, plans)

    @staticmethod
    def _plan(rng: random.Random, now, days: int, outcome: tuple, reasons: list[RejectionReason]) -> dict:
        """An application's moves: (stage, when, reason), from applying to `outcome`."""
        final, rejected_from = outcome
        last = rejected_from or final
        stages = list(PIPELINE[: PIPELINE.index(last) + 1])
        if rejected_from:
            stages.append(Stage.REJECTED)
        when = now - timedelta(days=rng.uniform(0, days))
        moves = []
        for stage in stages:
            moves.append((stage, min(when, now), rng.choice(reasons) if stage == Stage.REJECTED else None))
            when += timedelta(days=rng.uniform(0.5, 12))
        return {"moves": moves}

    @staticmethod
    def _interviews(rng: random.Random, world: dict, applications: list[Application], plans: list[dict]) -> None:
        """One interview with two of the team for each application that reached Interview,
        and a scorecard from each interviewer four times in five."""
        interviewed = [
            (application, next(when for stage, when, _ in plan["moves"] if stage == Stage.INTERVIEW))
            for application, plan in zip(applications, plans, strict=True)
            if any(stage == Stage.INTERVIEW for stage, _, _ in plan["moves"])
        ]
        interviews = Interview.objects.bulk_create(
            Interview(
                application=application,
                title="Interview",
                starts_at=entered + timedelta(days=1),
                ends_at=entered + timedelta(days=1, minutes=45),
                duration=45,
                status=InterviewStatus.SCHEDULED,
            )
            for application, entered in interviewed
        )
        seats, scorecards = [], []
        for interview, (_, entered) in zip(interviews, interviewed, strict=True):
            for person in rng.sample(world["team"], 2):
                seats.append(Interview.interviewers.through(interview_id=interview.pk, user_id=person.pk))
                if rng.random() < 0.8:
                    scorecards.append(
                        Scorecard(
                            application_id=interview.application_id,
                            interview=interview,
                            author=person,
                            recommendation=rng.randint(1, 4),
                            submitted_at=entered + timedelta(days=1, hours=2),
                        )
                    )
        Interview.interviewers.through.objects.bulk_create(seats)
        Scorecard.objects.bulk_create(scorecards)

    @staticmethod
    def _remove(world: dict) -> None:
        # Plain SQL: Django's delete would load every object to cascade it, and history refuses deletes.
        applications = Application.objects.filter(job__company=world["company"]).values("pk")
        interviews = Interview.objects.filter(application__job__company=world["company"]).values("pk")
        with transaction.atomic(), connection.cursor() as cursor:
            for model, column, rows in (
                (Scorecard, "application_id", applications),
                (Interview.interviewers.through, "interview_id", interviews),
                (Interview, "application_id", applications),
                (ApplicationHistory, "application_id", applications),
                (Application, "id", applications),
            ):
                sql, params = rows.query.sql_with_params()
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} IN ({sql})", params)  # noqa: S608
            User.objects.filter(username__startswith=f"bench-{world['key']}").delete()
            Job.objects.filter(company=world["company"]).delete()
            RejectionReason.objects.filter(company=world["company"]).delete()
            world["company"].delete()

    def _measure(self, world: dict, size: int, repeat: int) -> None:
        client = Client(SERVER_NAME="localhost")
        client.force_login(world["team"][0])
        client.get("/workspace/analytics/")  # warm the template cache
        history = ApplicationHistory.objects.filter(application__job__company=world["company"]).count()
        year_ago = (timezone.localdate() - timedelta(days=364)).isoformat()
        for name, url, params in SCENARIOS:
            query = {key: value.format(year_ago=year_ago) for key, value in params.items()}
            timing = time_requests(client, url.format(job=world["jobs"][0].pk), query, repeat)
            figures = f"{timing.queries:>7} {timing.median_ms:>9.1f} {timing.p90_ms:>7.1f}"
            self.stdout.write(f"{size:>12} {history:>8}  {name:<24} {figures}")
