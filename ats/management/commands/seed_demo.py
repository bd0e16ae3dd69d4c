"""Load the demo data that domain.md describes. Safe to run again: it only adds what is missing."""

import zoneinfo
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ats import search, workflow
from ats.demo import (
    DEMO_APPLICATIONS,
    DEMO_INTERVIEWS,
    DEMO_JOBS,
    DEMO_PASSWORD,
    DEMO_REJECTIONS,
    DEMO_RESUMES,
    DEMO_REVIEWS,
    DEMO_SOURCES,
    DEMO_TAGGINGS,
    DEMO_TAGS,
    DEMO_USERS,
    RECRUITER_OF,
    DemoInterview,
    DemoUser,
    demo_resume_file,
)
from ats.models import (
    SOURCE_JOB_BOARD,
    Application,
    ApplicationHistory,
    Company,
    Interview,
    InterviewSlot,
    Job,
    RejectionReason,
    Scorecard,
    ScorecardRating,
    Tag,
    User,
)
from ats.services.interviews import scorecard_criteria_ensure_defaults
from ats.services.reasons import rejection_reasons_ensure_defaults
from ats.services.resume_text import application_resume_text_extract
from ats.workflow import Stage


def _description(title: str, company: str) -> str:
    return (
        f"{company} is hiring a {title}.\n\n"
        "You will work with a small, friendly team that ships every week and cares about the people "
        "who use what we build.\n\n"
        "What we look for: curiosity, clear writing, and a habit of finishing what you start.\n"
        "What we offer: a fair salary, flexible hours, and time to learn."
    )


class Command(BaseCommand):
    help = "Load the demo companies, users (password 1234), jobs and applications. Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users whose password is 1234. DEBUG is off, so this looks like "
                "production: re-run with --force if you really mean it."
            )
        with transaction.atomic():
            companies = {name: Company.objects.get_or_create(name=name)[0] for name in ("Acme", "Globex")}
            for company in companies.values():
                rejection_reasons_ensure_defaults(company=company)
            users = {demo.username: self._user(demo, companies) for demo in DEMO_USERS}
            jobs = self._jobs(companies)
            first_acme_job = jobs[("Acme", DEMO_JOBS[0][1])]
            first_acme_job.hiring_managers.add(users["manager1"])
            created = sum(self._application(users, jobs, *row) for row in DEMO_APPLICATIONS)
            for job in jobs.values():
                scorecard_criteria_ensure_defaults(job=job)
            for demo_interview in DEMO_INTERVIEWS:
                self._interview(users, jobs, demo_interview)
            for author, username, title, recommendation, notes in DEMO_REVIEWS:
                application = Application.objects.get(candidate=users[username], job__title=title)
                Scorecard.objects.get_or_create(
                    application=application,
                    interview=None,
                    author=users[author],
                    defaults={"recommendation": recommendation, "notes": notes},
                )
            self._tags(companies, users)
            # Read here rather than by the worker, so that search finds the demo's
            # resumes as soon as the command ends (and those a previous seed left waiting).
            waiting = Application.objects.filter(
                candidate__username__in=[demo.username for demo in DEMO_USERS],
                resume_text_status=Application.ResumeText.PENDING,
            )
            for application_id in waiting.values_list("pk", flat=True):
                application_resume_text_extract(application_id=application_id)

        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} new applications)."))
        self.stdout.write(f"Every demo password is {DEMO_PASSWORD}:")
        for demo in DEMO_USERS:
            where = f" at {demo.company}" if demo.company else ""
            note = f" ({demo.note})" if demo.note else ""
            self.stdout.write(f"  {demo.username:<11} {demo.role}{where}{note}")

    def _user(self, demo: DemoUser, companies: dict[str, Company]) -> User:
        email = f"{demo.username}@example.com"
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "role": demo.role,
                "company": companies[demo.company] if demo.company else None,
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "time_zone": demo.time_zone,
                "email": email,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # Mandatory email verification would lock out users without a verified address.
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        return user

    def _jobs(self, companies: dict[str, Company]) -> dict[tuple[str, str], Job]:
        jobs = {}
        for company, title, location, employment_type, status in DEMO_JOBS:
            jobs[(company, title)], _ = Job.objects.get_or_create(
                company=companies[company],
                title=title,
                defaults={
                    "description": _description(title, company),
                    "location": location,
                    "employment_type": employment_type,
                    "status": status,
                },
            )
        return jobs

    def _application(self, users: dict[str, User], jobs, username: str, title: str, stage: Stage) -> bool:
        job = next(job for (_, job_title), job in jobs.items() if job_title == title)
        candidate = users[username]
        if Application.objects.filter(candidate=candidate, job=job).exists():
            return False
        path = workflow.path_to(stage)
        applied_at = timezone.now() - timedelta(days=3 * len(path) + len(username))
        application = Application(
            candidate=candidate,
            job=job,
            stage=stage,
            cover_letter=self._cover_letter(job),
            source=DEMO_SOURCES.get((username, title), SOURCE_JOB_BOARD),
            resume_text_status=Application.ResumeText.PENDING,
        )
        filename, content = demo_resume_file(candidate.display_name, candidate.email, DEMO_RESUMES[username])
        application.resume.save(filename, ContentFile(content), save=False)
        application.save()

        recruiter = users[RECRUITER_OF[job.company.name]]
        code, note = DEMO_REJECTIONS.get((username, title), (workflow.REASON_OTHER, ""))
        withdrawn = code == workflow.REASON_WITHDRAWN
        changed_at = applied_at
        previous = ""
        for step in path:
            rejection = step == Stage.REJECTED
            ApplicationHistory.objects.create(
                application=application,
                from_stage=previous,
                to_stage=step,
                # The candidate applied, and withdraws; the recruiter made every other move.
                changed_by=candidate if not previous or (rejection and withdrawn) else recruiter,
                changed_at=changed_at,
                reason=RejectionReason.objects.get(company=job.company, code=code) if rejection else None,
                note=note if rejection else "",
                notify_candidate=not (rejection and withdrawn),
            )
            previous = step
            changed_at += timedelta(days=3)
        last_move = changed_at - timedelta(days=3)
        Application.objects.filter(pk=application.pk).update(
            created_at=applied_at, stage_changed_at=last_move, last_activity_at=last_move
        )
        search.vectors_refresh(application_ids=[application.pk])
        return True

    def _tags(self, companies: dict[str, Company], users: dict[str, User]) -> None:
        """Each company's tags (a name it has in another letter case counts), and the demo's taggings."""
        tags: dict[tuple[str, str], Tag] = {}
        for company, names in DEMO_TAGS.items():
            for name in names:
                tag = Tag.objects.filter(company=companies[company], name__iexact=name).first()
                tags[(company, name)] = tag or Tag.objects.create(company=companies[company], name=name)
        for (username, title), names in DEMO_TAGGINGS.items():
            application = Application.objects.select_related("job__company").get(
                candidate=users[username], job__title=title
            )
            application.tags.add(*(tags[(application.job.company.name, name)] for name in names))

    def _interview(self, users: dict[str, User], jobs, demo: DemoInterview) -> None:
        """Rows written directly, like the history above: demo data sends no invitations."""
        application = Application.objects.get(candidate=users[demo.candidate], job__title=demo.job)
        if application.interviews.filter(title=demo.title).exists():
            return
        zone = zoneinfo.ZoneInfo("Europe/Berlin")
        today = timezone.localtime(timezone.now(), zone).date()

        def at(days: int, hour: int) -> datetime:
            return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=zone)

        length = timedelta(minutes=demo.duration)
        interview = Interview(
            application=application,
            title=demo.title,
            duration=demo.duration,
            location=demo.location,
            video_link=demo.video_link,
            organizer=users[RECRUITER_OF[application.job.company.name]],
        )
        if demo.offered_days:
            interview.status = Interview.Status.OFFERED
        else:
            interview.status = Interview.Status.SCHEDULED
            interview.starts_at = at(demo.days, demo.hour)
            interview.ends_at = interview.starts_at + length
            # Past and near interviews need no reminder from a freshly seeded database.
            interview.reminded_sequence = 0 if demo.days <= 1 else None
        interview.save()
        interview.interviewers.set([users[name] for name in demo.interviewers])
        InterviewSlot.objects.bulk_create(
            InterviewSlot(interview=interview, starts_at=at(day, demo.hour), ends_at=at(day, demo.hour) + length)
            for day in demo.offered_days
        )
        criteria = list(application.job.scorecard_criteria.all())
        for author, recommendation, rating, notes in demo.scorecards:
            assert interview.ends_at is not None
            scorecard = Scorecard.objects.create(
                application=application,
                interview=interview,
                author=users[author],
                recommendation=recommendation,
                notes=notes,
                submitted_at=interview.ends_at + timedelta(hours=2),
            )
            ScorecardRating.objects.bulk_create(
                ScorecardRating(scorecard=scorecard, criterion=criterion, criterion_name=criterion.name, rating=rating)
                for criterion in criteria
            )

    @staticmethod
    def _cover_letter(job: Job) -> str:
        return f"Hello {job.company.name} team,\n\nI would love to join you as {job.title}.\n\nBest regards"
