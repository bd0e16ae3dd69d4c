"""Shapes of the API's requests and responses. Validation of types and sizes
lives here; every rule of the domain stays in the services, the workflow and
the permissions, which the views call."""

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import has_verified_email
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied, Throttled
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import get_md5_hash_password

from ats import workflow
from ats.adapters import must_confirm_email
from ats.forms.allauth_forms import MFAAuthenticateForm
from ats.models import (
    COVER_LETTER_MAX_LENGTH,
    Application,
    ApplicationHistory,
    Interview,
    InterviewSlot,
    Job,
    Scorecard,
    ScorecardCriterion,
    ScorecardRating,
    User,
)
from ats.privacy import PRIVACY_NOTICE_VERSION
from ats.selectors.analytics import MEASURES
from ats.selectors.jobs import jobs_visible_to
from ats.selectors.tags import sees_tags
from ats.text import validate_multi_line, validate_single_line
from ats.two_factor import API_SET_UP_MESSAGE, must_set_up_two_factor
from ats.workflow import InterviewStatus, Rating, Stage

# The database's own id range (as ats.api.filters.IdField): a larger number would reach
# a foreign key lookup, which skips Django's overflow guard, and fail there.
ID_MAX = 2**63 - 1
# How a text field that takes several lines is marked (DRF's browsable API shows it as a
# textarea; ModelSerializer marks a model's TextField so). Every other text field takes one line.
MULTI_LINE = {"base_template": "textarea.html"}
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]+")


def too_long_message(max_length: int) -> str:
    """DRF's message for a text past its limit, with the text's length, as Django's forms say it."""
    return f"Ensure this field has no more than {max_length} characters (it has %(show_value)d)."


def apply_text_rules(fields: Mapping[str, serializers.Field]) -> None:
    """Give each writable text field of `fields` (a serializer instance's own) the check of
    ats.text for its kind: several lines when marked MULTI_LINE, else one line; and a limit's
    message that says the length sent. A password keeps DRF's own checks."""
    for field in fields.values():
        if not isinstance(field, serializers.CharField) or field.read_only:
            continue
        if field.style.get("input_type") == "password":
            continue
        if field.max_length is not None:
            field.validators = [
                MaxLengthValidator(field.max_length, message=too_long_message(field.max_length))
                if isinstance(check, MaxLengthValidator)
                else check
                for check in field.validators
            ]
        validator = validate_multi_line if field.style.get("base_template") == "textarea.html" else validate_single_line
        if validator not in field.validators:
            # Ours covers NUL too, and says what to fix: one message, not two.
            kept = [check for check in field.validators if not isinstance(check, ProhibitNullCharactersValidator)]
            field.validators = [*kept, validator]


class TextRules:
    """Mixed into every serializer of ours (Serializer, ModelSerializer below, and the
    token's): its text fields follow ats.text's rules."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()  # type: ignore[misc]
        apply_text_rules(fields)
        return fields


class Serializer(TextRules, serializers.Serializer):
    """The base of our serializers (a response's shape too: a no-op there)."""


class ModelSerializer(TextRules, serializers.ModelSerializer):
    """The base of our model serializers."""


class WholeNumberField(serializers.IntegerField):
    """A whole number: a JSON integer, or a string of digits (what a multipart form
    sends). Never a fraction, a float (7.0), a number out of a double's range or a
    boolean: DRF's IntegerField takes 7.0 and "7.0" as 7."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        if isinstance(data, str) and not _WHOLE_NUMBER.fullmatch(data.strip()):
            self.fail("invalid")
        return super().to_internal_value(data)


class IdField(WholeNumberField):
    """An object's id: a whole number in the database's range."""

    def __init__(self, **kwargs) -> None:
        super().__init__(min_value=1, max_value=ID_MAX, **kwargs)


CODE_MISSING = "Enter the 6-digit code from your authenticator app (or one of your recovery codes) as `code`."
CODE_WRONG = "That code is not right: enter the 6-digit code your app shows now, or an unused recovery code."
CODE_TOO_MANY = "Too many wrong codes for this account. Wait a few minutes, then try again."


class VerifiedTokenObtainPairSerializer(TextRules, TokenObtainPairSerializer):
    """A JWT pair only for those the login form would let in.

    The password is checked through allauth's adapter, so failed attempts count
    against the same per-account limit as the login form's (the API is no way
    around it), and with mandatory email verification the address must be
    confirmed first. An account with two-factor on sends `code` too (checked by
    allauth's own form, so wrong codes count against the same limit as the login
    page's code prompt, and a recovery code works once); a team member whose
    company requires two-factor and who has none yet is refused (403).
    """

    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        write_only=True,
        help_text="Only for an account with two-factor on: the 6-digit code its authenticator app shows now, "
        "or one of its recovery codes (each works once).",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # simplejwt adds the username field here, after `get_fields`.
        apply_text_rules(self.fields)

    def validate(self, attrs: dict) -> dict:
        request = self.context["request"]._request
        try:
            self.user = get_adapter(request).authenticate(
                request, username=attrs[self.username_field], password=attrs["password"]
            )
        except DjangoValidationError:
            raise Throttled(
                detail="Too many failed attempts to sign in to this account. Wait a few minutes, then try again."
            ) from None
        if not jwt_settings.USER_AUTHENTICATION_RULE(self.user):
            raise AuthenticationFailed(self.error_messages["no_active_account"], "no_active_account")
        mandatory = allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY
        if mandatory and must_confirm_email(self.user) and not has_verified_email(self.user):
            raise AuthenticationFailed(
                "Confirm your email address first: follow the link in the email we sent you, then try again.",
                code="email_not_verified",
            )
        if must_set_up_two_factor(self.user):
            raise PermissionDenied(API_SET_UP_MESSAGE, code="two_factor_required")
        self._check_second_factor(attrs.get("code", ""))
        refresh = self.get_token(self.user)
        assert isinstance(refresh, RefreshToken)  # TokenObtainPairSerializer's token_class
        return {"refresh": str(refresh), "access": str(refresh.access_token)}

    def _check_second_factor(self, code: str) -> None:
        """With two-factor on (as the login page's stage decides), `code` must be one of the account's."""
        if not is_mfa_enabled(self.user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]):
            return
        if not code.strip():
            raise serializers.ValidationError({"code": [CODE_MISSING]}, code="code_required")
        form = MFAAuthenticateForm(data={"code": code.strip()}, user=self.user)
        if not form.is_valid():
            refusals = {error.code for error in form.errors.as_data().get("code", [])}
            if "too_many_login_attempts" in refusals:
                raise Throttled(detail=CODE_TOO_MANY)
            raise serializers.ValidationError({"code": [CODE_WRONG]}, code="incorrect_code")
        form.authenticator.record_usage()


class CurrentPasswordTokenRefreshSerializer(TextRules, TokenRefreshSerializer):
    """simplejwt's refresh, which checks that the account is active but not that its
    password is the one the token was issued under: an access token carries a hash of
    the password (CHECK_REVOKE_TOKEN) and stops working when it changes, but a refresh
    token from before kept returning a new pair. Here it is refused (401) once the
    password has changed, however it changed (the profile, a reset, the admin, the
    shell), and for good: each new password has a new salt, hence a new hash."""

    def validate(self, attrs: dict) -> dict:
        refresh = RefreshToken(attrs["refresh"])
        user = User.objects.filter(**{jwt_settings.USER_ID_FIELD: refresh.get(jwt_settings.USER_ID_CLAIM)}).first()
        if user is None or not jwt_settings.USER_AUTHENTICATION_RULE(user):
            raise AuthenticationFailed(self.error_messages["no_active_account"], "no_active_account")
        if refresh.get(jwt_settings.REVOKE_TOKEN_CLAIM) != get_md5_hash_password(user.password):
            raise AuthenticationFailed(
                "The password of this account has changed since this token was issued: "
                "ask /api/token/ for a new pair with the current password.",
                code="password_changed",
            )
        return super().validate(attrs)


class TokenPairSerializer(Serializer):
    """The answer of /api/token/ and /api/token/refresh/."""

    access = serializers.CharField(help_text="Send as `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Trade for a new pair at /api/token/refresh/.")


@extend_schema_field({"type": "string", "enum": Stage.values})
class StageField(serializers.CharField):
    """A stage name. The services refuse an unknown one with a message listing the stages."""


# Jobs -------------------------------------------------------------------------


class JobSerializer(ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "company",
            "company_name",
            "title",
            "description",
            "location",
            "employment_type",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class JobCreateSerializer(ModelSerializer):
    status = serializers.ChoiceField(
        choices=workflow.JOB_INITIAL_STATUSES,
        default=Job.Status.DRAFT,
        help_text="`draft` (the default) or `open` to publish at once.",
        error_messages={"invalid_choice": "A new job is either draft or open, not “{input}”."},
    )

    class Meta:
        model = Job
        fields = ["title", "description", "location", "employment_type", "status"]


class JobUpdateSerializer(ModelSerializer):
    status = serializers.ChoiceField(
        choices=workflow.JOB_TARGET_STATUSES,
        required=False,
        help_text="`open` publishes (or reopens) the job; `closed` stops it taking applications.",
        error_messages={
            "invalid_choice": "A job's status can be set to open or closed, not “{input}”; "
            "a published job never goes back to draft."
        },
    )

    class Meta:
        model = Job
        fields = ["title", "description", "location", "employment_type", "status"]
        extra_kwargs = {name: {"required": False} for name in fields}


# Applications -------------------------------------------------------------------


class ApplicationSerializer(ModelSerializer):
    job_title = serializers.CharField(source="job.title", read_only=True)
    company_name = serializers.CharField(source="job.company.name", read_only=True)
    candidate_name = serializers.CharField(
        read_only=True,
        help_text="First and last name (the username if none); “Deleted candidate” once the candidate's "
        "personal data is erased (then `candidate`, `candidate_first_name` and `candidate_last_name` are null).",
    )
    candidate_first_name = serializers.CharField(source="candidate.first_name", read_only=True, allow_null=True)
    candidate_last_name = serializers.CharField(source="candidate.last_name", read_only=True, allow_null=True)
    resume_url = serializers.SerializerMethodField()
    allowed_stages = serializers.SerializerMethodField(help_text="The stages this application may move to next.")
    tags = serializers.SerializerMethodField(
        help_text="The hiring team's tags on the application, by name; always empty for candidates."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "job",
            "job_title",
            "company_name",
            "candidate",
            "candidate_name",
            "candidate_first_name",
            "candidate_last_name",
            "stage",
            "allowed_stages",
            "stage_changed_at",
            "cover_letter",
            "resume_url",
            "source",
            "tags",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_resume_url(self, application: Application) -> str | None:
        if not application.resume:
            return None
        path = reverse("resume_download", args=[application.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_tags(self, application: Application) -> list[str]:
        request = self.context.get("request")
        if request is None or not sees_tags(request.user):
            return []
        return [tag.name for tag in application.tags.all()]

    @extend_schema_field({"type": "array", "items": {"type": "string", "enum": Stage.values}})
    def get_allowed_stages(self, application: Application) -> list[str]:
        return [stage.value for stage in workflow.allowed_targets(application.stage)]


@extend_schema_field(OpenApiTypes.INT)
class VisibleJobField(serializers.PrimaryKeyRelatedField):
    """A job id, looked up among the jobs the requesting user may see."""

    default_error_messages = {"does_not_exist": "There is no job with id {pk_value}."}

    def __init__(self, **kwargs) -> None:
        # Checked as an id first: the lookup alone would read 7.9 as job 7 and fail on 1e400.
        super().__init__(pk_field=IdField(), **kwargs)

    def get_queryset(self):
        return jobs_visible_to(self.context["request"].user)


def privacy_notice_refusal() -> str:
    return (
        f"Accept the privacy notice (version {PRIVACY_NOTICE_VERSION}, {reverse('privacy')}) "
        "by sending accept_privacy_notice: true."
    )


class ApplySerializer(Serializer):
    job = VisibleJobField(help_text="The id of an open job.")
    cover_letter = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=COVER_LETTER_MAX_LENGTH, style=MULTI_LINE
    )
    # Not `required`: a missing value gets the same message as `false`, which says what to send.
    accept_privacy_notice = serializers.BooleanField(
        required=False,
        default=False,
        help_text=f"Required, `true`: the candidate has read the privacy notice (`/privacy/`, version "
        f"{PRIVACY_NOTICE_VERSION}); its version and the time are kept with the application.",
    )

    def validate_accept_privacy_notice(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(privacy_notice_refusal())
        return value


class ApplyWithResumeSerializer(ApplySerializer):
    resume = serializers.FileField(
        required=False, help_text="Optional: a PDF or Word (.docx) document of at most 5 MB."
    )


class ChangeStageSerializer(Serializer):
    stage = StageField(help_text="The stage to move to.")
    from_stage = StageField(
        required=False,
        allow_blank=True,
        help_text="Optional: the stage you saw. If the application has moved since, the move is refused as stale.",
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=50,
        help_text="For a move to Rejected only: a reason code from the company's active list "
        "(e.g. `not_qualified`); `other` when none is given.",
    )
    note = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=workflow.NOTE_MAX_LENGTH,
        style=MULTI_LINE,
        help_text="Optional free text, kept in the history for the team.",
    )
    notify_candidate = serializers.BooleanField(
        required=False,
        default=True,
        help_text="Whether the candidate gets the stage email (for a rejection, the courteous no). Default true.",
    )


# History ----------------------------------------------------------------------


def on_hiring_team(context: dict) -> bool:
    """Whether the requesting user is on a hiring team (a recruiter or hiring manager),
    asked once per response. The rows are already scoped to what the user may see, so
    that is the whole question. Not `ats.view_application_notes` without an object:
    while ATS_HIRING_MANAGERS_SEE_ALL is off that is false for every hiring manager."""
    if "on_hiring_team" not in context:
        context["on_hiring_team"] = context["request"].user.has_perm("ats.view_workspace")
    return context["on_hiring_team"]


REASON_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
    "required": ["code", "label"],
}


class HistorySerializer(ModelSerializer):
    """A stage change. The note, who made the change and the team's reason are the
    hiring team's: a candidate gets the first two blank and, for a rejection, only
    `withdrawn` ("Withdrawn") or `not_selected` ("Not selected"), as in the
    candidate portal."""

    TEAM_ONLY_FIELDS = ("changed_by", "changed_by_name", "note")

    # Declared, not derived: a read-only model field loses `allow_blank`, and the
    # schema would then promise a stage while the first row (the application
    # itself) has none and returns "". Published as a stage or "".
    from_stage = serializers.ChoiceField(
        choices=Stage.choices, allow_blank=True, read_only=True, help_text='The stage before; "" on the first row.'
    )
    changed_by_name = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField(help_text="Why a rejection happened (null for other moves).")

    class Meta:
        model = ApplicationHistory
        fields = [
            "id",
            "application",
            "from_stage",
            "to_stage",
            "changed_by",
            "changed_by_name",
            "changed_at",
            "reason",
            "note",
        ]
        read_only_fields = fields

    def get_changed_by_name(self, history: ApplicationHistory) -> str | None:
        return history.changed_by.display_name if history.changed_by else None

    @extend_schema_field(REASON_SCHEMA)
    def get_reason(self, history: ApplicationHistory) -> dict | None:
        if history.reason is None:
            return None
        return {"code": history.reason.code, "label": history.reason.label}

    def to_representation(self, history: ApplicationHistory) -> dict:
        data = super().to_representation(history)
        if not self._shows_team_details():
            data.update(changed_by=None, changed_by_name=None, note="", reason=self._candidate_reason(history))
        return data

    @staticmethod
    def _candidate_reason(history: ApplicationHistory) -> dict | None:
        if history.reason is None:
            return None
        if history.reason.code == workflow.REASON_WITHDRAWN:
            return {"code": workflow.REASON_WITHDRAWN, "label": workflow.CANDIDATE_WITHDRAWN}
        return {"code": workflow.CANDIDATE_NOT_SELECTED_CODE, "label": workflow.CANDIDATE_NOT_SELECTED}

    def _shows_team_details(self) -> bool:
        return on_hiring_team(self.context)


# Interviews ---------------------------------------------------------------------


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 time with its UTC offset (or Z). A time without one is refused
    rather than guessed: the API answers in the site's zone, not the caller's."""

    # Far enough from datetime's limits that adding a duration or showing the time
    # in any zone (in a message, an invitation) never overflows.
    EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
    LATEST = datetime(9998, 12, 31, tzinfo=UTC)

    default_error_messages = {
        "naive": "Give the time with its UTC offset, e.g. 2030-05-14T09:30:00+02:00 or 2030-05-14T07:30:00Z.",
        "out_of_range": "Give a time between the years 1900 and 9998.",
    }

    def enforce_timezone(self, value: datetime) -> datetime:
        if timezone.is_naive(value):
            self.fail("naive")
        value = super().enforce_timezone(value)
        if not self.EARLIEST <= value <= self.LATEST:
            self.fail("out_of_range")
        return value


class PersonSerializer(Serializer):
    """Someone on the hiring team, by id and name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(
        source="display_name", read_only=True, help_text="First and last name (the username if none)."
    )


class InterviewSlotSerializer(ModelSerializer):
    class Meta:
        model = InterviewSlot
        fields = ["id", "starts_at", "ends_at"]
        read_only_fields = fields


class ScorecardCriterionSerializer(ModelSerializer):
    class Meta:
        model = ScorecardCriterion
        fields = ["id", "name"]
        read_only_fields = fields


class InterviewSerializer(ModelSerializer):
    """An interview, as its candidate and the hiring team see it. The scorecards
    are the team's, at /api/scorecards/; a candidate gets `scorecard_criteria` null."""

    organizer_name = serializers.SerializerMethodField()
    interviewers = PersonSerializer(many=True, read_only=True)
    scorecard_criteria = serializers.SerializerMethodField(
        help_text="The job's criteria, in order: each interviewer's scorecard rates every one (by id). "
        "The hiring team's: null for the candidate."
    )
    slots = serializers.SerializerMethodField(
        help_text="For an offered interview, the times the candidate may pick from (`pick` takes a slot's id); "
        "empty once scheduled or cancelled."
    )

    class Meta:
        model = Interview
        fields = [
            "id",
            "application",
            "title",
            "status",
            "starts_at",
            "ends_at",
            "duration",
            "location",
            "video_link",
            "organizer",
            "organizer_name",
            "interviewers",
            "slots",
            "sequence",
            "scorecard_criteria",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "starts_at": {"help_text": "null while the interview is offered and no time is picked yet."},
            "ends_at": {"help_text": "null while the interview is offered and no time is picked yet."},
            "duration": {"help_text": "Minutes."},
            "sequence": {"help_text": "Goes up with every reschedule and the cancellation (the calendar's SEQUENCE)."},
        }

    def get_organizer_name(self, interview: Interview) -> str | None:
        return interview.organizer.display_name if interview.organizer else None

    @extend_schema_field(InterviewSlotSerializer(many=True))
    def get_slots(self, interview: Interview) -> list[dict]:
        if interview.status != InterviewStatus.OFFERED:
            return []
        return [InterviewSlotSerializer(slot, context=self.context).data for slot in interview.slots.all()]

    @extend_schema_field(ScorecardCriterionSerializer(many=True, allow_null=True))
    def get_scorecard_criteria(self, interview: Interview) -> list[dict] | None:
        if not on_hiring_team(self.context):
            return None
        return [
            ScorecardCriterionSerializer(criterion).data
            for criterion in interview.application.job.scorecard_criteria.all()
        ]


# What scheduling, offering and rescheduling share. Lengths, the link's form and the
# duration's range are the services' to check, with their messages.
class InterviewDetailsSerializer(Serializer):
    interviewers = serializers.ListField(
        child=IdField(),
        max_length=50,
        help_text="Ids of the company's active recruiters and hiring managers.",
    )
    # Their limits are the model's, checked by the service (ats.services.interviews) with its own words.
    title = serializers.CharField(
        required=False, allow_blank=True, help_text='At most 200 characters; "Interview" when blank.'
    )
    location = serializers.CharField(required=False, allow_blank=True, help_text="A room or an address.")
    video_link = serializers.CharField(
        required=False, allow_blank=True, help_text="A full web address, such as https://meet.example.com/abc-defg."
    )


class InterviewScheduleSerializer(InterviewDetailsSerializer):
    """A time to book (`starts_at`), or times for the candidate to pick from (`slots`)."""

    application = IdField(help_text="The application's id: in Screening, Interview or Offer.")
    starts_at = AwareDateTimeField(
        required=False, help_text="Book this time. Give either `starts_at` or `slots`, not both."
    )
    slots = serializers.ListField(
        child=AwareDateTimeField(),
        required=False,
        help_text="Instead of `starts_at`: 2 to 10 start times for the candidate to pick from.",
    )
    duration = WholeNumberField(
        required=False,
        default=workflow.INTERVIEW_DEFAULT_MINUTES,
        help_text=f"Minutes, from {workflow.INTERVIEW_MIN_MINUTES} to {workflow.INTERVIEW_MAX_MINUTES}; "
        f"{workflow.INTERVIEW_DEFAULT_MINUTES} when not given.",
    )

    def validate(self, attrs: dict) -> dict:
        if ("starts_at" in attrs) == ("slots" in attrs):
            raise serializers.ValidationError(
                {
                    "starts_at": [
                        "Give either `starts_at` (to book a time) or `slots` "
                        "(2 to 10 times for the candidate to pick from), not both."
                    ]
                }
            )
        return attrs


class InterviewRescheduleSerializer(InterviewDetailsSerializer):
    """A new time; every other field, when left out, stays as it is."""

    starts_at = AwareDateTimeField(help_text="The new start.")
    duration = WholeNumberField(
        required=False,
        help_text=f"Minutes, from {workflow.INTERVIEW_MIN_MINUTES} to {workflow.INTERVIEW_MAX_MINUTES}.",
    )
    interviewers = serializers.ListField(
        child=IdField(),
        max_length=50,
        required=False,
        help_text="Replaces the interviewers: ids of the company's active recruiters and hiring managers.",
    )


class InterviewSlotPickSerializer(Serializer):
    slot = IdField(help_text="The id of one of the interview's `slots`.")


# Scorecards ---------------------------------------------------------------------


@extend_schema_field(serializers.ChoiceField(choices=Rating.choices))
class RatingField(WholeNumberField):
    """1 strong no, 2 no, 3 yes, 4 strong yes. The services refuse another value
    with a message spelling out the scale."""


class ScorecardRatingSerializer(ModelSerializer):
    criterion_name = serializers.CharField(
        read_only=True, help_text="The criterion's name when the scorecard was submitted."
    )
    rating = RatingField(read_only=True)

    class Meta:
        model = ScorecardRating
        fields = ["criterion", "criterion_name", "rating", "note"]
        read_only_fields = fields
        extra_kwargs = {"criterion": {"help_text": "null once the job no longer has this criterion."}}


class ScorecardSerializer(ModelSerializer):
    author_name = serializers.CharField(source="author.display_name", read_only=True)
    recommendation = RatingField(read_only=True, help_text="The overall recommendation.")
    recommendation_label = serializers.CharField(source="get_recommendation_display", read_only=True)
    ratings = ScorecardRatingSerializer(many=True, read_only=True)

    class Meta:
        model = Scorecard
        fields = [
            "id",
            "application",
            "interview",
            "author",
            "author_name",
            "recommendation",
            "recommendation_label",
            "notes",
            "ratings",
            "submitted_at",
        ]
        read_only_fields = fields
        extra_kwargs = {"interview": {"help_text": "null for a general review (a scorecard without an interview)."}}


class ScorecardRatingInputSerializer(Serializer):
    criterion = IdField(help_text="The id of one of the job's scorecard criteria.")
    rating = RatingField()
    note = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=workflow.SCORECARD_NOTES_MAX_LENGTH,
        style=MULTI_LINE,
    )


class ScorecardSubmitSerializer(Serializer):
    interview = IdField(
        required=False, help_text="The interview you were on (it has started). Give this or `application`."
    )
    application = IdField(
        required=False, help_text="Instead of `interview`, for a general review: a scorecard without an interview."
    )
    recommendation = RatingField(help_text="The overall recommendation: 1 strong no, 2 no, 3 yes, 4 strong yes.")
    notes = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=workflow.SCORECARD_NOTES_MAX_LENGTH,
        style=MULTI_LINE,
    )
    ratings = ScorecardRatingInputSerializer(
        many=True,
        required=False,
        help_text="For an interview's scorecard, every one of the job's criteria, once; none for a general review.",
    )

    def validate(self, attrs: dict) -> dict:
        if ("interview" in attrs) == ("application" in attrs):
            raise serializers.ValidationError(
                {"interview": ["Give `interview` for an interview's scorecard or `application` for a general review."]}
            )
        ratings = attrs.setdefault("ratings", [])
        if "application" in attrs and ratings:
            raise serializers.ValidationError(
                {"ratings": ["A general review has no criterion ratings: send the recommendation and notes only."]}
            )
        seen: set[int] = set()
        for rating in ratings:
            if rating["criterion"] in seen:
                raise serializers.ValidationError(
                    {"ratings": [f"Criterion {rating['criterion']} is rated twice: rate each criterion once."]}
                )
            seen.add(rating["criterion"])
        return attrs


class ScorecardListQuerySerializer(Serializer):
    application = IdField(
        error_messages={
            "required": "Scorecards are listed one application at a time: add ?application=<id>.",
            "invalid": "Give the application's id as a whole number: ?application=<id>.",
        }
    )


# Analytics ----------------------------------------------------------------------
# One shape for both endpoints, read off the selector's Report (ats.selectors.analytics):
# the figures are the page's and the CSV's, only written as JSON.


class AnalyticsPeriodSerializer(Serializer):
    start = serializers.DateField(help_text="The first day counted.")
    end = serializers.DateField(help_text="The last day counted (included).")


class AnalyticsScopeSerializer(Serializer):
    job = serializers.IntegerField(
        source="job_id", allow_null=True, help_text="The job counted; null for all of the company's jobs."
    )
    # A field named like Field's own attribute: the serializer's metaclass takes it out of the class.
    source = serializers.CharField(help_text="The source counted, as stored; empty for every source.")  # type: ignore[assignment]


class AnalyticsSummarySerializer(Serializer):
    applications = serializers.IntegerField(help_text="Applications made in the period.")
    hires = serializers.IntegerField(help_text="Moves into Hired in the period.")
    median_days_to_hire = serializers.FloatField(
        allow_null=True, help_text="Median days from applying to Hired, for the hires of the period; null if none."
    )
    scorecards_due = serializers.IntegerField(help_text="Scorecards due for the period's interviews that have ended.")
    scorecards_submitted = serializers.IntegerField(help_text="Of those, the scorecards submitted.")


class AnalyticsColumnSerializer(Serializer):
    key = serializers.CharField(help_text="The key of this column's value in each row.")
    label = serializers.CharField(help_text="The column's heading on the page and in the CSV.")  # type: ignore[assignment]
    kind = serializers.CharField(
        help_text="How the value reads: `text`, `count`, `days` or `percent` (one decimal, null when there is "
        "nothing to measure), `date` (a week's Monday) or `month` (its first day)."
    )


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": True},
        },
    }
)
class AnalyticsRowsField(serializers.Field):
    """A table's rows, each an object of column key to value; dates as ISO strings (YYYY-MM-DD)."""

    def to_representation(self, value: list[dict]) -> list[dict]:
        return [
            {key: cell.isoformat() if isinstance(cell, date) else cell for key, cell in row.items()} for row in value
        ]


class AnalyticsTableSerializer(Serializer):
    title = serializers.CharField()
    columns = AnalyticsColumnSerializer(many=True, help_text="The columns, in the page's order.")
    rows = AnalyticsRowsField(
        help_text="One object per row, with each column's key; empty when there is nothing to show yet."
    )


class AnalyticsReportSerializer(Serializer):
    """A report (`ats.selectors.analytics.Report`) as the API answers it."""

    period = AnalyticsPeriodSerializer()
    scope = AnalyticsScopeSerializer()
    summary = AnalyticsSummarySerializer()
    tables = serializers.DictField(
        child=AnalyticsTableSerializer(),
        help_text=f"Every measure by its key, in the page's order: {', '.join(f'`{key}`' for key in MEASURES)}.",
    )


# Errors -------------------------------------------------------------------------


class AuditEntrySerializer(Serializer):
    """One line of an application's audit trail (ats.selectors.audit.TrailRow)."""

    at = serializers.DateTimeField(read_only=True, help_text="When, in UTC.")
    event = serializers.CharField(
        read_only=True, help_text="viewed, resume_downloaded, moved, rejected, exported, erased, ..."
    )
    actor_id = serializers.IntegerField(read_only=True, allow_null=True, help_text="Who (null: the system, or gone).")
    who = serializers.CharField(read_only=True, help_text="Who, as the page words it.")
    what = serializers.CharField(read_only=True, help_text="What, as the page words it.")
    address = serializers.CharField(read_only=True, help_text='The client\'s IP address ("" when unknown).')


class AuditTrailSerializer(Serializer):
    total = serializers.IntegerField(read_only=True, help_text="How many entries there are in all.")
    entries = AuditEntrySerializer(many=True, read_only=True, source="rows", help_text="The newest, newest first.")


class ErrorSerializer(Serializer):
    detail = serializers.CharField(help_text="What went wrong, and what to do about it.")
