"""Request types for views. django-htmx sets `request.htmx`, which a plain HttpRequest
doesn't declare: views that read it take an HtmxHttpRequest, so the type checker knows."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
