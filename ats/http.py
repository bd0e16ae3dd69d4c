"""Request types for views, and what an htmx request says about its page. django-htmx
sets `request.htmx`, which a plain HttpRequest doesn't declare: views that read it take
an HtmxHttpRequest, so the type checker knows."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ats.models import User
from ats.text import has_control_characters

# Longer than any page's address here; a longer one was not sent by our pages.
CURRENT_URL_MAX_LENGTH = 2000


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """The request of a view behind `login_required`: its user is a real account."""

    user: User


def current_page_path(request: HtmxHttpRequest) -> str | None:
    """The path of the page an htmx request comes from (its HX-Current-URL header), when
    that is a page of this site; None for anything else: another site, an address that
    doesn't parse (`http://[`), one with a control character, or one too long to be ours."""
    url = request.htmx.current_url
    if not url or len(url) > CURRENT_URL_MAX_LENGTH or has_control_characters(url):
        return None
    try:
        path = request.htmx.current_url_abs_path
    except ValueError:
        return None
    if not path:
        return None
    # A path of this site: not "//elsewhere", which a browser reads as another site.
    return path if path.startswith("/") and not path.startswith("//") else None
