"""The company's list of rejection reasons, which its recruiters manage: add, rename,
order, deactivate and reactivate, remove (a reason in use is deactivated instead)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ats.forms.workspace import RejectionReasonChangeForm, RejectionReasonForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Company, RejectionReason
from ats.selectors.reasons import rejection_reasons_in_use, rejection_reasons_of_company
from ats.services.reasons import (
    rejection_reason_create,
    rejection_reason_move,
    rejection_reason_remove,
    rejection_reason_rename,
    rejection_reason_set_active,
)
from ats.views.helpers import attempt, form_status, require_perm
from ats.views.lookups import get_company_for_user, get_rejection_reason_for_user

DENIED = "Only recruiters manage the company's rejection reasons."


@require_http_methods(["GET", "POST"])
@login_required
def reason_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The list, in the order the reject form offers it, with a form to add a reason."""
    require_perm(request, "ats.manage_rejection_reasons", denied=DENIED)
    company = get_company_for_user(request.user)
    require_perm(request, "ats.manage_rejection_reasons", company, denied=DENIED)
    form = RejectionReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = attempt(
            request,
            lambda: rejection_reason_create(company=company, label=form.cleaned_data["label"]),
            form=form,
            field="label",
        )
        if reason:
            messages.success(request, f"“{reason.label}” is added to the end of the list.")
            return redirect("rejection_reasons")
    return render(request, "ats/workspace/reasons.html", _context(company, form), status=form_status(form))


def _context(company: Company, form: RejectionReasonForm) -> dict:
    reasons = list(rejection_reasons_of_company(company.pk))
    in_use = rejection_reasons_in_use(company.pk)
    return {
        "form": form,
        "rows": [
            {"reason": reason, "in_use": reason.pk in in_use, "first": index == 0, "last": index == len(reasons) - 1}
            for index, reason in enumerate(reasons)
        ],
    }


@require_POST
@login_required
def reason_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Rename, move up or down, deactivate, reactivate or remove one reason."""
    reason = get_rejection_reason_for_user(request.user, pk, perm="ats.manage_rejection_reasons", denied=DENIED)
    form = RejectionReasonChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That change isn't one this page offers.")
        return redirect("rejection_reasons")
    action, label = form.cleaned_data["action"], form.cleaned_data["label"]
    if action == "rename":
        old = reason.label
        attempt(
            request,
            lambda: rejection_reason_rename(reason=reason, label=label),
            success=f"“{old}” is now called “{label.strip()}”.",
        )
    elif action in ("up", "down"):
        rejection_reason_move(reason=reason, offset=-1 if action == "up" else 1)
    elif action in ("deactivate", "reactivate"):
        active = action == "reactivate"
        done = f"“{reason.label}” is offered again." if active else f"“{reason.label}” is no longer offered."
        attempt(request, lambda: rejection_reason_set_active(reason=reason, active=active), success=done)
    else:
        _remove(request, reason)
    return redirect("rejection_reasons")


def _remove(request: AuthenticatedHttpRequest, reason: RejectionReason) -> None:
    label = reason.label
    deleted = attempt(request, lambda: rejection_reason_remove(reason=reason))
    if deleted:
        messages.success(request, f"“{label}” is removed.")
    elif deleted is not None:
        messages.info(request, f"“{label}” is recorded on past rejections, so it is deactivated instead of removed.")
