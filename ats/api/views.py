"""The JSON API: thin views over the selectors (what a user may see), the
rules (what they may do) and the services (every write)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from ats import workflow
from ats.api.filters import ApplicationFilter, HistoryFilter, JobFilter
from ats.api.permissions import RulesPermission, RulesViewMixin
from ats.api.serializers import (
    ApplicationSerializer,
    ApplySerializer,
    ApplyWithResumeSerializer,
    ChangeStageSerializer,
    ErrorSerializer,
    HistorySerializer,
    JobCreateSerializer,
    JobSerializer,
    JobUpdateSerializer,
    TokenPairSerializer,
    VerifiedTokenObtainPairSerializer,
)
from ats.models import Application, Job, User
from ats.selectors.applications import applications_visible_to, history_visible_to
from ats.selectors.jobs import jobs_visible_to
from ats.services.applications import application_change_stage, application_create
from ats.services.jobs import job_create, job_update
from ats.views.lookups import get_application_for_user, get_company_for_user, get_job_for_user

_ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='Bad input: `{"detail": "…"}` for a refused action, `{"field": ["…"]}` for invalid fields.',
    ),
    401: OpenApiResponse(ErrorSerializer, description="No valid credentials (missing, invalid or expired token)."),
    403: OpenApiResponse(ErrorSerializer, description="Your role may not do this."),
    404: OpenApiResponse(ErrorSerializer, description="No such object among those you may see."),
    429: OpenApiResponse(ErrorSerializer, description="Too many attempts from this address; wait and retry."),
}


def account(request: Request) -> User:
    """The signed-in account: the permission classes let no anonymous request this far."""
    if not isinstance(request.user, User):
        raise NotAuthenticated()
    return request.user


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: _ERRORS[code] for code in codes}


@extend_schema_view(
    post=extend_schema(
        summary="Obtain a JWT pair",
        description="An access token (15 minutes by default) and a refresh token (1 day) from a username "
        "and password. Limited per client address, like the login form.",
        request=VerifiedTokenObtainPairSerializer,
        responses={200: TokenPairSerializer, **errors(400, 401, 429)},
    )
)
class TokenObtainView(TokenObtainPairView):
    _serializer_class = "ats.api.serializers.VerifiedTokenObtainPairSerializer"
    # allauth limits password guesses on the login form; this is the API's door to the same passwords.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


@extend_schema_view(
    post=extend_schema(
        summary="Refresh a JWT pair",
        description="A new access token and a new refresh token; the refresh token sent can't be used again.",
        responses={200: TokenPairSerializer, **errors(400, 401)},
    )
)
class TokenRefreshRotatingView(TokenRefreshView):
    pass


@extend_schema_view(
    list=extend_schema(
        summary="List jobs",
        description="Published jobs of every company, plus your own company's drafts.",
        responses={200: JobSerializer(many=True), **errors(400, 401, 404)},
    ),
    retrieve=extend_schema(summary="Get a job", responses={200: JobSerializer, **errors(401, 404)}),
    create=extend_schema(
        summary="Create a job (recruiters)",
        description="Creates a job for your company, as a draft unless `status` is `open`.",
        request=JobCreateSerializer,
        responses={201: JobSerializer, **errors(400, 401, 403)},
    ),
    partial_update=extend_schema(
        summary="Change a job (recruiters of its company)",
        description="Edit fields, and open or close the job with `status`.",
        request=JobUpdateSerializer,
        responses={200: JobSerializer, **errors(400, 401, 403, 404)},
    ),
)
class JobViewSet(
    RulesViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [RulesPermission]
    rules = {
        "retrieve": ("ats.view_job", "You may not see this job."),
        "create": ("ats.add_job", "Only recruiters can create jobs."),
        "partial_update": ("ats.change_job", "Only recruiters of this job's company can change it."),
    }
    filterset_class = JobFilter
    ordering_fields = ["created_at", "updated_at", "title"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return jobs_visible_to(self.request.user)

    def get_object(self) -> Job:
        return get_job_for_user(self.request.user, int(self.kwargs["pk"]), **self.rule_for_action("ats.view_job"))

    def get_serializer_class(self):
        return {"create": JobCreateSerializer, "partial_update": JobUpdateSerializer}.get(self.action, JobSerializer)

    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        publish = fields.pop("status") == Job.Status.OPEN
        job = job_create(company=get_company_for_user(account(request)), publish=publish, **fields)
        return Response(JobSerializer(job, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        job = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        job_update(job=job, **serializer.validated_data)
        return Response(JobSerializer(job, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(
        summary="List applications",
        description="A candidate's own applications; a company's for its recruiters and hiring managers.",
        responses={200: ApplicationSerializer(many=True), **errors(400, 401, 404)},
    ),
    retrieve=extend_schema(summary="Get an application", responses={200: ApplicationSerializer, **errors(401, 404)}),
)
class ApplicationViewSet(RulesViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulesPermission]
    serializer_class = ApplicationSerializer
    rules = {
        "retrieve": ("ats.view_application", "You may not see this application."),
        "apply": ("ats.apply_to_job", "Only candidates can apply to jobs."),
        "change_stage": (
            "ats.move_application",
            "Only recruiters of this company, or hiring managers assigned to this job, can move this application.",
        ),
    }
    filterset_class = ApplicationFilter
    ordering_fields = ["created_at", "updated_at", "stage_changed_at"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return applications_visible_to(self.request.user)

    def get_object(self) -> Application:
        rule = self.rule_for_action("ats.view_application")
        return get_application_for_user(self.request.user, int(self.kwargs["pk"]), **rule)

    def get_serializer_class(self):
        return {"apply": ApplyWithResumeSerializer, "change_stage": ChangeStageSerializer}.get(
            self.action, ApplicationSerializer
        )

    @extend_schema(
        summary="Apply to a job (candidates)",
        description="JSON, or multipart form data with an optional `resume` file.",
        request={
            "application/json": ApplySerializer,
            "multipart/form-data": ApplyWithResumeSerializer,
        },
        responses={201: ApplicationSerializer, **errors(400, 401, 403)},
    )
    @action(detail=False, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def apply(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        application = application_create(
            candidate=account(request), job=data["job"], resume=data.get("resume"), cover_letter=data["cover_letter"]
        )
        return Response(
            ApplicationSerializer(application, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Move an application to another stage",
        description="Recruiters of the company, and hiring managers assigned to the job. "
        "Moving to the current stage changes nothing. A move to Rejected takes a `reason` code from the "
        "company's active list (`other` when none is sent); an unknown or inactive code is a 400 listing the choices.",
        request=ChangeStageSerializer,
        responses={200: ApplicationSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="change-stage")
    def change_stage(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # The seed API's change-stage takes only `stage`: a rejection without a reason records `other`.
        reason = data.get("reason") or (workflow.REASON_OTHER if workflow.needs_reason(data["stage"]) else None)
        application = application_change_stage(
            application=application,
            to_stage=data["stage"],
            from_stage=data.get("from_stage") or None,
            actor=account(request),
            reason=reason,
            note=data["note"],
            notify_candidate=data["notify_candidate"],
        )
        return Response(ApplicationSerializer(application, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(
        summary="List stage histories",
        description="The stage changes of the applications you may see, oldest first; filter with `application`.",
        responses={200: HistorySerializer(many=True), **errors(400, 401, 404)},
    ),
)
class HistoryViewSet(RulesViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulesPermission]
    serializer_class = HistorySerializer
    filterset_class = HistoryFilter
    ordering_fields = ["changed_at"]

    def get_queryset(self):
        return history_visible_to(self.request.user)
