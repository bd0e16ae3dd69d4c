"""Tags: the company's list, which its recruiters manage (add, rename, delete), and
putting them on applications and taking them off, from the application page and from
a board card's menu (one endpoint for both)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from ats.exceptions import ATSError
from ats.forms.tags import ApplicationTagForm, TagChangeForm, TagForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Application, Company, Tag
from ats.selectors.tags import company_tags_for_application, tags_of_company, tags_with_application_counts
from ats.services.tags import (
    TAG_NAME_MAX_LENGTH,
    application_tag_add,
    application_tag_remove,
    tag_create,
    tag_delete,
    tag_rename,
)
from ats.views.board import BOARD_TEMPLATE, board_context, board_state
from ats.views.helpers import CONFLICT, INVALID_FORM, attempt, form_status, require_perm, wants_fragment
from ats.views.lookups import get_application_for_user, get_company_for_user, get_tag_for_user

DENIED = "Only recruiters manage the company's tags."
TAG_DENIED = "Only the hiring team who may see this application can tag it."
TAGS_TEMPLATE = "ats/tags/_application_tags.html"

# The company's list -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def tag_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The list by name, each tag with how many applications carry it, and a form to add one."""
    require_perm(request, "ats.manage_tags", denied=DENIED)
    company = get_company_for_user(request.user)
    require_perm(request, "ats.manage_tags", company, denied=DENIED)
    form = TagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tag = attempt(
            request, lambda: tag_create(company=company, name=form.cleaned_data["name"]), form=form, field="name"
        )
        if tag:
            messages.success(request, f"“{tag.name}” is added to the list.")
            return redirect("tags")
    return render(request, "ats/tags/list.html", _list_context(company, form), status=form_status(form))


def _list_context(company: Company, form: TagForm) -> dict:
    return {"form": form, "tags": tags_with_application_counts(company.pk), "name_max_length": TAG_NAME_MAX_LENGTH}


@require_POST
@login_required
def tag_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Rename one tag, or delete it (after the list's confirmation, which says how many applications carry it)."""
    tag = get_tag_for_user(request.user, pk, perm="ats.manage_tags", denied=DENIED)
    form = TagChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That change isn't one this page offers.")
        return redirect("tags")
    old = tag.name
    if form.cleaned_data["action"] == "rename":
        renamed = attempt(request, lambda: tag_rename(tag=tag, name=form.cleaned_data["name"]))
        if renamed and renamed.name != old:
            messages.success(request, f"“{old}” is now called “{renamed.name}”.")
    else:
        removed = tag_delete(tag=tag)
        messages.success(request, f"“{old}” is deleted{_taken_off(removed)}.")
    return redirect("tags")


def _taken_off(count: int) -> str:
    if not count:
        return ""
    return f" and taken off {count} application{'s' if count != 1 else ''}"


# Tagging an application ---------------------------------------------------------------


def application_tags_context(application: Application) -> dict:
    """What the application page's tags block (ats/tags/_application_tags.html) shows:
    the application's tags, and the company's others to choose from."""
    tags = list(company_tags_for_application(application))
    return {
        "application_tags": [tag for tag in tags if getattr(tag, "on_application", False)],
        "tag_choices": [tag for tag in tags if not getattr(tag, "on_application", False)],
        "company_has_tags": bool(tags),
    }


@require_POST
@login_required
@vary_on_headers("HX-Request")
def application_tags(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Put one of the company's tags on the application (`add`) or take one off (`remove`).

    From the application page: htmx gets the tags block again with the result in its
    live region; a plain form post is redirected to the page, the result in a message.
    From a board card's menu (`next=board`, with the board's `board_state`): htmx gets
    the board as it now is, as after a move; a plain post goes back to the board.
    Adding a tag the application has, or removing one it hasn't, changes nothing and says so.
    """
    application = get_application_for_user(request.user, pk, perm="ats.tag_application", denied=TAG_DENIED)
    form = ApplicationTagForm(request.POST, tags=tags_of_company(application.job.company_id))
    status = INVALID_FORM
    if form.is_valid():
        try:
            message = _tag_change(request, application, form.cleaned_data)
        except ATSError as error:
            message, status = error.message, CONFLICT
        else:
            status = 200
    else:
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)

    on_board = request.POST.get("next") == "board"
    if wants_fragment(request):
        context: dict[str, Any] = {"status_message": message, "status_level": "success" if status == 200 else "error"}
        if on_board:
            context.update(board_context(request, application.job, board_state(_posted_state(request))))
            return render(request, f"{BOARD_TEMPLATE}#board_response", context, status=status)
        context.update(application=application, focus_add=True, **application_tags_context(application))
        return render(request, f"{TAGS_TEMPLATE}#application_tags_response", context, status=status)
    messages.add_message(request, messages.SUCCESS if status == 200 else messages.ERROR, message)
    if on_board:
        state = board_state(_posted_state(request))
        board_url = reverse("job_board", args=[application.job_id])
        return redirect(f"{board_url}?{state.urlencode()}" if state else board_url)
    return redirect(reverse("application_detail", args=[application.pk]) + "#tags-section")


def _posted_state(request: AuthenticatedHttpRequest) -> QueryDict:
    return QueryDict(request.POST.get("board_state", ""))


def _tag_change(request: AuthenticatedHttpRequest, application: Application, data: dict) -> str:
    """Apply the form's change and say what happened, in words."""
    name = application.candidate_name
    tag: Tag
    if data["add"]:
        tag = data["add"]
        added = application_tag_add(application=application, tag=tag, actor=request.user)
        return f"“{tag.name}” is added to {name}." if added else f"{name} already has “{tag.name}”."
    tag = data["remove"]
    removed = application_tag_remove(application=application, tag=tag, actor=request.user)
    return f"“{tag.name}” is removed from {name}." if removed else f"{name} doesn't have “{tag.name}”."
