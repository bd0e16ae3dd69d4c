import re
import uuid
import zoneinfo
from functools import cache
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ats import workflow
from ats.workflow import Stage


class Company(models.Model):
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


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

    class Meta:
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

    @property
    def display_name(self) -> str:
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
    description = models.TextField()
    location = models.CharField(max_length=200, blank=True)
    employment_type = models.CharField(max_length=20, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    hiring_managers = models.ManyToManyField(User, blank=True, related_name="assigned_jobs")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"]), models.Index(fields=["company", "status"])]
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

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


def resume_upload_to(instance: "Application", filename: str) -> str:
    # A random name: the candidate's file name never reaches the disk or a URL.
    return f"resumes/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Application(models.Model):
    # The seed README names this attribute; the table itself lives in workflow.py.
    VALID_TRANSITIONS = workflow.TRANSITIONS

    candidate = models.ForeignKey(User, on_delete=models.PROTECT, related_name="applications")
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    resume = models.FileField(upload_to=resume_upload_to, blank=True)
    cover_letter = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["job", "stage", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "job"],
                name="application_unique_candidate_job",
                violation_error_message="This candidate has already applied to this job.",
            ),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="application_stage_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job.title}"


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
    # Why a rejection happened, from the company's list: a protected foreign key,
    # so a reason in use can't be deleted and a renamed label reads the same
    # everywhere; the free text stays in `note`.
    reason = models.ForeignKey(RejectionReason, on_delete=models.PROTECT, null=True, blank=True, related_name="history")
    note = models.TextField(blank=True)
    # Whether the move asked for the candidate's email (the courteous rejection
    # can be unticked): kept on the row, so the outbox renders the same choice
    # however often it runs.
    notify_candidate = models.BooleanField(default=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name_plural = "application histories"
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
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="application_note_not_empty")]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.application_id}"


class Feedback(models.Model):
    """One reviewer's rating (1 to 5) and comment on an application; the team sees the average."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    reviewer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="feedback_given")
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="feedback_unique_per_reviewer",
                violation_error_message="You have already left feedback on this application.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 by {self.reviewer} on {self.application_id}"
