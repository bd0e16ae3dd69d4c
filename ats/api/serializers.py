"""Shapes of the API's requests and responses. Validation of types and sizes
lives here; every rule of the domain stays in the services, the workflow and
the permissions, which the views call."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import has_verified_email
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from ats import workflow
from ats.adapters import must_confirm_email
from ats.models import Application, ApplicationHistory, Job
from ats.selectors.jobs import jobs_visible_to
from ats.workflow import Stage


class VerifiedTokenObtainPairSerializer(TokenObtainPairSerializer):
    """A JWT pair only for those the login form would let in.

    The password is checked through allauth's adapter, so failed attempts count
    against the same per-account limit as the login form's (the API is no way
    around it), and with mandatory email verification the address must be
    confirmed first.
    """

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
        refresh = self.get_token(self.user)
        assert isinstance(refresh, RefreshToken)  # TokenObtainPairSerializer's token_class
        return {"refresh": str(refresh), "access": str(refresh.access_token)}


class TokenPairSerializer(serializers.Serializer):
    """The answer of /api/token/ and /api/token/refresh/."""

    access = serializers.CharField(help_text="Send as `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Trade for a new pair at /api/token/refresh/.")


@extend_schema_field({"type": "string", "enum": Stage.values})
class StageField(serializers.CharField):
    """A stage name. The services refuse an unknown one with a message listing the stages."""


# Jobs -------------------------------------------------------------------------


class JobSerializer(serializers.ModelSerializer):
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


class JobCreateSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=workflow.JOB_INITIAL_STATUSES,
        default=Job.Status.DRAFT,
        help_text="`draft` (the default) or `open` to publish at once.",
        error_messages={"invalid_choice": "A new job is either draft or open, not “{input}”."},
    )

    class Meta:
        model = Job
        fields = ["title", "description", "location", "employment_type", "status"]


class JobUpdateSerializer(serializers.ModelSerializer):
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


class ApplicationSerializer(serializers.ModelSerializer):
    job_title = serializers.CharField(source="job.title", read_only=True)
    company_name = serializers.CharField(source="job.company.name", read_only=True)
    candidate_name = serializers.CharField(
        source="candidate.display_name", read_only=True, help_text="First and last name (the username if none)."
    )
    candidate_first_name = serializers.CharField(source="candidate.first_name", read_only=True)
    candidate_last_name = serializers.CharField(source="candidate.last_name", read_only=True)
    resume_url = serializers.SerializerMethodField()
    allowed_stages = serializers.SerializerMethodField(help_text="The stages this application may move to next.")

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

    @extend_schema_field({"type": "array", "items": {"type": "string", "enum": Stage.values}})
    def get_allowed_stages(self, application: Application) -> list[str]:
        return [stage.value for stage in workflow.allowed_targets(application.stage)]


@extend_schema_field(OpenApiTypes.INT)
class VisibleJobField(serializers.PrimaryKeyRelatedField):
    """A job id, looked up among the jobs the requesting user may see."""

    default_error_messages = {"does_not_exist": "There is no job with id {pk_value}."}

    def get_queryset(self):
        return jobs_visible_to(self.context["request"].user)


class ApplySerializer(serializers.Serializer):
    job = VisibleJobField(help_text="The id of an open job.")
    cover_letter = serializers.CharField(required=False, default="", allow_blank=True, max_length=10_000)


class ApplyWithResumeSerializer(ApplySerializer):
    resume = serializers.FileField(
        required=False, help_text="Optional: a PDF or Word (.docx) document of at most 5 MB."
    )


class ChangeStageSerializer(serializers.Serializer):
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
        help_text="Optional free text, kept in the history for the team.",
    )
    notify_candidate = serializers.BooleanField(
        required=False,
        default=True,
        help_text="Whether the candidate gets the stage email (for a rejection, the courteous no). Default true.",
    )


# History ----------------------------------------------------------------------


REASON_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
    "required": ["code", "label"],
}


class HistorySerializer(serializers.ModelSerializer):
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
        # Asked once per response: the rows are already scoped to what the user
        # may see, so the question is only whether the user is on a hiring team.
        if "shows_team_details" not in self.context:
            self.context["shows_team_details"] = self.context["request"].user.has_perm("ats.view_application_notes")
        return self.context["shows_team_details"]


# Errors -------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, and what to do about it.")
