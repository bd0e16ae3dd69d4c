"""The demo data that domain.md describes, as data: the people, the jobs, the
applications and their resumes that `manage.py seed_demo` loads, and the logins
the home page lists in development."""

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

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


# History ---------------------------------------------------------------------------
#
# Months of past applications across Acme's jobs (and a few at Globex), so that
# analytics have something to show: the table below says how each job's
# applications ended; demo_history() spreads them over time with a fixed seed,
# so every run plans the same history, always ending before today.

# Candidates who applied in the past: (first name, last name, time zone). Their
# usernames continue the demo's numbering (candidate9, candidate10, ...).
DEMO_HISTORY_PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Lena", "Fischer", "Europe/Berlin"),
    ("Mateo", "Garcia", "Europe/Madrid"),
    ("Aisha", "Bello", "Africa/Lagos"),
    ("Oliver", "Bennett", "Europe/London"),
    ("Priya", "Sharma", "Asia/Kolkata"),
    ("Lucas", "Martin", "Europe/Paris"),
    ("Sofia", "Rossi", "Europe/Rome"),
    ("Noah", "Andersson", "Europe/Stockholm"),
    ("Yuki", "Tanaka", "Asia/Tokyo"),
    ("Emma", "Jansen", "Europe/Amsterdam"),
    ("Daniel", "Cohen", "Asia/Jerusalem"),
    ("Chloe", "Dubois", "Europe/Brussels"),
    ("Ethan", "Walsh", "Europe/Dublin"),
    ("Mia", "Kowalska", "Europe/Warsaw"),
    ("Leon", "Weber", "Europe/Vienna"),
    ("Zara", "Ahmed", "Asia/Karachi"),
    ("Hugo", "Lefebvre", "Europe/Paris"),
    ("Ines", "Costa", "Europe/Lisbon"),
    ("Felix", "Hoffmann", "Europe/Berlin"),
    ("Amara", "Okonkwo", "Africa/Lagos"),
    ("Elias", "Virtanen", "Europe/Helsinki"),
    ("Nora", "Haugen", "Europe/Oslo"),
    ("Kenji", "Watanabe", "Asia/Tokyo"),
    ("Clara", "Schmidt", "Europe/Zurich"),
    ("Samuel", "Mensah", "Africa/Accra"),
    ("Hannah", "Berg", "Europe/Copenhagen"),
    ("Diego", "Fernandez", "America/Mexico_City"),
    ("Freya", "Campbell", "Europe/London"),
    ("Arjun", "Reddy", "Asia/Kolkata"),
    ("Julia", "Novotna", "Europe/Prague"),
    ("Tomas", "Horvat", "Europe/Zagreb"),
    ("Layla", "Haddad", "Asia/Dubai"),
    ("Matteo", "Bianchi", "Europe/Rome"),
    ("Anna", "Nowak", "Europe/Warsaw"),
    ("Benjamin", "Clarke", "America/Toronto"),
    ("Eva", "Horvath", "Europe/Budapest"),
    ("Omar", "Farouk", "Africa/Cairo"),
    ("Lily", "Chen", "Asia/Singapore"),
    ("Jonas", "Wagner", "Europe/Berlin"),
    ("Maya", "Levi", "Asia/Jerusalem"),
    ("Gabriel", "Santos", "America/Sao_Paulo"),
    ("Elif", "Yilmaz", "Europe/Istanbul"),
    ("Finn", "Murphy", "Europe/Dublin"),
    ("Ana", "Popescu", "Europe/Bucharest"),
    ("Theo", "Laurent", "Europe/Paris"),
    ("Sara", "Lindqvist", "Europe/Stockholm"),
    ("Ravi", "Iyer", "Asia/Kolkata"),
    ("Charlotte", "Evans", "Europe/London"),
    ("Mohammed", "Al-Sayed", "Asia/Riyadh"),
    ("Isabel", "Moreno", "Europe/Madrid"),
    ("Victor", "Petrov", "Europe/Sofia"),
    ("Grace", "Wanjiru", "Africa/Nairobi"),
    ("Adam", "Kovac", "Europe/Bratislava"),
    ("Leila", "Rahimi", "Asia/Tehran"),
    ("Paul", "Schneider", "Europe/Berlin"),
    ("Ingrid", "Larsen", "Europe/Oslo"),
    ("Marco", "De Luca", "Europe/Rome"),
    ("Hana", "Sato", "Asia/Tokyo"),
    ("Liam", "O'Brien", "Europe/Dublin"),
    ("Fatima", "Zahra", "Africa/Casablanca"),
    ("Niklas", "Becker", "Europe/Berlin"),
    ("Olivia", "Turner", "Australia/Melbourne"),
    ("Jakub", "Dvorak", "Europe/Prague"),
    ("Emily", "Carter", "America/New_York"),
    ("Carlos", "Ramirez", "America/Bogota"),
    ("Ava", "Thompson", "America/Denver"),
    ("Ryan", "Mitchell", "America/Chicago"),
    ("Sophie", "Tremblay", "America/Toronto"),
    ("Wei", "Zhang", "Asia/Shanghai"),
    ("Isaac", "Brooks", "America/Los_Angeles"),
    ("Valentina", "Lopez", "America/Argentina/Buenos_Aires"),
    ("Ethan", "Park", "America/Phoenix"),
)
DEMO_HISTORY_FIRST_NUMBER = 9
DEMO_HISTORY_CANDIDATES: tuple[DemoUser, ...] = tuple(
    DemoUser(f"candidate{DEMO_HISTORY_FIRST_NUMBER + index}", User.Role.CANDIDATE, None, first, last, zone)
    for index, (first, last, zone) in enumerate(DEMO_HISTORY_PEOPLE)
)


@dataclass(frozen=True)
class DemoJobHistory:
    """How a job's past applications ended. `outcomes` are (stage, reason code,
    how many): waiting in that stage when the code is "", rejected from it
    otherwise (`withdrawn`: the candidate withdrew). Each of `hires` is a
    hire, that many days ago. Applications arrive from `opened_days_ago` on,
    and a closed job's last move is `closed_days_ago`."""

    company: str
    title: str
    outcomes: tuple[tuple[Stage, str, int], ...]
    hires: tuple[int, ...] = ()
    opened_days_ago: int = 150
    closed_days_ago: int = 1
    # Who interviews, one panel picked per interview; the phone screen is the recruiter's alone.
    panels: tuple[tuple[str, ...], ...] = ()
    interview_title: str = "Interview"


_NOT_QUALIFIED, _CHOSEN, _FILLED, _NO_RESPONSE = (
    "not_qualified",
    "another_candidate_chosen",
    "position_filled",
    "no_response",
)
_WITHDRAWN = workflow.REASON_WITHDRAWN

DEMO_JOB_HISTORIES: tuple[DemoJobHistory, ...] = (
    # Acme's first job keeps a board that fits on a screen: 14 more cards, most of them closed.
    DemoJobHistory(
        "Acme",
        "Senior Backend Engineer",
        (
            (Stage.APPLIED, "", 2),
            (Stage.SCREENING, "", 1),
            (Stage.INTERVIEW, "", 1),
            (Stage.APPLIED, _NOT_QUALIFIED, 3),
            (Stage.APPLIED, _NO_RESPONSE, 1),
            (Stage.SCREENING, _NOT_QUALIFIED, 1),
            (Stage.SCREENING, _WITHDRAWN, 1),
            (Stage.INTERVIEW, _CHOSEN, 1),
            (Stage.OFFER, _WITHDRAWN, 1),
        ),
        hires=(55,),
        panels=(("manager1", "recruiter1"), ("manager1",)),
        interview_title="Technical interview",
    ),
    DemoJobHistory(
        "Acme",
        "Product Designer",
        (
            (Stage.APPLIED, "", 3),
            (Stage.SCREENING, "", 2),
            (Stage.INTERVIEW, "", 1),
            (Stage.OFFER, "", 1),
            (Stage.APPLIED, _NOT_QUALIFIED, 4),
            (Stage.APPLIED, _NO_RESPONSE, 1),
            (Stage.APPLIED, _WITHDRAWN, 1),
            (Stage.SCREENING, _NOT_QUALIFIED, 2),
            (Stage.SCREENING, _CHOSEN, 1),
            (Stage.INTERVIEW, _CHOSEN, 2),
        ),
        hires=(85, 25),
        panels=(("manager2", "recruiter1"), ("recruiter1",)),
        interview_title="Portfolio review",
    ),
    DemoJobHistory(
        "Acme",
        "Customer Success Specialist",
        (
            (Stage.APPLIED, "", 3),
            (Stage.SCREENING, "", 2),
            (Stage.INTERVIEW, "", 1),
            (Stage.APPLIED, _NOT_QUALIFIED, 3),
            (Stage.APPLIED, _NO_RESPONSE, 2),
            (Stage.SCREENING, _NO_RESPONSE, 1),
            (Stage.SCREENING, _NOT_QUALIFIED, 1),
            (Stage.SCREENING, _FILLED, 1),
            (Stage.INTERVIEW, _CHOSEN, 1),
            (Stage.INTERVIEW, _WITHDRAWN, 1),
            (Stage.OFFER, _WITHDRAWN, 1),
        ),
        hires=(115, 40),
        panels=(("recruiter1", "manager2"), ("manager2",)),
        interview_title="Customer role play",
    ),
    # Closed after its hire: every application ended before it closed.
    DemoJobHistory(
        "Acme",
        "Office Manager",
        (
            (Stage.APPLIED, _NOT_QUALIFIED, 3),
            (Stage.APPLIED, _FILLED, 2),
            (Stage.SCREENING, _NOT_QUALIFIED, 1),
            (Stage.SCREENING, _FILLED, 1),
            (Stage.SCREENING, _NO_RESPONSE, 1),
            (Stage.SCREENING, _WITHDRAWN, 1),
            (Stage.INTERVIEW, _CHOSEN, 2),
        ),
        hires=(100,),
        closed_days_ago=95,
        panels=(("recruiter1", "manager1"), ("recruiter1",)),
    ),
    DemoJobHistory(
        "Globex",
        "QA Engineer",
        (
            (Stage.APPLIED, "", 2),
            (Stage.SCREENING, "", 1),
            (Stage.APPLIED, _NOT_QUALIFIED, 2),
            (Stage.APPLIED, _WITHDRAWN, 1),
            (Stage.SCREENING, _CHOSEN, 1),
        ),
        hires=(60,),
        opened_days_ago=100,
        panels=(("recruiter2",),),
    ),
)

DEMO_HISTORY_SEED = 20250101
# Whole days an application spends in a stage before it moves on (or, still
# waiting there, has spent so far): different per stage, so medians differ.
DEMO_DAYS_IN_STAGE: dict[Stage, tuple[int, int]] = {
    Stage.APPLIED: (1, 6),
    Stage.SCREENING: (3, 12),
    # At least 6, so an interview (or two) fits strictly between its first and last day.
    Stage.INTERVIEW: (6, 15),
    Stage.OFFER: (2, 8),
}
# Where applications come from (weights); referrals go further.
DEMO_SOURCE_WEIGHTS: dict[str, int] = {
    "job board": 30,
    "linkedin": 25,
    "indeed": 20,
    "careers page": 15,
    "referral": 10,
}
DEMO_SOURCE_WEIGHTS_INTERVIEWED: dict[str, int] = {
    "job board": 20,
    "linkedin": 25,
    "indeed": 10,
    "careers page": 15,
    "referral": 30,
}
# Tags an application gets from its source: (company, source) -> tag names.
DEMO_SOURCE_TAGS: dict[tuple[str, str], tuple[str, ...]] = {("Acme", "referral"): ("Referral",)}
# The team's notes on a rejection, one picked per reason ("" leaves none).
DEMO_REJECTION_NOTES: dict[str, tuple[str, ...]] = {
    "not_qualified": ("", "Less experience than the role needs.", "The skills don't match what the team needs."),
    "another_candidate_chosen": ("", "Close second; keep in mind.", "Strong, but another finalist fit better."),
    "position_filled": ("", "We filled the role before reaching this application."),
    "no_response": ("No answer to two emails.", "Did not reply to our scheduling email."),
    workflow.REASON_WITHDRAWN: ("",),
}
DEMO_SCORECARD_NOTES: dict[int, tuple[str, ...]] = {
    workflow.Rating.STRONG_NO: ("Not a fit for this role.", "Struggled with the basics of the role."),
    workflow.Rating.NO: ("Some gaps we would have to fill.", "Good attitude, not enough depth yet."),
    workflow.Rating.YES: ("Solid, clear answers.", "Would work well with the team.", ""),
    workflow.Rating.STRONG_YES: ("Excellent; move fast.", "One of the best we have seen."),
}
# A share of interviewers never submit their scorecard, so some are missing.
DEMO_SCORECARD_MISSING_RATE = 0.2
# Working hours (Europe/Berlin) when the team moves applications and interviews.
DEMO_TEAM_HOURS = (9, 17)


@dataclass(frozen=True)
class PlannedInterview:
    """A past interview. Times are offsets from today's midnight in Europe/Berlin
    (negative: the past). Scorecards: (author, recommendation, one rating per
    default criterion, notes, submitted at)."""

    title: str
    interviewers: tuple[str, ...]
    planned_at: timedelta
    starts_at: timedelta
    duration: int
    scorecards: tuple[tuple[str, int, tuple[int, ...], str, timedelta], ...]


@dataclass(frozen=True)
class PlannedApplication:
    """A past application of the demo history: each move as (stage, offset from
    today's midnight in Europe/Berlin), Applied first; the rejection's reason
    code and note when it ends in Rejected."""

    candidate: str
    company: str
    job: str
    source: str
    moves: tuple[tuple[Stage, timedelta], ...]
    reason: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    interviews: tuple[PlannedInterview, ...] = ()


def demo_history() -> list[PlannedApplication]:
    """The demo's past applications, oldest first: the same on every call (a fixed
    seed), every time before today."""
    rng = random.Random(DEMO_HISTORY_SEED)  # noqa: S311 -- a repeatable demo, not a secret
    planner = _HistoryPlanner(rng)
    planned = [
        planner.application(history, outcome, reason)
        for history in DEMO_JOB_HISTORIES
        for outcome, reason in _outcomes(history)
    ]
    planned.sort(key=lambda application: application.moves[0][1])
    # One application per history candidate, so the table and the names must add up.
    return [
        replace(application, candidate=person.username)
        for application, person in zip(planned, DEMO_HISTORY_CANDIDATES, strict=True)
    ]


def _outcomes(history: DemoJobHistory) -> list[tuple[Stage, str]]:
    outcomes = [(stage, reason) for stage, reason, count in history.outcomes for _ in range(count)]
    return outcomes + [(Stage.HIRED, "")] * len(history.hires)


class _HistoryPlanner:
    """Draws one application's timeline after another from `rng`, keeping each
    interviewer to one interview per hour."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.hires_left: dict[str, list[int]] = {}
        # The demo's own scheduled interviews keep their hour.
        self.busy: set[tuple[str, int, int]] = {
            (name, demo.days, demo.hour)
            for demo in DEMO_INTERVIEWS
            if not demo.offered_days
            for name in demo.interviewers
        }

    def application(self, history: DemoJobHistory, outcome: Stage, reason: str) -> PlannedApplication:
        rng = self.rng
        path = workflow.path_to(outcome)
        final = outcome == Stage.HIRED or bool(reason)
        # Whole days spent in each stage the application left; a waiting one's days so far.
        stays = [rng.randint(*DEMO_DAYS_IN_STAGE[stage]) for stage in path if stage != Stage.HIRED]
        last = self._days_ago_of_last_move(history, outcome, reason, sum(stays)) if final else stays[-1]
        if reason:
            path = [*path, Stage.REJECTED]
        # Days ago of each move: the last, then back through each stay.
        days_ago = [last]
        for stay in reversed(stays[: len(path) - 1]):
            days_ago.insert(0, days_ago[0] + stay)
        candidate_moves = {0} | ({len(path) - 1} if reason == workflow.REASON_WITHDRAWN else set())
        moves = tuple(
            (stage, self._moment(days, candidate=index in candidate_moves))
            for index, (stage, days) in enumerate(zip(path, days_ago, strict=True))
        )
        interviewed = Stage.INTERVIEW in path
        weights = DEMO_SOURCE_WEIGHTS_INTERVIEWED if interviewed else DEMO_SOURCE_WEIGHTS
        source = rng.choices(list(weights), weights=list(weights.values()))[0]
        return PlannedApplication(
            candidate="",
            company=history.company,
            job=history.title,
            source=source,
            moves=moves,
            reason=reason,
            note=rng.choice(DEMO_REJECTION_NOTES[reason]) if reason else "",
            tags=DEMO_SOURCE_TAGS.get((history.company, source), ()),
            interviews=self._interviews(history, path, days_ago, reason) if interviewed else (),
        )

    def _days_ago_of_last_move(self, history: DemoJobHistory, outcome: Stage, reason: str, days: int) -> int:
        """When a closed application's last move happened: its job's hire on the day
        planned; a "position filled" rejection after the job's latest hire; any
        other within the job's window, late enough for the application to fit."""
        if outcome == Stage.HIRED:
            hires = self.hires_left.setdefault(history.title, list(history.hires))
            return hires.pop(0)
        earliest = history.opened_days_ago - days
        if reason == "position_filled":
            earliest = min(history.hires)
        return self.rng.randint(history.closed_days_ago, max(history.closed_days_ago, earliest))

    def _moment(self, days_ago: int, *, candidate: bool = False) -> timedelta:
        """A time on the day `days_ago` before today: candidates act at any time of
        the day, the team during working hours."""
        first, last = (7, 23) if candidate else DEMO_TEAM_HOURS
        return timedelta(days=-days_ago, minutes=self.rng.randrange(first * 60, last * 60))

    def _interviews(
        self, history: DemoJobHistory, path: list[Stage], days_ago: list[int], reason: str
    ) -> tuple[PlannedInterview, ...]:
        """A phone screen while in Screening, then the job's interview (and a final
        one for those who got as far as an offer) while in Interview: each planned
        the day after the application entered the stage, and held strictly
        between the days it entered and left it (today, if it is still there)."""
        screening, interview = path.index(Stage.SCREENING), path.index(Stage.INTERVIEW)
        left_interview = days_ago[interview + 1] if interview + 1 < len(path) else 0
        span = days_ago[interview] - left_interview
        offered = Stage.OFFER in path
        # Those turned down after interviewing mostly did not convince; the others mostly did.
        if offered:
            verdicts: tuple[int, ...] = (workflow.Rating.YES, workflow.Rating.STRONG_YES)
        elif reason and reason != workflow.REASON_WITHDRAWN and path[-2] == Stage.INTERVIEW:
            verdicts = (workflow.Rating.STRONG_NO, workflow.Rating.NO, workflow.Rating.NO, workflow.Rating.YES)
        else:
            verdicts = (workflow.Rating.NO, workflow.Rating.YES, workflow.Rating.YES, workflow.Rating.STRONG_YES)
        # (title, panel, days ago planned, days ago held, minutes)
        plans = [
            (
                "Phone screen",
                (RECRUITER_OF[history.company],),
                days_ago[screening] - 1,
                (days_ago[screening] + days_ago[interview]) // 2,
                30,
            ),
            (
                history.interview_title,
                self.rng.choice(history.panels),
                days_ago[interview] - 1,
                days_ago[interview] - span // 3,
                60,
            ),
        ]
        if offered:
            plans.append(
                (
                    "Final interview",
                    self.rng.choice(history.panels),
                    days_ago[interview] - 1,
                    days_ago[interview] - 2 * span // 3,
                    45,
                )
            )
        return tuple(self._interview(*plan, verdicts=verdicts) for plan in plans)

    def _interview(
        self,
        title: str,
        panel: tuple[str, ...],
        planned_days_ago: int,
        days_ago: int,
        duration: int,
        *,
        verdicts: tuple[int, ...],
    ) -> PlannedInterview:
        rng = self.rng
        free = [
            hour
            for hour in range(DEMO_TEAM_HOURS[0], DEMO_TEAM_HOURS[1])
            if not any((name, -days_ago, hour) in self.busy for name in panel)
        ]
        hour = rng.choice(free)
        self.busy.update((name, -days_ago, hour) for name in panel)
        starts_at = timedelta(days=-days_ago, hours=hour)
        scorecards = []
        for author in panel:
            if rng.random() < DEMO_SCORECARD_MISSING_RATE:
                continue
            recommendation = rng.choice(verdicts)
            ratings = tuple(
                min(4, max(1, recommendation + rng.choice((-1, 0, 0, 1)))) for _ in workflow.DEFAULT_SCORECARD_CRITERIA
            )
            # Written the same evening: still before today.
            submitted_at = starts_at + timedelta(minutes=duration, hours=rng.randint(1, 5))
            notes = rng.choice(DEMO_SCORECARD_NOTES[recommendation])
            scorecards.append((author, recommendation, ratings, notes, submitted_at))
        return PlannedInterview(
            title=title,
            interviewers=panel,
            planned_at=self._moment(planned_days_ago),
            starts_at=starts_at,
            duration=duration,
            scorecards=tuple(scorecards),
        )
