import re
import uuid
import zoneinfo
from functools import cache
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from ats import workflow
from ats.text import skeleton
from ats.workflow import Stage

# How long a finished (Hired or Rejected) application keeps the candidate's personal data
# (domain.md, Privacy): 0 keeps it for good; the upper bound is ten years.
RETENTION_DAYS_DEFAULT = 365
RETENTION_DAYS_MAX = 3650


class Company(models.Model):
    name = models.CharField(max_length=200, unique=True)
    # What the name looks like (ats.text.skeleton), kept by save(): a new company's
    # name may not look the same as another's. Indexed, not unique: names from
    # before it may share one.
    name_skeleton = models.CharField(max_length=1000, db_index=True, editable=False, default="")
    retention_days = models.PositiveIntegerField(
        "retention period (days)",
        default=RETENTION_DAYS_DEFAULT,
        validators=[MaxValueValidator(RETENTION_DAYS_MAX)],
        help_text=(
            f"Days after an application is hired or rejected before the candidate's personal data on it is "
            f"erased; 0 keeps it. At most {RETENTION_DAYS_MAX}."
        ),
    )
    # Its recruiters and hiring managers must log in with a second factor (ats.two_factor).
    require_two_factor = models.BooleanField(
        "require two-factor authentication",
        default=False,
        help_text="Recruiters and hiring managers must log in with a code from an authenticator app.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The name as read from the database (from_db), so that save() knows a rename.
    _name_as_read: str | None = None

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_skeleton = skeleton(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_skeleton"}
        renamed = (
            not self._state.adding
            and (update_fields is None or "name" in update_fields)
            and self.name != self._name_as_read
        )
        super().save(*args, **kwargs)
        self._name_as_read = self.name
        if renamed:
            from ats import search  # ats.search reads the models: imported when first needed

            # The job board finds a company's jobs by its name: a rename rewrites their search documents.
            search.job_vectors_refresh(company_id=self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        company = super().from_db(db, field_names, values)
        # None when the name was deferred: a save then takes it as renamed.
        company._name_as_read = company.__dict__.get("name")
        return company


@cache
def time_zone_names() -> frozenset[str]:
    """Every IANA time zone this machine knows. `localtime` and `Factory` are
    files of the system's tz database, not places anyone lives."""
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"})


def default_time_zone() -> str:
    """The site's time zone (settings.TIME_ZONE) when it is a real zone name, else UTC."""
    return settings.TIME_ZONE if settings.TIME_ZONE in time_zone_names() else "UTC"


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. Choose one from the list, such as Europe/Berlin.",
            code="invalid_time_zone",
            params={"value": value},
        )


def limited_text(max_length: int, **options) -> models.TextField:
    """A TextField of at most `max_length` characters: checked by the model's validation, and
    given to the forms (a ModelForm's field and its textarea's maxlength) and to DRF's
    ModelSerializer, which both read `max_length`. Each message says the limit and the length."""
    return models.TextField(max_length=max_length, validators=[MaxLengthValidator(max_length)], **options)


# Free text people type, bounded: a 9.5 MB job description slowed the job board
# twentyfold. The stage move's note and the scorecard's notes are bounded in workflow.py.
JOB_DESCRIPTION_MAX_LENGTH = 20_000
COVER_LETTER_MAX_LENGTH = 10_000
TEAM_NOTE_MAX_LENGTH = 5_000

# AbstractUser's first_name and last_name.
NAME_MAX_LENGTH = 150
PHONE_MAX_LENGTH = 32
LINK_MAX_LENGTH = 500
_PHONE_CHARACTERS = re.compile(r"[0-9+\-() ]+")


def validate_phone(value: str) -> None:
    # Loose on purpose: people write numbers in many national formats; we only
    # keep out what can't be part of one.
    if not _PHONE_CHARACTERS.fullmatch(value) or sum(char.isdigit() for char in value) < 5:
        raise ValidationError(
            "Enter a phone number with digits, spaces and + - ( ) only, for example +44 20 7946 0958.",
            code="invalid_phone",
        )


# What the product shows in place of an erased person (ats.services.erasure): the one place for each label.
DELETED_CANDIDATE = "Deleted candidate"
FORMER_TEAM_MEMBER = "Former team member"


class User(AbstractUser):
    class Role(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CANDIDATE)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    # An IANA name: emails and invitations give times in the person's own zone.
    time_zone = models.CharField(max_length=64, default=default_time_zone, validators=[validate_time_zone])
    # A candidate's contact details beyond their email; the hiring team keeps none.
    phone = models.CharField(max_length=PHONE_MAX_LENGTH, blank=True, validators=[validate_phone])
    link = models.URLField(
        max_length=LINK_MAX_LENGTH, blank=True, help_text="A profile or portfolio link, e.g. LinkedIn or GitHub."
    )
    # What the username looks like (ats.text.skeleton), kept by save(): a new
    # username may not look the same as another's. Indexed, not unique.
    username_skeleton = models.CharField(max_length=1000, db_index=True, editable=False, default="")
    # When a team member deleted their account (ats.services.erasure): the row stays, so the
    # company keeps who wrote its notes and scorecards, shown as "Former team member".
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        # The candidates list sorts by name: an index lets it read the first page in name order.
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="user_name_order")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="candidate", company__isnull=True)
                    | Q(role__in=["recruiter", "hiring_manager"], company__isnull=False)
                ),
                name="user_company_matches_role",
                violation_error_message="Recruiters and hiring managers belong to a company; candidates to none.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["candidate", "recruiter", "hiring_manager"]),
                name="user_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        self.username_skeleton = skeleton(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username_skeleton"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return FORMER_TEAM_MEMBER
        return self.get_full_name() or self.username

    @property
    def has_name(self) -> bool:
        """Whether the person has told us their first and last name (accounts
        older than the question, and superusers, may not have)."""
        return bool(self.first_name.strip() and self.last_name.strip())


class Job(models.Model):
    # The status machine lives in workflow.py with the stage machine.
    Status = workflow.JobStatus

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        TEMPORARY = "temporary", "Temporary"
        INTERNSHIP = "internship", "Internship"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="jobs")
    title = models.CharField(max_length=200)
    description = limited_text(JOB_DESCRIPTION_MAX_LENGTH)
    location = models.CharField(max_length=200, blank=True)
    employment_type = models.CharField(max_length=20, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    hiring_managers = models.ManyToManyField(User, blank=True, related_name="assigned_jobs")
    # PostgreSQL's search document for the public job board (title above company and
    # location above description), written by ats.search whenever one of its parts
    # changes (save() here, Company.save() on a rename); SQLite leaves it empty.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The fields the search document is made of (with the company's name).
    SEARCHED_FIELDS = frozenset({"title", "description", "location", "company", "company_id"})

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["company", "status"]),
            # The job board's location filter: the places of open jobs, read from the index alone.
            models.Index(fields=["status", "location"], name="job_status_location"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["draft", "open", "closed"]), name="job_status_valid"),
            models.CheckConstraint(
                condition=Q(employment_type__in=["full_time", "part_time", "contract", "temporary", "internship"]),
                name="job_employment_type_valid",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="job_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.company})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.SEARCHED_FIELDS.intersection(update_fields):
            from ats import search  # ats.search reads the models: imported when first needed

            search.job_vectors_refresh(job_ids=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


# Where an application came from (domain.md): the job board unless the job's
# link carried `?source=`, the API for applications made through it.
SOURCE_JOB_BOARD = "job board"
SOURCE_API = "api"
SOURCE_MAX_LENGTH = 50
_SOURCE_SEPARATORS = re.compile(r"[\s_+\-]+")
_SOURCE_CHARACTERS = re.compile(r"[^a-z0-9 .]")


def normalise_source(value: str | None) -> str:
    """A `?source=` value as the application keeps it: lower case, separators
    (spaces, _ - +) as single spaces, only letters, digits, spaces and dots, at most
    SOURCE_MAX_LENGTH characters; the job board when nothing is left
    ("LinkedIn" becomes "linkedin", "Indeed_Jobs" "indeed jobs")."""
    cleaned = _SOURCE_SEPARATORS.sub(" ", (value or "").casefold())
    cleaned = _SOURCE_CHARACTERS.sub("", cleaned)
    cleaned = " ".join(cleaned.split())[:SOURCE_MAX_LENGTH].strip()
    return cleaned or SOURCE_JOB_BOARD


def resume_upload_to(instance: "Application", filename: str) -> str:
    # A random name: the candidate's file name never reaches the disk or a URL.
    return f"resumes/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Tag(models.Model):
    """A label on a company's list (for example "Top 5" or "Relocating"), which the
    team puts on applications to find them again."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["company", Lower("name").asc(), "id"]
        constraints = [
            models.UniqueConstraint(
                "company",
                Lower("name"),
                name="tag_unique_name",
                violation_error_message="This company already has a tag with that name.",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="tag_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    # The seed README names this attribute; the table itself lives in workflow.py.
    VALID_TRANSITIONS = workflow.TRANSITIONS

    class ResumeText(models.TextChoices):
        """Where reading the resume's text stands (a Huey task reads it after upload)."""

        NONE = "none", "No resume"
        PENDING = "pending", "Being read"
        EXTRACTED = "extracted", "Text extracted"
        UNAVAILABLE = "unavailable", "Text not available"

    # Null once the candidate's personal data is erased (ats.services.erasure: their account
    # deleted, or the company's retention period passed); the application stays for statistics.
    # Protected: a candidate with applications leaves only through that erasure.
    candidate = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="applications")
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    resume = models.FileField(upload_to=resume_upload_to, blank=True)
    cover_letter = limited_text(COVER_LETTER_MAX_LENGTH, blank=True)
    source = models.CharField(max_length=SOURCE_MAX_LENGTH, default=SOURCE_JOB_BOARD)
    tags = models.ManyToManyField(Tag, blank=True, related_name="applications")
    # The resume's words, for search; empty until the extraction task has read them.
    resume_text = models.TextField(blank=True)
    resume_text_status = models.CharField(max_length=12, choices=ResumeText.choices, default=ResumeText.NONE)
    # PostgreSQL's weighted search document (name and email above cover letter above
    # resume), written by ats.search; SQLite leaves it empty and searches by substring.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    # The last time anything happened to the application (applied, moved, noted,
    # reviewed, interview planned); the candidates list sorts by it.
    last_activity_at = models.DateTimeField(default=timezone.now)
    # The privacy notice (ats.privacy) the candidate accepted on applying, and when.
    # Empty on applications made before applying asked for it.
    privacy_notice_version = models.CharField(max_length=20, blank=True)
    privacy_consented_at = models.DateTimeField(null=True, blank=True)
    # When the candidate's personal data on it was erased; null while it is kept.
    candidate_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["job", "stage", "created_at"]),
            # The board's cards: each column's first cards, longest in the stage first.
            models.Index(fields=["job", "stage", "stage_changed_at", "id"], name="application_board_order"),
            models.Index(fields=["job", "source"]),
            models.Index(fields=["job", "-last_activity_at"]),
            models.Index(fields=["-last_activity_at", "-id"]),
            models.Index(fields=["-created_at", "-id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "job"],
                name="application_unique_candidate_job",
                violation_error_message="This candidate has already applied to this job.",
            ),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="application_stage_valid"),
            models.CheckConstraint(
                condition=Q(resume_text_status__in=["none", "pending", "extracted", "unavailable"]),
                name="application_resume_text_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_name} → {self.job.title}"

    @property
    def candidate_name(self) -> str:
        """The candidate's name as the team sees it, or "Deleted candidate" once erased."""
        return self.candidate.display_name if self.candidate is not None else DELETED_CANDIDATE


class RejectionReason(models.Model):
    """One reason on a company's list of why an application was rejected.

    The code is stable (history, the API and statistics keep it) and unique in
    the company; the label is the recruiters' to edit. A reason that history
    uses is deactivated rather than deleted (the history's foreign key
    protects it), and the system reasons (workflow.SYSTEM_REASONS) stay active.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="rejection_reasons")
    code = models.SlugField(max_length=50)
    label = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["company", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "code"],
                name="rejection_reason_unique_code",
                violation_error_message="This company already has a reason with that code.",
            ),
            models.CheckConstraint(condition=~Q(code=""), name="rejection_reason_code_not_empty"),
            models.CheckConstraint(condition=~Q(label=""), name="rejection_reason_label_not_empty"),
            models.CheckConstraint(
                condition=Q(active=True) | ~Q(code__in=sorted(workflow.SYSTEM_REASONS)),
                name="rejection_reason_system_active",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_system(self) -> bool:
        return self.code in workflow.SYSTEM_REASONS


class ApplicationHistory(models.Model):
    """One row per stage change. Append-only: rows are never edited or deleted."""

    # History outlives nothing it describes: an application with history cannot be deleted.
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="history")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="stage_changes")
    changed_at = models.DateTimeField(default=timezone.now)
    # When the application entered `from_stage` (the previous row's `changed_at`; empty on
    # the first row), copied onto the row as it is written, so that how long a stay lasted
    # is read off one row: analytics reads a period's rows without joining each to its
    # predecessor, which at 100,000 applications was a third of the page's time.
    from_stage_entered_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Why a rejection happened, from the company's list: a protected foreign key,
    # so a reason in use can't be deleted and a renamed label reads the same
    # everywhere; the free text stays in `note`.
    reason = models.ForeignKey(RejectionReason, on_delete=models.PROTECT, null=True, blank=True, related_name="history")
    note = limited_text(workflow.NOTE_MAX_LENGTH, blank=True)
    # Whether the move asked for the candidate's email (the courteous rejection
    # can be unticked): kept on the row, so the outbox renders the same choice
    # however often it runs.
    notify_candidate = models.BooleanField(default=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name_plural = "application histories"
        # An application's rows in order (its timeline), and the rows of a period: every
        # move in it, or the moves into one stage (hires, rejections) — for analytics.
        indexes = [
            models.Index(fields=["application", "changed_at"], name="history_application_time"),
            models.Index(fields=["changed_at"], name="history_time"),
            models.Index(fields=["to_stage", "changed_at"], name="history_to_stage_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(to_stage__in=Stage.values), name="history_to_stage_valid"),
            models.CheckConstraint(condition=Q(from_stage__in=["", *Stage.values]), name="history_from_stage_valid"),
            models.CheckConstraint(condition=~Q(from_stage=models.F("to_stage")), name="history_stage_changes"),
            # Stages only ever move forward, so an application leaves each stage
            # at most once: the database itself refuses a second move from the
            # same stage, whatever races above it.
            models.UniqueConstraint(fields=["application", "from_stage"], name="history_unique_from_stage"),
            models.UniqueConstraint(fields=["application", "to_stage"], name="history_unique_to_stage"),
            # A rejection always says why; no other move carries a reason.
            models.CheckConstraint(
                condition=Q(to_stage="Rejected", reason__isnull=False)
                | (~Q(to_stage="Rejected") & Q(reason__isnull=True)),
                name="history_reason_with_rejection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("Application history is append-only; rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Application history is append-only; rows cannot be deleted.")


class OutboxEmail(models.Model):
    """One email, written in the same transaction as the change that causes it
    and sent by the worker after the commit (the transactional outbox).

    The row is the truth: the broker only carries its id, so a lost task, a
    dead broker or a crashed worker delays an email but never loses it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField(max_length=254)
    subject = models.TextField()
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    # Deterministic per event and recipient ("stage_changed:<history id>:<user id>"):
    # asking twice for the same message stores, and so sends, it once.
    dedupe_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # The last email to an address being erased (the account deletion's confirmation): the
    # address, subject and bodies are blanked once it is sent or given up on (ats.outbox).
    erase_after_send = models.BooleanField(default=False)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outbox email"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending", "sent", "failed"]), name="outbox_email_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class OutboxAttachment(models.Model):
    """A file sent with an outbox email (a calendar invitation): stored with the
    message, so every attempt sends the same bytes."""

    email = models.ForeignKey(OutboxEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    # The full MIME type with its parameters, e.g. "text/calendar; method=REQUEST".
    mimetype = models.CharField(max_length=200)
    content = models.BinaryField()

    class Meta:
        ordering = ["email", "id"]

    def __str__(self) -> str:
        return self.filename


# The hiring team's workspace ------------------------------------------------------


class Invitation(models.Model):
    """An invitation for `email` to join `company` with `role`.

    Only a SHA-256 hash of the token is stored: the link in the email is the
    one copy of the secret, so a leaked database cannot be turned into accounts.
    """

    TEAM_ROLES = (User.Role.RECRUITER, User.Role.HIRING_MANAGER)

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=[(role.value, role.label) for role in TEAM_ROLES])
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="accepted_invitation"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=["recruiter", "hiring_manager"]), name="invitation_role_team"),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_accepted_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.company} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ApplicationNote(models.Model):
    """A note from the hiring team on an application; never shown to the candidate."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="application_notes")
    body = limited_text(TEAM_NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="application_note_not_empty")]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.application_id}"


# Interviews and scorecards ----------------------------------------------------------------


class ScorecardCriterion(models.Model):
    """One thing a job's interviewers rate (1 to 4) on every scorecard, e.g. "Communication"."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="scorecard_criteria")
    name = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["job", "position", "id"]
        verbose_name_plural = "scorecard criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["job", "name"],
                name="scorecard_criterion_unique_name",
                violation_error_message="This job already has a criterion with that name.",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="scorecard_criterion_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    """A conversation between the candidate and one or more of the team.

    Either scheduled (a time) or offered (slots for the candidate to pick from,
    no time yet), or cancelled. `uid` names it in every calendar for good;
    `sequence` goes up with each reschedule and the cancellation, so calendars
    replace the event they hold. `reminded_sequence` is the schedule the
    24-hour reminder went out for: a reschedule re-arms it.
    """

    Status = workflow.InterviewStatus

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    # Minutes; the length of the offered slots too, before one is picked.
    duration = models.PositiveIntegerField()
    location = models.CharField(max_length=300, blank=True, help_text="A room or an address.")
    video_link = models.URLField(max_length=500, blank=True)
    interviewers = models.ManyToManyField(User, related_name="interviews")
    organizer = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="interviews_organized")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    reminded_sequence = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["application", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["offered", "scheduled", "cancelled"]), name="interview_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(starts_at__isnull=False, ends_at__isnull=False),
                name="interview_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="interview_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(duration__gte=workflow.INTERVIEW_MIN_MINUTES, duration__lte=workflow.INTERVIEW_MAX_MINUTES),
                name="interview_duration_range",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="interview_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.title} with {self.application.candidate_name}"

    @property
    def is_upcoming(self) -> bool:
        return self.status == self.Status.SCHEDULED and self.ends_at is not None and self.ends_at > timezone.now()


class InterviewSlot(models.Model):
    """One time offered to the candidate for an interview; picking it books the interview."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "starts_at"], name="interview_slot_unique_time"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="interview_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} for {self.interview_id}"


class Scorecard(models.Model):
    """One person's verdict on an application: after an interview they were on, or
    without one (a general review, which is also what the earlier 1-5 feedback
    became). The overall recommendation and each criterion use workflow.Rating."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scorecards")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, null=True, blank=True, related_name="scorecards")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="scorecards")
    recommendation = models.PositiveSmallIntegerField(choices=workflow.Rating.choices)
    notes = limited_text(workflow.SCORECARD_NOTES_MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__gte=1, recommendation__lte=4), name="scorecard_recommendation_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["interview", "author"],
                condition=Q(interview__isnull=False),
                name="scorecard_one_per_interviewer",
                violation_error_message="You have already submitted a scorecard for this interview.",
            ),
            models.UniqueConstraint(
                fields=["application", "author"],
                condition=Q(interview__isnull=True),
                name="scorecard_one_general_review",
                violation_error_message="You have already reviewed this application.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_recommendation_display()} by {self.author} on {self.application_id}"

    @property
    def is_general_review(self) -> bool:
        return self.interview_id is None


class ScorecardRating(models.Model):
    """One criterion's rating on a scorecard. The criterion's name is copied, so a
    scorecard reads the same after the job's criteria change."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(
        ScorecardCriterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="ratings"
    )
    criterion_name = models.CharField(max_length=100)
    rating = models.PositiveSmallIntegerField(choices=workflow.Rating.choices)
    note = limited_text(workflow.SCORECARD_NOTES_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["scorecard", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="scorecard_rating_1_to_4"),
            models.UniqueConstraint(fields=["scorecard", "criterion_name"], name="scorecard_rating_unique_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_name}: {self.get_rating_display()}"


class BulkAction(models.Model):
    """One action a team member applied to many applications at once (moving,
    rejecting, tagging). Each application is a row with its own outcome, written
    in the same transaction as its change: a retried run picks up the rows still
    pending and never applies one twice. `token` comes from the form, so
    submitting the same form twice starts one action.
    """

    class Kind(models.TextChoices):
        ADVANCE = "advance", "Move to the next stage"
        REJECT = "reject", "Reject"
        TAG_ADD = "tag_add", "Add a tag"
        TAG_REMOVE = "tag_remove", "Remove a tag"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"

    token = models.UUIDField(unique=True)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="bulk_actions")
    actor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="bulk_actions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # A rejection's reason, note and email choice; a tag action's tag.
    reason = models.ForeignKey(RejectionReason, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = limited_text(workflow.NOTE_MAX_LENGTH, blank=True)
    notify_candidate = models.BooleanField(default=True)
    tag = models.ForeignKey(Tag, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["advance", "reject", "tag_add", "tag_remove"]), name="bulk_action_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "running", "done"]), name="bulk_action_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.total} applications)"


class BulkActionRow(models.Model):
    """One application of a bulk action and what happened to it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        UNCHANGED = "unchanged", "Unchanged"
        REFUSED = "refused", "Refused"

    bulk_action = models.ForeignKey(BulkAction, on_delete=models.CASCADE, related_name="rows")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    # Why a row was refused or left unchanged, in words the summary groups by.
    message = models.CharField(max_length=300, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["bulk_action", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bulk_action", "application"], name="bulk_action_row_unique"),
            models.CheckConstraint(
                condition=Q(outcome__in=["pending", "done", "unchanged", "refused"]),
                name="bulk_action_row_outcome_valid",
            ),
        ]
        indexes = [models.Index(fields=["bulk_action", "outcome"])]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.get_outcome_display()}"


def data_export_upload_to(instance: "DataExport", filename: str) -> str:
    # A random name: nobody can guess another person's export.
    return f"exports/{uuid.uuid4().hex}.zip"


class DataExport(models.Model):
    """A zip of everything held about `user` (ats.services.privacy), built by a task
    and downloadable by its owner only until `expires_at`, after which an hourly
    task deletes the file and the row."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    # Default storage (S3 in production): served only through the owner's download view.
    file = models.FileField(upload_to=data_export_upload_to, blank=True)
    # Why a build failed, in words the person can read.
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "building", "ready", "failed"]), name="data_export_status_valid"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="data_export_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"Data export of {self.user} ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.BUILDING)
