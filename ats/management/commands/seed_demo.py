"""Load the demo data that domain.md describes. Safe to run again: it only adds what is missing."""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ats import workflow
from ats.models import Application, ApplicationHistory, Company, Job, User
from ats.workflow import Stage

DEMO_PASSWORD = "1234"  # noqa: S105 -- the seed README's own example; demo data only


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    company: str | None
    first_name: str
    last_name: str
    note: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("recruiter1", User.Role.RECRUITER, "Acme", "Rita", "Reyes"),
    DemoUser("manager1", User.Role.HIRING_MANAGER, "Acme", "Max", "Moreau", "assigned to Acme's first open job"),
    DemoUser("manager2", User.Role.HIRING_MANAGER, "Acme", "Mina", "Okafor", "assigned to no job"),
    DemoUser("recruiter2", User.Role.RECRUITER, "Globex", "Gus", "Grant"),
    DemoUser("candidate1", User.Role.CANDIDATE, None, "Casey", "Morgan", "applications in several stages"),
    DemoUser("candidate2", User.Role.CANDIDATE, None, "Jordan", "Lee", "applications in several stages"),
    DemoUser("candidate3", User.Role.CANDIDATE, None, "Alex", "Kim"),
    DemoUser("candidate4", User.Role.CANDIDATE, None, "Sam", "Patel"),
    DemoUser("candidate5", User.Role.CANDIDATE, None, "Robin", "Silva"),
    DemoUser("candidate6", User.Role.CANDIDATE, None, "Taylor", "Nguyen"),
    DemoUser("candidate7", User.Role.CANDIDATE, None, "Jamie", "Novak"),
    DemoUser("candidate8", User.Role.CANDIDATE, None, "Avery", "Hughes"),
)

# (company, title, location, employment type, status), in creation order: Acme's
# first job is the first open one and the one manager1 is assigned to.
DEMO_JOBS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Acme", "Senior Backend Engineer", "Remote (EU)", Job.EmploymentType.FULL_TIME, Job.Status.OPEN),
    ("Acme", "Product Designer", "Berlin", Job.EmploymentType.FULL_TIME, Job.Status.OPEN),
    ("Acme", "Customer Success Specialist", "London", Job.EmploymentType.PART_TIME, Job.Status.OPEN),
    ("Acme", "Data Engineer", "Remote (EU)", Job.EmploymentType.FULL_TIME, Job.Status.DRAFT),
    ("Acme", "Office Manager", "Berlin", Job.EmploymentType.FULL_TIME, Job.Status.CLOSED),
    ("Globex", "Site Reliability Engineer", "New York", Job.EmploymentType.FULL_TIME, Job.Status.OPEN),
    ("Globex", "Marketing Lead", "Remote (US)", Job.EmploymentType.FULL_TIME, Job.Status.OPEN),
    ("Globex", "QA Engineer", "Austin", Job.EmploymentType.CONTRACT, Job.Status.OPEN),
    ("Globex", "Mobile Developer", "New York", Job.EmploymentType.FULL_TIME, Job.Status.DRAFT),
    ("Globex", "Sales Intern", "Austin", Job.EmploymentType.INTERNSHIP, Job.Status.CLOSED),
)

# (candidate, job title, stage), in creation order. Application 1 waits in
# Applied at Acme and candidate1 has not applied to Acme's first job, so the
# seed README's curl examples work as printed on a fresh database.
DEMO_APPLICATIONS: tuple[tuple[str, str, Stage], ...] = (
    ("candidate2", "Senior Backend Engineer", Stage.APPLIED),
    ("candidate3", "Senior Backend Engineer", Stage.APPLIED),
    ("candidate4", "Senior Backend Engineer", Stage.SCREENING),
    ("candidate5", "Senior Backend Engineer", Stage.INTERVIEW),
    ("candidate6", "Senior Backend Engineer", Stage.OFFER),
    ("candidate7", "Senior Backend Engineer", Stage.HIRED),
    ("candidate8", "Senior Backend Engineer", Stage.REJECTED),
    ("candidate1", "Product Designer", Stage.SCREENING),
    ("candidate1", "Customer Success Specialist", Stage.INTERVIEW),
    ("candidate1", "Site Reliability Engineer", Stage.OFFER),
    ("candidate1", "Marketing Lead", Stage.REJECTED),
    ("candidate2", "Customer Success Specialist", Stage.REJECTED),
    ("candidate2", "Site Reliability Engineer", Stage.SCREENING),
)

RECRUITER_OF = {"Acme": "recruiter1", "Globex": "recruiter2"}


def _description(title: str, company: str) -> str:
    return (
        f"{company} is hiring a {title}.\n\n"
        "You will work with a small, friendly team that ships every week and cares about the people "
        "who use what we build.\n\n"
        "What we look for: curiosity, clear writing, and a habit of finishing what you start.\n"
        "What we offer: a fair salary, flexible hours, and time to learn."
    )


def _demo_resume(name: str) -> bytes:
    """A small, valid one-page PDF naming the candidate."""
    text = f"(Resume of {name}) Tj".encode()
    stream = b"BT /F1 18 Tf 72 720 Td " + text + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


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
            users = {demo.username: self._user(demo, companies) for demo in DEMO_USERS}
            jobs = self._jobs(companies)
            first_acme_job = jobs[("Acme", DEMO_JOBS[0][1])]
            first_acme_job.hiring_managers.add(users["manager1"])
            created = sum(self._application(users, jobs, *row) for row in DEMO_APPLICATIONS)

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
                "company": companies.get(demo.company),
                "first_name": demo.first_name,
                "last_name": demo.last_name,
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
        application = Application(candidate=candidate, job=job, stage=stage, cover_letter=self._cover_letter(job))
        application.resume.save("resume.pdf", ContentFile(_demo_resume(candidate.display_name)), save=False)
        application.save()

        recruiter = users[RECRUITER_OF[job.company.name]]
        changed_at = applied_at
        previous = ""
        for step in path:
            ApplicationHistory.objects.create(
                application=application,
                from_stage=previous,
                to_stage=step,
                changed_by=candidate if not previous else recruiter,
                changed_at=changed_at,
                note="Not the right fit for this role right now." if step == Stage.REJECTED else "",
            )
            previous = step
            changed_at += timedelta(days=3)
        Application.objects.filter(pk=application.pk).update(
            created_at=applied_at, stage_changed_at=changed_at - timedelta(days=3)
        )
        return True

    @staticmethod
    def _cover_letter(job: Job) -> str:
        return f"Hello {job.company.name} team,\n\nI would love to join you as {job.title}.\n\nBest regards"
