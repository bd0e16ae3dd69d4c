"""Request types for views. django-htmx sets `request.htmx`, which a plain HttpRequest
doesn't declare: views that read it take an HtmxHttpRequest, so the type checker knows."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ats.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """The request of a view behind `login_required`: its user is a real account."""

    user: User
