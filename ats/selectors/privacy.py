"""Reads for a person's own data: their exports, and what goes into one (ats.services.privacy)."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ats.models import DataExport, Interview, OutboxEmail, User
from ats.predicates import role_of


def data_exports_of(user) -> QuerySet[DataExport]:
    """The user's own exports, newest first. Nobody sees another person's, staff included."""
    if not user.is_authenticated:
        return DataExport.objects.none()
    return DataExport.objects.filter(user_id=user.pk)


def data_export_latest(user) -> DataExport | None:
    """The export the profile page shows: the newest one not yet expired."""
    now = timezone.now()
    return data_exports_of(user).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).first()


def data_export_downloadable(user, pk: int) -> DataExport | None:
    """The user's own export `pk` when it is ready and not expired; None otherwise."""
    return data_exports_of(user).filter(pk=pk, status=DataExport.Status.READY, expires_at__gt=timezone.now()).first()


def interviews_of_person(user) -> QuerySet[Interview]:
    """The interviews that are part of a person's data: a candidate's own (every
    status), or those a team member is on, in their company. Oldest first."""
    role = role_of(user)
    if role == User.Role.CANDIDATE:
        interviews = Interview.objects.filter(application__candidate_id=user.pk)
    elif role in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        interviews = Interview.objects.filter(interviewers=user, application__job__company_id=user.company_id)
    else:
        return Interview.objects.none()
    return (
        interviews.select_related("application__job__company")
        .prefetch_related(Prefetch("interviewers", queryset=User.objects.order_by("last_name", "first_name", "pk")))
        .order_by("starts_at", "pk")
    )


def emails_sent_to(user) -> QuerySet[OutboxEmail]:
    """The emails sent to the person's address, oldest first."""
    if not user.email:
        return OutboxEmail.objects.none()
    return OutboxEmail.objects.filter(to__iexact=user.email, status=OutboxEmail.Status.SENT).order_by("sent_at", "pk")
