"""Each company's list of rejection reasons."""

from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.text import slugify

from ats import workflow
from ats.exceptions import (
    InvalidReason,
)
from ats.models import (
    Company,
    RejectionReason,
)

REASON_LABEL_MAX_LENGTH = RejectionReason._meta.get_field("label").max_length or 100


def rejection_reasons_ensure_defaults(*, company: Company) -> None:
    """Give `company` each default reason (workflow.DEFAULT_REJECTION_REASONS) it
    lacks; a reason it already has, renamed or not, is left alone. Safe to run twice."""
    existing = set(company.rejection_reasons.values_list("code", flat=True))
    missing = [
        RejectionReason(company=company, code=code, label=label, position=position)
        for position, (code, label) in enumerate(workflow.DEFAULT_REJECTION_REASONS)
        if code not in existing
    ]
    # Two callers at once would both insert: the unique code makes the second a no-op.
    RejectionReason.objects.bulk_create(missing, ignore_conflicts=True)


def _clean_reason_label(*, company: Company, label: str, exclude: RejectionReason | None = None) -> str:
    label = " ".join(label.split())
    if not label:
        raise InvalidReason("Give the reason a name.")
    if len(label) > REASON_LABEL_MAX_LENGTH:
        raise InvalidReason(f"A reason's name can be at most {REASON_LABEL_MAX_LENGTH} characters.")
    taken = company.rejection_reasons.filter(label__iexact=label)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise InvalidReason(f"There is already a reason called “{label}”.")
    return label


def rejection_reason_create(*, company: Company, label: str) -> RejectionReason:
    """Add a reason to the end of `company`'s list. Its code comes from the label and
    never changes. Raises InvalidReason for an empty, too long or taken name."""
    label = _clean_reason_label(company=company, label=label)
    base = slugify(label).replace("-", "_")[:40] or "reason"
    codes = set(company.rejection_reasons.values_list("code", flat=True))
    code, n = base, 2
    while code in codes or code == workflow.CANDIDATE_NOT_SELECTED_CODE:
        code, n = f"{base}_{n}", n + 1
    last = company.rejection_reasons.aggregate(last=Max("position"))["last"]
    try:
        with transaction.atomic():
            return RejectionReason.objects.create(
                company=company, code=code, label=label, position=0 if last is None else last + 1
            )
    except IntegrityError:
        raise InvalidReason(f"A reason like “{label}” was added a moment ago.") from None


def rejection_reason_rename(*, reason: RejectionReason, label: str) -> RejectionReason:
    """Change the reason's label (its code stays). Raises InvalidReason for an empty, too long or taken name."""
    reason.label = _clean_reason_label(company=reason.company, label=label, exclude=reason)
    reason.save(update_fields=["label"])
    return reason


def rejection_reason_set_active(*, reason: RejectionReason, active: bool) -> RejectionReason:
    """Offer the reason again, or stop offering it (history keeps it either way).
    Raises InvalidReason for deactivating a system reason (withdrawn, other)."""
    if not active and reason.is_system:
        raise InvalidReason(f"“{reason.label}” is used by the product itself, so it stays on the list.")
    reason.active = active
    reason.save(update_fields=["active"])
    return reason


def rejection_reason_move(*, reason: RejectionReason, offset: int) -> RejectionReason:
    """Move the reason `offset` places up (negative) or down its company's list;
    at an end, it stays. Renumbers the list 0, 1, 2…"""
    with transaction.atomic():
        reasons = list(
            RejectionReason.objects.select_for_update().filter(company_id=reason.company_id).order_by("position", "id")
        )
        index = next(i for i, item in enumerate(reasons) if item.pk == reason.pk)
        target = max(0, min(len(reasons) - 1, index + offset))
        reasons.insert(target, reasons.pop(index))
        for position, item in enumerate(reasons):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
    reason.position = target
    return reason


def rejection_reason_remove(*, reason: RejectionReason) -> bool:
    """Take the reason off the list: delete it when no history uses it (returns True),
    deactivate it otherwise, so past rejections keep their meaning (returns False).
    Raises InvalidReason for a system reason (withdrawn, other)."""
    if reason.is_system:
        raise InvalidReason(f"“{reason.label}” is used by the product itself, so it stays on the list.")
    try:
        with transaction.atomic():
            reason.delete()
    except ProtectedError:
        rejection_reason_set_active(reason=reason, active=False)
        return False
    return True
