"""A person's own data (asking for an export, following it, downloading it; deleting
the account) and the company's retention period."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from ats import audit
from ats.forms.privacy import AccountDeleteForm, RetentionForm
from ats.http import AuthenticatedHttpRequest
from ats.selectors.privacy import data_export_downloadable, data_export_latest
from ats.services import erasure
from ats.services.privacy import data_export_request
from ats.views.helpers import attempt, form_status, require_perm, wants_fragment
from ats.views.lookups import get_company_for_user
from ats.views.resumes import private_no_store


def data_export_context(user) -> dict:
    """The profile page's "Your data" section: the newest export, if any."""
    return {"data_export": data_export_latest(user)}


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
@private_no_store
def data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A POST asks for an export (or returns the one being built); a GET from htmx
    polls its progress. Both answer htmx with the "Your data" section, and a plain
    browser with the profile page."""
    require_perm(request, "ats.export_own_data")
    if request.method == "POST":
        data_export_request(user=request.user)
    if not wants_fragment(request):
        return redirect(reverse("profile") + "#your-data")
    return render(request, "ats/profile.html#your-data", data_export_context(request.user))


@require_GET
@login_required
@private_no_store
def data_export_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The export's zip, for its owner only (anyone else, staff too, gets a 404) while it lasts."""
    export = data_export_downloadable(request.user, pk)
    if export is None:
        raise Http404("No export here.")
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404("The export file is missing.") from None
    audit.record(audit.Event.EXPORTED, request.user, actor=request.user, what="own_data", export_id=export.pk)
    day = timezone.localdate(export.ready_at).isoformat() if export.ready_at else "export"
    return FileResponse(handle, as_attachment=True, filename=f"my-data-{day}.zip", content_type="application/zip")


@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What deleting the account erases and keeps, and the password that confirms it."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        deleted = attempt(request, lambda: erasure.account_delete(user=request.user, password=password), form=form)
        if deleted is not None:
            logout(request)
            return redirect("account_deleted")
    return render(request, "ats/privacy/account_delete.html", {"form": form}, status=form_status(form))


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    """The goodbye page: anyone may see it, there is nothing in it about anyone."""
    return render(request, "ats/privacy/account_deleted.html")


@require_http_methods(["GET", "POST"])
@login_required
def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The company's retention period: how long a finished application keeps the candidate's data."""
    company = get_company_for_user(request.user)
    require_perm(request, "ats.change_retention", company)
    form = RetentionForm(request.POST or None, initial={"retention_days": company.retention_days})
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["retention_days"]
        saved = attempt(
            request,
            lambda: erasure.retention_set(company=company, days=days),
            form=form,
            success=(
                f"Finished applications keep the candidate's personal data for {days} days."
                if days
                else "Finished applications keep the candidate's personal data until they delete their account."
            ),
        )
        if saved:
            return redirect("retention")
    context = {"form": form, "company": company}
    return render(request, "ats/privacy/retention.html", context, status=form_status(form))
