"""Each company's rejection reasons."""

from django.db.models import QuerySet

from ats.models import (
    ApplicationHistory,
    RejectionReason,
    User,
)
from ats.predicates import role_of


def rejection_reasons_of_company(company_id: int, *, active_only: bool = False) -> QuerySet[RejectionReason]:
    """The company's reasons in their order; only those offered for a new rejection with `active_only`."""
    reasons = RejectionReason.objects.filter(company_id=company_id)
    if active_only:
        reasons = reasons.filter(active=True)
    return reasons.order_by("position", "id")


def rejection_reasons_visible_to(user) -> QuerySet[RejectionReason]:
    """The reasons of the user's company, for its team (managing them is the rules' business)."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return RejectionReason.objects.none()
    return rejection_reasons_of_company(user.company_id)


def rejection_reasons_in_use(company_id: int) -> set[int]:
    """Ids of the company's reasons that some history row records (those are deactivated, never deleted)."""
    return set(
        ApplicationHistory.objects.filter(reason__company_id=company_id).values_list("reason_id", flat=True).distinct()
    )
