from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found

from ats import audit
from ats.http import AuthenticatedHttpRequest
from ats.views.lookups import get_application_for_user

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def private_no_store(view):
    """Mark every answer, the 404 included, as never to be stored by a browser or a shared cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404 as error:
            response = page_not_found(request, error)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


@require_GET
@login_required
@private_no_store
def resume_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Serve an application's resume to those the rules allow (see `lookups` for 404 and 403)."""
    application = get_application_for_user(request.user, pk, perm="ats.download_resume")
    if not application.resume:
        raise Http404("No resume here.")
    extension = "." + application.resume.name.rsplit(".", 1)[-1].lower()
    try:
        handle = application.resume.open("rb")
    except FileNotFoundError:
        raise Http404("The resume file is missing.") from None
    # Everyone's download is recorded, the candidate's own and an operator's included:
    # the log says who read the file (a candidate's entry keeps no email of theirs).
    audit.record(audit.Event.RESUME_DOWNLOADED, application, actor=request.user)
    # Named after the person, as the team knows them (slugified: a header-safe file name).
    filename = f"resume-{slugify(application.candidate_name) or 'candidate'}-{application.pk}{extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=CONTENT_TYPES.get(extension, "application/pdf")
    )
    return response
