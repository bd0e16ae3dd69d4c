"""Bulk actions and their rows, scoped to who asks."""

from django.db.models import Prefetch, QuerySet

from ats.models import Application, BulkAction, BulkActionRow, Tag, User
from ats.predicates import role_of
from ats.selectors.applications import applications_visible_to


def bulk_actions_visible_to(user) -> QuerySet[BulkAction]:
    """The bulk actions the user may follow: their own, and for a recruiter every
    one of their company's."""
    role = role_of(user)
    actions = BulkAction.objects.select_related("actor", "reason", "tag")
    if role == User.Role.RECRUITER:
        return actions.filter(company_id=user.company_id)
    if role == User.Role.HIRING_MANAGER:
        return actions.filter(company_id=user.company_id, actor=user)
    return BulkAction.objects.none()


def bulk_action_rows_not_done(bulk_action: BulkAction, *, viewer, limit: int = 100) -> list[BulkActionRow]:
    """The refused and unchanged rows whose application `viewer` may see, with the
    application, its candidate and job, in the order they were selected, for the
    result to name; the other rows are counted, never named."""
    return list(
        bulk_action.rows.filter(outcome__in=[BulkActionRow.Outcome.REFUSED, BulkActionRow.Outcome.UNCHANGED])
        .filter(application__in=applications_visible_to(viewer).values("pk"))
        .select_related("application__candidate", "application__job")
        .order_by("id")[:limit]
    )


def applications_for_export(applications: QuerySet[Application]) -> QuerySet[Application]:
    """`applications` (already scoped to the viewer) with what the CSV export writes
    of each: the candidate, the job and the tags, in a fixed number of queries."""
    # The tags in the order the list shows them.
    return applications.select_related("candidate", "job").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )
