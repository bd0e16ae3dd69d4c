"""Load the demo data that domain.md describes. Safe to run again: it only adds what is missing."""

import zoneinfo
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from functools import cached_property
from itertools import cycle

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ats import search, workflow
from ats.demo import (
    DEMO_APPLICATIONS,
    DEMO_HISTORY_CANDIDATES,
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
    PlannedApplication,
    PlannedInterview,
    demo_history,
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
    normalise_source,
)
from ats.services.interviews import scorecard_criteria_ensure_defaults
from ats.services.reasons import rejection_reasons_ensure_defaults
from ats.services.resume_text import application_resume_text_extract
from ats.workflow import Stage

# The demo's calendar: interviews and the history's days are placed in Acme's recruiter's zone.
DEMO_ZONE = zoneinfo.ZoneInfo("Europe/Berlin")


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
            users = {demo.username: self._user(demo, companies) for demo in (*DEMO_USERS, *DEMO_HISTORY_CANDIDATES)}
            jobs = self._jobs(companies)
            first_acme_job = jobs[("Acme", DEMO_JOBS[0][1])]
            first_acme_job.hiring_managers.add(users["manager1"])
            created = sum(self._application(users, jobs, *row) for row in DEMO_APPLICATIONS)
            for job in jobs.values():
                scorecard_criteria_ensure_defaults(job=job)
            for demo_interview in DEMO_INTERVIEWS:
                self._interview(users, jobs, demo_interview)
            self._reviews(users)
            tags = self._tags(companies, users)
            created += self._history(users, jobs, tags)
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
        first, last = DEMO_HISTORY_CANDIDATES[0].username, DEMO_HISTORY_CANDIDATES[-1].username
        self.stdout.write(f"  {first} to {last}: candidates with months of past applications")

    @cached_property
    def _password_hash(self) -> str:
        # Hashing takes a few hundred milliseconds: once for every demo user keeps seeding fast.
        return make_password(DEMO_PASSWORD)

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
            user.password = self._password_hash
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
        moves = [(step, applied_at + timedelta(days=3 * index)) for index, step in enumerate(path)]
        self._write_history(application, moves, recruiter=recruiter, code=code, note=note)
        last_move = moves[-1][1]
        Application.objects.filter(pk=application.pk).update(
            created_at=applied_at, stage_changed_at=last_move, last_activity_at=last_move
        )
        search.vectors_refresh(application_ids=[application.pk])
        return True

    @staticmethod
    def _write_history(
        application: Application,
        moves: Sequence[tuple[str, datetime]],
        *,
        recruiter: User,
        code: str = "",
        note: str = "",
    ) -> None:
        """The history rows of `moves` (stage, when), Applied first, written directly
        with their own dates: demo data sends no emails. A rejection carries the
        company's reason `code` and `note`."""
        withdrawn = code == workflow.REASON_WITHDRAWN
        reason = (
            RejectionReason.objects.get(company_id=application.job.company_id, code=code)
            if moves[-1][0] == Stage.REJECTED
            else None
        )
        rows = []
        previous, entered_at = "", None
        for step, changed_at in moves:
            rejection = step == Stage.REJECTED
            rows.append(
                ApplicationHistory(
                    application=application,
                    from_stage=previous,
                    from_stage_entered_at=entered_at,
                    to_stage=step,
                    # The candidate applied, and withdraws; the recruiter made every other move.
                    changed_by=application.candidate if not previous or (rejection and withdrawn) else recruiter,
                    changed_at=changed_at,
                    reason=reason if rejection else None,
                    note=note if rejection else "",
                    notify_candidate=not (rejection and withdrawn),
                )
            )
            previous, entered_at = step, changed_at
        ApplicationHistory.objects.bulk_create(rows)

    def _reviews(self, users: dict[str, User]) -> None:
        """General reviews: scorecards without an interview."""
        for author, username, title, recommendation, notes in DEMO_REVIEWS:
            application = Application.objects.get(candidate=users[username], job__title=title)
            Scorecard.objects.get_or_create(
                application=application,
                interview=None,
                author=users[author],
                defaults={"recommendation": recommendation, "notes": notes},
            )

    def _tags(self, companies: dict[str, Company], users: dict[str, User]) -> dict[tuple[str, str], Tag]:
        """Each company's tags (a name it has in another letter case counts), and the demo's
        taggings; returns the tags by (company, name)."""
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
        return tags

    def _interview(self, users: dict[str, User], jobs, demo: DemoInterview) -> None:
        """Rows written directly, like the history above: demo data sends no invitations."""
        application = Application.objects.get(candidate=users[demo.candidate], job__title=demo.job)
        if application.interviews.filter(title=demo.title).exists():
            return
        today = timezone.localtime(timezone.now(), DEMO_ZONE).date()

        def at(days: int, hour: int) -> datetime:
            return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=DEMO_ZONE)

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
        for author, recommendation, rating, notes in demo.scorecards:
            assert interview.ends_at is not None
            self._scorecard(
                interview,
                author=users[author],
                recommendation=recommendation,
                ratings=(rating,),
                notes=notes,
                submitted_at=interview.ends_at + timedelta(hours=2),
            )

    @staticmethod
    def _scorecard(
        interview: Interview,
        *,
        author: User,
        recommendation: int,
        ratings: Sequence[int],
        notes: str,
        submitted_at: datetime,
    ) -> None:
        """`author`'s scorecard on `interview`, rating the job's criteria with
        `ratings` in turn (one rating rates them all)."""
        scorecard = Scorecard.objects.create(
            application=interview.application,
            interview=interview,
            author=author,
            recommendation=recommendation,
            notes=notes,
            submitted_at=submitted_at,
        )
        criteria = interview.application.job.scorecard_criteria.all()
        ScorecardRating.objects.bulk_create(
            ScorecardRating(scorecard=scorecard, criterion=criterion, criterion_name=criterion.name, rating=rating)
            for criterion, rating in zip(criteria, cycle(ratings), strict=False)
        )

    def _history(self, users: dict[str, User], jobs, tags: dict[tuple[str, str], Tag]) -> int:
        """The demo's months of past applications (ats.demo.demo_history), those not
        there yet; returns how many were added. Without resumes, so seeding stays fast."""
        # Placed from today's midnight: every planned time is before it, whatever the time now.
        today = timezone.localtime(timezone.now(), DEMO_ZONE).date()
        midnight = datetime.combine(today, time(0), tzinfo=DEMO_ZONE)
        existing = set(
            Application.objects.filter(
                candidate__username__in=[demo.username for demo in DEMO_HISTORY_CANDIDATES]
            ).values_list("candidate__username", "job__title")
        )
        created = [
            self._history_application(users, jobs[(planned.company, planned.job)], tags, planned, midnight)
            for planned in demo_history()
            if (planned.candidate, planned.job) not in existing
        ]
        # One batch for search's documents rather than one statement per application.
        search.vectors_refresh(application_ids=created)
        return len(created)

    def _history_application(
        self,
        users: dict[str, User],
        job: Job,
        tags: dict[tuple[str, str], Tag],
        planned: PlannedApplication,
        midnight: datetime,
    ) -> int:
        """One past application with its moves, interviews, scorecards and tags, dated
        as planned; returns its id."""
        moves = [(stage, midnight + offset) for stage, offset in planned.moves]
        application = Application.objects.create(
            candidate=users[planned.candidate],
            job=job,
            stage=moves[-1][0],
            cover_letter=self._cover_letter(job),
            source=normalise_source(planned.source),
        )
        recruiter = users[RECRUITER_OF[planned.company]]
        self._write_history(application, moves, recruiter=recruiter, code=planned.reason, note=planned.note)
        activity = [moves[-1][1]]
        for interview in planned.interviews:
            activity += self._past_interview(application, users, interview, midnight)
        application.tags.add(*(tags[(planned.company, name)] for name in planned.tags))
        Application.objects.filter(pk=application.pk).update(
            created_at=moves[0][1], stage_changed_at=moves[-1][1], last_activity_at=max(activity)
        )
        return application.pk

    def _past_interview(
        self, application: Application, users: dict[str, User], planned: PlannedInterview, midnight: datetime
    ) -> list[datetime]:
        """A past interview, written like _interview's, and its scorecards; returns when
        things happened to the application (planned, scorecards submitted)."""
        starts_at = midnight + planned.starts_at
        # Phone screens are calls; the others meet by video.
        video_link = (
            ""
            if planned.title == "Phone screen"
            else f"https://meet.example.com/{application.job.company.name.lower()}-{application.pk}"
        )
        interview = Interview.objects.create(
            application=application,
            title=planned.title,
            duration=planned.duration,
            video_link=video_link,
            organizer=users[RECRUITER_OF[application.job.company.name]],
            status=Interview.Status.SCHEDULED,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=planned.duration),
            # Long past: no reminder is owed.
            reminded_sequence=0,
        )
        interview.interviewers.set([users[name] for name in planned.interviewers])
        planned_at = midnight + planned.planned_at
        Interview.objects.filter(pk=interview.pk).update(created_at=planned_at, updated_at=planned_at)
        moments = [planned_at]
        for author, recommendation, ratings, notes, submitted in planned.scorecards:
            self._scorecard(
                interview,
                author=users[author],
                recommendation=recommendation,
                ratings=ratings,
                notes=notes,
                submitted_at=midnight + submitted,
            )
            moments.append(midnight + submitted)
        return moments

    @staticmethod
    def _cover_letter(job: Job) -> str:
        return f"Hello {job.company.name} team,\n\nI would love to join you as {job.title}.\n\nBest regards"
