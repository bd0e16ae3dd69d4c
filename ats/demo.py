"""The demo data that domain.md describes, as data: the people, the jobs and the
applications that `manage.py seed_demo` loads, and the logins the home page lists
in development."""

from dataclasses import dataclass

from ats import workflow
from ats.models import Job, User
from ats.workflow import Stage

DEMO_PASSWORD = "1234"  # noqa: S105 -- the seed README's own example; demo data only


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    company: str | None
    first_name: str
    last_name: str
    time_zone: str
    note: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("recruiter1", User.Role.RECRUITER, "Acme", "Rita", "Reyes", "Europe/Berlin"),
    DemoUser(
        "manager1",
        User.Role.HIRING_MANAGER,
        "Acme",
        "Max",
        "Moreau",
        "Europe/Paris",
        "assigned to Acme's first open job",
    ),
    DemoUser("manager2", User.Role.HIRING_MANAGER, "Acme", "Mina", "Okafor", "Europe/London", "assigned to no job"),
    DemoUser("recruiter2", User.Role.RECRUITER, "Globex", "Gus", "Grant", "America/New_York"),
    DemoUser(
        "candidate1", User.Role.CANDIDATE, None, "Casey", "Morgan", "Europe/Dublin", "applications in several stages"
    ),
    DemoUser(
        "candidate2", User.Role.CANDIDATE, None, "Jordan", "Lee", "America/Chicago", "applications in several stages"
    ),
    DemoUser("candidate3", User.Role.CANDIDATE, None, "Alex", "Kim", "Asia/Seoul"),
    DemoUser("candidate4", User.Role.CANDIDATE, None, "Sam", "Patel", "Asia/Kolkata"),
    DemoUser("candidate5", User.Role.CANDIDATE, None, "Robin", "Silva", "America/Sao_Paulo"),
    DemoUser("candidate6", User.Role.CANDIDATE, None, "Taylor", "Nguyen", "Australia/Sydney"),
    DemoUser("candidate7", User.Role.CANDIDATE, None, "Jamie", "Novak", "Europe/Prague"),
    DemoUser("candidate8", User.Role.CANDIDATE, None, "Avery", "Hughes", "America/Los_Angeles"),
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

# Why each rejected demo application was rejected: (candidate, job title) -> (reason
# code, the team's note). candidate2 withdrew their own application.
DEMO_REJECTIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("candidate8", "Senior Backend Engineer"): ("not_qualified", "No production Go experience yet."),
    ("candidate1", "Marketing Lead"): ("another_candidate_chosen", "Close call; keep in mind for the next opening."),
    ("candidate2", "Customer Success Specialist"): (workflow.REASON_WITHDRAWN, ""),
}
