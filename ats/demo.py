"""The demo data that domain.md describes, as data: the people, the jobs, the
applications and their resumes that `manage.py seed_demo` loads, and the logins
the home page lists in development."""

import io
from collections.abc import Sequence
from dataclasses import dataclass

import docx

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


@dataclass(frozen=True)
class DemoInterview:
    """An interview of the demo, placed relative to today in Europe/Berlin (Acme's
    recruiter's zone): scheduled on day `days` (negative: it took place), or,
    with `offered_days`, times offered on those days for the candidate to pick."""

    candidate: str
    job: str
    title: str
    interviewers: tuple[str, ...]
    days: int = 0
    hour: int = 10
    duration: int = 60
    offered_days: tuple[int, ...] = ()
    video_link: str = ""
    location: str = ""
    # (author, recommendation 1-4, the same rating for every criterion, notes)
    scorecards: tuple[tuple[str, int, int, str], ...] = ()


DEMO_INTERVIEWS: tuple[DemoInterview, ...] = (
    # Upcoming, with manager1: on the board's Interview column and in My interviews.
    DemoInterview(
        "candidate5",
        "Senior Backend Engineer",
        "Technical interview",
        ("manager1", "recruiter1"),
        days=2,
        hour=14,
        video_link="https://meet.example.com/acme-backend-tech",
    ),
    # Times offered to candidate1, waiting in My applications.
    DemoInterview(
        "candidate1",
        "Customer Success Specialist",
        "Meet the team",
        ("recruiter1", "manager2"),
        duration=45,
        offered_days=(3, 4, 6),
        location="Acme office, 12 Market Street, London",
    ),
    # Took place, both scorecards submitted.
    DemoInterview(
        "candidate6",
        "Senior Backend Engineer",
        "Final interview",
        ("manager1", "recruiter1"),
        days=-6,
        hour=11,
        video_link="https://meet.example.com/acme-backend-final",
        scorecards=(
            ("manager1", workflow.Rating.STRONG_YES, workflow.Rating.STRONG_YES, "Designed the queue cleanly."),
            ("recruiter1", workflow.Rating.YES, workflow.Rating.YES, "Good questions about the team."),
        ),
    ),
    # Took place yesterday; manager1's scorecard is still to do.
    DemoInterview(
        "candidate4",
        "Senior Backend Engineer",
        "Phone screen",
        ("manager1",),
        days=-1,
        hour=9,
        duration=30,
    ),
)

# General reviews (scorecards without an interview): (author, candidate, job, recommendation, notes).
DEMO_REVIEWS: tuple[tuple[str, str, str, int, str], ...] = (
    ("recruiter1", "candidate2", "Senior Backend Engineer", workflow.Rating.YES, "Strong CV; worth a screen."),
)

# Where demo applications came from, when not the job board: (candidate, job title) -> source.
DEMO_SOURCES: dict[tuple[str, str], str] = {
    ("candidate3", "Senior Backend Engineer"): "linkedin",
    ("candidate5", "Senior Backend Engineer"): "referral",
    ("candidate6", "Senior Backend Engineer"): "linkedin",
    ("candidate1", "Product Designer"): "indeed",
    ("candidate2", "Site Reliability Engineer"): "api",
}


@dataclass(frozen=True)
class DemoResume:
    """A demo candidate's resume, sent with each of their applications: a PDF or a
    Word document whose words search finds ("Kubernetes" in several of Acme's
    applications, across jobs)."""

    kind: str  # "pdf" or "docx"
    headline: str
    skills: tuple[str, ...]
    experience: tuple[str, ...]


DEMO_RESUMES: dict[str, DemoResume] = {
    "candidate1": DemoResume(
        "pdf",
        "Product designer who started in customer support",
        ("Figma", "Prototyping", "User research", "Design systems", "Customer onboarding"),
        (
            "Lead designer, Northwind Cloud (2021-2025): designed the console of its Kubernetes platform in Figma.",
            "Support specialist, Northwind Cloud (2018-2021): onboarded two hundred customers a year.",
        ),
    ),
    "candidate2": DemoResume(
        "docx",
        "Backend engineer who enjoys being on call",
        ("Python", "Django", "PostgreSQL", "Kubernetes", "Terraform"),
        (
            "Backend engineer, Contoso Health (2020-2025): moved forty services onto Kubernetes.",
            "Support engineer, Contoso Health (2018-2020): answered customers and fixed what they found.",
        ),
    ),
    "candidate3": DemoResume(
        "pdf",
        "Backend engineer, distributed systems",
        ("Go", "gRPC", "Redis", "Python"),
        ("Software engineer, Fabrikam (2019-2025): built the payments ledger in Go.",),
    ),
    "candidate4": DemoResume(
        "docx",
        "Java engineer with a taste for streaming data",
        ("Java", "Kotlin", "Kafka", "Spring Boot"),
        ("Senior engineer, Tailspin Toys (2017-2025): ran the order pipeline on Kafka.",),
    ),
    "candidate5": DemoResume(
        "pdf",
        "Python engineer, APIs and cloud",
        ("Python", "FastAPI", "AWS", "Docker"),
        ("Engineer, Wingtip Travel (2020-2025): wrote the booking API in Python.",),
    ),
    "candidate6": DemoResume(
        "pdf",
        "Platform engineer",
        ("Go", "Kubernetes", "Prometheus", "PostgreSQL"),
        ("Platform engineer, Adventure Works (2018-2025): ran Kubernetes clusters for sixty teams.",),
    ),
    "candidate7": DemoResume(
        "pdf",
        "Full-stack engineer",
        ("Ruby on Rails", "Python", "PostgreSQL", "Hotwire"),
        ("Engineer, Litware (2016-2025): kept a large Rails monolith fast.",),
    ),
    "candidate8": DemoResume(
        "docx",
        "Frontend engineer",
        ("TypeScript", "React", "Node.js", "GraphQL"),
        ("Frontend engineer, Proseware (2021-2025): built the design system in React.",),
    ),
}


def demo_resume_file(name: str, email: str, resume: DemoResume) -> tuple[str, bytes]:
    """The file name and bytes of `resume`, for the person called `name`."""
    if resume.kind == "docx":
        content = resume_docx(
            [name, resume.headline, email, "Experience", *resume.experience],
            table=[["Skills", ", ".join(resume.skills)]],
        )
        return "resume.docx", content
    lines = [name, resume.headline, email, "", "Skills: " + ", ".join(resume.skills), "", *resume.experience]
    return "resume.pdf", resume_pdf([lines])


def resume_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A small, valid PDF with `pages`, each a list of lines set in Helvetica
    (Windows-1252 text; other bytes are written as octal escapes)."""
    page_count = len(pages)
    # Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
    page_ids = [4 + 2 * index for index in range(page_count)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % pk for pk in page_ids), page_count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for page_id, lines in zip(page_ids, pages, strict=True):
        shown = b" T* ".join(b"(%s) Tj" % _pdf_string(line) for line in lines)
        stream = b"BT /F1 11 Tf 14 TL 72 740 Td " + shown + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
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


def _pdf_string(text: str) -> bytes:
    escaped = bytearray()
    for byte in text.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            escaped += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            escaped.append(byte)
        else:
            escaped += b"\\%03o" % byte
    return bytes(escaped)


def resume_docx(paragraphs: Sequence[str], *, table: Sequence[Sequence[str]] = ()) -> bytes:
    """A Word document with `paragraphs` (the first as its title), then `table`'s rows."""
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        if index == 0:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Each company's tags, and the demo applications that carry some: (candidate, job title) -> tag names.
DEMO_TAGS: dict[str, tuple[str, ...]] = {
    "Acme": ("Top 5", "Referral", "Relocating", "Strong portfolio"),
    "Globex": ("Fast track", "Needs visa"),
}
DEMO_TAGGINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("candidate3", "Senior Backend Engineer"): ("Top 5",),
    ("candidate4", "Senior Backend Engineer"): ("Top 5", "Relocating"),
    ("candidate5", "Senior Backend Engineer"): ("Top 5", "Referral"),
    ("candidate6", "Senior Backend Engineer"): ("Top 5",),
    ("candidate1", "Product Designer"): ("Strong portfolio",),
    ("candidate1", "Customer Success Specialist"): ("Relocating",),
    ("candidate1", "Site Reliability Engineer"): ("Fast track",),
    ("candidate2", "Site Reliability Engineer"): ("Needs visa",),
}
