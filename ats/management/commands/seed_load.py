"""The demo data scaled up for the load test (`make loadtest`, ats/loadtest/locustfile.py).

On top of seed_demo: open jobs at Acme and Globex, recruiters for each, and a pool
of candidate accounts with their applications spread over the load jobs' stages
(40% Applied, 20% Screening, 15% Interview, 5% Offer, 5% Hired, 15% Rejected):

    python manage.py seed_load --jobs 20 --applications 20000 --force

Bulk inserts, so 20,000 applications take seconds; safe to run again (it adds only
what is missing). Every account's password is the demo's (1234).
"""

from datetime import timedelta
from itertools import cycle

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ats import search, workflow
from ats.demo import DEMO_PASSWORD
from ats.models import Application, ApplicationHistory, Company, Job, RejectionReason, User
from ats.text import skeleton
from ats.workflow import Stage

# Each candidate of the pool applied to this many load jobs: the others stay open to the
# load test's candidates, who apply where the job's page still offers the form.
APPLICATIONS_PER_CANDIDATE = 4
RECRUITERS_PER_COMPANY = 5
COMPANIES = ("Acme", "Globex")
# Out of 20, the mix: 40% Applied, 20% Screening, 15% Interview, 5% Offer, 5% Hired, 15% Rejected.
STAGE_MIX: tuple[Stage, ...] = (
    *[Stage.APPLIED] * 8,
    *[Stage.SCREENING] * 4,
    *[Stage.INTERVIEW] * 3,
    Stage.OFFER,
    Stage.HIRED,
    *[Stage.REJECTED] * 3,
)
TITLES = (
    "Backend Engineer",
    "Frontend Engineer",
    "Data Analyst",
    "Support Engineer",
    "Account Executive",
    "Technical Writer",
    "Platform Engineer",
    "UX Researcher",
    "Finance Manager",
    "Recruiter",
)
LOCATIONS = ("Berlin", "London", "Remote (EU)", "New York", "Austin")
BATCH = 2000


def load_job_title(number: int) -> str:
    return f"{TITLES[number % len(TITLES)]} (load {number + 1})"


def load_candidate_username(number: int) -> str:
    return f"loadcand{number + 1:05d}"


def load_recruiter_username(company: str, number: int) -> str:
    return f"load-{company.lower()}-recruiter{number + 1}"


class Command(BaseCommand):
    help = "seed_demo, then load-test data: more jobs, recruiters, candidates and applications. Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--jobs", type=int, default=20, help="open load jobs (half at Acme, half at Globex)")
        parser.add_argument("--applications", type=int, default=20_000, help="applications over the load jobs")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, jobs: int, applications: int, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_load creates users whose password is 1234. DEBUG is off, so this looks like "
                "production: re-run with --force if you really mean it."
            )
        if jobs < APPLICATIONS_PER_CANDIDATE:
            raise CommandError(f"--jobs must be at least {APPLICATIONS_PER_CANDIDATE}.")
        call_command("seed_demo", force=True, stdout=self.stdout)
        password = make_password(DEMO_PASSWORD)
        with transaction.atomic():
            companies = [Company.objects.get(name=name) for name in COMPANIES]
            recruiters = self._recruiters(companies, password)
            load_jobs = self._jobs(companies, jobs)
            candidates = self._candidates(-(-applications // APPLICATIONS_PER_CANDIDATE), password)
            created = self._applications(load_jobs, candidates, applications, recruiters)
        total = Application.objects.filter(job__in=load_jobs).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Load data ready: {len(load_jobs)} load jobs, {total} applications on them ({created} new), "
                f"{len(candidates)} candidates loadcand00001..., recruiters "
                f"{', '.join(load_recruiter_username(c.name, 0) for c in companies)}... (password {DEMO_PASSWORD})."
            )
        )

    def _users(self, rows: list[User]) -> dict[str, User]:
        """Insert the users of `rows` that are missing (with a verified address each), by username."""
        usernames = [user.username for user in rows]
        existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
        missing = [user for user in rows if user.username not in existing]
        for user in missing:
            user.username_skeleton = skeleton(user.username)
        for start in range(0, len(missing), BATCH):
            User.objects.bulk_create(missing[start : start + BATCH])
        users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        # Mandatory email verification would lock out users without a verified address.
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users.values()],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
        return users

    def _recruiters(self, companies: list[Company], password: str) -> dict[int, User]:
        """The companies' load recruiters; returns each company's first, who made the seeded moves."""
        rows = [
            User(
                username=load_recruiter_username(company.name, number),
                email=f"{load_recruiter_username(company.name, number)}@example.com",
                first_name="Load",
                last_name=f"Recruiter {number + 1}",
                role=User.Role.RECRUITER,
                company=company,
                password=password,
            )
            for company in companies
            for number in range(RECRUITERS_PER_COMPANY)
        ]
        users = self._users(rows)
        return {company.pk: users[load_recruiter_username(company.name, 0)] for company in companies}

    def _jobs(self, companies: list[Company], count: int) -> list[Job]:
        jobs = []
        for number in range(count):
            company = companies[number % len(companies)]
            job, _ = Job.objects.get_or_create(
                company=company,
                title=load_job_title(number),
                defaults={
                    "description": f"{company.name} is hiring. A job of the load test's data.",
                    "location": LOCATIONS[number % len(LOCATIONS)],
                    "status": Job.Status.OPEN,
                },
            )
            jobs.append(job)
        search.job_vectors_refresh(job_ids=[job.pk for job in jobs])
        return jobs

    def _candidates(self, count: int, password: str) -> list[User]:
        rows = [
            User(
                username=load_candidate_username(number),
                email=f"{load_candidate_username(number)}@example.com",
                first_name="Load",
                last_name=f"Candidate {number + 1}",
                role=User.Role.CANDIDATE,
                password=password,
            )
            for number in range(count)
        ]
        users = self._users(rows)
        return [users[row.username] for row in rows]

    def _applications(self, jobs: list[Job], candidates: list[User], count: int, recruiters: dict[int, User]) -> int:
        """Application number i goes to candidate i // 4 and load job (i // 4 + i % 4) % jobs: each
        candidate once on four neighbouring jobs. Returns how many were added."""
        existing = set(Application.objects.filter(job__in=jobs).values_list("candidate_id", "job_id"))
        reasons = {
            reason.company_id: reason
            for reason in RejectionReason.objects.filter(
                company_id__in={job.company_id for job in jobs}, code=workflow.REASON_OTHER
            )
        }
        now = timezone.now()
        planned = []
        for number, stage in zip(range(count), cycle(STAGE_MIX), strict=False):
            candidate = candidates[number // APPLICATIONS_PER_CANDIDATE]
            job = jobs[(number // APPLICATIONS_PER_CANDIDATE + number % APPLICATIONS_PER_CANDIDATE) % len(jobs)]
            if (candidate.pk, job.pk) not in existing:
                planned.append((candidate, job, stage, now - timedelta(days=60, minutes=number)))
        for start in range(0, len(planned), BATCH):
            batch = planned[start : start + BATCH]
            created = Application.objects.bulk_create(
                Application(
                    candidate=candidate,
                    job=job,
                    stage=stage,
                    cover_letter=f"Hello {job.company.name} team, I would love to join you as {job.title}.",
                    stage_changed_at=applied_at,
                    last_activity_at=applied_at,
                )
                for candidate, job, stage, applied_at in batch
            )
            history = []
            for application, (candidate, job, stage, applied_at) in zip(created, batch, strict=True):
                previous = ""
                for step in workflow.path_to(stage):
                    rejected = step == Stage.REJECTED
                    history.append(
                        ApplicationHistory(
                            application=application,
                            from_stage=previous,
                            from_stage_entered_at=applied_at if previous else None,
                            to_stage=step,
                            changed_by=recruiters[job.company_id] if previous else candidate,
                            changed_at=applied_at,
                            reason=reasons[job.company_id] if rejected else None,
                        )
                    )
                    previous = step
            ApplicationHistory.objects.bulk_create(history, batch_size=BATCH)
            search.vectors_refresh(application_ids=[application.pk for application in created])
        return len(planned)
