"""The JSON API: thin views over the selectors (what a user may see), the
rules (what they may do) and the services (every write)."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from ats import audit, workflow
from ats.api.filters import ApplicationFilter, HistoryFilter, InterviewFilter, JobFilter
from ats.api.parsers import JSONParser
from ats.api.permissions import RulesPermission, RulesViewMixin
from ats.api.serializers import (
    AnalyticsReportSerializer,
    ApplicationSerializer,
    ApplySerializer,
    ApplyWithResumeSerializer,
    AuditTrailSerializer,
    ChangeStageSerializer,
    ErrorSerializer,
    HistorySerializer,
    InterviewRescheduleSerializer,
    InterviewScheduleSerializer,
    InterviewSerializer,
    InterviewSlotPickSerializer,
    JobCreateSerializer,
    JobSerializer,
    JobUpdateSerializer,
    ScorecardListQuerySerializer,
    ScorecardSerializer,
    ScorecardSubmitSerializer,
    TokenPairSerializer,
    VerifiedTokenObtainPairSerializer,
)
from ats.forms.analytics import AnalyticsFilterForm
from ats.middleware import time_zone_of
from ats.models import SOURCE_API, Application, Interview, InterviewSlot, Job, Scorecard, ScorecardCriterion, User
from ats.predicates import role_of
from ats.selectors.analytics import AnalyticsScope, analytics_jobs, analytics_report
from ats.selectors.applications import applications_visible_to, history_visible_to
from ats.selectors.audit import application_audit_trail
from ats.selectors.interviews import interviewers_of_company, interviews_visible_to, scorecards_visible_to
from ats.selectors.jobs import jobs_visible_to
from ats.selectors.tags import tags_visible_to
from ats.services.applications import application_change_stage, application_create
from ats.services.interviews import (
    interview_cancel,
    interview_reschedule,
    interview_schedule,
    interview_slot_pick,
    interview_slots_offer,
    scorecard_submit,
)
from ats.services.jobs import job_create, job_update
from ats.views.lookups import (
    get_application_for_user,
    get_company_for_user,
    get_interview_for_user,
    get_job_analytics_for_user,
    get_job_for_user,
)

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
    _serializer_class = "ats.api.serializers.CurrentPasswordTokenRefreshSerializer"


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
        "audit": ("ats.view_application_audit_trail", "Only recruiters of this company see the audit trail."),
    }
    filterset_class = ApplicationFilter
    ordering_fields = ["created_at", "updated_at", "stage_changed_at"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return applications_visible_to(self.request.user).prefetch_related(
            Prefetch("tags", queryset=tags_visible_to(self.request.user))
        )

    def get_object(self) -> Application:
        rule = self.rule_for_action("ats.view_application")
        return get_application_for_user(self.request.user, int(self.kwargs["pk"]), **rule)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        application = self.get_object()
        if application.candidate_id != request.user.pk:
            # The team's reads are the audit log's; a candidate reading their own is not.
            audit.record_view(application, actor=account(request))
        return Response(self.get_serializer(application).data)

    def get_serializer_class(self):
        return {"apply": ApplyWithResumeSerializer, "change_stage": ChangeStageSerializer}.get(
            self.action, ApplicationSerializer
        )

    @extend_schema(
        summary="Apply to a job (candidates)",
        description="JSON, or multipart form data with an optional `resume` file. "
        'Send `"accept_privacy_notice": true` once the candidate has read the privacy notice (`/privacy/`): '
        "without it the application is refused (400).",
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
            candidate=account(request),
            job=data["job"],
            resume=data.get("resume"),
            cover_letter=data["cover_letter"],
            source=SOURCE_API,
            privacy_notice_accepted=data["accept_privacy_notice"],
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

    @extend_schema(
        summary="An application's audit trail (recruiters)",
        description="Who viewed, downloaded the resume of, moved, rejected or exported this application, when and "
        "from which address: the newest entries (as on the application's page) and how many there are.",
        responses={200: AuditTrailSerializer, **errors(401, 403, 404)},
    )
    @action(detail=True, methods=["get"])
    def audit(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        return Response(AuditTrailSerializer(application_audit_trail(application)).data)


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


# Interviews ----------------------------------------------------------------------------


def interviewers_by_id(application: Application, ids: list[int]) -> list[User]:
    """The interviewers `ids` name, looked up among the application's company's
    active recruiters and hiring managers only: anyone else's id is unknown here."""
    company = application.job.company
    found = {user.pk: user for user in interviewers_of_company(company.pk).filter(pk__in=ids)}
    unknown = [str(pk) for pk in dict.fromkeys(ids) if pk not in found]
    if unknown:
        which = f"id {unknown[0]}" if len(unknown) == 1 else f"ids {', '.join(unknown[:-1])} and {unknown[-1]}"
        raise ValidationError(
            {"interviewers": [f"{company.name} has no active recruiter or hiring manager with {which}."]}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


INTERVIEW_CHANGE_DENIED = (
    "Only recruiters of this company, or hiring managers assigned to this job, can change its interviews."
)


@extend_schema_view(
    list=extend_schema(
        summary="List interviews",
        description="The interviews of the applications you may see (a candidate's own), scheduled, offered "
        "and cancelled, earliest first; filter with `application` and `status`.",
        responses={200: InterviewSerializer(many=True), **errors(400, 401, 404)},
    ),
)
class InterviewViewSet(RulesViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulesPermission]
    serializer_class = InterviewSerializer
    rules = {
        "create": (
            "ats.schedule_interview",
            "Only recruiters of this company, or hiring managers assigned to this job, can schedule its interviews.",
        ),
        "reschedule": ("ats.change_interview", INTERVIEW_CHANGE_DENIED),
        "cancel": ("ats.change_interview", INTERVIEW_CHANGE_DENIED),
        "pick": ("ats.pick_interview_slot", "Only the candidate the times were offered to can pick one."),
    }
    filterset_class = InterviewFilter
    ordering_fields = ["starts_at", "created_at"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (
            interviews_visible_to(self.request.user)
            .select_related("organizer", "application__job")
            .prefetch_related(
                Prefetch("interviewers", queryset=User.objects.order_by("last_name", "first_name", "pk")),
                Prefetch("slots", queryset=InterviewSlot.objects.order_by("starts_at", "pk")),
                Prefetch(
                    "application__job__scorecard_criteria",
                    queryset=ScorecardCriterion.objects.order_by("position", "pk"),
                ),
            )
        )

    def get_object(self) -> Interview:
        rule = self.rule_for_action("ats.change_interview")
        return get_interview_for_user(self.request.user, int(self.kwargs["pk"]), **rule)

    def get_serializer_class(self):
        return {
            "create": InterviewScheduleSerializer,
            "reschedule": InterviewRescheduleSerializer,
            "pick": InterviewSlotPickSerializer,
        }.get(self.action, InterviewSerializer)

    def answer(self, interview: Interview, code: int = status.HTTP_200_OK) -> Response:
        # Read back through the list's queryset: the same people and slots, in the same order.
        interview = self.get_queryset().get(pk=interview.pk)
        return Response(InterviewSerializer(interview, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        summary="Schedule an interview, or offer times to pick from",
        description="Recruiters of the company, and hiring managers assigned to the job, for an application in "
        "Screening, Interview or Offer. With `starts_at` the interview is booked and everyone gets the calendar "
        "invitation; with `slots` (2 to 10 times) the candidate is emailed to pick one. An interviewer already in "
        "an overlapping interview, a time that has passed, a duration outside 5 minutes to 8 hours: a 400 "
        "saying so, and nothing is stored.",
        request=InterviewScheduleSerializer,
        responses={201: InterviewSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        application = get_application_for_user(
            request.user, data.pop("application"), **self.rule_for_action("ats.schedule_interview")
        )
        data["interviewers"] = interviewers_by_id(application, data["interviewers"])
        if "slots" in data:
            interview = interview_slots_offer(application=application, organizer=account(request), **data)
        else:
            interview = interview_schedule(application=application, organizer=account(request), **data)
        return self.answer(interview, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Reschedule an interview",
        description="Recruiters of the company, and hiring managers assigned to the job. Moves a scheduled "
        "interview to `starts_at`; `duration`, `interviewers`, `title`, `location` and `video_link` change only "
        "when sent. Everyone gets the calendar update, an interviewer taken off it a cancellation. An offered, "
        "cancelled or past interview is a 400.",
        request=InterviewRescheduleSerializer,
        responses={200: InterviewSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, pk: str) -> Response:
        interview = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "interviewers" in data:
            data["interviewers"] = interviewers_by_id(interview.application, data["interviewers"])
        interview = interview_reschedule(interview=interview, actor=account(request), **data)
        return self.answer(interview)

    @extend_schema(
        summary="Cancel an interview, or withdraw an offer of times",
        description="Recruiters of the company, and hiring managers assigned to the job. Everyone gets the "
        "calendar's cancellation (the candidate a note, for an offer). An interview already cancelled or over "
        "is a 400.",
        request=None,
        responses={200: InterviewSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        interview = interview_cancel(interview=self.get_object(), actor=account(request))
        return self.answer(interview)

    @extend_schema(
        summary="Pick one of the offered times (the candidate)",
        description="Books the interview at the slot's time; the other times lapse and everyone gets the "
        "calendar invitation. First come, first served: a time that has passed, or at which an interviewer "
        "has been booked since, or an offer already booked or withdrawn, is a 400.",
        request=InterviewSlotPickSerializer,
        responses={200: InterviewSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def pick(self, request: Request, pk: str) -> Response:
        interview = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        slot_id = serializer.validated_data["slot"]
        slot = interview.slots.filter(pk=slot_id).first()
        if slot is None:
            raise ValidationError({"slot": [f"This interview offers no time with id {slot_id}."]})
        interview = interview_slot_pick(slot=slot, candidate=account(request))
        return self.answer(interview)


# Scorecards ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List an application's scorecards (the hiring team)",
        description="One application at a time (`?application=` is required). Recruiters read all of them; "
        "anyone else on the team reads their own, and everyone's once they have submitted one on this "
        "application. Candidates never see scorecards.",
        parameters=[
            OpenApiParameter(
                "application", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True, description="The application."
            )
        ],
        responses={200: ScorecardSerializer(many=True), **errors(400, 401, 403, 404)},
    ),
)
class ScorecardViewSet(RulesViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulesPermission]
    serializer_class = ScorecardSerializer
    # The model for the schema, which must not call get_queryset (it needs ?application=).
    queryset = Scorecard.objects.none()
    # The door is the hiring team (a candidate is refused here, whatever the application);
    # the application or interview is then asked its own permission. `ats.view_scorecards`
    # asked without an object would shut out every hiring manager while
    # ATS_HIRING_MANAGERS_SEE_ALL is off, assigned or not.
    rules = {
        "list": ("ats.view_workspace", "Scorecards are the hiring team's: candidates don't see them."),
        "create": ("ats.view_workspace", "Only the hiring team submits scorecards."),
    }
    ordering_fields = ["submitted_at"]

    def get_queryset(self):
        query = ScorecardListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        application = get_application_for_user(
            self.request.user, query.validated_data["application"], perm="ats.view_scorecards"
        )
        return scorecards_visible_to(self.request.user, application)

    def get_serializer_class(self):
        return ScorecardSubmitSerializer if self.action == "create" else ScorecardSerializer

    @extend_schema(
        summary="Submit a scorecard",
        description="With `interview`: the scorecard of an interview you were on, once it has started; every "
        "one of the job's criteria rated 1 to 4 in `ratings`. With `application` instead: a general review "
        "(the overall recommendation and notes). Once per person and interview (or application, for a review); "
        "scorecards are not edited. A missing or out-of-scale rating, a second scorecard: a 400, nothing stored.",
        request=ScorecardSubmitSerializer,
        responses={201: ScorecardSerializer, **errors(400, 401, 403, 404)},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = account(request)
        target: dict = {}
        if "interview" in data:
            target["interview"] = get_interview_for_user(
                user,
                data["interview"],
                perm="ats.submit_scorecard",
                denied="Only the interviewers of this interview can submit its scorecard.",
            )
        else:
            target["application"] = get_application_for_user(user, data["application"], perm="ats.review_application")
        scorecard = scorecard_submit(
            author=user,
            recommendation=data["recommendation"],
            notes=data["notes"],
            ratings={rating["criterion"]: rating["rating"] for rating in data["ratings"]},
            rating_notes={rating["criterion"]: rating["note"] for rating in data["ratings"]},
            **target,
        )
        scorecard = Scorecard.objects.select_related("author").prefetch_related("ratings").get(pk=scorecard.pk)
        return Response(
            ScorecardSerializer(scorecard, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


# Analytics -----------------------------------------------------------------------------

ANALYTICS_PERIOD = [
    OpenApiParameter(
        "start",
        OpenApiTypes.DATE,
        OpenApiParameter.QUERY,
        description="The first day counted (YYYY-MM-DD); 90 days before `end` when left out.",
    ),
    OpenApiParameter(
        "end",
        OpenApiTypes.DATE,
        OpenApiParameter.QUERY,
        description="The last day counted, included (YYYY-MM-DD); today when left out. At most three years "
        "after `start`.",
    ),
]
ANALYTICS_SOURCE = OpenApiParameter(
    "source",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="Only the applications from this source, normalised as at apply (`LinkedIn` counts `linkedin`).",
)
ANALYTICS_JOB = OpenApiParameter(
    "job", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Only the applications to this job of the company."
)
ANALYTICS_RULES = (
    "Every figure is the Analytics page's (and its CSV's), under the same rules: days are counted in your "
    "profile's time zone, dates are ISO (YYYY-MM-DD), and a row's values are keyed by its table's columns. "
    "A bad parameter is a 400 naming it (a date that isn't YYYY-MM-DD, an end before the start, a period "
    "over three years, a job not of your company)."
)
ANALYTICS_EXAMPLE = OpenApiExample(
    "A month at one job",
    description="One table shown: the answer has every table.",
    value={
        "period": {"start": "2026-03-01", "end": "2026-03-31"},
        "scope": {"job": 1, "source": ""},
        "summary": {
            "applications": 6,
            "hires": 1,
            "median_days_to_hire": 20.0,
            "scorecards_due": 2,
            "scorecards_submitted": 1,
        },
        "tables": {
            "hires_per_month": {
                "title": "Hires per month",
                "columns": [
                    {"key": "month", "label": "Month", "kind": "month"},
                    {"key": "hires", "label": "Hires", "kind": "count"},
                ],
                "rows": [{"month": "2026-03-01", "hires": 1}],
            }
        },
    },
)
HIRING_MANAGER_COMPANY_ANALYTICS = (
    "The company's analytics are its recruiters': ask for a job you are assigned to at /api/jobs/{id}/analytics/."
)


def analytics_response(request: Request, *, company_id: int, job: Job | None) -> Response:
    """The report the query asks for (the page's filter form, without its fallbacks:
    anything refused is a 400 by field), for the company or for `job`."""
    # Days are counted in the user's own zone, as on the page (the API's token
    # authentication comes after the middleware that would set it).
    with timezone.override(time_zone_of(account(request))):
        jobs = None if job else list(analytics_jobs(company_id).values_list("pk", "title"))
        # `sources` only fills the page's drop-down; any source may be asked for.
        form = AnalyticsFilterForm(request.query_params, jobs=jobs, sources=[])
        if not form.is_valid():
            messages = form.errors.get_json_data()
            raise ValidationError({field: [error["message"] for error in errors] for field, errors in messages.items()})
        data = form.cleaned_data
        scope = AnalyticsScope(company_id=company_id, job_id=job.pk if job else data.get("job"), source=data["source"])
        report = analytics_report(period=data["period"], scope=scope)
    return Response(AnalyticsReportSerializer(report).data)


class CompanyAnalyticsView(APIView):
    @extend_schema(
        summary="The company's hiring analytics (recruiters)",
        description="Funnel, time in stage, time to hire, volumes, sources, rejection reasons and interviews for "
        "your company, or one of its jobs with `job`. Hiring managers get 403 and ask for a job they are "
        f"assigned to at /api/jobs/{{id}}/analytics/. {ANALYTICS_RULES}",
        parameters=[*ANALYTICS_PERIOD, ANALYTICS_JOB, ANALYTICS_SOURCE],
        responses={200: AnalyticsReportSerializer, **errors(400, 401, 403)},
        examples=[ANALYTICS_EXAMPLE],
        tags=["analytics"],
    )
    def get(self, request: Request) -> Response:
        user = account(request)
        company = get_company_for_user(user)
        if not user.has_perm("ats.view_company_analytics", company):
            if role_of(user) == User.Role.HIRING_MANAGER:
                raise PermissionDenied(HIRING_MANAGER_COMPANY_ANALYTICS)
            raise PermissionDenied("Only the company's recruiters see its analytics.")
        return analytics_response(request, company_id=company.pk, job=None)


class JobAnalyticsView(APIView):
    @extend_schema(
        summary="A job's hiring analytics (its recruiters and assigned hiring managers)",
        description=f"The company's figures, counting this job's applications only. {ANALYTICS_RULES}",
        parameters=[*ANALYTICS_PERIOD, ANALYTICS_SOURCE],
        responses={200: AnalyticsReportSerializer, **errors(400, 401, 403, 404)},
        examples=[ANALYTICS_EXAMPLE],
        tags=["analytics"],
    )
    def get(self, request: Request, pk: int) -> Response:
        job = get_job_analytics_for_user(account(request), pk)
        return analytics_response(request, company_id=job.company_id, job=job)
