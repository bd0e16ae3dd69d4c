"""The shapes every view repeats, written once: ask a permission, run a service and
show its refusal, answer a form with an honest status, serve a page or its fragment."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest

from ats.exceptions import ATSError
from ats.http import HtmxHttpRequest

T = TypeVar("T")

# A form that comes back with errors. htmx swaps it in (base.html's responseHandling).
INVALID_FORM = 422
# A refused or stale move: the answer shows the truth, and htmx swaps it in too.
CONFLICT = 409


def require_perm(request: HttpRequest, perm: str, obj: Model | None = None, *, denied: str = "") -> None:
    """A 403 unless the rules grant `perm` (on `obj`) to the user."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(denied or "Your account can't open this page.")


def attempt(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    form: forms.BaseForm | None = None,
    field: str | None = None,
    success: str = "",
) -> T | None:
    """Run a service call and return what it returns, or None when it refuses.

    The refusal's message goes where the user will read it: on `form` (at
    `field`, or the field the refusal names, or above its fields) when there is
    one, else into the messages shown on the next page; `success`, when given, is
    the message shown after it worked. Services always return a value, so None only ever means "refused".
    """
    try:
        result = call()
    except ATSError as error:
        if form is not None:
            named = field or (error.field if error.field in form.fields else None)
            form.add_error(named, error.message)
        else:
            messages.error(request, error.message)
        return None
    if success:
        messages.success(request, success)
    return result


def form_status(*forms_shown: forms.BaseForm) -> int:
    """422 when a form on the page was sent and refused, 200 otherwise."""
    return INVALID_FORM if any(form.is_bound and form.errors for form in forms_shown) else 200


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """Whether to answer with a page's fragment: htmx asked, and not to restore history
    (which needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request
