"""HttpRequest as views see it behind HtmxMiddleware, so that mypy checks every `request.htmx` read."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
