"""A person's own data: asking for an export, following its progress, downloading it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from ats.http import AuthenticatedHttpRequest
from ats.selectors.privacy import data_export_downloadable, data_export_latest
from ats.services.privacy import data_export_request
from ats.views.helpers import require_perm, wants_fragment
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
    day = timezone.localdate(export.ready_at).isoformat() if export.ready_at else "export"
    return FileResponse(handle, as_attachment=True, filename=f"my-data-{day}.zip", content_type="application/zip")
